import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ParallaxError, errorMessage, isParallaxError } from '../core/errors.ts';
import type { Store } from '../core/store.ts';
import { createFetcher, type FetchedResource } from '../ingest/fetch/index.ts';
import { createAnswerCache, type AnswerCacheOptions } from './cache.ts';
import { bytesOf, type ServerContext } from './context.ts';
import { createIngestQueue } from './jobs.ts';
import { openApiDocument } from './openapi.ts';
import { createPageWork, type WarmReport } from './pages.ts';
import { articleRoutes } from './routes/articles.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { outletRoutes } from './routes/outlets.ts';
import { storyRoutes } from './routes/stories.ts';
import { csrfGuard, hostGuard, hostName, tokenGuard } from './security.ts';

export interface AppOptions {
  store: Store;
  /** The spec the store was opened with, so ingest jobs can run on a worker thread with their own connection (see jobs.ts). */
  storeSpec?: string | null;
  /** Folder of the built web UI (web/dist); the API works without it. */
  staticDir?: string | null;
  /** Largest upload or pasted text accepted, in bytes. */
  maxUploadBytes?: number;
  /** Allow URL ingest from loopback/private addresses (tests only). */
  allowPrivate?: boolean;
  /** Replaces the network fetcher (tests). */
  fetch?: (url: string) => Promise<FetchedResource>;
  /** Host names the server answers for besides the loopback names; null answers any (a server bound to every interface, behind a token). */
  allowedHosts?: Iterable<string> | null;
  /** Every request must carry this token (required when the server is reachable from the network). */
  token?: string | null;
  /** How long story lists and story pages are reused before the store is asked again (cache.ts). */
  answerCache?: AnswerCacheOptions;
  /** Prepare this many of the newest stories in the background, analyses and comparison (see createPageWork's warm); 0 or absent: none. */
  warmStories?: number;
}

/** Largest body of the routes that take JSON settings (merge, split, outlets). */
export const MAX_JSON_BYTES = 64 * 1024;

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATIC_DIR = path.resolve(here, '../../web/dist');

/** Scripts only from this origin; styles may be inline (charts set style attributes); nothing else. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The HTTP API (and the built web UI) over the shared services. Routes parse and validate input,
 * call a service, and shape the answer; errors are JSON `{ error: { code, message } }`.
 */
