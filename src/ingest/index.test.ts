import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../core/types.ts';
import type { FetchedResource } from './fetch/index.ts';
import { outletFromUrl, readInputs, type IngestItem, type IngestOptions } from './index.ts';
import { WARCRecord, WARCSerializer } from 'warcio';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fx = (name: string) => path.join(fixtures, name);

async function collect(inputs: string[], options: IngestOptions = {}): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  // Tests never touch the network: an unexpected fetch fails loudly.
  const fetch = options.fetch ?? (async (url: string) => Promise.reject(new Error(`unexpected fetch of ${url}`)));
  for await (const item of readInputs(inputs, { ...options, fetch })) out.push(item);
  return out;
}

function drafts(items: IngestItem[]): ArticleDraft[] {
  return items.flatMap((i) => ('draft' in i ? [i.draft] : []));
}

function errors(items: IngestItem[]): { input: string; code: string; message: string }[] {
  return items.flatMap((i) => ('error' in i ? [{ input: i.input, code: i.error.code, message: i.error.message }] : []));
}

/** A WARC of our own: one HTML response record per page, each followed by its request record. */
async function buildWarc(pages: { url: string; html: string }[]): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const page of pages) {
    const body = new TextEncoder().encode(page.html);
    const headers = { 'Content-Type': 'text/html; charset=utf-8' };
    const response = WARCRecord.create({ url: page.url, type: 'response', date: '2025-04-02T10:00:00Z', httpHeaders: headers }, (async function* () {
      yield body;
    })());
    parts.push(await WARCSerializer.serialize(response));
    const request = WARCRecord.create({ url: page.url, type: 'request', httpHeaders: { Host: 'asterdaily.example' }, statusline: 'GET / HTTP/1.1' });
    parts.push(await WARCSerializer.serialize(request));
  }
  return Buffer.concat(parts);
}

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-ingest-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function tmpFile(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, content);
  return file;
}

