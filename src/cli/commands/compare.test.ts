import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
});