export function createApp(options: AppOptions): Hono & { close(): Promise<void>; warming: Promise<WarmReport | null> } {
  const { store } = options;
  const maxUpload = options.maxUploadBytes ?? 5 * 1024 * 1024;
  const app = new Hono();
  // Many readers of the same list or story cost one computation (a story's comparison takes up
  // to seconds); what this server writes clears both, so its own users see their change at once.
  const storyLists = createAnswerCache(options.answerCache);
  const storyPages = createAnswerCache(options.answerCache);
  // A story's CSV and Markdown exports, rendered from its full answer (storyPages) once per version.
  const storyExports = createAnswerCache(options.answerCache);
  const forgetAnswers = () => {
    storyLists.clear();
    storyPages.clear();
    storyExports.clear();
  };
  const pageWork = createPageWork(store, options.storeSpec);
  const ingestQueue = createIngestQueue({
    store,
    storeSpec: options.storeSpec,
    fetchUrl: options.fetch ?? createFetcher({ allowPrivate: options.allowPrivate, maxBytes: maxUpload }),
    onStored: forgetAnswers,
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  });

  app.onError((error, c) => {
    if (error instanceof URIError) return c.json({ error: { code: 'bad-input', message: `server: the address ${JSON.stringify(c.req.path)} has a malformed %-escape; check the link` } }, 400);
    const e = isParallaxError(error) ? error : new ParallaxError('internal', `server: ${errorMessage(error)}`);
    if (e.status >= 500) {
      // The details (a database message, a file path) are for the operator, not for whoever sent the request.
      console.error(`parallax serve: ${c.req.method} ${c.req.path}: ${errorMessage(error)}`);
      return c.json({ error: { code: e.code, message: 'server: internal error while answering this request; the server log has the details' } }, e.status as 500);
    }
    return c.json({ error: { code: e.code, message: e.message } }, e.status as 400);
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not-found', message: `no API route ${c.req.method} ${c.req.path}; see /api/openapi.json` } }, 404)
      : serveStatic(c, options.staticDir ?? DEFAULT_STATIC_DIR),
  );

  const allowed = options.allowedHosts === null ? null : new Set([...(options.allowedHosts ?? [])].map((h) => hostName(h)));
  app.use('*', hostGuard(allowed));
  app.use('*', tokenGuard(options.token ?? null));
  app.use('/api/*', csrfGuard({ multipartRoutes: (p) => p === '/api/ingest' }));
  app.use('/api/*', async (c, next) => {
    if (!/^(POST|PUT|PATCH|DELETE)$/.test(c.req.method)) return next();
    const limit = c.req.path === '/api/ingest' ? maxUpload : MAX_JSON_BYTES;
    return bodyLimit({
      maxSize: limit,
      onError: (c) => c.json({ error: { code: 'too-large', message: `server: the request body is over the ${limit}-byte limit of ${c.req.path}; send a smaller one` } }, 413),
    })(c, next);
  });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', async (c) => c.json({ ok: true, store: store.description, articles: await store.countArticles() }));

  // One file of routes per noun (routes/), over the pipeline's services.
  const ctx: ServerContext = { store, storyLists, storyPages, storyExports, forgetAnswers, pageWork, ingestQueue, maxUpload, allowPrivate: options.allowPrivate ?? false };
  app.route('/api/stories', storyRoutes(ctx));
  app.route('/api/articles', articleRoutes(ctx));
  app.route('/api', ingestRoutes(ctx));
  app.route('/api/outlets', outletRoutes(ctx));


  // Started once the routes are in place; a failure to list the stories is reported, never thrown at the server.
  const warming = pageWork.warm(options.warmStories ?? 0, () => storyLists.clear()).catch((error: unknown): WarmReport => ({ stories: 0, articles: 0, analysed: 0, ms: 0, stopped: false, error: errorMessage(error) }));
  return Object.assign(app, { close: async () => void (await Promise.all([ingestQueue.close(), pageWork.close()])), warming });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function serveStatic(c: Context, dir: string) {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    return c.text('The web UI is not built. Run: npm run build:web (the API is under /api/).', 404);
  }
  const root = path.resolve(dir);
  const requested = path.resolve(root, `.${path.posix.sep}${decodeURIComponent(c.req.path)}`);
  // Inside the build folder itself: "dist-private" starts with "dist" but is not in it.
  const inside = requested.startsWith(root + path.sep);
  if (!inside && requested !== root) return c.json({ error: { code: 'not-found', message: `no file ${JSON.stringify(c.req.path)}` } }, 404);
  const file = inside && path.extname(requested) && existsSync(requested) && statSync(requested).isFile() ? requested : index;
  const { body, gzip: zipped, brotli: brotlied } = staticFile(file);
  // Vite names built assets by their content's hash: a name never changes meaning, so browsers may keep it.
  const hashed = /-[\w-]{8,}\.(?:js|css)$/.test(file);
  const headers: Record<string, string> = {
    'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file === index ? 'no-cache' : hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    Vary: 'Accept-Encoding',
  };
  const accepts = c.req.header('accept-encoding') ?? '';
  if (brotlied && /\bbr\b/.test(accepts)) return c.body(brotlied, 200, { ...headers, 'Content-Encoding': 'br' });
  if (zipped && /\bgzip\b/.test(accepts)) return c.body(zipped, 200, { ...headers, 'Content-Encoding': 'gzip' });
  return c.body(body, 200, headers);
}

/** The web UI's files, read and compressed once each (again when a rebuild changes them). */
const staticFiles = new Map<string, { mtimeMs: number; body: Uint8Array<ArrayBuffer>; gzip?: Uint8Array<ArrayBuffer>; brotli?: Uint8Array<ArrayBuffer> }>();
function staticFile(file: string) {
  const mtimeMs = statSync(file).mtimeMs;
  const known = staticFiles.get(file);
  if (known && known.mtimeMs === mtimeMs) return known;
  const raw = readFileSync(file);
  const body = bytesOf(raw);
  // Text files only: images are compressed already. Small files are not worth a header. Brotli at
  // quality 9: the 241 KB chart chunk in 65 ms to 76 KB (quality 11: half a second for 70 KB).
  const text = /\.(?:html|js|css|svg|json)$/.test(file) && raw.byteLength > 1024;
  const entry = {
    mtimeMs,
    body,
    ...(text
      ? { gzip: bytesOf(zlib.gzipSync(raw, { level: 9 })), brotli: bytesOf(zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength } })) }
      : {}),
  };
  staticFiles.set(file, entry);
  return entry;
}

export type { StorySummary } from '../core/api.ts';
export { summarise } from './routes/stories.ts';