const longPage = (title: string, site: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:site_name" content="${site}"></head><body><article><h1>${title}</h1>
<p>The regional rail operator said on Friday that trains between Aster and Moll would run every twenty minutes from June, instead of every half hour, after the line's new signals were finished.</p>
<p>The change will add about 40 trains a day, the operator said. Commuter groups welcomed the plan but asked for longer trains in the morning, when many services are full before they reach the city.</p>
<p>"We have waited six years for these signals, so this is good news," said Elna Rask, who chairs the Aster commuters' association.</p>
</article></body></html>`;

describe('readInputs: formats', () => {
  it('reads a plain-text article with its headline and date line, and reports the boilerplate it removed', async () => {
    const [d] = drafts(await collect([fx('crane.txt')]));
    expect(d).toMatchObject({ format: 'text', title: 'Harbour crane collapses at Port Wendell', published: '2025-03-03' });
    expect(d!.text).toMatch(/^A container crane at the Port Wendell terminal collapsed/);
    expect(d!.text).not.toContain('Subscribe');
    expect(d!.removed.map((r) => r.text)).toContain('Subscribe to our newsletter for more harbour news.');
  });

  it('reads Markdown without its markup', async () => {
    const [d] = drafts(await collect([fx('crane.md')]));
    expect(d).toMatchObject({ format: 'markdown', title: 'Second crane at Port Wendell taken out of service', published: '2025-03-04' });
    expect(d!.text).toContain('Mira Tollen');
    expect(d!.text).not.toContain('Share this article');
  });

  it('extracts an HTML page: body without navigation, title, byline, date, site name as outlet, canonical URL', async () => {
    const [d] = drafts(await collect([fx('ferry.html')]));
    expect(d).toMatchObject({
      format: 'html',
      title: 'Ferry crews vote to strike',
      byline: 'Oskar Vennel',
      outlet: 'The Lantern Courier',
      url: 'https://www.lanterncourier.example/news/ferry-crews-vote',
      language: 'en',
    });
    expect(d!.published).toMatch(/^2025-04-02/);
    expect(d!.text).toContain('Of the 212 members who voted, 171 backed the walkout');
    expect(d!.text).not.toMatch(/Home|All rights reserved/);
  });

  it('reads an RSS feed with full content, taking date and link from the feed', async () => {
    const [d, ...rest] = drafts(await collect([fx('harbour.rss')]));
    expect(rest).toHaveLength(0);
    expect(d).toMatchObject({ format: 'feed', title: 'Pilot boats get new engines', url: 'https://harbourweekly.example/pilot-boats' });
    expect(d!.published).toMatch(/^2025-04-07T06:00/);
    expect(d!.text).toContain('about 400,000 euros');
  });

  it('reads a JSON Feed', async () => {
    const body = 'Snow closed the mountain pass at Harrow Gap for the second time this week, and the road authority said it would stay closed until ploughs could clear drifts of up to two metres. '.repeat(8);
    const file = await tmpFile('snow.json', JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Gap Herald',
      items: [{ id: '1', url: 'https://gapherald.example/snow', title: 'Pass closed again', content_html: `<p>${body}</p>`, date_published: '2025-01-20T07:00:00Z' }],
    }));
    const [d] = drafts(await collect([file]));
    expect(d).toMatchObject({ format: 'feed', title: 'Pass closed again', url: 'https://gapherald.example/snow' });
    expect(d!.text).toContain('Harrow Gap');
  });

  it('reads JSONL records with their ids, outlets and dates; a broken line is an error naming file:line and the rest goes on', async () => {
    const items = await collect([fx('records.jsonl')]);
    const ds = drafts(items);
    expect(ds.map((d) => d.externalId)).toEqual(['wg-101', 'wg-102']);
    expect(ds[0]).toMatchObject({ input: `${fx('records.jsonl')}:1`, format: 'jsonl', outlet: 'West Gazette', title: 'Town council approves new bus lanes', published: '2025-02-13T09:00:00.000Z' });
    // "body", "source" and "date" are accepted spellings of text, outlet and published.
    expect(ds[1]).toMatchObject({ outlet: 'West Gazette', published: '2025-02-15' });
    expect(ds[1]!.text).toContain('3,000 books');
    const errs = errors(items);
    expect(errs.map((e) => e.input)).toEqual([`${fx('records.jsonl')}:3`, `${fx('records.jsonl')}:4`]);
    expect(errs[0]!.message).toMatch(/line 3 of .*records\.jsonl is not valid JSON/);
    expect(errs[1]!.message).toMatch(/no "text", "body" or "content" field/);
  });

  it('reads a JSON array of records, taking the outlet from the URL domain when none is given', async () => {
    const ds = drafts(await collect([fx('records.json')]));
    expect(ds.map((d) => [d.externalId, d.outlet, d.title])).toEqual([
      ['7', 'valleypost.example', 'Orchard growers report early blossom'],
      ['8', 'valleypost.example', 'Cycling race returns to Velm'],
    ]);
  });

  it('reads CSV records, numbering inputs by file line (header is line 1)', async () => {
    const ds = drafts(await collect([fx('records.csv')]));
    expect(ds.map((d) => d.input)).toEqual([`${fx('records.csv')}:2`, `${fx('records.csv')}:3`]);
    expect(ds[1]).toMatchObject({ externalId: 'c2', outlet: 'Kessmoor Times', published: '2025-05-09', title: 'Market hall gets new roof' });
  });

  it('treats HTML inside a record text field as a page to extract', async () => {
    const file = await tmpFile('html-records.jsonl', `${JSON.stringify({ id: 'h1', html: longPage('Trains every twenty minutes', 'Aster Daily'), url: 'https://asterdaily.example/trains' })}\n`);
    const [d] = drafts(await collect([file]));
    expect(d).toMatchObject({ externalId: 'h1', outlet: 'Aster Daily', title: 'Trains every twenty minutes' });
    expect(d!.text).not.toContain('<p>');
  });

  it('reads HTML response records from a WARC file, plain or gzipped', async () => {
    const warc = await buildWarc([
      { url: 'https://asterdaily.example/trains', html: longPage('Trains every twenty minutes', 'Aster Daily') },
      { url: 'https://asterdaily.example/index', html: '<html><body><a href="/a">A</a></body></html>' },
    ]);
    const plain = await tmpFile('crawl.warc', warc);
    const gz = await tmpFile('crawl.warc.gz', gzipSync(warc));
    for (const file of [plain, gz]) {
      const items = await collect([file]);
      expect(drafts(items).map((d) => [d.format, d.url, d.title])).toEqual([['warc', 'https://asterdaily.example/trains', 'Trains every twenty minutes']]);
      // The index page has no article: it is reported, not silently dropped.
      expect(errors(items)).toEqual([expect.objectContaining({ input: `${file}#https://asterdaily.example/index`, code: 'no-article' })]);
    }
  });

  it('reads a WARC that starts after stray whitespace, whatever its name, instead of taking it for text', async () => {
    const warc = await buildWarc([{ url: 'https://asterdaily.example/trains', html: longPage('Trains every twenty minutes', 'Aster Daily') }]);
    const file = await tmpFile('crawl-copy.txt', Buffer.concat([Buffer.from('\n  \r\n'), warc]));
    const items = await collect([file]);
    expect(drafts(items).map((d) => [d.format, d.title])).toEqual([['warc', 'Trains every twenty minutes']]);
    const onlyInfo = await tmpFile('info.txt', '\n  WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n');
    const none = await collect([onlyInfo]);
    expect(drafts(none)).toEqual([]);
    expect(errors(none).length).toBe(1);
  });

  it('sniffs the format by content when the extension says nothing', async () => {
    const html = await tmpFile('page', longPage('Trains every twenty minutes', 'Aster Daily'));
    const rss = await tmpFile('feed.dat', await readFile(fx('harbour.rss')));
    const jsonl = await tmpFile('dump', (await readFile(fx('records.jsonl'), 'utf8')).split('\n').slice(0, 2).join('\n'));
    const ds = drafts(await collect([html, rss, jsonl]));
    expect(ds.map((d) => d.format)).toEqual(['html', 'feed', 'jsonl', 'jsonl']);
  });

  it('reads gzipped single files', async () => {
    const file = await tmpFile('crane.txt.gz', gzipSync(await readFile(fx('crane.txt'))));
    expect(drafts(await collect([file]))[0]?.title).toBe('Harbour crane collapses at Port Wendell');
  });
});

