/** A web ingest job as a worker-thread task (see src/core/threads), so extraction and story placement never hold up the server's requests. */
import { createFetcher } from '../ingest/fetch/index.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { runIngestJob, type IngestJobInput, type IngestJobResult } from './ingest-job.ts';

export interface IngestTask {
  /** The store spec the server was opened with: the thread opens its own connection to it. */
  db: string;
  job: IngestJobInput;
}

// One connection per store for the thread's life: opening runs the migration check each time.
const stores = new Map<string, Promise<Store>>();

export async function runTask({ db, job }: IngestTask): Promise<IngestJobResult[]> {
  let store = stores.get(db);
  if (!store) {
    store = openStore(db);
    stores.set(db, store);
    store.catch(() => stores.delete(db));
  }
  return runIngestJob(await store, job, createFetcher({ allowPrivate: job.allowPrivate, maxBytes: job.maxBytes }));
}
