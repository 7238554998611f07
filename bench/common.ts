import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createThreadPool, threadCount } from '../src/core/threads/index.ts';

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

/** The 10,000 real articles of ../shared/data/scale (never copied into the repository); `root` replaces the data folder. */
export function loadScale(limit = Infinity, root?: string): ScaleArticle[] | null {
  const file = root ? path.join(root, 'scale', 'articles.jsonl.gz') : dataDir('scale', 'articles.jsonl.gz');
  if (!existsSync(file)) return null;
  // Parsed a line at a time from the decompressed bytes, never as one string: the benchmarks that
  // measure peak memory should not carry the whole file twice over.
  const bytes = gunzipSync(readFileSync(file));
  const articles: ScaleArticle[] = [];
  for (let start = 0; start < bytes.length && articles.length < limit; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) articles.push(JSON.parse(bytes.toString('utf8', start, end)) as ScaleArticle);
    start = end + 1;
  }
  return articles;
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

/** `--threads N` of a benchmark, else one per core. */
export function threadsOption(args: string[]): number {
  const given = option(args, '--threads');
  return threadCount(given === undefined ? undefined : Number(given));
}

/**
 * Times a task module on a pool of worker threads: the pool is started and warmed with `warmUp`
 * first (not counted), then every input is run. Returns seconds for the start and for the run.
 */
export async function timeThreadPool<I>(taskModule: URL, threads: number, warmUp: I[], inputs: I[]): Promise<{ ready: number; seconds: number }> {
  const startup = performance.now();
  const pool = createThreadPool<I, unknown>(taskModule, threads);
  try {
    await Promise.all(warmUp.map((i) => pool.run(i)));
    const ready = (performance.now() - startup) / 1000;
    const begun = performance.now();
    await Promise.all(inputs.map((i) => pool.run(i)));
    return { ready, seconds: (performance.now() - begun) / 1000 };
  } finally {
    await pool.close();
  }
}
