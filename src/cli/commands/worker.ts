import type { Command } from 'commander';
import { drainQueue, enqueueIngest, startWorker } from '../../worker/index.ts';
import { addDbOption, print, warn, wholeNumber, type DbOptions } from '../common.ts';

export function registerWorker(program: Command): void {
  const worker = program
    .command('worker')
    .description('process queued ingest, story and analysis jobs from a PostgreSQL store (run as many as you like, on any machines)')
    .option('--concurrency <n>', 'jobs at once in this process', wholeNumber(1), 2)
    .option('--once', 'stop when the queue is empty')
    .option('--quiet', 'no per-job log lines');
  addDbOption(worker);
  worker.addHelpText('after', `
Queue work with "parallax enqueue", then start workers anywhere that reaches the database:
  $ parallax enqueue feeds.opml dump.jsonl --db postgres://parallax@db/parallax
  $ parallax worker --db postgres://parallax@db/parallax --concurrency 4
A job that fails is retried with backoff; every job can run again without doing anything twice.`);
  worker.action(async (flags: DbOptions & { concurrency: number; once?: boolean; quiet?: boolean }) => {
    const options = {
      database: flags.db,
      concurrency: flags.concurrency,
      quiet: flags.quiet,
      onEvent: flags.quiet ? undefined : (e: { job: string; message: string }) => print(`${new Date().toISOString()} ${e.job}: ${e.message}`),
    };
    if (flags.once) {
      await drainQueue(options);
      return;
    }
    const running = await startWorker(options);
    print(`worker: processing jobs from ${running.store.description} (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    warn('worker: stopping after the jobs in hand…');
    await running.stop();
  });

  const enqueue = program
    .command('enqueue')
    .description('queue inputs for "parallax worker" instead of ingesting them here (PostgreSQL store)')
    .argument('<inputs...>', 'files, folders, URLs, feeds — as for "parallax ingest"')
    .option('--outlet <name>', 'outlet name for every article read')
    .option('--allow-private', 'allow fetching from loopback and private network addresses');
  addDbOption(enqueue);
  enqueue.action(async (inputs: string[], flags: DbOptions & { outlet?: string; allowPrivate?: boolean }) => {
    const n = await enqueueIngest(flags.db, inputs, { outlet: flags.outlet, allowPrivate: flags.allowPrivate });
    print(`queued ${n} ingest job(s); start workers with: parallax worker --db ${flags.db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`);
  });
}
