import path from 'node:path';
import { ParallaxError } from '../core/errors.ts';
import type { FetchedResource } from '../ingest/fetch/index.ts';
import { ingestIntoStore, type IngestResult } from '../pipeline/ingest.ts';
import type { Store } from '../core/store.ts';

/** One article (or feed) added from the web: an address already fetched, or pasted/uploaded bytes. */
export interface IngestJobInput {
  /** How the job is named in results: the address, "pasted text", the uploaded file's name. */
  name: string;
  /** An http(s) address and what fetching it gave (fetched on the server's main thread, where network waits cost nothing). */
  url?: string;
  fetched?: FetchedResource;
  /** Pasted text or an uploaded file. */
  bytes?: Uint8Array;
  /** An uploaded file's name: its extension says the format (records.csv, notes.md), as on the command line. */
  fileName?: string;
  outlet?: string;
  allowPrivate?: boolean;
  maxBytes: number;
}

export interface IngestJobResult extends IngestResult {
  /** The story the article joined. */
  story: string | null;
}

/**
 * The only addresses web input may name: http and https. Anything else ("file:", "x:/../..",
 * a bare path) would reach the local file reader, which serves the command line alone.
 */
export function webAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ParallaxError('bad-input', `ingest: "${value}" is not a full web address; give one such as https://example.org/story`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ParallaxError('bad-input', `ingest: only http and https addresses can be added from the web (got ${url.protocol}); paste the text or upload the file instead`);
  }
  return url.href;
}

/**
 * Stores what one web job brought and places it into stories: the same path as `parallax ingest`,
 * fed only with an http(s) address or with bytes, never with a path.
 */
export async function runIngestJob(store: Store, job: IngestJobInput, fetchUrl: (url: string) => Promise<FetchedResource>): Promise<IngestJobResult[]> {
  const address = job.url === undefined ? null : webAddress(job.url);
  if (!address && !job.bytes) throw new ParallaxError('bad-input', 'ingest: a job needs an address or the bytes of an article');
  const fetched = job.fetched;
  const summary = await ingestIntoStore(store, [address ?? '-'], {
    outlet: job.outlet,
    allowPrivate: job.allowPrivate,
    maxBytes: job.maxBytes,
    threads: 1,
    // The address itself was fetched already; links found in it (a feed's items) are fetched here.
    fetch: async (url) => (fetched && url === address ? { ...fetched, body: Buffer.from(fetched.body) } : fetchUrl(webAddress(url))),
    stdin: oneChunk(job.bytes ?? new Uint8Array()),
    stdinName: job.fileName ? path.basename(job.fileName) : undefined,
  });
  const results: IngestJobResult[] = [];
  for (const r of summary.results) {
    results.push({ ...r, input: r.input === '-' || r.input === job.fileName ? job.name : r.input, story: r.id ? await store.storyOfArticle(r.id) : null });
  }
  return results;
}

function oneChunk(bytes: Uint8Array): NodeJS.ReadableStream {
  return (function* () {
    yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  })() as unknown as NodeJS.ReadableStream;
}
