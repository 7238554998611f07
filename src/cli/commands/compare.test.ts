import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../../test/cli.ts';

const flood = path.resolve(import.meta.dirname, '../../../examples/eastport-flood');
const outlets = path.resolve(import.meta.dirname, '../../../examples/outlets.yaml');
const files = ['harbour-gazette.txt', 'valley-times.md', 'coast-daily.html'].map((f) => path.join(flood, f));


let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-compare-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parallax compare on files', () => {
  it('shows, outlet by outlet, the facts only one outlet reports, named by --outlets', async () => {
    const r = await run(['compare', ...files, '--outlets', outlets]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('REPORTED BY ONE OUTLET ONLY');
    expect(r.out).toContain('  only in Coast Daily (2):\n');
    expect(r.out).toMatch(/only in Valley Times \(2\):\n\s+• Firefighters used boats to reach families on Quay Street/);
    // Named by the file: harbour-gazette.txt is Harbour Gazette's, valley-times.md Valley Times'.
    expect(r.out).toMatch(/^\s+1\s+Harbour Gazette: Eastport Harbour Wall Gives Way/m);
    expect(r.out).not.toContain('harbour-gazette');
  }, 60_000);

  it('--json and --explain say why each fact\'s sentences are one fact; the plain report, which shows none of it, gives the same facts', async () => {
    const json = await run(['compare', ...files, '--outlets', outlets, '--json']);
    const facts = (JSON.parse(json.out) as { facts: { id: string; sources: string[]; detailOf?: string; links?: { words: unknown[] }[] }[] }).facts;
    const shared = facts.filter((f) => f.sources.length > 1 && !f.detailOf);
    expect(shared.length).toBeGreaterThan(2);
    for (const f of shared) expect(f.links?.length).toBe(f.sources.length - 1);
    const explained = await run(['compare', ...files, '--outlets', outlets, '--explain']);
    expect(explained.out).toContain('WHY THESE SENTENCES ARE ONE FACT');
    const plain = await run(['compare', ...files, '--outlets', outlets]);
    expect(plain.out).not.toContain('WHY THESE SENTENCES ARE ONE FACT');
    expect(explained.out.split('WHY THESE SENTENCES ARE ONE FACT')[0]!.trimEnd()).toBe(plain.out.trimEnd());
  }, 60_000);

  it('--outlet names one input; naming something that is not an input is a usage error', async () => {
    const [gazette, valley] = files;
    const r = await run(['compare', gazette!, valley!, '--outlet', `${valley}=Valley Post`]);
    expect(r.out).toContain('only in Valley Post (');
    const wrong = await run(['compare', gazette!, valley!, '--outlet', 'nope.txt=X']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--outlet names "nope.txt", which is not one of the inputs');
  }, 60_000);

  it('the coverage table fits the terminal (100 columns in a pipe), and -o writes the report to a file', async () => {
    const table = (out: string) => out.split('\n').filter((l) => /^ {2}(fact|f\d+) /.test(l));
    const piped = await run(['compare', ...files, '--outlets', outlets]);
    expect(table(piped.out).length).toBeGreaterThan(3);
    for (const line of table(piped.out)) expect([...line].length).toBeLessThanOrEqual(100);
    const narrow = await run(['compare', ...files], 60);
    for (const line of table(narrow.out.replace(/\u001b\[\d+m/g, ''))) expect([...line].length).toBeLessThanOrEqual(60);
    const file = path.join(tmp, 'report.md');
    const written = await run(['compare', ...files, '--format', 'md', '-o', file]);
    expect(written.out).toBe('');
    expect(await readFile(file, 'utf8')).toMatch(/^# Story comparison/);
  }, 60_000);

  it('--format csv prints the outlet × fact matrix, --table numbers or quotes another table; --table alone is a usage error', async () => {
    const facts = await run(['compare', ...files, '--outlets', outlets, '--format', 'csv']);
    expect(facts.code).toBe(0);
    const rows = parseCsv(facts.out) as string[][];
    expect(rows[0]).toEqual(['fact', 'text', 'sources', 'left out by', 'Harbour Gazette', 'Valley Times', 'Coast Daily']);
    for (const row of rows) expect(row).toHaveLength(7);
    expect(rows.find((r) => /^The town council will hold an emergency meeting/.test(r[1]!))!.slice(2)).toEqual([
      '3',
      '',
      ...Array(3).fill('The town council will hold an emergency meeting on Friday to decide how to repair the wall.'),
    ]);
    expect(facts.out.endsWith('\r\n')).toBe(true);
    const numbers = await run(['compare', ...files, '--outlets', outlets, '--format', 'csv', '--table', 'numbers']);
    expect(numbers.out.split('\r\n')[0]).toBe('about,verdict,note,Harbour Gazette,Harbour Gazette: sentence,Valley Times,Valley Times: sentence,Coast Daily,Coast Daily: sentence');
    const quotes = await run(['compare', ...files, '--outlets', outlets, '--format', 'csv', '--table', 'quotes']);
    expect(quotes.out).toMatch(/^speaker,quote,flags,sources,Harbour Gazette,Harbour Gazette: speaker,/);
    expect(quotes.out).toContain('Ines Falk');

    const stray = await run(['compare', ...files, '--table', 'numbers']);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('--table chooses the table of --format csv (facts, numbers, quotes)');
    const unknown = await run(['compare', ...files, '--format', 'csv', '--table', 'people']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/argument 'people' is invalid\. Allowed choices are facts, numbers, quotes/);
    const markdown = await run(['compare', ...files, '--outlets', outlets, '--format', 'markdown']);
    expect(markdown.out).toMatch(/^# Story comparison\n[\s\S]*\n### Omissions\n/);
  }, 90_000);
});
