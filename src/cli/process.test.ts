import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These run the real `parallax` command in a temporary folder, so standard input is a real pipe
// and a default ./parallax.db would land in that folder.
const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/parallax.js');

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'parallax-process-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function parallax(args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env };
  delete env.PARALLAX_DB; // the store must come from --db or the default, as for a new user
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

describe('"-" reads articles from standard input', () => {
  // Real JSONL: one article per line, the first line far longer than a quick look at the start.
  const report = (id: string, outlet: string, extra: string) =>
    JSON.stringify({
      id,
      outlet,
      title: `Harbour wall fails as storm floods Eastport ${extra}`,
      text: Array.from(
        { length: 30 },
        (_, i) => `The harbour wall at Eastport failed on Tuesday night and seawater flooded ${i + 3} streets near the docks, the port authority said.`,
      ).join(' '),
    });
  const pile = [report('a1', 'Harbour Gazette', ''), report('a2', 'Lantern Courier', '(update)')].join('\n') + '\n';

  it('cat pile.jsonl | parallax cluster - groups every article on the pipe', async () => {
    expect(pile.indexOf('\n')).toBeGreaterThan(2000);
    const r = await parallax(['cluster', '-', '--format', 'jsonl'], pile);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; story: string });
    expect(rows.map((x) => x.id)).toEqual(['a1', 'a2']);
    expect(rows[0]!.story).toBe(rows[1]!.story);
  }, 60_000);

  it('extract, analyze and compare read the same pipe', async () => {
    const extract = await parallax(['extract', '-', '--format', 'jsonl'], pile);
    expect(extract.out.trim().split('\n').map((l) => (JSON.parse(l) as { outlet: string }).outlet)).toEqual(['Harbour Gazette', 'Lantern Courier']);
    const analyze = await parallax(['analyze', '-', '--format', 'jsonl'], pile);
    expect(analyze.code).toBe(0);
    expect(analyze.out.trim().split('\n')).toHaveLength(2);
    // One "-" alone is input, not the id of a stored story.
    const compare = await parallax(['compare', '-'], pile);
    expect(compare.err).toBe('');
    expect(compare.code).toBe(0);
    expect(compare.out).toContain('Comparing 2 articles');
  }, 120_000);
});
