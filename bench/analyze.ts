/**
 * `npm run bench -- analyze [--limit N] [--data DIR] [--threads T]`: articles per second of the
 * full per-article analysis (document, entities, quantities, dates, quotes, signals, opinion,
 * scores) over the scale set, with memory: on this thread, then on the worker-thread pool that
 * large batches use (T threads, default one per core; start-up timed apart). The model load is
 * timed apart too: it is paid once per process, not per article.
 */
import { createAnalyzer } from '../src/analyze/index.ts';
import { readDocument } from '../src/analyze/document/index.ts';
import { loadScale, option, threadsOption, timeThreadPool } from './common.ts';

export async function run(args: string[]): Promise<void> {
  const limit = Number(option(args, '--limit') ?? 2000);
  const scale = loadScale(Infinity, option(args, '--data'));
  if (!scale) {
    console.log('bench analyze: skipped, scale/articles.jsonl.gz is absent (set PARALLAX_DATA_DIR or pass --data DIR)');
    return;
  }
  const articles = scale.filter((a) => a.text?.trim()).slice(0, limit);
  const words = articles.map((a) => a.text.split(/\s+/).filter(Boolean).length).sort((x, y) => x - y);
  const median = words[Math.floor(words.length / 2)] ?? 0;

  let t = performance.now();
  readDocument('Warm up.');
  const loadMs = performance.now() - t;
  const analyze = createAnalyzer();
  // A short warm-up so the JIT has seen every stage before timing.
  for (const a of articles.slice(0, 50)) analyze({ text: a.text, title: a.title, published: a.published, input: a.id });

  const rssBefore = process.memoryUsage().rss;
  t = performance.now();
  let tokens = 0;
  for (const a of articles) tokens += analyze({ text: a.text, title: a.title, published: a.published, input: a.id }).scores.words;
  const seconds = (performance.now() - t) / 1000;
  const mem = process.memoryUsage();

  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
  console.log(`analyze  ${articles.length} articles (median ${median} words) in ${seconds.toFixed(2)} s`);
  console.log(`         ${(articles.length / seconds).toFixed(0)} articles/s · ${(tokens / seconds / 1000).toFixed(0)}k words/s   [target ≥ 200 articles/s]`);
  console.log(`         model load ${loadMs.toFixed(0)} ms · rss ${mib(mem.rss)} (+${mib(mem.rss - rssBefore)} during run) · heap used ${mib(mem.heapUsed)}`);

  const threads = threadsOption(args);
  if (threads < 2) return;
  const inputs = articles.map((a) => ({ text: a.text, title: a.title, published: a.published, input: a.id }));
  const { ready, seconds: s } = await timeThreadPool(new URL('../src/analyze/task.ts', import.meta.url), threads, inputs.slice(0, 25 * threads), inputs);
  console.log(`analyze  on ${threads} worker threads: ${(articles.length / s).toFixed(0)} articles/s (${articles.length} in ${s.toFixed(2)} s; threads started and warmed in ${ready.toFixed(1)} s, not counted) · rss of this process ${mib(process.memoryUsage().rss)}   [target ≥ 200 articles/s]`);
}
