import { Logger, makeWorkerUtils, run, runOnce, type AddJobFunction, type Runner, type Task, type TaskList } from 'graphile-worker';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import { createPipeline } from '../pipeline/index.ts';
import { openPostgresStore, type KyselyStore } from '../store/postgres/index.ts';
import { livenessOptions, startLiveness, type Liveness, type LivenessOptions } from './liveness.ts';

/**
 * Work queued in PostgreSQL itself, run by graphile-worker (SKIP LOCKED job fetching, retries with
 * exponential backoff, any number of workers on any number of machines). Each job's writes are
 * transactions of their own, and every job is safe to run again:
 * - `ingest` reads one input and stores each article (content-hash dedupe makes a rerun a no-op),
 *   then queues `assign` and `analyze` for what it stored;
 * - `assign` places articles into stories inside one store transaction holding the store-wide
 *   advisory lock, so two workers placing related articles at once do it one after the other;
 * - `analyze` computes and stores analyses (versioned, so a rerun finds them done);
 * - `repair` places and analyses whatever any run left pending (the store's "to place" marks and
 *   missing analyses), so a worker killed between storing and queueing loses nothing. Every worker
 *   queues one when it starts, and every ingest job queues one to run once the queue is quiet.
 * A job that throws is retried with exponential backoff (graphile-worker: e^attempts seconds) and,
 * after its `maxAttempts`, stays in the queue with its last error. A killed worker's jobs go back
 * to the queue within about 40 s (liveness.ts).
 */

export interface IngestJob {
  input: string;
  outlet?: string;
  allowPrivate?: boolean;
}

export interface WorkerOptions {
  /** postgres:// URL of the shared store (and queue). */
  database: string;
  concurrency?: number;
  pollIntervalMs?: number;
  /** Silence graphile-worker's own logging (tests, benchmarks). */
  quiet?: boolean;
  onEvent?: (event: { job: string; message: string }) => void;
  /** Heartbeat and dead-worker sweep timings (liveness.ts); every worker on one queue should share them. */
  liveness?: Partial<LivenessOptions>;
}

/** Most skip reasons an ingest job's error repeats; the rest are counted. */
const REASONS_SHOWN = 5;

const quietLogger = new Logger(() => () => {});

function requirePostgres(url: string): void {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new ParallaxError('config', `worker: queues live in PostgreSQL; give --db postgres://… (got "${url}"). SQLite is single-process: use "parallax ingest" instead`);
  }
}

/** The worker's tasks: each one step of the pipeline (pipeline/index.ts) for the ids its job names. */
export function taskList(store: KyselyStore, onEvent?: WorkerOptions['onEvent']): TaskList {
  const pipeline = createPipeline(store);
  // The same path as "parallax ingest": batches in one transaction each, every failure alone (a
  // rerun after a crash finds what was stored unchanged).
  const ingest: Task = async (payload, helpers) => {
    const job = payload as IngestJob;
    // Step 4 (placing in stories) is a job of its own below, so placement and analysis of one
    // input's articles can run on other workers while this one reads the next input.
    const summary = await pipeline.ingest([job.input], { outlet: job.outlet, allowPrivate: job.allowPrivate, stories: false });
    const stored: string[] = [];
    const reasons: string[] = [];
    for (const r of summary.results) {
      if (r.status === 'skipped') {
        onEvent?.({ job: 'ingest', message: `skipped ${r.input}: ${r.reason}` });
        reasons.push(r.reason ?? `${r.input}: skipped`);
      }
      // Unchanged ones too: a rerun of a job killed after its commit still owes them their story
      // and analysis, and both jobs pass over what is already done.
      else if (r.id) stored.push(r.id);
    }
    if (!stored.length && reasons.length) {
      // Nothing came of the input (unreachable address, unreadable file): the job fails, so it is
      // retried with backoff and, after its last attempt, left in the queue with these reasons.
      const more = reasons.length > REASONS_SHOWN ? `; and ${reasons.length - REASONS_SHOWN} more` : '';
      throw new ParallaxError('bad-input', `ingest job ${job.input}: every one of its ${reasons.length} input(s) was skipped: ${reasons.slice(0, REASONS_SHOWN).join('; ')}${more}`);
    }
    if (stored.length) {
      await helpers.addJob('assign', { articleIds: stored }, { maxAttempts: 10 });
      await helpers.addJob('analyze', { articleIds: stored }, { maxAttempts: 5 });
    }
    await queueRepair(helpers.addJob, REPAIR_DELAY_MS);
    onEvent?.({ job: 'ingest', message: `${job.input}: ${stored.length} stored` });
  };
  const repair: Task = async () => {
    const result = await pipeline.repair();
    onEvent?.({ job: 'repair', message: `${result.placed} placed, ${result.analysed} analysed` });
  };
  const assign: Task = async (payload) => {
    const { articleIds } = payload as { articleIds: string[] };
    const result = await pipeline.place(articleIds);
    onEvent?.({ job: 'assign', message: `${result.placed.length} placed` });
  };
  const analyze: Task = async (payload) => {
    const { articleIds } = payload as { articleIds: string[] };
    const analysed = await pipeline.analyse(articleIds);
    onEvent?.({ job: 'analyze', message: `${analysed} analysed` });
  };
  return { ingest, assign, analyze, repair };
}

