import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';

/** Runs the CLI in-process and captures what it prints. */
const run = (...args: string[]) => runCli(args);

interface Row {
  name: string;
  articles: number;
  domains: string[];
  labels: Record<string, string>;
  listed: boolean;
}
const outletsIn = async (db: string) => JSON.parse((await run('outlets', '--db', db, '--json')).out) as Row[];

let tmp: string;
let db: string;
let pile: string;
const text = (n: number) => `Report ${n}: the harbour crane fell in the storm on Tuesday night and the port stayed shut, officials said.`;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-outlets-'));
  db = path.join(tmp, 'outlets.db');
  pile = path.join(tmp, 'pile.jsonl');
  const records = [
    { id: '1', url: 'https://www.nytimes.com/a', title: 'A', text: text(1) },
    { id: '2', url: 'https://edition.nytimes.com/b', title: 'B', text: text(2) },
    { id: '3', url: 'https://gazette.example/c', outlet: 'Harbour Gazette', title: 'C', text: text(3) },
    { id: '4', title: 'D', text: text(4) },
  ];
  await writeFile(pile, records.map((r) => JSON.stringify(r)).join('\n'));
  expect((await run('ingest', pile, '--db', db, '--no-stories')).code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parallax outlets', () => {
  it('lists the outlets articles carry with their counts, and says how many articles have none', async () => {
    const r = await run('outlets', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OUTLET\s+ARTICLES\s+DOMAINS\s+LABELS\n/);
    expect(r.out).toMatch(/Harbour Gazette\s+1\s+—\s+—\n/);
    expect(r.out).toMatch(/edition\.nytimes\.com\s+1\s/);
    expect(r.out).toContain('1 article(s) have no outlet');
  });

  it('set adds domains (subdomains included) and labels, and the stored articles of those domains follow', async () => {
    const r = await run('outlets', 'set', 'New York Times', '--domain', 'https://www.nytimes.com/', '--label', 'lean=centre-left', '--label', 'country=US', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('added: New York Times — domains: nytimes.com; labels: lean=centre-left, country=US');
    expect(r.out).toContain('2 stored article(s) changed outlet');
    const nyt = (await outletsIn(db)).find((o) => o.name === 'New York Times');
    expect(nyt).toEqual({ name: 'New York Times', articles: 2, domains: ['nytimes.com'], labels: { lean: 'centre-left', country: 'US' }, listed: true });
    // "lean=" removes a label.
    await run('outlets', 'set', 'New York Times', '--label', 'lean=', '--db', db);
    expect((await outletsIn(db)).find((o) => o.name === 'New York Times')?.labels).toEqual({ country: 'US' });
  });

  it('rename moves the articles; renaming onto an existing outlet merges', async () => {
    const r = await run('outlets', 'rename', 'Harbour Gazette', 'New York Times', '--db', db);
    expect(r.out).toContain('renamed: Harbour Gazette → New York Times (merged into the existing outlet); 1 article(s) moved');
    const rows = await outletsIn(db);
    expect(rows.map((o) => [o.name, o.articles])).toEqual([['New York Times', 3]]);
    const missing = await run('outlets', 'rename', 'Nobody', 'X', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no outlet "Nobody"');
  });

  it('apply re-applies a corrected outlets file to stored articles', async () => {
    const file = path.join(tmp, 'outlets.yaml');
    await writeFile(file, '- name: Gazette\n  domains: [gazette.example]\n  groups: { lean: centre }\n');
    const r = await run('outlets', 'apply', file, '--db', db);
    expect(r.out).toContain('outlets: 1 named from');
    expect(r.out).toContain('1 of 4 stored article(s) changed outlet');
    const rows = await outletsIn(db);
    expect(rows.map((o) => [o.name, o.articles])).toEqual([['New York Times', 2], ['Gazette', 1]]);
  });

  it('--format csv and -o FILE write the list to a file and nothing to standard output', async () => {
    const file = path.join(tmp, 'outlets.csv');
    const r = await run('outlets', '--db', db, '--format', 'csv', '-o', file);
    expect(r.out).toBe('');
    expect(await readFile(file, 'utf8')).toMatch(/^OUTLET,ARTICLES,DOMAINS,LABELS\r\nNew York Times,2,nytimes\.com,country=US\r\n/);
  });
});

describe('ingest with a corrected outlets file', () => {
  it('moves unchanged articles to the outlet the file names, says so, and --quiet prints nothing on standard output', async () => {
    const store = path.join(tmp, 'reingest.db');
    const wrong = path.join(tmp, 'wrong.yaml');
    const fixed = path.join(tmp, 'fixed.yaml');
    await writeFile(wrong, '- name: New York Times\n  domains: [nytimes.org]\n');
    await writeFile(fixed, '- name: New York Times\n  domains: [nytimes.com]\n');
    expect((await run('ingest', pile, '--outlets', wrong, '--db', store, '--no-stories')).out).toContain('4 ingested (4 new, 0 revised)');

    const quiet = await run('ingest', pile, '--db', store, '--no-stories', '--quiet');
    expect(quiet.code).toBe(0);
    expect(quiet.out).toBe('');

    const r = await run('ingest', pile, '--outlets', fixed, '--db', store, '--no-stories');
    expect(r.out).toContain('0 ingested (0 new, 0 revised), 4 unchanged (2 given a new outlet), 0 skipped');
    expect(r.out).toMatch(/outlet\s+[0-9a-f]{12}\s+New York Times\s+A\n/);
    expect(r.out).not.toMatch(/unchanged\s+[0-9a-f]{12}/);
    expect((await outletsIn(store)).map((o) => [o.name, o.articles])).toEqual([['New York Times', 2], ['Harbour Gazette', 1]]);
    expect((await run('ingest', pile, '--db', store, '--no-stories', '--verbose')).out).toMatch(/unchanged\s+[0-9a-f]{12}\s+New York Times\s+A\n/);
  });
});