describe('readInputs: where inputs come from', () => {
  it('expands a folder recursively, skipping the files that describe it (outlets file)', async () => {
    const items = await collect([fixtures]);
    // The two bad JSONL lines, and the OPML file's feed (no network in tests).
    expect(errors(items).map((e) => e.input)).toEqual(['https://harbourweekly.example/feed.xml', `${fx('records.jsonl')}:3`, `${fx('records.jsonl')}:4`]);
    const inputs = drafts(items).map((d) => path.basename(d.input.split(':')[0]!.split('#')[0]!));
    expect(inputs).toContain('crane.txt');
    expect(inputs).toContain('ferry.html');
    expect(inputs.some((i) => i.startsWith('outlets'))).toBe(false);
  });

  it('expands globs', async () => {
    const ds = drafts(await collect([path.join(fixtures, 'crane.*').replaceAll('\\', '/')]));
    expect(ds.map((d) => d.format).sort()).toEqual(['markdown', 'text']);
  });

  it('reads "-" from standard input', async () => {
    const stdin = Readable.from([await readFile(fx('crane.txt'))]);
    const [item] = await collect(['-'], { stdin });
    expect(item && 'draft' in item && item.draft).toMatchObject({ input: '-', title: 'Harbour crane collapses at Port Wendell' });
  });

  it('reads JSONL on standard input line by line, numbering lines across chunks that split a line or a character', async () => {
    const text = (n: number) => `Le barrage d’Orrin sera inspecté (${n}) après des fissures, a dit l’office de l’eau.`;
    const jsonl = `${JSON.stringify({ id: 'a', text: text(1) })}\n{broken\n\n${JSON.stringify({ id: 'b', text: text(2) })}`;
    const bytes = Buffer.from(jsonl);
    // Cut inside the first line's "’" (3 bytes in UTF-8) and inside the last line.
    const cut = bytes.indexOf(Buffer.from('’')) + 1;
    const stdin = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut, bytes.length - 5), bytes.subarray(bytes.length - 5)]);
    const items = await collect(['-'], { stdin });
    expect(items.map((i) => i.input)).toEqual(['-:1', '-:2', '-:4']);
    expect(drafts(items).map((d) => [d.externalId, d.text])).toEqual([['a', text(1)], ['b', text(2)]]);
    expect('error' in items[1]! && items[1].error.message).toMatch(/line 2 of - is not valid JSON/);
  });

  it('fetches URLs through the fetcher and extracts the page; an OPML list leads to its feeds', async () => {
    const pages: Record<string, FetchedResource> = {
      'https://asterdaily.example/trains': { url: 'https://www.asterdaily.example/trains', status: 200, contentType: 'text/html; charset=utf-8', body: Buffer.from(longPage('Trains every twenty minutes', 'Aster Daily')) },
      'https://harbourweekly.example/feed.xml': { url: 'https://harbourweekly.example/feed.xml', status: 200, contentType: 'application/rss+xml', body: await readFile(fx('harbour.rss')) },
    };
    const fetched: string[] = [];
    const fetch = async (url: string) => {
      fetched.push(url);
      const page = pages[url];
      if (!page) throw new Error(`no page ${url}`);
      return page;
    };
    const ds = drafts(await collect(['https://asterdaily.example/trains', fx('feeds.opml')], { fetch }));
    expect(fetched).toEqual(['https://asterdaily.example/trains', 'https://harbourweekly.example/feed.xml']);
    expect(ds.map((d) => [d.format, d.title])).toEqual([
      ['url', 'Trains every twenty minutes'],
      ['feed', 'Pilot boats get new engines'],
    ]);
    // The final URL after redirects is the article's URL.
    expect(ds[0]!.url).toBe('https://www.asterdaily.example/trains');
  });

  it('a failed fetch is an item with the error, not a thrown exception', async () => {
    const items = await collect(['https://gone.example/x', fx('crane.txt')], { fetch: async () => Promise.reject(new Error('connection refused')) });
    expect(errors(items)).toEqual([expect.objectContaining({ input: 'https://gone.example/x', message: expect.stringContaining('connection refused') })]);
    expect(drafts(items)).toHaveLength(1);
  });

  it('--outlet wins over every outlet the input names', async () => {
    const ds = drafts(await collect([fx('ferry.html'), fx('records.jsonl')], { outlet: 'My Outlet' }));
    expect(new Set(ds.map((d) => d.outlet))).toEqual(new Set(['My Outlet']));
  });
});

