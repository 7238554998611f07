import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../ingest/fixtures');

/** Runs the CLI in-process and captures what it prints. */
const run = (...args: string[]) => runCli(args);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-repair-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('parallax stats / repair', () => {
  it('stats shows what is waiting, repair finishes it, and a second repair has nothing to do', async () => {
    const db = path.join(tmp, 'store.db');
    const files = ['crane.txt', 'ferry.html', 'records.jsonl'].map((f) => path.join(fixtures, f));
    // records.jsonl holds two bad lines: done, some skipped.
    expect((await run('ingest', ...files, '--db', db, '--no-stories')).code).toBe(3);
    const before = JSON.parse((await run('stats', '--db', db, '--json')).out) as Record<string, number>;
    expect(before).toMatchObject({ articles: 4, stories: 0, pendingPlacement: 4, pendingAnalysis: 4 });
    expect((await run('stats', '--db', db)).out).toMatch(/waiting for a story\s+4\n[\s\S]*parallax repair/);

    const repaired = await run('repair', '--db', db, '--json');
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.out)).toEqual({ placed: 4, analysed: 4 });
    const after = JSON.parse((await run('stats', '--db', db, '--json')).out) as Record<string, number>;
    expect(after).toMatchObject({ articles: 4, pendingPlacement: 0, pendingAnalysis: 0 });
    expect(after.stories).toBeGreaterThan(0);

    expect((await run('repair', '--db', db)).out).toMatch(/^repair: 0 placed into stories, 0 analysed/);
  });
});
