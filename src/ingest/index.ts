import { isUtf8 } from 'node:buffer';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ParallaxError, errorMessage, isParallaxError } from '../core/errors.ts';
import type { ArticleDraft, InputFormat } from '../core/types.ts';
import { createThreadPool, threadCount, type ThreadPool } from '../core/threads/index.ts';
import { cleanText, type HtmlExtractResult, type HtmlExtractTask } from '../extract/index.ts';
import { decodeText } from './decode.ts';
import type { FeedItem } from './feeds/index.ts';
import type { FetchedResource } from './fetch/index.ts';
import { DECOMPRESSED_RATIO, STREAMED_RATIO, gunzipCapped, gunzipStreamCapped, readFileCapped, splitLines, streamFile, type Line } from './limits.ts';
import { parseRecords, type RecordItem } from './records/index.ts';

// Readers of the formats an input may turn out to be, loaded the first time one is needed: text
// files never pay for the HTML parser and Readability (a quarter of a second at start-up), the
// feed parser or the WARC reader (another quarter together).
let htmlModule: typeof import('../extract/html/index.ts') | null = null;
const loadHtml = async () => (htmlModule ??= await import('../extract/html/index.ts'));
const loadFeeds = () => import('./feeds/index.ts');
const loadWarc = () => import('./warc/index.ts');

export interface IngestOptions {
  /** Outlet name given by the user; wins over everything found in the input. */
  outlet?: string;
  allowPrivate?: boolean;
  /** Largest file or download accepted, in bytes (default 20 MB); for JSONL, read a line at a time, the largest line (one record). */
  maxBytes?: number;
  userAgent?: string;
  respectRobots?: boolean;
  stdin?: NodeJS.ReadableStream;
  /** The file name standard input's bytes came under (an uploaded file): its extension says their format, as a file's does. */
  stdinName?: string;
  onWarning?: (warning: { input: string; message: string }) => void;
  /** Replaces the network fetcher (tests, workers with their own limits). */
  fetch?: (url: string) => Promise<FetchedResource>;
  /**
   * Worker threads that extract HTML pages (default: one per core; 1 keeps everything on this
   * thread). Threads start once a run has met more than a few pages; while they start (a second
   * or two), pages go on being extracted on this thread.
   */
  threads?: number;
  /** Send pages to the threads even before they have started, instead of extracting them here meanwhile (tests, steady-state benchmarks). */
  waitForThreads?: boolean;
}

export type IngestItem = { input: string; draft: ArticleDraft } | { input: string; error: ParallaxError };

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Names in a folder that describe the folder rather than hold articles. */
const NOT_ARTICLES = /^(readme|truth|license|licence|changelog|notes?)(\..*)?$|^outlets\.(ya?ml|json)$|\.(ya?ml|png|jpe?g|gif|svg|webp|pdf|zip|js|ts|css|py|sh|lock)$/i;

type Sniffed = Exclude<InputFormat, 'url'> | 'opml';

function formatFromName(name: string): Sniffed | null {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  const ext = path.extname(lower);
  if (lower.endsWith('.warc')) return 'warc';
  switch (ext) {
    case '.txt':
    case '.text':
      return 'text';
    case '.md':
    case '.markdown':
      return 'markdown';
    case '.html':
    case '.htm':
    case '.xhtml':
      return 'html';
    case '.rss':
    case '.atom':
    case '.xml':
    case '.rdf':
      return 'feed';
    case '.opml':
      return 'opml';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.json':
      return 'json';
    case '.csv':
      return 'csv';
    default:
      return null;
  }
}

