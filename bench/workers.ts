/**
 * `npm run bench -- workers [--articles N] [--files F] [--workers 1,2,4]`: end-to-end throughput of
 * the PostgreSQL job queue with 1, 2 and 4 workers. For each worker count: a fresh database, the
 * first N (default 2,000) scale articles written as F (default 20) JSONL files, one ingest job per
 * file (enqueueIngest), then that many drainQueue runs in parallel (each a worker with
 * concurrency 1 and its own connection pool) until the queue is empty — `--mode inprocess`: all in
 * this process, sharing its one JavaScript thread; `--mode processes`: each in a child process of
 * its own, as separate `parallax worker` processes would be (default: both). Each job's follow-ups run too: story placement (`assign`, under the
 * store-wide advisory lock) and analysis (`analyze`), so the figure is articles fully processed
 * per second. PostgreSQL: PARALLAX_BENCH_DATABASE_URL, or a throwaway cluster on port 54401
 * started and stopped here with scripts/pg-throwaway.sh (fsync off: a benchmark, not a server).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { drainQueue, enqueueIngest } from '../src/worker/index.ts';
import { loadScale, memorySampler, option, repoRoot } from './common.ts';

const PORT = '54401';
const script = path.join(repoRoot, 'scripts', 'pg-throwaway.sh');

async function freshDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** One worker in a process of its own (a child of this benchmark), like a separate `parallax worker`. */
function drainInChild(database: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, 'bench', 'index.ts'), 'workers', '--drain', database], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench workers: a worker process exited with ${code}`))));
  });
}

export async function run(args: string[]): Promise<void> {
  const drain = option(args, '--drain');
  if (drain) return drainQueue({ database: drain, concurrency: 1, quiet: true });
  const modes = (option(args, '--mode') ?? 'inprocess,processes').split(',');
  const n = Number(option(args, '--articles') ?? 2000);
  const fileCount = Number(option(args, '--files') ?? 20);
  const counts = (option(args, '--workers') ?? '1,2,4').split(',').map(Number);
  const scale = loadScale(n);
  if (!scale) return console.log('bench workers: skipped (../shared/data/scale not found)');

  let url = process.env.PARALLAX_BENCH_DATABASE_URL;
  const throwaway = !url;
  if (!url) {
    url = execFileSync('bash', [script, 'start', PORT], { encoding: 'utf8' }).trim().split('\n').pop()!;
    console.log(`started a throwaway PostgreSQL: ${url}`);
  }
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-workers-'));
  try {
    const files: string[] = [];
    const per = Math.ceil(scale.length / fileCount);
    for (let f = 0; f < fileCount; f++) {
      const part = scale.slice(f * per, (f + 1) * per);
      if (!part.length) break;
      const file = path.join(tmp, `part-${String(f).padStart(2, '0')}.jsonl`);
      await writeFile(file, `${part.map(({ id, title, text, outlet, published, url: u }) => JSON.stringify({ id, title, text, outlet, published, url: u })).join('\n')}\n`);
      files.push(file);
    }
    const results: { mode: string; workers: number; seconds: number; rate: number }[] = [];
    for (const mode of modes) {
      for (const workers of counts) {
        const name = `parallax_bench_workers_${workers}`;
        const database = await freshDatabase(url, name);
        try {
          await enqueueIngest(database, files);
          const memory = memorySampler();
          const started = performance.now();
          await Promise.all(Array.from({ length: workers }, () => (mode === 'processes' ? drainInChild(database) : drainQueue({ database, concurrency: 1, quiet: true }))));
          const seconds = (performance.now() - started) / 1000;
          const mb = memory.stop();
          const store = await openPostgresStore(database, { poolSize: 2 });
          let articles: number;
          let stories: number;
          try {
            articles = await store.countArticles();
            stories = await store.countStories();
          } finally {
            await store.close();
          }
          const rate = articles / seconds;
          results.push({ mode, workers, seconds, rate });
          console.log(
            `workers ${workers} (${mode === 'processes' ? 'one process each' : 'all in this process'}): ${articles} articles from ${files.length} files ingested, placed (${stories} stories) and analysed in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} articles/s · peak RSS ${mb} MB${mode === 'processes' ? ' (benchmark process only)' : ''}`,
          );
        } finally {
          await dropDatabase(url, name);
        }
      }
    }
    for (const mode of modes) {
      const one = results.find((r) => r.mode === mode && r.workers === 1);
      if (one) for (const r of results) if (r.mode === mode && r.workers !== 1) console.log(`${mode}: speed-up with ${r.workers} workers ${(r.rate / one.rate).toFixed(2)}×`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
    if (throwaway) {
      execFileSync('bash', [script, 'stop', PORT], { stdio: 'inherit' });
      console.log('stopped the throwaway PostgreSQL');
    }
  }
}
