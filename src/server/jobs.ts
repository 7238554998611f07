import { randomUUID } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import { createThreadPool, type ThreadPool } from '../core/threads/index.ts';
import type { FetchedResource } from '../ingest/fetch/index.ts';
import type { Store } from '../core/store.ts';
import { runIngestJob, type IngestJobInput, type IngestJobResult } from './ingest-job.ts';
import type { IngestTask } from './ingest-task.ts';
import { sharedBetweenThreads } from './thread-store.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

/** What the API shows of a web ingest job. */
export interface IngestJob {
  id: string;
  input: string;
  state: JobState;
  /** Jobs still ahead of this one while it is queued. */
  ahead: number;
  submittedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  results: IngestJobResult[];
  /** Why the whole job failed (one article that could not be added is a skipped result instead). */
  error: string | null;
}

export interface IngestQueueOptions {
  store: Store;
  /**
   * The store's spec (file path or postgres:// URL), so a worker thread can open its own
   * connection and do the work off the request thread. Without one (or for ":memory:", which
   * no other connection can see) jobs run on this thread.
   */
  storeSpec?: string | null;
  fetchUrl: (url: string) => Promise<FetchedResource>;
  /** Called after each job that stored something (the app drops cached comparisons). */
  onStored?: () => void;
}

/** Finished jobs kept for their results; older ones are forgotten. */
const KEEP_FINISHED = 200;

/**
 * Web ingest jobs, one at a time in the order they came: the request that submits one is answered
 * at once with the job, and the page polls it. The address is fetched here (waiting on the network
 * costs the event loop nothing); extraction and story placement, which are CPU work that took
 * seconds on a large store, run on a worker thread with its own store connection.
 */
export function createIngestQueue(options: IngestQueueOptions) {
  const jobs = new Map<string, IngestJob>();
  const waiters = new Map<string, (() => void)[]>();
  const queue: { job: IngestJob; input: IngestJobInput }[] = [];
  const threaded = sharedBetweenThreads(options.storeSpec);
  let pool: ThreadPool<IngestTask, IngestJobResult[]> | null = null;
  let running = false;

  const finish = (job: IngestJob, state: JobState) => {
    job.state = state;
    job.finishedAt = new Date().toISOString();
    for (const wake of waiters.get(job.id) ?? []) wake();
    waiters.delete(job.id);
    const finished = [...jobs.values()].filter((j) => j.finishedAt);
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(old.id);
  };

  async function execute(job: IngestJob, input: IngestJobInput): Promise<IngestJobResult[]> {
    if (input.url && !input.fetched) {
      try {
        input.fetched = await options.fetchUrl(input.url);
      } catch (error) {
        return [{ input: input.name, status: 'skipped', id: null, title: null, outlet: null, reason: errorMessage(error), story: null }];
      }
    }
    if (!threaded) return runIngestJob(options.store, input, options.fetchUrl);
    pool ??= createThreadPool<IngestTask, IngestJobResult[]>(new URL('./ingest-task.ts', import.meta.url), 1);
    return pool.run({ db: options.storeSpec!, job: input });
  }

  async function drain() {
    if (running) return;
    running = true;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        queue.forEach((q, i) => (q.job.ahead = i + 1));
        const { job, input } = next;
        job.state = 'running';
        job.ahead = 0;
        job.startedAt = new Date().toISOString();
        try {
          job.results = await execute(job, input);
          if (job.results.some((r) => r.status !== 'skipped' && r.status !== 'unchanged')) options.onStored?.();
          finish(job, 'done');
        } catch (error) {
          job.error = errorMessage(error);
          finish(job, 'failed');
        }
      }
    } finally {
      running = false;
    }
  }

  return {
    submit(input: IngestJobInput): IngestJob {
      const job: IngestJob = {
        id: randomUUID(),
        input: input.name,
        state: 'queued',
        ahead: queue.length + (running ? 1 : 0),
        submittedAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        results: [],
        error: null,
      };
      jobs.set(job.id, job);
      queue.push({ job, input });
      void drain();
      return job;
    },
    get: (id: string): IngestJob | null => jobs.get(id) ?? null,
    list: (): IngestJob[] => [...jobs.values()].reverse(),
    /** Resolves when the job has finished (at once if it has). */
    wait(id: string): Promise<IngestJob | null> {
      const job = jobs.get(id);
      if (!job || job.finishedAt) return Promise.resolve(job ?? null);
      return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), () => resolve(job)]));
    },
    async close(): Promise<void> {
      await pool?.close();
      pool = null;
    },
  };
}

export type IngestQueue = ReturnType<typeof createIngestQueue>;
