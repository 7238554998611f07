/** A web ingest job as a worker-thread task (see src/core/threads), so extraction and story placement never hold up the server's requests. */
import { createFetcher } from '../ingest/fetch/index.ts';
import { threadStore } from './thread-store.ts';
import { runIngestJob, type IngestJobInput, type IngestJobResult } from './ingest-job.ts';

export interface IngestTask {
  /** The store spec the server was opened with: the thread opens its own connection to it. */
  db: string;
  job: IngestJobInput;
}

export async function runTask({ db, job }: IngestTask): Promise<IngestJobResult[]> {
  return runIngestJob(await threadStore(db), job, createFetcher({ allowPrivate: job.allowPrivate, maxBytes: job.maxBytes }));
}
