import { stringify } from 'csv-stringify/sync';
import type { ReportComparison } from './render.ts';

/**
 * A comparison as CSV, for a spreadsheet or a script. One CSV file is one table, so the caller
 * picks which:
 *
 * - `facts` (default): the outlet × fact matrix, one row per fact: its id, its text, how many
 *   sources report it, which sources are claimed to leave it out, then one column per source with
 *   that source's sentence (several on separate lines when it states the fact more than once), or
 *   empty when it does not report it.
 * - `numbers`: one row per figure compared: what it is about, the verdict (consistent, conflict,
 *   one outlet only) and its note, then each source's figure and the sentence it stands in.
 * - `quotes`: one row per quote: the speaker, the quote, its flags, how many sources carry it,
 *   then each source's wording and whom that source gives it to.
 *
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, lines end in CRLF.
 */
export const CSV_TABLES = ['facts', 'numbers', 'quotes'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export interface CsvOptions {
  /** Which table (default `facts`). */
  table?: CsvTable;
  /**
   * Start with a UTF-8 byte order mark. Spreadsheet programs (Excel above all) read a CSV file
   * without one in the system's legacy code page, and every curly quote of the articles turns into
   * "â€œ"; a download for people wants it, output for scripts (the CLI) does not.
   */
  bom?: boolean;
}

type Cell = string | number;

export function renderCsv(c: ReportComparison, options: CsvOptions = {}): string {
  const table = options.table ?? 'facts';
  if (!CSV_TABLES.includes(table)) throw new TypeError(`renderCsv: table must be one of ${CSV_TABLES.join(', ')}, not "${String(table)}"`);
  const rows = table === 'facts' ? factRows(c) : table === 'numbers' ? numberRows(c) : quoteRows(c);
  return writeCsv(rows, { bom: options.bom });
}

/**
 * Rows as CSV, the one writer of every CSV Parallax prints (these tables, the CLI's lists): RFC
 * 4180 (a field with a comma, quote or line break quoted, quotes doubled, CRLF line ends), and a
 * field with spaces at either end quoted too, so a reader that trims keeps them.
 */
export function writeCsv(rows: (Cell | null | undefined)[][], options: { bom?: boolean } = {}): string {
  return stringify(rows, {
    record_delimiter: 'windows',
    bom: options.bom ?? false,
    quoted_match: /^\s|\s$/,
    // Article text and outlet names are someone else's words. A cell that starts with = + - @ (or
    // a tab or carriage return, or their full-width forms) is run as a formula by Excel, LibreOffice
    // and Google Sheets when the file is opened: "=HYPERLINK(…)" in a headline would send the reader's
    // data elsewhere. OWASP's advice (https://owasp.org/www-community/attacks/CSV_Injection) is to
    // prefix such a cell with a single quote, which the spreadsheet shows and does not run; csv-stringify
    // does that for strings (a number stays a number). The cost: a sentence starting with "-" reads
    // "'-" in a script, which is rare in news text and visible.
    escape_formulas: true,
  });
}

/** What a source says in several sentences, one per line of the cell. */
const lines = (texts: (string | null | undefined)[]) => texts.filter((t): t is string => !!t).join('\n');

function factRows(c: ReportComparison): Cell[][] {
  const leftOut = new Map<string, string[]>();
  for (const o of c.omissions) {
    const claimed = new Set([...o.facts, ...(o.evidence ?? []).filter((ev) => ev.leaves === 'fact').map((ev) => ev.fact)]);
    for (const fact of claimed) leftOut.set(fact, [...(leftOut.get(fact) ?? []), o.source]);
  }
  return [
    ['fact', 'text', 'sources', 'left out by', ...c.sources.map((s) => s.id)],
    ...c.facts.map((f) => [
      f.id,
      f.text,
      f.sources.length,
      (leftOut.get(f.id) ?? []).join('; '),
      ...c.sources.map((s) => (f.sources.includes(s.id) ? lines(f.support.filter((x) => x.source === s.id).map((x) => x.text)) : '')),
    ]),
  ];
}

function numberRows(c: ReportComparison): Cell[][] {
  return [
    ['about', 'verdict', 'note', ...c.sources.flatMap((s) => [s.id, `${s.id}: sentence`])],
    ...c.numbers.map((n) => {
      const verdict = n.values.length < 2 ? 'one outlet only' : n.consistent ? 'consistent' : 'conflict';
      return [
        n.about,
        verdict,
        n.note ?? '',
        ...c.sources.flatMap((s) => {
          const values = n.values.filter((v) => v.source === s.id);
          return [lines(values.map((v) => v.text)), lines(values.map((v) => v.sentence))];
        }),
      ];
    }),
  ];
}

function quoteRows(c: ReportComparison): Cell[][] {
  return [
    ['speaker', 'quote', 'flags', 'sources', ...c.sources.flatMap((s) => [s.id, `${s.id}: speaker`])],
    ...c.quotes.map((q) => [
      q.speaker ?? '',
      q.text,
      (q.flags ?? []).join(', '),
      q.sources.length,
      ...c.sources.flatMap((s) => {
        const variants = q.variants.filter((v) => v.source === s.id);
        // A variant without its own speaker is given to the entry's.
        const speakers = [...new Set(variants.map((v) => (v.speaker === undefined ? q.speaker : v.speaker) ?? ''))];
        return [lines(variants.map((v) => v.text)), lines(speakers)];
      }),
    ]),
  ];
}
