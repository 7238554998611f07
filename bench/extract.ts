/**
 * `npm run bench -- extract [--rounds N] [--threads T]`: HTML pages per second through
 * extractHtml on this thread, then through the worker-thread pool that ingest uses (T threads,
 * default one per core; thread start-up is timed separately), and peak memory.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../src/extract/html/index.ts';
import { dataDir, memorySampler, option, threadsOption, timeThreadPool } from './common.ts';

export async function run(args: string[]): Promise<void> {
  const dir = dataDir('extraction', 'html');
  if (!existsSync(dir)) return console.log(`bench extract: skipped (${dir} not found)`);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => gunzipSync(readFileSync(`${dir}/${f}`)).toString('utf8'));
  const rounds = Number(option(args, '--rounds') ?? 3);
  extractHtml(pages[0]!); // warm-up: JIT and module loading are not per page
  const memory = memorySampler();
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const html of pages) extractHtml(html);
  const seconds = (performance.now() - started) / 1000;
  const n = pages.length * rounds;
  console.log(`extract, one thread: ${n} pages (${pages.length} benchmark pages × ${rounds}) in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(1)} pages/s · peak RSS ${memory.stop()} MB   [target ≥ 45 pages/s]`);

  const threads = threadsOption(args);
  if (threads < 2) return;
  const pooled = memorySampler();
  const task = (html: string) => ({ html, url: null });
  const all = Array.from({ length: rounds }, () => pages).flat();
  const { ready, seconds: s } = await timeThreadPool(new URL('../src/extract/html/task.ts', import.meta.url), threads, Array.from({ length: threads }, () => task(pages[0]!)), all.map(task));
  console.log(
    `extract, ${threads} worker threads: ${n} pages in ${s.toFixed(2)} s = ${(n / s).toFixed(1)} pages/s (threads ready in ${ready.toFixed(1)} s, not counted) · peak RSS of this process ${pooled.stop()} MB   [target ≥ 45 pages/s]`,
  );
}
