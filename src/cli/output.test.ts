import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli as run } from '../../test/cli.ts';


let tmp: string;
let db: string;
const long = 'A very long headline about the harbour crane that collapsed in the storm and what the port authority said afterwards';
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-output-'));
  db = path.join(tmp, 'out.db');
  const pile = path.join(tmp, 'pile.jsonl');
  const records = Array.from({ length: 7 }, (_, i) => ({
    id: `${i}`,
    outlet: i === 0 ? 'Evil\u001b]0;owned\u0007 Outlet' : `Outlet ${i}`,
    title: i === 0 ? 'Title with \u001b[2J a clear-screen' : `${long} (${i})`,
    published: `2025-03-0${i + 1}`,
    text: `Report ${i}: ${'the harbour crane fell in the storm on Tuesday night, officials said. '.repeat(3)}`,
  }));
  await writeFile(pile, records.map((r) => JSON.stringify(r)).join('\n'));
  expect((await run(['ingest', pile, '--db', db, '--no-stories'])).code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('list output', () => {
  it('a cut list says so: on standard output after a table, on standard error beside JSON', async () => {
    const table = await run(['articles', '--db', db, '--limit', '2']);
    expect(table.out).toContain('\n2 of 7; --limit and --offset to see more\n');
    const json = await run(['articles', '--db', db, '--limit', '2', '--json']);
    expect(JSON.parse(json.out)).toHaveLength(2);
    expect(json.err).toContain('2 of 7; --limit and --offset to see more');
    expect((await run(['articles', '--db', db, '--limit', '2', '--offset', '2'])).out).toContain('3–4 of 7;');
    expect((await run(['articles', '--db', db])).out).not.toContain(' of 7;');
  });

  it('--json is one JSON document, --format jsonl one object per line, csv and md tables', async () => {
    const json = await run(['articles', '--db', db, '--json']);
    expect(JSON.parse(json.out)).toHaveLength(7);
    expect(json.out).toBe((await run(['articles', '--db', db, '--format', 'json'])).out);
    const jsonl = (await run(['articles', '--db', db, '--format', 'jsonl'])).out.trim().split('\n');
    expect(jsonl).toHaveLength(7);
    expect(JSON.parse(jsonl[0]!)).toMatchObject({ title: `${long} (6)` });
    const csv = (await run(['articles', '--db', db, '--format', 'csv'])).out.split('\r\n');
    expect(csv[0]).toBe('ID,OUTLET,PUBLISHED,WORDS,TITLE');
    expect(csv[1]).toMatch(/^[0-9a-f]{12},Outlet 6,2025-03-07,\d+,A very long headline .*\(6\)$/);
    const md = (await run(['stories', '--db', db, '--format', 'md'])).out;
    expect(md).toBe('| STORY | OUTLETS | ARTICLES | FIRST SEEN | LAST SEEN | TITLE |\n|---|---|---|---|---|---|\n');
  });

  it('-o FILE writes the output there and leaves standard output empty', async () => {
    const file = path.join(tmp, 'articles.jsonl');
    const r = await run(['articles', '--db', db, '--format', 'jsonl', '-o', file]);
    expect(r.out).toBe('');
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(7);
  });

  it('tables fit the terminal, and 100 columns in a pipe, cutting long cells with an ellipsis', async () => {
    const piped = (await run(['articles', '--db', db])).out.trimEnd().split('\n');
    expect(Math.max(...piped.map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(piped[1]).toMatch(/…$/);
    const narrow = (await run(['articles', '--db', db], 60)).out.replace(/\u001b\[\d+m/g, '').trimEnd().split('\n');
    expect(Math.max(...narrow.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    expect(narrow[0]).toMatch(/^ID\s+OUTLET\s+PUBLISHED\s+WORDS\s+TITLE$/);
  });

  it('colour only on a terminal, and never with NO_COLOR', async () => {
    expect((await run(['articles', '--db', db], 120)).out).toContain('\u001b[1m');
    vi.stubEnv('NO_COLOR', '1');
    expect((await run(['articles', '--db', db], 120)).out).not.toContain('\u001b');
    vi.unstubAllEnvs();
    expect((await run(['articles', '--db', db])).out).not.toContain('\u001b');
  });

  it('control characters in titles and outlet names are shown, not obeyed, in a table', async () => {
    const table = (await run(['articles', '--db', db])).out;
    expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain('clear-screen');
    const articles = JSON.parse((await run(['articles', '--db', db, '--json'])).out) as { id: string; title: string }[];
    const evil = articles.find((a) => a.title.includes('clear-screen'))!;
    expect(evil.title).toContain('\u001b[2J');
    const shown = (await run(['show', evil.id, '--db', db])).out;
    expect(shown).toContain('clear-screen');
    expect(shown).not.toContain('\u001b');
    const outlets = (await run(['outlets', '--db', db])).out;
    expect(outlets).not.toContain('\u001b');
    expect(outlets).toContain('Outlet');
  });

  it('commands that print a result per input: --json is one JSON array, --format jsonl a line each, -o a file', async () => {
    const pile = path.join(tmp, 'pile.jsonl');
    const json = await run(['cluster', pile, '--json']);
    expect((JSON.parse(json.out) as { id: string }[]).map((r) => r.id)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    const jsonl = (await run(['cluster', pile, '--format', 'jsonl'])).out.trim().split('\n');
    expect(jsonl.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    const file = path.join(tmp, 'clusters.json');
    expect((await run(['cluster', pile, '--json', '-o', file])).out).toBe('');
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(7);
    // Text output made safe: the title's escape sequence is shown, not obeyed.
    expect((await run(['cluster', pile])).out).not.toContain('\u001b');
  });

  it('stats speaks every format: one JSON object, a table, CSV', async () => {
    expect(JSON.parse((await run(['stats', '--db', db, '--json'])).out)).toMatchObject({ articles: 7, stories: 0 });
    expect((await run(['stats', '--db', db, '--format', 'csv'])).out).toContain('articles,7\r\n');
  });
});

describe('progress in a log', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('writes a line every hundred articles, but at most one every few seconds', async () => {
    const { createProgress } = await import('./common.ts');
    vi.useFakeTimers();
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: false, configurable: true });
    const progress = createProgress({ noun: 'articles' });
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
    for (let i = 0; i < 1000; i++) progress.tick('x');
    expect(lines).toEqual([expect.stringMatching(/^… 100 articles \(/)]);
    vi.advanceTimersByTime(5000);
    for (let i = 0; i < 100; i++) progress.tick('x');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^… 1100 articles \(/);
  });
});
