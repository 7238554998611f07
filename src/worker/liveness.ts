import { EventEmitter } from 'node:events';
import type { WorkerEvents, WorkerUtils } from 'graphile-worker';
import { ParallaxError } from '../core/errors.ts';

/**
 * graphile-worker (0.16) frees a job whose worker died only once it has been locked for 4 hours, a
 * fixed interval in its SQL. Each worker process here instead records, every `heartbeatMs`, that
 * its workers are alive (table `parallax_worker_heartbeats`), and every process sweeps: a job
 * locked for over `staleMs` by a worker not heard from within `staleMs` goes back to the queue
 * (`forceUnlockWorkers`, graphile-worker's own API for crashed workers), where the next free
 * worker takes it. With the defaults a killed worker's jobs run again within about 40 s.
 *
 * `staleMs` must exceed every worker's `heartbeatMs` with room for a slow database: a worker that
 * misses beats for `staleMs` (its event loop blocked, its database link down) has its jobs run a
 * second time by another worker. Every job here is safe to run twice, so that costs time, not data.
 */
export interface LivenessOptions {
  /** How often this process records that its workers are alive. */
  heartbeatMs: number;
  /** A worker unheard of for this long is taken for dead and its jobs are run again. */
  staleMs: number;
  /** How often this process looks for dead workers' jobs. */
  sweepMs: number;
}

export const LIVENESS_DEFAULTS: LivenessOptions = { heartbeatMs: 10_000, staleMs: 30_000, sweepMs: 10_000 };

export function livenessOptions(given: Partial<LivenessOptions> = {}): LivenessOptions {
  const options = { ...LIVENESS_DEFAULTS, ...given };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isFinite(value) || value <= 0) throw new ParallaxError('config', `worker: ${name} must be a positive number of milliseconds (got ${value})`);
  }
  if (options.staleMs <= options.heartbeatMs) {
    throw new ParallaxError('config', `worker: staleMs (${options.staleMs}) must be longer than heartbeatMs (${options.heartbeatMs}), or live workers would be taken for dead`);
  }
  return options;
}

const TABLE = 'parallax_worker_heartbeats';

export interface Liveness {
  /** Pass to graphile-worker's `run`/`runOnce` as `events`: it names the workers to keep alive. */
  events: WorkerEvents;
  /** Puts back in the queue the jobs of workers not heard from within `staleMs`; returns those workers' ids. */
  sweep(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Heartbeats for the workers this process runs, and the sweep for everyone's dead ones. */
export async function startLiveness(utils: WorkerUtils, given: Partial<LivenessOptions> = {}, onError?: (message: string) => void): Promise<Liveness> {
  const options = livenessOptions(given);
  await utils.withPgClient(async (client) => {
    // Two workers starting at once would both try to create the table; one waits for the other.
    await client.query('begin');
    try {
      await client.query(`select pg_advisory_xact_lock(hashtext('${TABLE}'))`);
      await client.query(`create table if not exists ${TABLE} (worker_id text primary key, seen_at timestamptz not null)`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  });

  const alive = new Set<string>();
  const events = new EventEmitter() as WorkerEvents;
  const report = (what: string) => (error: unknown) => onError?.(`${what}: ${error instanceof Error ? error.message : String(error)}`);

  const beat = async () => {
    if (!alive.size) return;
    await utils.withPgClient((client) =>
      client.query(
        `insert into ${TABLE} (worker_id, seen_at) select unnest($1::text[]), now() on conflict (worker_id) do update set seen_at = now()`,
        [[...alive]],
      ),
    );
  };
  const forget = async (ids: string[]) => {
    await utils.withPgClient((client) => client.query(`delete from ${TABLE} where worker_id = any($1::text[])`, [ids]));
  };
  events.on('worker:create', ({ worker }) => {
    alive.add(worker.workerId);
    void beat().catch(report('heartbeat'));
  });
  events.on('worker:stop', ({ worker }) => {
    alive.delete(worker.workerId);
    void forget([worker.workerId]).catch(report('heartbeat'));
  });

  const sweep = async (): Promise<string[]> => {
    const stale = `now() - $1::double precision * interval '1 millisecond'`;
    const dead = await utils.withPgClient(async (client) => {
      // A lock younger than staleMs may belong to a worker whose first beat is still on its way.
      const { rows } = await client.query<{ locked_by: string }>(
        `select distinct j.locked_by from graphile_worker.jobs j
         where j.locked_by is not null and j.locked_at < ${stale}
           and not exists (select 1 from ${TABLE} h where h.worker_id = j.locked_by and h.seen_at >= ${stale})`,
        [options.staleMs],
      );
      // Rows of workers gone for a day: nobody will ask about them again.
      await client.query(`delete from ${TABLE} where seen_at < now() - interval '1 day'`);
      return rows.map((r) => r.locked_by);
    });
    if (dead.length) {
      await utils.forceUnlockWorkers(dead);
      await forget(dead);
    }
    return dead;
  };

  const beating = setInterval(() => void beat().catch(report('heartbeat')), options.heartbeatMs);
  // Jittered, so many workers started together do not all sweep in the same instant.
  let sweeping: NodeJS.Timeout;
  let stopped = false;
  const scheduleSweep = () => {
    if (stopped) return;
    sweeping = setTimeout(() => {
      void sweep()
        .catch(report('sweep for dead workers'))
        .finally(scheduleSweep);
    }, options.sweepMs * (0.75 + Math.random() / 2));
    sweeping.unref();
  };
  beating.unref();
  scheduleSweep();

  return {
    events,
    sweep,
    stop: async () => {
      stopped = true;
      clearInterval(beating);
      clearTimeout(sweeping);
      if (alive.size) await forget([...alive]).catch(report('heartbeat'));
      alive.clear();
    },
  };
}
