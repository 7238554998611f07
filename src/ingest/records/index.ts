import { parse as parseCsv } from 'csv-parse/sync';
import { ParallaxError, errorMessage } from '../../core/errors.ts';

/** The fields Parallax reads from a JSONL / JSON / CSV record, by their accepted names. */
export interface ArticleRecord {
  id: string | null;
  title: string | null;
  text: string | null;
  html: string | null;
  url: string | null;
  outlet: string | null;
  published: string | null;
  byline: string | null;
  language: string | null;
}

export type RecordItem = { input: string; record: ArticleRecord } | { input: string; error: ParallaxError };

const FIELDS = {
  text: ['text', 'body', 'content', 'article', 'articleBody', 'content_text'],
  html: ['html', 'content_html', 'raw_html'],
  title: ['title', 'headline'],
  url: ['url', 'link', 'canonical_url'],
  outlet: ['outlet', 'source', 'site', 'site_name', 'publisher'],
  published: ['published', 'date', 'published_at', 'publishedAt', 'datePublished', 'pubDate'],
  byline: ['byline', 'author', 'authors'],
  language: ['language', 'lang'],
} as const;

function pick(row: Record<string, unknown>, names: readonly string[]): string | null {
  for (const name of names) {
    const v = row[name];
    if (typeof v === 'string' && v.trim()) return v;
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length) return v.join(', ');
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  }
  return null;
}

function isoDate(value: string | null): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(/^\d{10}$/.test(value) ? Number(value) * 1000 : value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function toRecord(input: string, row: unknown): RecordItem {
  if (!row || typeof row !== 'object' || Array.isArray(row)) {
    return { input, error: new ParallaxError('bad-input', `ingest: ${input} is not a JSON object; each record must be an object with a "text" field`) };
  }
  const r = row as Record<string, unknown>;
  const text = pick(r, FIELDS.text);
  const html = pick(r, FIELDS.html);
  if (!text && !html) {
    return {
      input,
      error: new ParallaxError('bad-input', `ingest: ${input} has no "text", "body" or "content" field; add one or drop the record`),
    };
  }
  // A text field holding markup is treated as HTML ("<" first: the pattern's scan of a long plain text costs more).
  const textIsHtml = !!text && text.includes('<') && /<\/?(p|div|br|article|span)\b/i.test(text);
  const rawDate = pick(r, FIELDS.published);
  const published = isoDate(rawDate);
  const id = r.id ?? r._id ?? r.guid;
  return {
    input,
    record: {
      id: id === undefined || id === null || id === '' ? null : String(id),
      title: pick(r, FIELDS.title),
      text: textIsHtml ? null : text,
      html: html ?? (textIsHtml ? text : null),
      url: pick(r, FIELDS.url),
      outlet: pick(r, FIELDS.outlet),
      published,
      byline: pick(r, FIELDS.byline),
      language: pick(r, FIELDS.language),
    },
  };
}

/**
 * Records of a JSONL, JSON (array or {articles|items|records|data: […]}) or CSV file. A malformed
 * line becomes an error naming file:line; the other lines still go through. `firstLine`: the line
 * number of the text's first line, when it is a piece of a longer stream (standard input).
 */
export function* parseRecords(input: string, text: string, format: 'jsonl' | 'json' | 'csv', firstLine = 1): Iterable<RecordItem> {
  if (format === 'jsonl') {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      const n = firstLine + i;
      const where = `${input}:${n}`;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (error) {
        yield { input: where, error: new ParallaxError('bad-input', `ingest: line ${n} of ${input} is not valid JSON (${errorMessage(error)}); fix or remove the line`) };
        continue;
      }
      yield toRecord(where, row);
    }
    return;
  }
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      yield { input, error: new ParallaxError('bad-input', `ingest: ${input} is not valid JSON (${errorMessage(error)}); give a JSON array of records or a JSONL file`) };
      return;
    }
    const container = data as Record<string, unknown>;
    const rows = Array.isArray(data)
      ? data
      : (['articles', 'items', 'records', 'data'].map((k) => container?.[k]).find(Array.isArray) as unknown[] | undefined) ?? [data];
    for (const [i, row] of rows.entries()) yield toRecord(`${input}:${i + 1}`, row);
    return;
  }
  // A bad record (a stray or unclosed quote) is skipped with its line and the parse goes on: one
  // typo in a 10,000-row export must not drop the other 9,999. csv-parse reports some errors twice
  // for one record, hence one message per line.
  const skipped = new Map<number, ParallaxError>();
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
      trim: false,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: { lines?: number; message?: string } | undefined) => {
        const line = error?.lines ?? 0;
        if (!skipped.has(line)) {
          skipped.set(line, new ParallaxError('bad-input', `ingest: the CSV record at line ${line} of ${input} is malformed (${error?.message ?? 'unreadable'}); skipped, fix its quotes to keep it`));
        }
      },
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    yield { input, error: new ParallaxError('bad-input', `ingest: ${input} is not a readable CSV file (${errorMessage(error)}); it needs a header row with a "text" column`) };
    return;
  }
  // In file order; a record's line is the line it starts on (the header is line 1): csv-parse counts
  // the line it ends on, less the line breaks inside its quoted fields.
  const startLine = (record: Record<string, string>, end: number) => end - Object.values(record).reduce((n, v) => n + (String(v).match(/\n/g)?.length ?? 0), 0);
  const items: { line: number; item: RecordItem }[] = [
    ...rows.map(({ record, info }) => {
      const line = startLine(record, info.lines);
      return { line, item: toRecord(`${input}:${line}`, record) };
    }),
    ...[...skipped].map(([line, error]) => ({ line, item: { input: `${input}:${line}`, error } })),
  ];
  for (const { item } of items.sort((a, b) => a.line - b.line)) yield item;
}