describe('readInputs: bad input', () => {
  it('names the file and what to do for empty, binary, oversized, missing and unmatched inputs — and keeps going', async () => {
    const empty = await tmpFile('empty.txt', '');
    const binary = await tmpFile('image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const big = await tmpFile('big.txt', `Title\n\n${'word '.repeat(400)}`);
    const missing = path.join(tmp, 'nope.txt');
    const items = await collect([empty, binary, big, missing, path.join(tmp, 'zz-*.txt'), fx('crane.txt')], { maxBytes: 1000 });
    expect(errors(items).map((e) => [e.input, e.code])).toEqual([
      [empty, 'empty'],
      [binary, 'binary'],
      [big, 'too-large'],
      [missing, 'unreadable'],
      [path.join(tmp, 'zz-*.txt'), 'unreadable'],
    ]);
    const messages = errors(items).map((e) => e.message);
    expect(messages[0]).toContain(empty);
    expect(messages[2]).toMatch(/over the 1000-byte limit; split it or raise --max-bytes/);
    expect(messages[3]).toMatch(/no such file or folder; check the path/);
    expect(messages[4]).toMatch(/matches no files/);
    expect(drafts(items)).toHaveLength(1);
  });

  it('reports an HTML page without an article, a text file with only boilerplate, and a broken JSON file', async () => {
    const nav = await tmpFile('nav.html', '<html><body><nav><a href="/">Home</a><a href="/b">B</a></nav></body></html>');
    const boiler = await tmpFile('boiler.txt', 'Subscribe to our newsletter\n');
    const json = await tmpFile('broken.json', '[{"id": 1, "text": "unterminated');
    const errs = errors(await collect([nav, boiler, json]));
    expect(errs.map((e) => e.code)).toEqual(['no-article', 'empty', 'bad-input']);
    expect(errs[2]!.message).toMatch(/broken\.json is not valid JSON/);
  });

  it('standard input over the size limit is refused', async () => {
    const [item] = await collect(['-'], { stdin: Readable.from([Buffer.alloc(2000, 0x61)]), maxBytes: 1000 });
    expect(item && 'error' in item && item.error.code).toBe('too-large');
  });
});

describe('readInputs: character sets', () => {
  const article = 'Café owners in Søndervik said on Tuesday that the new harbour promenade had doubled their summer trade, according to a survey by the town’s business association. About 35 cafés took part.';

  it('honours a byte-order mark, a <meta charset> declaration, and UTF-16', async () => {
    const bom = await tmpFile('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`Cafés thrive\n\n${article}`)]));
    const latin = await tmpFile('latin.html', Buffer.from(longPage('Caf\u00e9s thrive in S\u00f8ndervik', 'Fjord Post').replace('utf-8', 'windows-1252'), 'latin1'));
    const utf16 = await tmpFile('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Cafés thrive\n\n${article}`, 'utf16le')]));
    const warnings: string[] = [];
    const ds = drafts(await collect([bom, latin, utf16], { onWarning: (w) => warnings.push(w.message) }));
    expect(ds[0]!.text).toContain('Søndervik');
    expect(ds[0]!.title).toBe('Cafés thrive');
    expect(ds[1]!.title).toBe('Cafés thrive in Søndervik');
    expect(ds[2]!.text).toContain('town’s');
    expect(warnings).toEqual([]);
  });

  it('decodes undeclared non-UTF-8 text with replacement characters and a warning', async () => {
    const file = await tmpFile('legacy.txt', Buffer.from(`Cafes thrive\n\n${article}`, 'latin1'));
    const warnings: { input: string; message: string }[] = [];
    const ds = drafts(await collect([file], { onWarning: (w) => warnings.push(w) }));
    expect(ds[0]!.text).toContain('S\ufffdndervik');
    expect(warnings).toEqual([{ input: file, message: expect.stringMatching(/not valid UTF-8.*save it as UTF-8/) }]);
  });

  it('normalises text to Unicode NFC', async () => {
    const decomposed = `Cafe\u0301 prices rise\n\n${article.normalize('NFD')}`;
    const file = await tmpFile('nfd.txt', decomposed);
    const [d] = drafts(await collect([file]));
    expect(d!.text).toBe(d!.text.normalize('NFC'));
    expect(d!.text).toContain('Søndervik');
  });
});

describe('HTML pages on worker threads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parallax-threads-'));
    // Enough pages that the reader starts its worker threads, each a different fictional report.
    for (let i = 0; i < 20; i++) {
      const n = String(i).padStart(2, '0');
      const paragraphs = Array.from(
        { length: 5 },
        (_, p) => `<p>Harbour crews in Søndervik counted ${i * 10 + p} moored boats on day ${i + 1} of the inspection, the port office said in its report number ${n}-${p}.</p>`,
      ).join('');
      await writeFile(
        path.join(dir, `page-${n}.html`),
        `<!doctype html><html lang="en"><head><title>Harbour count ${n}</title><meta property="article:published_time" content="2025-04-${String(i + 1).padStart(2, '0')}T08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>Harbour count ${n}</h1>${paragraphs}</article><footer>© Søndervik Post</footer></body></html>`,
      );
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same articles, in the same order, as extraction on one thread', async () => {
    const one = drafts(await collect([dir], { threads: 1 }));
    const two = drafts(await collect([dir], { threads: 2, waitForThreads: true }));
    expect(one).toHaveLength(20);
    expect(two.map((d) => d.title)).toEqual(one.map((d) => d.title));
    expect(two).toEqual(one);
    expect(two[19]!.published).toBe('2025-04-20T08:00:00.000Z');
  });
});

