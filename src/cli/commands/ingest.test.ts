import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../test/cli.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ingest/fixtures');
const fx = (name: string) => path.join(fixtures, name);

/** Runs the CLI in-process and captures what it prints. */
const run = (...args: string[]) => runCli(args);

const jsonLines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const jsonList = (s: string) => JSON.parse(s) as Record<string, unknown>[];

let tmp: string;
let db: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-cli-'));
  db = path.join(tmp, 'test.db');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parallax ingest / articles / show', () => {
  let craneId: string;

  it('ingest prints one line per article, the skip reasons, and the summary; some skipped is exit code 3', async () => {
    const r = await run('ingest', fx('crane.txt'), fx('ferry.html'), fx('records.jsonl'), '--outlets', fx('outlets.yaml'), '--db', db, '--no-stories');
    expect(r.code).toBe(3);
    expect(r.out).toContain('outlets: 2 named from');
    expect(r.out).toMatch(/new\s+[0-9a-f]{12}\s+Lantern Courier\s+Ferry crews vote to strike/);
    expect(r.out).toContain('4 ingested (4 new, 0 revised), 0 unchanged, 2 skipped');
    expect(r.err).toContain('skipped 2:');
    expect(r.err).toMatch(/line 3 of .*records\.jsonl is not valid JSON/);
    // The last line a script or a person sees says how many were skipped and where the reasons are.
    expect(r.err.trim().split('\n').at(-1)).toBe('parallax: 2 of 6 inputs or records skipped; their reasons are listed above');
    craneId = /new\s+([0-9a-f]{12})\s+.*Harbour crane collapses/.exec(r.out)![1]!;
  });

  it('ingest --json prints one document with the counts and a result per input; --format jsonl one result per line', async () => {
    const r = await run('ingest', fx('crane.txt'), fx('ferry.html'), '--db', db, '--json', '--no-stories');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { unchanged: number; new: number; results: Record<string, unknown>[] };
    expect(doc).toMatchObject({ new: 0, unchanged: 2, outletChanged: 0, skipped: 0 });
    expect(doc.results.map((x) => [x.status, x.input])).toEqual([
      ['unchanged', fx('crane.txt')],
      ['unchanged', fx('ferry.html')],
    ]);
    const lines = await run('ingest', fx('crane.txt'), fx('ferry.html'), '--db', db, '--format', 'jsonl', '--no-stories');
    expect(jsonLines(lines.out).map((x) => [x.status, x.input])).toEqual([
      ['unchanged', fx('crane.txt')],
      ['unchanged', fx('ferry.html')],
    ]);
  });

  it('ingest --json and --quiet exit 3 too when some records are skipped, saying where the reasons are', async () => {
    const json = await run('ingest', fx('records.jsonl'), '--db', db, '--json', '--no-stories');
    expect(json.code).toBe(3);
    expect(JSON.parse(json.out)).toMatchObject({ unchanged: 2, skipped: 2 });
    expect(json.err).toContain('parallax: 2 of 4 inputs or records skipped; their reasons are the "skipped" results in the output');
    const quiet = await run('ingest', fx('records.jsonl'), '--db', db, '--quiet', '--no-stories');
    expect(quiet.code).toBe(3);
    expect(quiet.out).toBe('');
    const clean = await run('ingest', fx('crane.txt'), '--db', db, '--no-stories');
    expect(clean.code).toBe(0);
    expect(clean.err).toBe('');
  });

  it('ingest exits 1 when nothing could be ingested', async () => {
    const r = await run('ingest', path.join(tmp, 'missing.txt'), '--db', db, '--no-stories');
    expect(r.code).toBe(1);
    expect(r.out).toContain('0 ingested (0 new, 0 revised), 0 unchanged, 1 skipped');
    expect(r.err).toMatch(/missing\.txt: no such file or folder/);
  });

  it('articles lists id, outlet, date, words and title, with filters', async () => {
    const all = await run('articles', '--db', db);
    expect(all.out.split('\n')[0]).toMatch(/^ID\s+OUTLET\s+PUBLISHED\s+WORDS\s+TITLE$/);
    expect(all.out).toMatch(new RegExp(`${craneId}\\s+—\\s+2025-03-03\\s+\\d+\\s+Harbour crane collapses at Port Wendell`));
    const west = await run('articles', '--db', db, '--outlet', 'West Gazette', '--json');
    expect(jsonList(west.out).map((a) => a.title).sort()).toEqual(['Library reopens after flood repairs', 'Town council approves new bus lanes']);
    expect(jsonList(west.out)[0]).not.toHaveProperty('text');
    const found = await run('articles', '--db', db, '--search', 'walkout', '--json');
    expect(jsonList(found.out).map((a) => a.title)).toEqual(['Ferry crews vote to strike']);
    const since = await run('articles', '--db', db, '--since', '2025-03-01', '--until', '2025-03-31', '--json');
    expect(jsonList(since.out).map((a) => a.title)).toEqual(['Harbour crane collapses at Port Wendell']);
  });

  it('show prints metadata, the clean text and what cleaning removed; a prefix of the id is enough', async () => {
    const r = await run('show', craneId.slice(0, 8), '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Harbour crane collapses at Port Wendell\n=+/);
    expect(r.out).toContain('A container crane at the Port Wendell terminal collapsed');
    expect(r.out).toContain('Removed during cleaning (2):');
    expect(r.out).toContain('[newsletter-promo] Subscribe to our newsletter for more harbour news.');
    const json = JSON.parse((await run('show', craneId, '--db', db, '--json')).out) as { id: string; revisions: unknown[]; removed: unknown[] };
    expect(json.id).toBe(craneId);
    expect(json.revisions).toHaveLength(1);
  });

  it('show names the problem for an unknown id', async () => {
    const r = await run('show', 'ffffffffffff', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no article with id "ffffffffffff"; list ids with: parallax articles/);
  });

  it('reads "--db" from PARALLAX_DB when not given', async () => {
    vi.stubEnv('PARALLAX_DB', db);
    try {
      const r = await run('articles', '--json');
      expect(jsonList(r.out)).toHaveLength(4);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('parallax extract', () => {
  it('--explain says where each page\'s text was taken from and what was removed, with the reason', async () => {
    const r = await run('extract', fx('ferry.html'), '--explain');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/text from: (Readability's choice of container, after pruning|the page's JSON-LD articleBody)/);
    expect(r.out).toMatch(/Removed:\n {2}\[page-boilerplate-byline\] By Oskar Vennel/);
    const plain = await run('extract', fx('ferry.html'));
    expect(plain.out).not.toMatch(/text from:/);
  });

  it('--json prints exactly the documented fields for each article, and {input, error} for a failure', async () => {
    const missing = path.join(tmp, 'gone.html');
    const r = await run('extract', fx('ferry.html'), missing, '--json');
    expect(r.code).toBe(3);
    expect(r.err).toContain('parallax: 1 of 2 inputs or records skipped; their reasons are the "error" fields in the output');
    const [page, failure] = jsonList(r.out);
    expect(jsonLines((await run('extract', fx('ferry.html'), missing, '--format', 'jsonl')).out)).toEqual([page, failure]);
    expect(Object.keys(page!)).toEqual(['input', 'title', 'byline', 'published', 'outlet', 'url', 'language', 'text', 'removed']);
    expect(page).toMatchObject({
      input: fx('ferry.html'),
      title: 'Ferry crews vote to strike',
      byline: 'Oskar Vennel',
      outlet: 'The Lantern Courier',
      url: 'https://www.lanterncourier.example/news/ferry-crews-vote',
      language: 'en',
      removed: [{ text: 'By Oskar Vennel', reason: 'page-boilerplate-byline' }],
    });
    expect(page!.published).toMatch(/^2025-04-02T08:30:00/);
    expect(failure).toEqual({ input: missing, error: expect.stringContaining('no such file or folder') });
  });

  it('stores nothing and exits 1 when no input held an article', async () => {
    const empty = path.join(tmp, 'empty.txt');
    await writeFile(empty, '');
    const r = await run('extract', empty);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/empty\.txt is empty/);
  });

  it('parallax --help lists the exit codes', async () => {
    const r = await run('--help');
    expect(r.out).toMatch(/Exit codes: 0 done; 3 done, but some inputs or records were skipped[\s\S]*1 failed; 2 usage error/);
  });

  it('--help teaches with examples', async () => {
    for (const command of ['ingest', 'articles', 'show', 'extract']) {
      const r = await run(command, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: parallax ${command}`);
      expect(r.out).toContain('Examples:');
    }
  });
});
