import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = (...parts: string[]) => path.join(process.env.PARALLAX_DATA_DIR ?? path.resolve(repoRoot, '../shared/data'), ...parts);

export interface ScaleArticle {
  id: string;
  title: string | null;
  text: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
}

/** The 10,000 real articles of ../shared/data/scale (never copied into the repository). */
export function loadScale(limit = Infinity): ScaleArticle[] | null {
  const file = dataDir('scale', 'articles.jsonl.gz');
  if (!existsSync(file)) return null;
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  return lines.slice(0, limit).map((l) => JSON.parse(l) as ScaleArticle);
}

/** Samples resident memory while work runs; returns the peak in MB. */
export function memorySampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 1024 / 1024);
    },
  };
}

export function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}
