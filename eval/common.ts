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