describe('outletFromUrl', () => {
  it('takes the host name without www', () => {
    expect(outletFromUrl('https://www.gazette.example/a/b')).toBe('gazette.example');
    expect(outletFromUrl('not a url')).toBeNull();
    expect(outletFromUrl(null)).toBeNull();
  });
});

describe('readInputs: one bad record never ends its file (issue 19, item 3)', () => {
  const story = (n: number) => `Record ${n}: the harbour authority said on Monday that the north quay would reopen after repairs to its crane rails, which had cracked in the winter storms. Traffic will return in stages over the next fortnight.`;

  it('skips an HTML record that breaks the extractor with file:line and reads the records after it, in JSONL, CSV and WARC', async () => {
    const jsonl = await tmpFile('mixed.jsonl', [{ id: 'a', text: story(1) }, { id: 'b', html: '<script>alert(1)</script>' }, { id: 'c', text: story(3) }].map((r) => JSON.stringify(r)).join('\n'));
    const csv = await tmpFile('mixed.csv', `id,html,text\na,,"${story(1)}"\nb,<script>alert(1)</script>,\nc,,"${story(3)}"\n`);
    const jsonlItems = await collect([jsonl], { threads: 1 });
    expect(drafts(jsonlItems).map((d) => d.externalId)).toEqual(['a', 'c']);
    expect(errors(jsonlItems)).toEqual([expect.objectContaining({ input: `${jsonl}:2` })]);
    const csvItems = await collect([csv], { threads: 1 });
    expect(drafts(csvItems).map((d) => d.externalId)).toEqual(['a', 'c']);
    expect(errors(csvItems).map((e) => e.input)).toEqual([`${csv}:3`]);

    const warc = await tmpFile('mixed.warc', await buildWarc([
      { url: 'https://asterdaily.example/one', html: longPage('Trains every twenty minutes', 'Aster Daily') },
      { url: 'https://asterdaily.example/bad', html: '<script>alert(1)</script>' },
      { url: 'https://asterdaily.example/two', html: longPage('Longer trains in the morning', 'Aster Daily') },
    ]));
    const warcItems = await collect([warc], { threads: 1 });
    expect(drafts(warcItems).map((d) => d.url)).toEqual(['https://asterdaily.example/one', 'https://asterdaily.example/two']);
    expect(errors(warcItems).map((e) => e.input)).toEqual([`${warc}#https://asterdaily.example/bad`]);
  });

  it('keeps what a truncated .gz held before the damage, then names the file and the damage', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: String(i + 1), text: story(i + 1) }));
    const gz = gzipSync(lines.join('\n'));
    const file = await tmpFile('cut.jsonl.gz', gz.subarray(0, Math.floor(gz.length * 0.6)));
    const items = await collect([file], { threads: 1 });
    expect(drafts(items).length).toBeGreaterThan(100);
    expect(errors(items).at(-1)).toMatchObject({ input: file, code: 'bad-input', message: expect.stringMatching(/cut\.jsonl\.gz is damaged after \d+ decompressed bytes \(unexpected end of file\)/) });
  });
});

