import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRecords } from './records.ts';

/**
 * Real `parallax ingest` processes against one SQLite file: killed with SIGKILL mid-run, and two
 * at once. In-process tests cannot show either: a kill takes the test with it, and one process
 * has one connection, so its writers never meet.
 */
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'parallax.js');
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function start(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<Run> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

/** Counts read straight from the file, so the store's own code is not the judge of itself. */
function counts(db: string): { articles: number; unplaced: number } {
  const connection = new Database(db, { readonly: true, timeout: 10_000 });
  try {
    const articles = (connection.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const unplaced = (
      connection.prepare('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)').get() as { n: number }
    ).n;
    return { articles, unplaced };
  } finally {
    connection.close();
  }
}

function tryCounts(db: string): { articles: number; unplaced: number } | null {
  try {
    return counts(db);
  } catch {
    return null; // not created or not migrated yet
  }
}

describe('ingest processes on one SQLite file', () => {
  it('a re-run after kill -9 mid-ingest leaves every article in a story', async () => {
    const input = path.join(dir, 'killed.jsonl');
    const db = path.join(dir, 'killed.db');
    writeRecords(input, 4000, 'k');
    const first = start(['ingest', input, '--db', db, '--json']);
    // Kill once at least one batch is committed and before the run is over.
    let seen = 0;
    while (seen === 0) {
      await new Promise((r) => setTimeout(r, 25));
      seen = tryCounts(db)?.articles ?? 0;
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const before = counts(db);
    expect(before.articles).toBeGreaterThan(0);

    const again = await start(['ingest', input, '--db', db, '--json']).done;
    expect(again.err).not.toMatch(/locked|error/i);
    expect(again.code).toBe(0);
    const after = counts(db);
    console.log(`kill -9 after ${before.articles} articles committed (${before.unplaced} without a story); after the re-run: ${after.articles} articles, ${after.unplaced} without a story`);
    expect(after).toEqual({ articles: 4000, unplaced: 0 });
  }, 240_000);

  it('two ingests started together on a new file both finish with every record stored and placed', async () => {
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    const db = path.join(dir, 'shared.db');
    writeRecords(a, 2000, 'a');
    writeRecords(b, 2000, 'b');
    const [ra, rb] = await Promise.all([start(['ingest', a, '--db', db, '--format', 'jsonl']).done, start(['ingest', b, '--db', db, '--format', 'jsonl']).done]);
    for (const r of [ra, rb]) {
      expect(r.err).not.toMatch(/locked|migrat/i);
      expect(r.code).toBe(0);
      const results = r.out.trim().split('\n').map((l) => JSON.parse(l) as { status: string });
      expect(results.filter((x) => x.status === 'new')).toHaveLength(2000);
    }
    expect(counts(db)).toEqual({ articles: 4000, unplaced: 0 });
  }, 240_000);
});
