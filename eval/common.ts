import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The shared evaluation data folder (../shared/data), or PARALLAX_DATA_DIR. */
export function dataDir(...parts: string[]): string {
  return path.join(process.env.PARALLAX_DATA_DIR ?? path.resolve(repoRoot, '../shared/data'), ...parts);
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function missing(...files: string[]): string | null {
  const absent = files.find((f) => !existsSync(f));
  return absent ? `${absent} not found (the evaluation data lives in ../shared/data; set PARALLAX_DATA_DIR to point elsewhere)` : null;
}

export const pct = (x: number) => x.toFixed(3);

/** The data's own scorer `name` (../shared/eval/<name>), beside the data folder. */
export function scorerPath(name: string): string {
  return path.resolve(dataDir(), '../eval', name);
}

/** Why a Python scorer cannot run here (no python3), or null when it can. */
export function pythonMissing(scorer: string): string | null {
  return spawnSync('python3', ['--version']).status === 0 ? null : `python3 is needed to run ${path.basename(scorer)} (apt-get install python3)`;
}

/**
 * Runs a Python scorer and returns its output lines; the last is its JSON summary, parsed.
 * Throws with the scorer's own message when it fails.
 */
export function runScorer(scorer: string, args: string[], what: string): { lines: string[]; summary: Record<string, unknown> } {
  const scored = spawnSync('python3', [scorer, ...args], { encoding: 'utf8' });
  if (scored.status !== 0) throw new Error(`eval ${what}: ${path.basename(scorer)} failed: ${scored.stderr || scored.stdout}`);
  const lines = scored.stdout.trim().split('\n');
  return { lines: lines.slice(0, -1), summary: JSON.parse(lines[lines.length - 1]!) as Record<string, unknown> };
}