describe('readInputs: inputs that stall or flood (issue 19, item 4)', () => {
  it('refuses a FIFO (or a device such as /dev/zero) as "not a regular file" instead of reading it for ever', async () => {
    const fifo = path.join(tmp, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    try {
      const [item] = await collect([fifo]);
      expect(item).toMatchObject({ input: fifo, error: { code: 'unreadable', message: expect.stringContaining('is not a regular file') } });
    } finally {
      // Release a reader blocked on the pipe (today's code), so the test process can end.
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // no reader waiting
      }
    }
  }, 5000);

  it('caps what a .warc.gz decompresses to: a bomb stops at the cap with a reason', async () => {
    const warc = await buildWarc([{ url: 'https://asterdaily.example/one', html: longPage('Trains every twenty minutes', 'Aster Daily') }]);
    const bomb = await tmpFile('bomb.warc.gz', gzipSync(Buffer.concat([warc, Buffer.alloc(30_000_000, 0x20)])));
    const items = await collect([bomb], { maxBytes: 1_000_000, threads: 1 });
    expect(drafts(items)).toHaveLength(1);
    expect(errors(items)).toEqual([expect.objectContaining({ code: 'too-large', message: expect.stringContaining('bomb.warc.gz decompresses to more than 4000000 bytes') })]);
  });

  it('reads an OPML that lists itself, and feeds that link to each other, once each', async () => {
    const base = 'https://loop.example';
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Loop</title></head><body><outline text="self" xmlUrl="${base}/feeds.opml"/><outline text="a" xmlUrl="${base}/a.rss"/></body></opml>`;
    const rss = (link: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Loop</title><link>${base}</link><item><title>Next</title><link>${link}</link><description>Teaser</description></item></channel></rss>`;
    const bodies: Record<string, string> = { '/feeds.opml': opml, '/a.rss': rss(`${base}/b.rss`), '/b.rss': rss(`${base}/a.rss`) };
    let fetches = 0;
    const fetch = async (url: string): Promise<FetchedResource> => {
      // Today's code would fetch for ever: fail the test instead of hanging it.
      if (++fetches > 50) throw new Error('fetched more than 50 times');
      const body = bodies[new URL(url).pathname];
      if (!body) throw new Error(`unexpected fetch of ${url}`);
      return { url, status: 200, contentType: url.endsWith('.opml') ? 'text/x-opml' : 'application/rss+xml', body: Buffer.from(body) } as FetchedResource;
    };
    const warnings: string[] = [];
    const items = await collect([`${base}/feeds.opml`], { fetch, onWarning: (w) => warnings.push(`${w.input}: ${w.message}`) });
    expect(fetches).toBe(3);
    expect(items).toEqual([]);
    expect(warnings).toEqual([
      `${base}/feeds.opml: was already read in this run (a feed or OPML list leads back to it); not read again`,
      `${base}/a.rss: was already read in this run (a feed or OPML list leads back to it); not read again`,
    ]);
  });
});