/**
 * How long after the last ingest job the sweep runs: each ingest job pushes it back (one job key),
 * so it runs once when the queue goes quiet instead of racing the jobs' own `assign` and `analyze`.
 */
const REPAIR_DELAY_MS = 30_000;

/** Queue the one `repair` job (a job key keeps it one however many ask), to run after `delayMs`. */
function queueRepair(addJob: AddJobFunction, delayMs = 0): Promise<unknown> {
  return addJob('repair', {}, { jobKey: 'repair', maxAttempts: 10, runAt: new Date(Date.now() + delayMs) });
}

/** Queue one ingest job per input. */
export async function enqueueIngest(database: string, inputs: string[], options: Omit<IngestJob, 'input'> = {}): Promise<number> {
  requirePostgres(database);
  const utils = await makeWorkerUtils({ connectionString: database, logger: quietLogger });
  try {
    await utils.migrate();
    for (const input of inputs) await utils.addJob('ingest', { input, ...options } satisfies IngestJob, { maxAttempts: 5, jobKey: `ingest:${input}` });
    return inputs.length;
  } finally {
    await utils.release();
  }
}

/**
 * What every worker process sets up before it takes jobs: the queue's schema, a `repair` job (a
 * starting worker finishes what a killed one left: its marks are in the store, not in the queue),
 * heartbeats for its own workers and the sweep that returns dead workers' jobs to the queue, run
 * once now so a worker started after a crash takes the crashed one's jobs at once.
 */
async function prepareWorker(options: WorkerOptions): Promise<{ liveness: Liveness; release: () => Promise<void> }> {
  const timings = livenessOptions(options.liveness);
  const utils = await makeWorkerUtils({ connectionString: options.database, logger: quietLogger });
  try {
    await utils.migrate();
    await queueRepair(utils.addJob);
    const liveness = await startLiveness(utils, timings, (message) => options.onEvent?.({ job: 'liveness', message }));
    const freed = await liveness.sweep();
    if (freed.length) options.onEvent?.({ job: 'liveness', message: `took back the jobs of ${freed.length} worker(s) not heard from in ${timings.staleMs / 1000} s` });
    return {
      liveness,
      release: async () => {
        await liveness.stop();
        await utils.release();
      },
    };
  } catch (error) {
    await utils.release();
    throw error;
  }
}

/** A long-running worker; stop it with `stop()`. */
export async function startWorker(options: WorkerOptions): Promise<{ runner: Runner; store: KyselyStore; stop: () => Promise<void> }> {
  requirePostgres(options.database);
  const store = await openPostgresStore(options.database, { poolSize: (options.concurrency ?? 2) + 2 });
  let prepared: Awaited<ReturnType<typeof prepareWorker>> | undefined;
  try {
    prepared = await prepareWorker(options);
    const runner = await run({
      connectionString: options.database,
      concurrency: options.concurrency ?? 2,
      pollInterval: options.pollIntervalMs ?? 1000,
      noHandleSignals: true,
      logger: options.quiet ? quietLogger : undefined,
      events: prepared.liveness.events,
      taskList: taskList(store, options.onEvent),
    });
    const { release } = prepared;
    return {
      runner,
      store,
      stop: async () => {
        await runner.stop();
        await release();
        await store.close();
      },
    };
  } catch (error) {
    await prepared?.release();
    await store.close();
    if (error instanceof ParallaxError && error.code === 'config') throw error;
    throw new ParallaxError('store', `worker: cannot start on ${store.description}: ${errorMessage(error)}`, { cause: error });
  }
}

/** Processes queued jobs until the queue is empty, then returns (tests, benchmarks, cron). */
export async function drainQueue(options: WorkerOptions): Promise<void> {
  requirePostgres(options.database);
  const store = await openPostgresStore(options.database, { poolSize: (options.concurrency ?? 2) + 2 });
  try {
    const prepared = await prepareWorker(options);
    try {
      await runOnce({
        connectionString: options.database,
        concurrency: options.concurrency ?? 2,
        noHandleSignals: true,
        logger: options.quiet ? quietLogger : undefined,
        events: prepared.liveness.events,
        taskList: taskList(store, options.onEvent),
      });
    } finally {
      await prepared.release();
    }
  } finally {
    await store.close();
  }
}
