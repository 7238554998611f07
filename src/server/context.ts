import type { Context } from 'hono';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { z } from 'zod';
import type { ArticleMeta } from '../core/api.ts';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import type { Store } from '../core/store.ts';
import type { Article } from '../core/types.ts';
import type { AnswerCache, CachedAnswer } from './cache.ts';
import type { IngestQueue } from './jobs.ts';
import type { createPageWork } from './pages.ts';

/**
 * What the route files (routes/, one per noun) share: the store, the services the server runs over
 * it, and the answers it keeps. Routes parse and validate input, call a pipeline service, and
 * shape the answer.
 */
export interface ServerContext {
  store: Store;
  /** Story lists, story pages and a story's CSV and Markdown exports, reused until what they are made of changes (cache.ts). */
  storyLists: AnswerCache;
  storyPages: AnswerCache;
  storyExports: AnswerCache;
  /** What this server writes clears every kept answer, so its own users see their change at once. */
  forgetAnswers(): void;
  /** Story comparisons and article analyses, on a thread of their own where the store allows (pages.ts). */
  pageWork: ReturnType<typeof createPageWork>;
  ingestQueue: IngestQueue;
  /** Largest upload or pasted text accepted, in bytes. */
  maxUpload: number;
  /** URL ingest may reach loopback and private addresses (tests only). */
  allowPrivate: boolean;
}

/** A kept answer, compressed when the client takes it (every browser does): a story page is megabytes of JSON. */
export function sendAnswer(c: Context, answer: CachedAnswer, more: Record<string, string> = {}) {
  const accepts = c.req.header('accept-encoding') ?? '';
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ...more };
  if (answer.brotli && /\bbr\b/.test(accepts)) return c.body(answer.brotli, 200, { ...headers, 'Content-Encoding': 'br' });
  if (answer.gzip && /\bgzip\b/.test(accepts)) return c.body(answer.gzip, 200, { ...headers, 'Content-Encoding': 'gzip' });
  return c.body(answer.body, 200, headers);
}

/** Input checked against its schema; the first problem becomes a bad-input error naming the field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ParallaxError('bad-input', `${where}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return result.data;
}

export async function readJson(c: Context, where: string): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ParallaxError('bad-input', `${where}: invalid JSON in the request body (${errorMessage(error)})`);
  }
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
export const bytesOf = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

/**
 * An answer as bytes, compressed once, off the request thread: gzip at level 6 and brotli at
 * quality 10. A 20-article story page (940 KB of JSON): gzip 143 KB in 20 ms; brotli 94 KB at
 * quality 5 in 25 ms, 73 KB at quality 10 in 0.6 s, 71 KB at 11 in 2.1 s. The answer is reused by
 * every reader until the story changes, and under 200 readers the bytes sent are what limits the
 * page (bench serve: 394 req/s and p99 1.16 s at quality 5, 586 req/s and p99 0.88 s at 10).
 */
export async function serialise(version: string, value: unknown): Promise<CachedAnswer> {
  return serialiseText(version, JSON.stringify(value));
}

/** Text (a CSV or Markdown export) as bytes, compressed once as serialise does. */
export async function serialiseText(version: string, text: string): Promise<CachedAnswer> {
  const body = new TextEncoder().encode(text);
  const [zipped, brotlied] = await Promise.all([
    gzip(body, { level: 6 }),
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
  ]);
  return { version, body, gzip: bytesOf(zipped), brotli: bytesOf(brotlied) };
}

/** An article in lists and beside a story: everything but its text and what cleaning removed. */
export function articleMeta(a: Article): ArticleMeta {
  const { text: _text, removed: _removed, ...meta } = a;
  return meta;
}