describe('readInputs: a wrong charset declaration (issue 19, item 7)', () => {
  it('warns with the file name and suggests the right charset when the declared one yields many replacement characters', async () => {
    const text = 'Caf\u00e9 owners in S\u00f8ndervik said the new promenade had doubled their summer trade; the caf\u00e9s near the pier did best. '.repeat(10);
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Caf\u00e9s thrive</title></head><body><article><p>${text}</p><p>${text}</p></article></body></html>`;
    const file = await tmpFile('mislabelled.html', Buffer.from(page, 'latin1'));
    const warnings: { input: string; message: string }[] = [];
    await collect([file], { onWarning: (w) => warnings.push(w), threads: 1 });
    expect(warnings).toEqual([{ input: file, message: expect.stringMatching(/declares the charset "utf-8" but \d+ characters could not be read as utf-8 .*probably windows-1252/) }]);
  });

  it('reads UTF-8 as UTF-8 when the page wrongly declares another charset, and says so', async () => {
    const page = `<!doctype html><html><head><meta charset="shift_jis"><title>Cafés</title></head><body><article><p>${'Café owners in Søndervik — “busy” — said trade doubled. '.repeat(20)}</p></article></body></html>`;
    const file = await tmpFile('utf8-as-sjis.html', page);
    const warnings: string[] = [];
    const [d] = drafts(await collect([file], { onWarning: (w) => warnings.push(w.message), threads: 1 }));
    expect(d?.text).toContain('Café owners in Søndervik — “busy”');
    expect(warnings).toEqual([expect.stringMatching(/declares the charset "shift_jis" but is UTF-8/)]);
  });

  it('reads windows-1252 bytes 0x80–0x9F as € ’ “ ” — for the labels windows-1252, latin1 and iso-8859-1', async () => {
    const body = 'Fares rise to \u20ac3 \u2014 the operator\u2019s \u201cfinal\u201d rise. The harbour authority said on Monday that the quay would reopen after repairs. '.repeat(4);
    const bytes = Buffer.from(body.replace(/[\u20ac\u2014\u2019\u201c\u201d]/g, (c) => String.fromCharCode({ '\u20ac': 0x80, '\u2014': 0x97, '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94 }[c]!)), 'latin1');
    for (const label of ['windows-1252', 'latin1', 'ISO-8859-1']) {
      const file = await tmpFile(`fares-${label}.html`, Buffer.concat([Buffer.from(`<html><head><meta charset="${label}"><title>Fares</title></head><body><article><p>`), bytes, Buffer.from('</p></article></body></html>')]));
      const [d] = drafts(await collect([file], { threads: 1 }));
      expect(d?.text, label).toContain('Fares rise to \u20ac3 \u2014 the operator\u2019s \u201cfinal\u201d rise.');
    }
  });
});

describe('readInputs: JSONL of any size, a line at a time (issue 20, item 4)', () => {
  const report = (n: number) =>
    `Report ${n}: the ferry operator said on Tuesday that crossings to Skerry would resume at six in the morning after the strike ended, with two extra sailings in the evening.`;
  const pile = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: `r${i + 1}`, text: report(i + 1) }));

  it('reads a JSONL file bigger than --max-bytes when each line is under it, every line by its number', async () => {
    const file = await tmpFile('pile.jsonl', `${pile(60).join('\n')}\n`);
    const items = await collect([file], { maxBytes: 1000, threads: 1 });
    expect(errors(items)).toEqual([]);
    expect(drafts(items).map((d) => d.input)).toEqual(Array.from({ length: 60 }, (_, i) => `${file}:${i + 1}`));
    expect(drafts(items)[59]!.text).toBe(report(60));
  });

  it('skips a line over --max-bytes, naming file:LINE and what to do, and reads the lines after it', async () => {
    const lines = pile(5);
    lines[2] = JSON.stringify({ id: 'huge', text: report(3).repeat(40) });
    const file = await tmpFile('one-huge.jsonl', lines.join('\n'));
    const items = await collect([file], { maxBytes: 1000, threads: 1 });
    expect(errors(items)).toEqual([{ input: `${file}:3`, code: 'too-large', message: expect.stringMatching(/line 3 of .*one-huge\.jsonl is over the 1000-byte limit; raise --max-bytes/) }]);
    expect(drafts(items).map((d) => [d.input, d.externalId])).toEqual([1, 2, 4, 5].map((n) => [`${file}:${n}`, `r${n}`]));
  });

  it('reads a .jsonl.gz, and a file with no telling extension whose lines are records, line by line too', async () => {
    const text = `${pile(60).join('\n')}\n`;
    const gz = await tmpFile('pile.jsonl.gz', gzipSync(text));
    const bare = await tmpFile('export-0001', text);
    // Decompressed, the pile is over what a .gz read whole may hold (4 × --max-bytes).
    expect(text.length).toBeGreaterThan(4 * 1000);
    for (const file of [gz, bare]) {
      const items = await collect([file], { maxBytes: 1000, threads: 1 });
      expect(errors(items), file).toEqual([]);
      expect(drafts(items).map((d) => d.input), file).toEqual(Array.from({ length: 60 }, (_, i) => `${file}:${i + 1}`));
    }
  });

  it('numbers lines as before across a byte-order mark, CRLF, blank lines and a character cut between two reads', async () => {
    // 64 KiB is what a file stream reads at a time: an odd offset puts a boundary inside an "é".
    const long = `${'x'.repeat(11)}${'é'.repeat(40_000)}`;
    const text = ['', JSON.stringify({ id: 'a', text: report(1) }), '', JSON.stringify({ id: 'b', text: long }), '{broken', JSON.stringify({ id: 'c', text: report(3) })].join('\r\n');
    const file = await tmpFile('crlf.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const warnings: string[] = [];
    const items = await collect([file], { threads: 1, onWarning: (w) => warnings.push(w.message) });
    expect(items.map((i) => i.input)).toEqual([`${file}:2`, `${file}:4`, `${file}:5`, `${file}:6`]);
    expect(drafts(items)[1]!.text).toBe(long);
    expect(errors(items)[0]!.message).toMatch(/line 5 of .*crlf\.jsonl is not valid JSON/);
    expect(warnings).toEqual([]);
  });

  it('still reads a one-line JSON document with no telling extension as JSON, not as one record', async () => {
    const file = await tmpFile('export-0002', `${JSON.stringify({ articles: [{ id: 'a', text: report(1) }, { id: 'b', text: report(2) }] })}\n`);
    expect(drafts(await collect([file], { threads: 1 })).map((d) => [d.input, d.externalId])).toEqual([[`${file}:1`, 'a'], [`${file}:2`, 'b']]);
  });

  it('a line of standard input over --max-bytes is skipped by its number and the lines after it are read', async () => {
    const lines = pile(4);
    lines[1] = JSON.stringify({ id: 'huge', text: report(2).repeat(40) });
    const items = await collect(['-'], { stdin: Readable.from([Buffer.from(lines.join('\n'))]), maxBytes: 1000, threads: 1 });
    expect(errors(items)).toEqual([{ input: '-:2', code: 'too-large', message: expect.stringMatching(/line 2 of standard input is over the 1000-byte limit; raise --max-bytes/) }]);
    expect(drafts(items).map((d) => d.input)).toEqual(['-:1', '-:3', '-:4']);
  });

  it('stops a gzip\'d JSONL bomb: the records before the cap are read, then the reason', async () => {
    const bomb = await tmpFile('bomb.jsonl.gz', gzipSync(Buffer.concat([Buffer.from(`${pile(1)[0]}\n`), Buffer.alloc(5_000_000, 0x0a)])));
    const items = await collect([bomb], { maxBytes: 100_000, threads: 1 });
    expect(drafts(items).map((d) => d.externalId)).toEqual(['r1']);
    expect(errors(items)).toEqual([expect.objectContaining({ input: bomb, code: 'too-large', message: expect.stringMatching(/bomb\.jsonl\.gz decompresses to more than \d+ bytes; the rest of it was skipped/) })]);
  });

  it('decodes a line that is not UTF-8 with replacement characters and warns once for the file', async () => {
    const lines = [JSON.stringify({ id: 'a', text: report(1) }), JSON.stringify({ id: 'b', text: `Caf\u00e9s: ${report(2)}` }), JSON.stringify({ id: 'c', text: `S\u00f8ndervik: ${report(3)}` })];
    const file = await tmpFile('legacy.jsonl', Buffer.concat([Buffer.from(`${lines[0]}\n`), Buffer.from(`${lines[1]}\n${lines[2]}`, 'latin1')]));
    const warnings: { input: string; message: string }[] = [];
    const ds = drafts(await collect([file], { threads: 1, onWarning: (w) => warnings.push(w) }));
    expect(ds.map((d) => d.text.slice(0, 4))).toEqual(['Repo', 'Caf\ufffd', 'S\ufffdnd']);
    expect(warnings).toEqual([{ input: file, message: expect.stringMatching(/not valid UTF-8 \(first at line 2\).*save it as UTF-8/) }]);
  });
});

describe('damaged compressed files', () => {
  it('a file gzipped twice and cut short is reported as damaged, and the run goes on to the next input', async () => {
    const records = await readFile(fx('records.jsonl'));
    const twice = gzipSync(gzipSync(records));
    const cut = path.join(tmp, 'twice.jsonl.gz.gz');
    await writeFile(cut, twice.subarray(0, Math.floor(twice.length * 0.6)));
    const items: IngestItem[] = [];
    for await (const item of readInputs([cut, fx('crane.txt')])) items.push(item);
    expect(items.some((i) => i.input.startsWith(cut) && 'error' in i)).toBe(true);
    expect(items.at(-1)).toMatchObject({ input: fx('crane.txt'), draft: expect.anything() });
  });
});