function formatFromContent(text: string): Sniffed {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith('warc/')) return 'warc';
  if (/^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*<opml|^<opml/.test(head)) return 'opml';
  if (/<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]/.test(head) && !/<html[\s>]/.test(head)) return 'feed';
  if (head.startsWith('<')) return 'html';
  if (head.startsWith('[')) return 'json';
  // JSONL's second record can start far past the first 2,000 characters (a long article on one
  // line), so look for it in the whole text: a line that opens an object at its first column.
  if (head.startsWith('{')) return /jsonfeed\.org/.test(head) ? 'json' : /\n\{/.test(text) ? 'jsonl' : 'json';
  return 'text';
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Bytes that cannot be text: NUL, or many control characters, in the first few kilobytes. */
function looksBinary(bytes: Buffer): boolean {
  // UTF-16 text is full of NUL bytes; its byte-order mark says it is text.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}

/**
 * Reads every input (files, folders, globs, "-" for stdin, URLs) into article drafts.
 * One bad input never stops the rest: it becomes an item with an error saying what to do.
 */
export async function* readInputs(inputs: string[], options: IngestOptions = {}): AsyncIterable<IngestItem> {
  const reader = createInputReader(options);
  // Pages being extracted on other threads wait here, so items still come out in input order.
  const window: { item: Promise<IngestItem>; ready: boolean }[] = [];
  const lookahead = 4 * reader.threads;
  try {
    for (const [i, input] of inputs.entries()) {
      for await (const item of reader.read(input, inputs.length - i - 1)) {
        if (item instanceof Pending) {
          const slot = { item: item.item, ready: false };
          void item.item.finally(() => (slot.ready = true));
          window.push(slot);
        } else {
          window.push({ item: Promise.resolve(item), ready: true });
        }
        // Items ready at the head go out now rather than when the window is full: a slow input
        // after them (a stalled URL, a pipe that waits) must not hold back articles already read.
        while (window.length > lookahead || window[0]?.ready) yield await window.shift()!.item;
      }
    }
    while (window.length) yield await window.shift()!.item;
  } finally {
    await reader.close();
  }
}

/** An item whose page is being extracted on a worker thread. */
class Pending {
  constructor(readonly item: Promise<IngestItem>) {}
}

type Produced = IngestItem | Pending;

/**
 * Links followed from one input: OPML (0) → feed (1) → article (2), and one more for a feed
 * listed inside an OPML listed inside an OPML. Feeds that link to each other stop here at worst.
 */
const MAX_LINK_DEPTH = 3;

/** HTML pages a run extracts on its own thread before it starts worker threads. */
const PAGES_BEFORE_THREADS = 4;
/**
 * Fewest files a run must still have ahead for threads to start: each thread starts cold (a
 * second to load, then pages run slowly until the code is compiled), so 121 pages took 3.9 s on
 * two threads against 2.9 s on this one, while 605 took 11.5 s against ~15 s.
 */
const FILES_WORTH_THREADS = 250;

export interface InputReader {
  /** `inputsAfter`: how many inputs the run still has after this one (to judge whether threads pay). */
  read(input: string, inputsAfter?: number): AsyncIterable<Produced>;
  /** Worker threads the reader may use for HTML pages. */
  readonly threads: number;
  close(): Promise<void>;
}

export function createInputReader(options: IngestOptions = {}): InputReader {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fetcher = options.fetch ?? null;
  const fetchUrl = async (url: string): Promise<FetchedResource> => {
    fetcher ??= (await import('./fetch/index.ts')).createFetcher({ allowPrivate: options.allowPrivate, maxBytes, userAgent: options.userAgent, respectRobots: options.respectRobots });
    return fetcher(url);
  };
  const warn = (input: string, message: string) => options.onWarning?.({ input, message });
  const threads = threadCount(options.threads);
  let pool: ThreadPool<HtmlExtractTask, HtmlExtractResult | null> | null = null;
  let pagesSeen = 0;
  // Files known to be still ahead (inputs, files of a folder or pattern); null when a single input
  // can hold any number of pages (a WARC, a feed, records), where threads are always worth trying.
  let filesAhead: number | null = null;
  // Feed and page URLs already read for the current input (see fromUrl).
  const seen = new Set<string>();

  function extractPage(html: string, url: string | null): HtmlExtractResult | null | Promise<HtmlExtractResult | null> {
    pagesSeen++;
    if (threads > 1 && pagesSeen > PAGES_BEFORE_THREADS && (pool || filesAhead === null || filesAhead >= FILES_WORTH_THREADS || options.waitForThreads)) {
      pool ??= createThreadPool(new URL('../extract/html/task.ts', import.meta.url), threads);
      // Until its threads have started, pages are still extracted here rather than waiting.
      if (pool.ready || options.waitForThreads) return pool.run({ html, url });
    }
    if (!htmlModule) return loadHtml().then((m) => m.extractHtml(html, { url }));
    return htmlModule.extractHtml(html, { url });
  }

  function finish(partial: Partial<ArticleDraft> & { input: string; format: InputFormat; body: string }, raw: 'text' | 'markdown' | 'body'): IngestItem {
    const cleaned = cleanText(partial.body, { format: raw });
    if (!cleaned.text.trim()) {
      return { input: partial.input, error: new ParallaxError('empty', `ingest: ${partial.input} has no article text after cleaning; check it is an article`) };
    }
    const draft: ArticleDraft = {
      input: partial.input,
      format: partial.format,
      externalId: partial.externalId ?? null,
      url: partial.url ?? null,
      canonicalUrl: partial.canonicalUrl ?? null,
      outlet: options.outlet ?? partial.outlet ?? outletFromUrl(partial.canonicalUrl ?? partial.url ?? null),
      title: partial.title ?? cleaned.title,
      byline: partial.byline ?? null,
      published: partial.published ?? cleaned.published,
      language: partial.language ?? null,
      wire: partial.wire ?? cleaned.wire,
      text: cleaned.text,
      removed: [...(partial.removed ?? []), ...cleaned.removed],
      ...(partial.extractedBy ? { extractedBy: partial.extractedBy } : {}),
      ...(partial.extraction ? { extraction: partial.extraction } : {}),
    };
    return { input: partial.input, draft };
  }

  type HtmlHints = { url?: string | null; outlet?: string | null; published?: string | null; title?: string | null; byline?: string | null; format?: InputFormat };

  /** An HTML page's item, now or (when a worker thread extracts it) later; `then` adjusts the item. */
  function fromHtml(input: string, html: string, hints: HtmlHints, then: (item: IngestItem) => IngestItem = (item) => item): Produced {
    let page: ReturnType<typeof extractPage>;
    try {
      page = extractPage(html, hints.url ?? null);
    } catch (error) {
      return { input, error: unextractable(input, error) };
    }
    if (page instanceof Promise) {
      return new Pending(page.then((p) => then(htmlItem(input, p, hints)), (error: unknown) => ({ input, error: unextractable(input, error) })));
    }
    return then(htmlItem(input, page, hints));
  }

  function htmlItem(input: string, page: HtmlExtractResult | null, hints: HtmlHints): IngestItem {
    if (!page || !page.text.trim()) {
      return {
        input,
        error: new ParallaxError(
          'no-article',
          `ingest: no article found in ${input}: the page has no block of running text long enough to be an article (it may be an index page, a paywall or need JavaScript)`,
        ),
      };
    }
    return finish(
      {
        input,
        format: hints.format ?? 'html',
        url: hints.url ?? page.canonicalUrl ?? null,
        canonicalUrl: page.canonicalUrl,
        outlet: hints.outlet ?? page.siteName,
        title: hints.title ?? page.title,
        byline: hints.byline ?? page.byline,
        published: page.published ?? hints.published ?? null,
        language: page.language,
        removed: page.removed,
        body: page.text,
        extractedBy: page.source,
        extraction: page.decision,
      },
      'body',
    );
  }

  async function* fromFeed(input: string, body: string, baseUrl: string | null, depth = 0): AsyncIterable<Produced> {
    filesAhead = null; // a feed holds any number of pages
    const { parseFeed } = await loadFeeds();
    const feed = parseFeed(body, { input, url: baseUrl });
    if (!feed) {
      yield { input, error: new ParallaxError('not-a-feed', `ingest: ${input} is not an RSS, Atom or JSON feed; check the address or give the file its real extension`) };
      return;
    }
    if (!feed.items.length) warn(input, 'the feed has no items');
    const siteOutlet = feed.title;
    for (const [i, item] of feed.items.entries()) {
      const itemInput = item.url ?? `${input}#${i + 1}`;
      yield* fromFeedItem(itemInput, item, siteOutlet, depth + 1);
    }
  }

  async function* fromFeedItem(input: string, item: FeedItem, feedTitle: string | null, depth: number): AsyncIterable<Produced> {
    const { hasFullContent } = await loadFeeds();
    if (hasFullContent(item)) {
      yield fromHtml(
        input,
        `<html><body><article>${item.html}</article></body></html>`,
        { url: item.url, published: item.published, title: item.title, byline: item.byline, format: 'feed' },
        (result) => {
          // The feed's own fields are more trustworthy than what a fragment yields.
          if ('draft' in result) {
            result.draft.published = item.published ?? result.draft.published;
            result.draft.outlet = options.outlet ?? outletFromUrl(item.url) ?? feedTitle;
          }
          return result;
        },
      );
      return;
    }
    if (!item.url) {
      yield { input, error: new ParallaxError('no-article', `ingest: feed item "${item.title ?? '?'}" has neither full content nor a link to fetch`) };
      return;
    }
    yield* fromUrl(item.url, { published: item.published, title: item.title, byline: item.byline }, depth);
  }

  /** `depth`: links followed from the input to reach `url` (an OPML's feed is 1, that feed's article 2). */
  async function* fromUrl(url: string, hints: { published?: string | null; title?: string | null; byline?: string | null } = {}, depth = 0): AsyncIterable<Produced> {
    // An OPML that lists itself, or feeds that link to each other, would be read without end.
    if (seen.has(url)) {
      warn(url, 'was already read in this run (a feed or OPML list leads back to it); not read again');
      return;
    }
    if (depth > MAX_LINK_DEPTH) {
      yield { input: url, error: new ParallaxError('bad-input', `ingest: ${url} is ${depth} links away from the input (OPML → feed → article is 2); not followed past ${MAX_LINK_DEPTH}`) };
      return;
    }
    seen.add(url);
    let res: FetchedResource;
    try {
      res = await fetchUrl(url);
    } catch (error) {
      yield { input: url, error: asError(error, url) };
      return;
    }
    const type = (res.contentType ?? '').toLowerCase();
    const { text } = decodeText(res.body, res.contentType, (m) => warn(url, m));
    const sniffed = /json/.test(type) ? 'json' : /rss|atom|xml/.test(type) ? formatFromContent(text) : formatFromContent(text);
    if (res.url !== url && (sniffed === 'feed' || sniffed === 'opml') && seen.has(res.url)) {
      warn(url, `redirects to ${res.url}, already read in this run; not read again`);
      return;
    }
    seen.add(res.url);
    if (sniffed === 'feed' || (sniffed === 'json' && /jsonfeed\.org/.test(text.slice(0, 500)))) {
      yield* fromFeed(url, text, res.url, depth);
    } else if (sniffed === 'opml') {
      for (const feed of (await loadFeeds()).parseOpml(text)) yield* fromUrl(feed.url, {}, depth + 1);
    } else if (sniffed === 'html') {
      yield fromHtml(url, text, { url: res.url, ...hints, format: 'url' });
    } else {
      yield finish({ input: url, format: 'url', url: res.url, ...hints, body: text }, 'text');
    }
  }

  async function* fromBytes(input: string, bytes: Buffer, format: Sniffed | null): AsyncIterable<Produced> {
    if (bytes.length === 0) {
      yield { input, error: new ParallaxError('empty', `ingest: ${input} is empty; nothing to ingest`) };
      return;
    }
    if (bytes[0] === 0x1f && bytes[1] === 0x8b && format !== 'warc') {
      // Streamed with a cap on the output; a damaged file keeps what came before the damage,
      // and the damage is reported after the articles read from it.
      const { bytes: out, problem } = await gunzipCapped(input, bytes, maxBytes * DECOMPRESSED_RATIO);
      if (problem && (problem.code === 'too-large' || !out.length)) {
        yield { input, error: problem };
        return;
      }
      yield* fromContent(input, out, format);
      if (problem) yield { input, error: problem };
      return;
    }
    yield* fromContent(input, bytes, format);
  }

  async function* fromContent(input: string, bytes: Buffer, format: Sniffed | null): AsyncIterable<Produced> {
    // A WARC file may come with stray whitespace before its first record (a copy, a concatenation).
    const warcAt = /^\s*WARC\//.exec(bytes.subarray(0, 256).toString('latin1'));
    if (warcAt && format !== 'warc') bytes = bytes.subarray(warcAt[0].length - 5);
    if (format === 'warc' || warcAt || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
      let n = 0;
      let skipped = 0;
      filesAhead = null; // a WARC holds any number of pages
      // Records are read one at a time, each capped, and a .warc.gz is decompressed with a cap
      // on its whole output: a small file that inflates to gigabytes stops at the cap.
      const source = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipStreamCapped(input, bytes, maxBytes * DECOMPRESSED_RATIO) : bytes;
      const { readWarc } = await loadWarc();
      for await (const record of readWarc(source, { input, maxRecordBytes: maxBytes })) {
        if ('error' in record) {
          skipped++;
          yield { input: `${input}@${record.offset}`, error: record.error };
          continue;
        }
        if (!/html/i.test(record.contentType ?? 'text/html')) continue;
        n++;
        const { text } = decodeText(record.body, record.contentType, (m) => warn(`${input}#${record.url}`, m));
        yield fromHtml(`${input}#${record.url}`, text, { url: record.url, published: null, format: 'warc' });
      }
      if (!n && !skipped) yield { input, error: new ParallaxError('no-article', `ingest: ${input} holds no HTML response records`) };
      return;
    }
    if (looksBinary(bytes)) {
      yield { input, error: new ParallaxError('binary', `ingest: ${input} is a binary file, not text, HTML, a feed or records; give an article file instead`) };
      return;
    }
    const { text } = decodeText(bytes, null, (m) => warn(input, m));
    const kind = format ?? formatFromContent(text);
    switch (kind) {
      case 'text':
      case 'markdown':
        yield finish({ input, format: kind, body: text }, kind);
        return;
      case 'html':
        yield fromHtml(input, text, {});
        return;
      case 'feed':
        yield* fromFeed(input, text, null);
        return;
      case 'opml': {
        let feeds: { url: string }[];
        try {
          feeds = (await loadFeeds()).parseOpml(text);
        } catch (error) {
          yield { input, error: new ParallaxError('bad-input', `ingest: ${input} is not a readable OPML file (${errorMessage(error)})`) };
          return;
        }
        if (!feeds.length) yield { input, error: new ParallaxError('empty', `ingest: ${input} lists no feeds (no outline with an xmlUrl)`) };
        for (const feed of feeds) yield* fromUrl(feed.url, {}, 1);
        return;
      }
      case 'json':
        if (/"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(text.slice(0, 500))) {
          yield* fromFeed(input, text, null);
          return;
        }
      // falls through: a JSON array of records
      case 'jsonl':
      case 'csv':
        yield* fromRecords(parseRecords(input, text, kind), kind);
        return;
      case 'warc':
        return;
    }
  }

  function* fromRecords(records: Iterable<RecordItem>, kind: 'json' | 'jsonl' | 'csv'): Iterable<Produced> {
    filesAhead = null; // records may hold any number of pages
    for (const record of records) {
      if ('error' in record) {
        yield record;
        continue;
      }
      const r = record.record;
      if (r.html) {
        yield fromHtml(record.input, r.html, { url: r.url, title: r.title, published: r.published, byline: r.byline, format: kind }, (item) => {
          if ('draft' in item) {
            item.draft.externalId = r.id;
            item.draft.outlet = options.outlet ?? r.outlet ?? item.draft.outlet;
          }
          return item;
        });
      } else {
        yield finish(
          { input: record.input, format: kind, externalId: r.id, url: r.url, title: r.title, outlet: r.outlet, published: r.published, byline: r.byline, language: r.language, body: r.text ?? '' },
          'body',
        );
      }
    }
  }

  /**
   * Standard input. JSONL (a first line that is a whole JSON object) is read a line at a time as
   * it arrives, so a slow producer's records are stored while it waits, and a pile of any size goes
   * in (each line capped at --max-bytes); anything else is read whole first, like a file, capped at --max-bytes.
   */
  async function* fromStdin(stream: NodeJS.ReadableStream): AsyncIterable<Produced> {
    const tooLarge = (what: string) => new ParallaxError('too-large', `ingest: ${what} is over the ${maxBytes}-byte limit; raise --max-bytes`);
    const named = options.stdinName ? formatFromName(options.stdinName) : null;
    // Through for-await, which also takes what is only iterable (the server hands its bytes over as one).
    const input = (async function* () {
      for await (const chunk of stream as AsyncIterable<Buffer | string>) yield chunk;
    })();
    const asBuffer = (chunk: Buffer | string) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const chunks: Buffer[] = [];
    async function* readSoFarThenRest(): AsyncIterable<Buffer> {
      yield* chunks;
      for (let next = await input.next(); !next.done; next = await input.next()) yield asBuffer(next.value);
    }
    let size = 0;
    // Bytes that came with a file name (an upload) are read whole, as that file would be.
    let sniffed = !!named;
    for (let next = await input.next(); !next.done; next = await input.next()) {
      const buf = asBuffer(next.value);
      size += buf.length;
      chunks.push(buf);
      // Before the size check: JSONL is capped a line at a time, however much came in one read.
      if (!sniffed && buf.includes(0x0a)) {
        sniffed = true;
        if (firstLineIsRecord(Buffer.concat(chunks))) {
          yield* fromLines('-', splitLines(readSoFarThenRest(), maxBytes));
          return;
        }
      }
      if (size > maxBytes) {
        yield { input: options.stdinName ?? '-', error: tooLarge(options.stdinName ?? 'standard input') };
        return;
      }
    }
    if (named) yield* fromBytes(options.stdinName!, Buffer.concat(chunks), named);
    else yield* fromBytes('-', Buffer.concat(chunks), null);
  }

  /**
   * Records of JSONL lines, each parsed as it comes and named file:LINE. A line over --max-bytes is
   * skipped with its number and the lines after it are still read.
   */
  async function* fromLines(input: string, lines: AsyncIterable<Line>): AsyncIterable<Produced> {
    const what = input === '-' ? 'standard input' : input;
    let valid = true;
    for await (const line of lines) {
      if ('over' in line) {
        yield {
          input: `${input}:${line.n}`,
          error: new ParallaxError('too-large', `ingest: line ${line.n} of ${what} is over the ${maxBytes}-byte limit; raise --max-bytes to read it (in JSONL the limit is per line; the other lines are read)`),
        };
        continue;
      }
      let bytes = line.bytes;
      if (line.n === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (valid && !isUtf8(bytes)) {
        valid = false;
        warn(input, `is not valid UTF-8 (first at line ${line.n}); decoded with replacement characters (�) — save it as UTF-8`);
      }
      yield* fromRecords(parseRecords(input, bytes.toString('utf8'), 'jsonl', line.n), 'jsonl');
    }
  }

  /**
   * A JSONL file read a line at a time (through gunzip when it is gzip), never whole, so a pile of
   * any size goes in: --max-bytes caps each line, one record, instead of the file. `named`: its name
   * says JSONL, and its first character must be "{"; otherwise its first line must be a whole JSON
   * object and the next line start another (a one-line JSON document stays JSON, as when it is read
   * whole). Returns false, having yielded nothing, when the file is not that (a JSON document, a
   * WARC, UTF-16 text): the caller then reads it whole, as any other file.
   */
  async function* fromJsonlFile(input: string, file: string, named: boolean, size: number): AsyncGenerator<Produced, boolean> {
    const stream = streamFile(input, file, Math.max(maxBytes * DECOMPRESSED_RATIO, size * STREAMED_RATIO));
    const head: Buffer[] = [];
    let headSize = 0;
    for (;;) {
      const next = await stream.chunks.next();
      if (!next.done) {
        head.push(next.value);
        headSize += next.value.length;
        // Only a line break settles an unnamed file past its first chunk: a long first line is not copied meanwhile.
        if (!named && head.length > 1 && !next.value.includes(0x0a) && headSize <= maxBytes) continue;
      }
      const verdict = jsonlStart(Buffer.concat(head), named, !!next.done || headSize > maxBytes);
      if (verdict === null) continue;
      if (verdict) break;
      await stream.chunks.return(undefined);
      return false;
    }
    async function* chunks(): AsyncIterable<Buffer> {
      yield* head.splice(0);
      yield* stream.chunks;
    }
    yield* fromLines(input, splitLines(chunks(), maxBytes));
    // Damaged gzip (or a bomb) is reported after the records read before it.
    if (stream.problem) yield { input, error: stream.problem };
    return true;
  }

  async function* fromFile(input: string, file: string): AsyncIterable<Produced> {
    let info;
    try {
      info = await stat(file);
    } catch (error) {
      yield { input, error: new ParallaxError('unreadable', `ingest: cannot read ${input}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : errorMessage(error)}; check the path` ) };
      return;
    }
    // A device (/dev/zero), pipe or socket has no size to check and may never end.
    if (!info.isFile()) {
      yield { input, error: new ParallaxError('unreadable', `ingest: ${input} is not a regular file (a device, pipe or socket); give a file, or pipe it to "-"`) };
      return;
    }
    const format = formatFromName(file);
    if (format === 'jsonl' || format === null) {
      let streamed: boolean;
      try {
        streamed = yield* fromJsonlFile(input, file, format === 'jsonl', info.size);
      } catch (error) {
        yield { input, error: new ParallaxError('unreadable', `ingest: cannot read ${input}: ${errorMessage(error)}; check its permissions`) };
        return;
      }
      if (streamed) return;
    }
    const tooLarge = (size: string) => new ParallaxError('too-large', `ingest: ${input} is ${size} bytes, over the ${maxBytes}-byte limit; split it or raise --max-bytes`);
    if (info.size > maxBytes) {
      yield { input, error: tooLarge(String(info.size)) };
      return;
    }
    let bytes: Buffer | null;
    try {
      bytes = await readFileCapped(file, maxBytes);
    } catch (error) {
      yield { input, error: new ParallaxError('unreadable', `ingest: cannot read ${input}: ${errorMessage(error)}; check its permissions`) };
      return;
    }
    if (!bytes) {
      // It grew past the limit while being read.
      yield { input, error: tooLarge('more than') };
      return;
    }
    yield* fromBytes(input, bytes, format);
  }

  async function* read(input: string, inputsAfter = 0): AsyncIterable<Produced> {
    filesAhead = null;
    seen.clear();
    try {
      if (input === '-') {
        yield* fromStdin(options.stdin ?? process.stdin);
        return;
      }
      if (isUrl(input)) {
        yield* fromUrl(input);
        return;
      }
      const info = await stat(input).catch(() => null);
      if (info?.isDirectory()) {
        const files = (await glob('**/*', { cwd: input, onlyFiles: true, dot: false })).sort();
        const articles = files.filter((f) => !NOT_ARTICLES.test(path.basename(f)));
        if (!articles.length) yield { input, error: new ParallaxError('empty', `ingest: folder ${input} holds no article files`) };
        for (const [i, f] of articles.entries()) {
          filesAhead = inputsAfter + articles.length - i - 1;
          yield* fromFile(path.join(input, f), path.join(input, f));
        }
        return;
      }
      if (!info && isDynamicPattern(input)) {
        const files = (await glob(input, { onlyFiles: true })).sort();
        if (!files.length) yield { input, error: new ParallaxError('unreadable', `ingest: the pattern ${input} matches no files`) };
        for (const [i, f] of files.entries()) {
          filesAhead = inputsAfter + files.length - i - 1;
          yield* fromFile(f, f);
        }
        return;
      }
      filesAhead = inputsAfter;
      yield* fromFile(input, input);
    } catch (error) {
      yield { input, error: asError(error, input) };
    }
  }

  return {
    read,
    threads,
    close: async () => {
      await pool?.close();
      pool = null;
    },
  };
}

/**
 * Whether a file's first bytes open JSONL (see fromJsonlFile); null while `head` is too short to
 * tell and the file goes on (`ended` false).
 */
function jsonlStart(head: Buffer, named: boolean, ended: boolean): boolean | null {
  const isBlank = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isBlank(head[i])) i++;
  if (i === head.length) return ended ? false : null;
  if (head[i] !== 0x7b) return false;
  if (named) return true;
  const end = head.indexOf(0x0a);
  if (end < 0) return ended ? false : null;
  if (!firstLineIsRecord(head)) return false;
  let next = end + 1;
  while (next < head.length && (head[next] === 0x0a || head[next] === 0x0d)) next++;
  if (next === head.length) return ended ? false : null;
  return head[next] === 0x7b;
}

/** Whether the first line of `bytes` is one whole JSON object, as a JSONL file's is (and a JSON feed's is not). */
function firstLineIsRecord(bytes: Buffer): boolean {
  const line = bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8').replace(/^\uFEFF/, '').trim();
  if (!line.startsWith('{') || !line.endsWith('}') || /jsonfeed\.org/.test(line.slice(0, 500))) return false;
  try {
    const value: unknown = JSON.parse(line);
    return !!value && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * One page that breaks the extractor is that page's failure, not its file's: a record of a JSONL,
 * CSV or WARC file is skipped with its own name and the rest of the file goes on. The same words on
 * a worker thread as here (an error crossing threads loses its class).
 */
function unextractable(input: string, error: unknown): ParallaxError {
  return new ParallaxError('bad-input', `ingest: ${input} could not be extracted (${errorMessage(error)}); skipped`, { cause: error });
}

function asError(error: unknown, input: string): ParallaxError {
  if (isParallaxError(error)) return error;
  return new ParallaxError('internal', `ingest: ${input} failed unexpectedly: ${errorMessage(error)}`, { cause: error });
}

/** "https://www.gazette.example/a" → "gazette.example". */
export function outletFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}
