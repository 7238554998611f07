/**
 * `npm run bench -- serve [--quick] [--workbench] [--identity] [--pages-only] [--limit N] [--seconds S] [--connections C] [--store FILE]`: the
 * HTTP API under load. Builds a SQLite store of the scale articles (10,000 by default) with stories
 * placed (or reuses --store FILE if it exists, building it there if not), starts the server on a
 * free port and drives it with autocannon, 200 connections for 30 s each (--quick: 5 s):
 * GET /api/stories?limit=50, then the story page as the web app loads it (GET /api/stories/<id>?view=page)
 * of the largest story of up to 20 articles and of a story of the median size (of those with more
 * than one article), then the largest one's full comparison JSON (--pages-only skips it). Reports
 * requests/s, p50 and p99 latency, errors and resident memory at the start and end of each
 * sustained run (the answer cache must not grow without bound), and whether the target of issue 19
 * holds: no errors and p99 under 1 s. Requests accept gzip as a browser's do; --identity asks for
 * uncompressed answers, as a script might.
 *
 * --workbench: the web app as a newsroom uses it, 10 connections (a handful of people reading at
 * once, each browser with a few requests in flight), against issue 14's target: no errors and p99
 * under 200 ms. At 200 connections on two cores the bytes sent to the load generator, on the
 * same cores, are the limit, not the server (see docs/benchmarks.md).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance as nodePerformance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { startServer } from '../src/server/index.ts';
import { openStore } from '../src/store/index.ts';
import { option } from './common.ts';
import { buildScaleStore } from './lib/scale-store.ts';

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
/** Live JavaScript heap after a full collection (needs --expose-gc, which `npm run bench` passes): growth here is a leak, RSS growth may be the collector waiting. */
const liveHeapMb = () => {
  if (!globalThis.gc) return null;
  globalThis.gc();
  globalThis.gc();
  return Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
};

/** p99 targets: issue 19's under a crowd (200 connections), issue 14's for the workbench (--workbench). */
const CROWD_P99_MS = 1000;
const WORKBENCH_P99_MS = 200;

async function load(label: string, url: string, seconds: number, connections: number, headers: Record<string, string>, targetMs = CROWD_P99_MS): Promise<boolean> {
  const single = performance.now();
  const res = await fetch(url);
  const bytes = (await res.arrayBuffer()).byteLength;
  console.log(`serve ${label}: one request alone ${(performance.now() - single).toFixed(0)} ms (status ${res.status}, ${(bytes / 1024).toFixed(0)} KiB of JSON)`);
  const heapBefore = liveHeapMb();
  const before = rssMb();
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb()), 1000);
  const loopBefore = nodePerformance.eventLoopUtilization();
  // The client on a thread of its own: on the server's thread its work would count as the server's latency.
  const result = await autocannon({ url, connections, duration: seconds, workers: 1, headers });
  clearInterval(sampler);
  // The server's thread: well under 100 % busy while latency grows means the client (or the machine) is the limit.
  const serverBusy = Math.round(nodePerformance.eventLoopUtilization(loopBefore).utilization * 100);
  const after = rssMb();
  const heapAfter = liveHeapMb();
  const errors = result.errors + result.non2xx; // autocannon's errors include its timeouts
  console.log(
    `serve ${label}: ${connections} connections for ${seconds} s${headers['accept-encoding'] ? ' (compressed)' : ''}: ${result.requests.average.toFixed(0)} req/s (total ${result.requests.total}) · latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms · errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts}) · ${(result.throughput.average / result.requests.average / 1024 || 0).toFixed(0)} KiB per answer · server thread ${serverBusy} % busy · RSS ${before} MB at start → ${after} MB at end (max ${Math.max(before, ...samples)} MB) · live heap after GC ${heapBefore ?? '?'} MB → ${heapAfter ?? '?'} MB`,
  );
  const met = errors === 0 && result.latency.p99 < targetMs;
  console.log(`serve ${label}: target (no errors, p99 under ${targetMs} ms at ${connections} connections) ${met ? 'met' : 'NOT met'}`);
  return met;
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(option(args, '--limit') ?? 10_000);
  const seconds = Number(option(args, '--seconds') ?? (args.includes('--quick') ? 5 : 30));
  const workbench = args.includes('--workbench');
  const connections = Number(option(args, '--connections') ?? (workbench ? 10 : 200));
  const targetMs = workbench ? WORKBENCH_P99_MS : CROWD_P99_MS;
  const keep = option(args, '--store');
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-serve-'));
  const dbFile = keep ?? path.join(tmp, 'serve.db');
  const reuse = keep !== undefined && existsSync(keep);
  const store = await openStore(dbFile);
  try {
    if (reuse) console.log(`reusing ${dbFile}: ${await store.countArticles()} articles, ${await store.countStories()} stories`);
    else if (!(await buildScaleStore(store, limit, tmp))) return console.log('bench serve: skipped: ../shared/data/scale/articles.jsonl.gz not found (set PARALLAX_DATA_DIR to the folder holding scale/)');
    const stories = await store.listStories({ limit: 1_000_000 });
    const multi = stories.filter((s) => s.articleIds.length > 1).sort((a, b) => b.articleIds.length - a.articleIds.length);
    // A story the size of a typical front-page event, not the largest (which may be a catch-all).
    const target = multi.find((s) => s.articleIds.length <= 20) ?? multi[0];
    // And a story of the median size among those with more than one article.
    const median = multi[Math.floor(multi.length / 2)];
    console.log(`multi-article stories: ${multi.length}; benchmarking story ${target?.id} (${target?.articleIds.length} articles) and ${median?.id} (${median?.articleIds.length}, the median)`);
    // As the web UI's browser asks (gzip), unless --identity: then as a script without compression.
    const headers: Record<string, string> = args.includes('--identity') ? {} : { 'accept-encoding': 'gzip, deflate, br' };
    // As `parallax serve` runs: the pages' comparisons on a worker thread with its own connection.
    const server = await startServer(store, { port: 0, storeSpec: dbFile });
    try {
      await load('GET /api/stories?limit=50', `${server.url}/api/stories?limit=50`, seconds, connections, headers, targetMs);
      // The story page as the web app loads it (view=page), then the full comparison JSON API clients get.
      for (const story of median && median !== target ? [target, median] : [target]) {
        if (story) await load(`GET /api/stories/${story.id}?view=page`, `${server.url}/api/stories/${story.id}?view=page`, seconds, connections, headers, targetMs);
      }
      if (target && !args.includes('--pages-only')) await load(`GET /api/stories/${target.id}`, `${server.url}/api/stories/${target.id}`, seconds, connections, headers, targetMs);
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
