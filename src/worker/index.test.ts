import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { makeWorkerUtils } from 'graphile-worker';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { draft } from '../store/contract.ts';
import { openPostgresStore } from '../store/postgres/index.ts';
import { assignStories } from '../pipeline/stories.ts';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { drainQueue, enqueueIngest, startWorker } from './index.ts';

const url = process.env.PARALLAX_TEST_DATABASE_URL;
if (!url) console.warn('Worker tests skipped: set PARALLAX_TEST_DATABASE_URL (scripts/pg-throwaway.sh start prints one).');
const examples = path.resolve(import.meta.dirname, '../../examples');
const bin = path.resolve(import.meta.dirname, '../../bin/parallax.js');

interface QueuedJob {
  id: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  run_at: Date;
  locked_by: string | null;
}

/** The queue's view of every job of one task. */
async function jobsOf(database: string, task: string): Promise<QueuedJob[]> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query<QueuedJob>('select id, attempts, max_attempts, last_error, run_at, locked_by from graphile_worker.jobs where task_identifier = $1 order by id', [task]);
    return rows;
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `parallax_worker_${process.pid}_${created.length}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const target = new URL(url!);
  target.pathname = `/${name}`;
  return target.toString();
}

async function storyShape(database: string): Promise<string[]> {
  const store = await openPostgresStore(database);
  try {
    const stories = await store.listStories();
    const articles = new Map((await store.listArticles({ limit: 1000 })).map((a) => [a.id, a.outlet ?? a.input]));
    return stories.map((s) => s.articleIds.map((id) => articles.get(id)).sort().join(' + ')).sort();
  } finally {
    await store.close();
  }
}

describe.skipIf(!url)('workers on PostgreSQL', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('gives the same stories with one worker or four', async () => {
    const inputs = ['eastport-flood/harbour-gazette.txt', 'eastport-flood/coast-daily.html', 'eastport-flood/northern-wire.rss', 'eastport-flood/valley-times.md', 'eastport-flood/records.jsonl', 'ferry-strike/records.jsonl'].map((f) => path.join(examples, f));
    const one = await freshDatabase();
    await enqueueIngest(one, inputs);
    await drainQueue({ database: one, concurrency: 1, quiet: true });
    const four = await freshDatabase();
    await enqueueIngest(four, inputs);
    await Promise.all([1, 2, 3, 4].map(() => drainQueue({ database: four, concurrency: 1, quiet: true })));
    const shapeOne = await storyShape(one);
    expect(shapeOne).toHaveLength(2);
    expect(await storyShape(four)).toEqual(shapeOne);
  }, 120_000);

  it('places related articles into one story when two workers assign them at the same moment', async () => {
    const database = await freshDatabase();
    const a = await openPostgresStore(database);
    const b = await openPostgresStore(database);
    try {
      const text = (n: number) =>
        `Crews on the Eastport to Skerry ferry route walked out on Monday over new duty rosters, cancelling all twelve daily crossings, the seafarers union said in statement ${n}.`;
      const x = await a.putArticle(draft({ text: text(1), title: 'Ferry crews strike', outlet: 'A', published: '2025-03-18T07:00:00Z' }));
      const y = await b.putArticle(draft({ text: text(2), title: 'Ferry strike halts crossings', outlet: 'B', published: '2025-03-18T08:00:00Z' }));
      await Promise.all([assignStories(a, [x.article.id]), assignStories(b, [y.article.id])]);
      const stories = await a.listStories();
      expect(stories).toHaveLength(1);
      expect(stories[0]!.articleIds.sort()).toEqual([x.article.id, y.article.id].sort());
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('a worker that starts places and analyses what a killed one stored but never queued', async () => {
    const database = await freshDatabase();
    const store = await openPostgresStore(database);
    try {
      // What an ingest job leaves when its worker dies between the commit and queueing `assign`.
      const outcomes = await store.putArticles([draft({ text: 'Ferry crews walked out on Monday.' }), draft({ text: 'A crane fell into the harbour.' })]);
      expect(outcomes.map((o) => o.status)).toEqual(['new', 'new']);
      expect(await store.counts(ANALYZER_VERSION)).toMatchObject({ pendingPlacement: 2, pendingAnalysis: 2 });
      await drainQueue({ database, concurrency: 1, quiet: true });
      expect(await store.counts(ANALYZER_VERSION)).toMatchObject({ articles: 2, pendingPlacement: 0, pendingAnalysis: 0 });
      for (const o of outcomes) expect(await store.storyOfArticle(o.status === 'error' ? '' : o.article.id)).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('runs an ingest job again without storing anything twice, and a bad input does not stop the queue', async () => {
    const database = await freshDatabase();
    const input = path.join(examples, 'ferry-strike/records.jsonl');
    await enqueueIngest(database, [input, path.join(examples, 'does-not-exist.txt')]);
    await drainQueue({ database, concurrency: 2, quiet: true });
    // Ingesting the same input again is a no-op: content already stored is "unchanged".
    await enqueueIngest(database, [input]);
    await drainQueue({ database, concurrency: 2, quiet: true });
    const store = await openPostgresStore(database);
    try {
      expect(await store.countArticles()).toBe(2);
      expect(await store.countStories()).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a worker killed with SIGKILL mid-job: a worker started after it runs the job again within a minute', async () => {
    const database = await freshDatabase();
    // An article page that does not answer the first worker, so its job is in progress when it dies.
    const page = readFileSync(path.join(examples, 'eastport-flood/coast-daily.html'));
    const held: http.ServerResponse[] = [];
    let answering = false;
    let asked!: () => void;
    const firstAsk = new Promise<void>((resolve) => (asked = resolve));
    const server = http.createServer((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      if (!answering) {
        held.push(res);
        return asked();
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/eastport-flood.html`;
    let rescuer: Awaited<ReturnType<typeof startWorker>> | undefined;
    const store = await openPostgresStore(database);
    try {
      await enqueueIngest(database, [url], { allowPrivate: true });
      const victim = spawn(process.execPath, [bin, 'worker', '--db', database, '--concurrency', '1', '--quiet'], { env: { ...process.env, PARALLAX_FROM_SOURCE: '1' }, stdio: 'ignore' });
      const exited = new Promise((resolve) => victim.on('exit', resolve));
      await firstAsk;
      expect((await jobsOf(database, 'ingest'))[0]!.locked_by).not.toBeNull();
      victim.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      answering = true;

      // Timings shortened from the defaults (heartbeat 10 s, dead after 30 s) to keep the test short.
      rescuer = await startWorker({ database, concurrency: 1, pollIntervalMs: 200, quiet: true, liveness: { heartbeatMs: 500, staleMs: 2000, sweepMs: 500 } });
      await waitFor('the killed worker\'s ingest job to run again', async () => (await store.countArticles()) === 1, 60_000);
      expect(Date.now() - killedAt).toBeLessThan(60_000);
      await waitFor('the ingest job to leave the queue', async () => (await jobsOf(database, 'ingest')).length === 0, 10_000);
    } finally {
      await rescuer?.stop();
      for (const res of held) res.destroy();
      server.close();
      await store.close();
    }
  }, 120_000);

  it('an ingest job whose every input fails is failed with the reasons, retried with backoff, then left in the queue', async () => {
    const database = await freshDatabase();
    const missing = path.join(examples, 'does-not-exist.txt');
    await enqueueIngest(database, [missing]);
    await drainQueue({ database, concurrency: 1, quiet: true });
    const [failed] = await jobsOf(database, 'ingest');
    expect(failed).toMatchObject({ attempts: 1, max_attempts: 5, locked_by: null });
    expect(failed!.last_error).toContain('does-not-exist.txt: no such file');
    // Backoff: e^1 ≈ 2.7 s before the second attempt.
    expect(failed!.run_at.getTime()).toBeGreaterThan(Date.now() + 1000);

    // Each later attempt waits longer (e^2, e^3 … s); bring them forward instead of waiting.
    const utils = await makeWorkerUtils({ connectionString: database });
    try {
      for (let attempt = 2; attempt <= 5; attempt++) {
        await utils.rescheduleJobs([failed!.id], { runAt: new Date() });
        await drainQueue({ database, concurrency: 1, quiet: true });
        expect((await jobsOf(database, 'ingest'))[0]!.attempts).toBe(attempt);
      }
      // Out of attempts: it stays, with its reason, and no worker runs it again.
      await utils.rescheduleJobs([failed!.id], { runAt: new Date() });
      await drainQueue({ database, concurrency: 1, quiet: true });
      const [parked] = await jobsOf(database, 'ingest');
      expect(parked).toMatchObject({ attempts: 5, max_attempts: 5 });
      expect(parked!.last_error).toContain('does-not-exist.txt: no such file');
    } finally {
      await utils.release();
    }
  }, 120_000);
});
