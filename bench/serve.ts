/**
 * `npm run bench -- serve [--limit N] [--seconds S] [--connections C] [--store FILE]`: the HTTP API
 * under load. Builds a SQLite store of the scale articles (10,000 by default) with stories placed
 * (or reuses --store FILE if it exists, building it there if not), starts the server on a free
 * port and drives it with autocannon: GET /api/stories?limit=50, then GET /api/stories/<id> of
 * the largest multi-article story. Reports requests/s, p99 latency, errors and resident memory at
 * the start and end of each sustained run (the comparison cache must not grow without bound).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ingestIntoStore } from '../src/pipeline/ingest.ts';
import { assignStories } from '../src/pipeline/stories.ts';
import { startServer } from '../src/server/index.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { loadScale, option } from './common.ts';

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
/** Live JavaScript heap after a full collection (needs --expose-gc, which `npm run bench` passes): growth here is a leak, RSS growth may be the collector waiting. */
const liveHeapMb = () => {
  if (!globalThis.gc) return null;
  globalThis.gc();
  globalThis.gc();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
};

async function build(store: Store, limit: number, tmp: string): Promise<boolean> {
  const scale = loadScale(limit);
  if (!scale) return false;
  const file = path.join(tmp, 'articles.jsonl');
  await writeFile(file, `${scale.map(({ id, title, text, outlet, published, url }) => JSON.stringify({ id, title, text, outlet, published, url })).join('\n')}\n`);
  const started = performance.now();
  let assignStarted = 0;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const ticker = setInterval(() => assignStarted && console.log(`  … placing stories (${elapsed()})`), 30_000);
  try {
    const summary = await ingestIntoStore(store, [file], {
      maxBytes: 1 << 30,
      onProgress: ({ done }) => {
        if (done % 1000 === 0) console.log(`  ingested ${done} / ${scale.length} (${elapsed()})`);
      },
      afterStore: async (ids) => {
        assignStarted = performance.now();
        console.log(`  placing ${ids.length} articles into stories (${elapsed()})`);
        await assignStories(store, ids);
      },
    });
    const total = (performance.now() - started) / 1000;
    const assign = (performance.now() - assignStarted) / 1000;
    console.log(`store built: ${summary.new} articles in ${total.toFixed(0)} s (ingest ${(total - assign).toFixed(0)} s, story placement ${assign.toFixed(0)} s), ${await store.countStories()} stories`);
  } finally {
    clearInterval(ticker);
  }
  return true;
}

async function load(label: string, url: string, seconds: number, connections: number): Promise<void> {
  const single = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  console.log(`serve ${label}: one request alone ${(performance.now() - single).toFixed(0)} ms (status ${res.status})`);
  const heapBefore = liveHeapMb();
  const before = rssMb();
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb()), 1000);
  const result = await autocannon({ url, connections, duration: seconds });
  clearInterval(sampler);
  const after = rssMb();
  const heapAfter = liveHeapMb();
  const errors = result.errors + result.non2xx; // autocannon's errors include its timeouts
  console.log(
    `serve ${label}: ${result.requests.average.toFixed(0)} req/s (total ${result.requests.total}) · latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms · errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts}) · RSS ${before} MB at start → ${after} MB at end (max ${Math.max(before, ...samples)} MB) · live heap after GC ${heapBefore ?? '?'} MB → ${heapAfter ?? '?'} MB`,
  );
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(option(args, '--limit') ?? 10_000);
  const seconds = Number(option(args, '--seconds') ?? 20);
  const connections = Number(option(args, '--connections') ?? 10);
  const keep = option(args, '--store');
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-serve-'));
  const dbFile = keep ?? path.join(tmp, 'serve.db');
  const reuse = keep !== undefined && existsSync(keep);
  const store = await openStore(dbFile);
  try {
    if (reuse) console.log(`reusing ${dbFile}: ${await store.countArticles()} articles, ${await store.countStories()} stories`);
    else if (!(await build(store, limit, tmp))) return console.log('bench serve: skipped (../shared/data/scale not found)');
    const stories = await store.listStories({ limit: 1_000_000 });
    const multi = stories.filter((s) => s.articleIds.length > 1).sort((a, b) => b.articleIds.length - a.articleIds.length);
    // A story the size of a typical front-page event, not the largest (which may be a catch-all).
    const target = multi.find((s) => s.articleIds.length <= 20) ?? multi[0];
    console.log(`multi-article stories: ${multi.length}; benchmarking story ${target?.id} (${target?.articleIds.length} articles)`);
    const server = await startServer(store, { port: 0 });
    try {
      await load('GET /api/stories?limit=50', `${server.url}/api/stories?limit=50`, seconds, connections);
      if (target) await load(`GET /api/stories/${target.id}`, `${server.url}/api/stories/${target.id}`, seconds, connections);
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
