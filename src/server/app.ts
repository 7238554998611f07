import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { ParallaxError, errorMessage, isParallaxError } from '../core/errors.ts';
import type { Article, Outlet, Story } from '../core/types.ts';
import { createFetcher, type FetchedResource } from '../ingest/fetch/index.ts';
import { mergeStories, splitStory } from '../pipeline/stories.ts';
import { renderCsv, renderMarkdown, type ReportComparison } from '../report/index.ts';
import { BLINDSPOT, type ReuseLink, type Store, type StoryDigest } from '../core/store.ts';
import { createAnswerCache, type AnswerCacheOptions, type CachedAnswer } from './cache.ts';
import { attachment } from './download.ts';
import { webAddress, type IngestJobInput } from './ingest-job.ts';
import { createIngestQueue } from './jobs.ts';
import { createPageWork, pageView } from './pages.ts';
import { openApiDocument } from './openapi.ts';
import * as schemas from './schemas.ts';
import { csrfGuard, hostGuard, hostName, tokenGuard } from './security.ts';
import type { ArticleMeta, ArticleResponse, StoryComparison, StoryPageComparison, StoryResponse, StorySummary } from '../core/api.ts';

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
export function createApp(options: AppOptions): Hono & { close(): Promise<void> } {
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
  // Compressed when the client takes it (every browser does): a story page is megabytes of JSON.
  const json = (c: Context, answer: CachedAnswer, more: Record<string, string> = {}) => {
    const accepts = c.req.header('accept-encoding') ?? '';
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Vary: 'Accept-Encoding', ...more };
    if (answer.brotli && /\bbr\b/.test(accepts)) return c.body(answer.brotli, 200, { ...headers, 'Content-Encoding': 'br' });
    if (answer.gzip && /\bgzip\b/.test(accepts)) return c.body(answer.gzip, 200, { ...headers, 'Content-Encoding': 'gzip' });
    return c.body(answer.body, 200, headers);
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

  const parse = <T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new ParallaxError('bad-input', `${where}: ${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    return result.data;
  };
  const readJson = async (c: Context, where: string): Promise<unknown> => {
    const text = await c.req.text();
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ParallaxError('bad-input', `${where}: invalid JSON in the request body (${errorMessage(error)})`);
    }
  };

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/health', async (c) => c.json({ ok: true, store: store.description, articles: await store.countArticles() }));

  // -- stories --------------------------------------------------------------
  app.get('/api/stories', async (c) => {
    const q = parse(schemas.storyQuery, c.req.query(), 'query');
    const query = {
      text: q.q,
      outlet: q.outlet,
      group: q.group,
      since: q.since,
      until: q.until,
      minOutlets: q.minOutlets,
      blindspot: q.blindspot,
      conflicts: q.conflicts,
      sort: q.sort,
      analyzerVersion: ANALYZER_VERSION,
    };
    // Keyed by the parsed query, so "?limit=50" and "?limit=50&offset=0" share an answer.
    const body = await storyLists.get(JSON.stringify(q), async () => {
      const [stories, total, outlets] = await Promise.all([
        store.listStories({ ...query, limit: q.limit, offset: q.offset }),
        store.countStories(query),
        store.listOutlets(),
      ]);
      const summaries = await summariseAll(store, stories, outlets);
      return serialise('', { stories: summaries, total, limit: q.limit, offset: q.offset });
    });
    return json(c, body);
  });

  /** A story with its comparison, whole or (view "page") as the story page reads it: computed once per version, shared by every reader. */
  const storyAnswer = (ref: string, view?: 'page') =>
    storyPages.get(view ? `${ref}?view=${view}` : ref, async (previous) => {
      const story = await store.getStory(ref);
      if (!story) throw new ParallaxError('not-found', `no story "${ref}"; list stories at /api/stories`);
      const [articles, outlets] = await Promise.all([store.getArticles(story.articleIds), store.listOutlets()]);
      // What the page is made of: the story's articles and their texts, and the outlets' groups.
      const version = `${story.id}|${story.updatedAt}|${articles.map((a) => `${a.id}:${a.contentHash}:${a.outlet}`).join(',')}|${JSON.stringify(outlets)}`;
      if (previous?.version === version) return previous;
      const comparison = await pageWork.story(story.id);
      // Kept for the story list's disagreement sort and conflicts filter (a failure there never costs the page).
      const digest = digestOf(story, comparison);
      await store.putStoryDigest(digest).then(
        () => storyLists.clear(),
        (error) => console.error(`parallax serve: could not keep the digest of story ${story.id}: ${errorMessage(error)}`),
      );
      const [summary] = await summariseAll(store, [story], outlets);
      const answer: StoryResponse<StoryComparison | StoryPageComparison> = { story: summary!, articles: articles.map(articleMeta), comparison: view ? pageView(comparison) : comparison };
      return serialise(version, answer);
    });

  app.get('/api/stories/:id', async (c) => {
    const view = c.req.query('view');
    if (view !== undefined && view !== 'page') throw new ParallaxError('bad-input', `view must be "page" (what the story page shows) or absent (the full comparison), not "${view}"`);
    return json(c, await storyAnswer(c.req.param('id'), view));
  });

  // A download of the story's comparison: the same JSON as GET /api/stories/:id, or the CLI's CSV
  // (`compare --format csv --table …`) and Markdown reports rendered from it.
  app.get('/api/stories/:id/export', async (c) => {
    const ref = c.req.param('id');
    const q = parse(schemas.exportQuery, c.req.query(), 'export');
    const full = await storyAnswer(ref);
    const story = await store.getStory(ref);
    const title = story?.title ?? null;
    const id = story?.id ?? ref;
    if (q.format === 'json') return json(c, full, { 'Content-Disposition': attachment(title, id, '.json').header });
    const table = q.table ?? 'facts';
    const answer = await storyExports.get(`${ref}|${q.format}|${table}`, async (previous) => {
      if (previous?.version === full.version) return previous;
      const { comparison } = JSON.parse(new TextDecoder().decode(full.body)) as { comparison: ReportComparison };
      // A download is opened in a spreadsheet more often than read by a script: the CSV starts with a byte order mark (see renderCsv).
      return serialiseText(full.version, q.format === 'csv' ? renderCsv(comparison, { table, bom: true }) : renderMarkdown(comparison, { title }));
    });
    const [type, suffix] = q.format === 'csv' ? ['text/csv; charset=utf-8; header=present', `-${table}.csv`] : ['text/markdown; charset=utf-8', '.md'];
    return json(c, answer, { 'Content-Type': type, 'Content-Disposition': attachment(title, id, suffix).header });
  });

  app.post('/api/stories/:id/merge', async (c) => {
    const body = parse(schemas.mergeBody, await readJson(c, 'merge'), 'merge');
    const story = await mergeStories(store, c.req.param('id'), body.from);
    forgetAnswers();
    return c.json({ story });
  });

  app.post('/api/stories/:id/split', async (c) => {
    const body = parse(schemas.splitBody, await readJson(c, 'split'), 'split');
    const result = await splitStory(store, c.req.param('id'), body.articleIds);
    forgetAnswers();
    return c.json(result);
  });

  // -- articles -------------------------------------------------------------
  app.get('/api/articles', async (c) => {
    const q = parse(schemas.articleQuery, c.req.query(), 'query');
    const query = { text: q.q, outlet: q.outlet, since: q.since, until: q.until };
    const [articles, total] = await Promise.all([store.listArticles({ ...query, limit: q.limit, offset: q.offset }), store.countArticles(query)]);
    return c.json({ articles: articles.map(articleMeta), total, limit: q.limit, offset: q.offset });
  });

  app.get('/api/articles/:id', async (c) => {
    const article = await store.getArticle(c.req.param('id'));
    if (!article) throw new ParallaxError('not-found', `no article "${c.req.param('id')}"; list articles at /api/articles`);
    const analysis = await pageWork.article(article);
    const answer: ArticleResponse = { article, story: await store.storyOfArticle(article.id), analysis };
    return c.json(answer);
  });

  // -- ingest ---------------------------------------------------------------
  app.post('/api/ingest', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let input: IngestJobInput;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ParallaxError('bad-input', 'ingest: the form needs a "file" field with the article to add');
      const outlet = typeof form.outlet === 'string' && form.outlet ? form.outlet.slice(0, 200) : undefined;
      input = { name: `upload: ${file.name || 'file'}`, fileName: file.name || undefined, bytes: new Uint8Array(await file.arrayBuffer()), outlet, maxBytes: maxUpload };
    } else {
      const body = parse(schemas.ingestBody, await readJson(c, 'ingest'), 'ingest');
      input = body.url
        ? { name: webAddress(body.url), url: webAddress(body.url), outlet: body.outlet, allowPrivate: options.allowPrivate, maxBytes: maxUpload }
        : { name: body.title ? `pasted: ${body.title}` : 'pasted text', bytes: Buffer.from(body.title ? `${body.title}\n\n${body.text}` : body.text!, 'utf8'), outlet: body.outlet, maxBytes: maxUpload };
    }
    const job = ingestQueue.submit(input);
    if (c.req.query('wait') === undefined) return c.json({ job }, 202, { Location: `/api/jobs/${job.id}` });
    const done = (await ingestQueue.wait(job.id))!;
    const ok = done.state === 'done' && done.results.some((r) => r.status !== 'skipped');
    return c.json({ job: done, results: done.results }, ok ? 200 : 422);
  });

  app.get('/api/jobs', (c) => c.json({ jobs: ingestQueue.list() }));
  app.get('/api/jobs/:id', (c) => {
    const job = ingestQueue.get(c.req.param('id'));
    if (!job) throw new ParallaxError('not-found', `no ingest job "${c.req.param('id')}" (finished jobs are kept for a while, then forgotten); list jobs at /api/jobs`);
    return c.json({ job });
  });

  // -- outlets --------------------------------------------------------------
  app.get('/api/outlets', async (c) => {
    const outlets = await store.listOutlets();
    const seen = new Set(outlets.map((o) => o.name));
    const fromArticles = await store.listArticles({ limit: 5000 });
    for (const a of fromArticles) if (a.outlet && !seen.has(a.outlet)) {
      seen.add(a.outlet);
      outlets.push({ name: a.outlet, domains: [], groups: {} });
    }
    return c.json({ outlets: outlets.sort((a, b) => a.name.localeCompare(b.name)) });
  });

  app.put('/api/outlets/:name', async (c) => {
    const body = parse(schemas.outletBody, await readJson(c, 'outlet'), 'outlet');
    const outlet: Outlet = { name: c.req.param('name'), domains: body.domains ?? [], groups: body.groups ?? {} };
    await store.upsertOutlet(outlet);
    forgetAnswers();
    return c.json({ outlet });
  });

  return Object.assign(app, { close: async () => void (await Promise.all([ingestQueue.close(), pageWork.close()])) });
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const bytesOf = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength);

/**
 * An answer as bytes, compressed once, off the request thread: gzip at level 6 and brotli at
 * quality 10. A 20-article story page (940 KB of JSON): gzip 143 KB in 20 ms; brotli 94 KB at
 * quality 5 in 25 ms, 73 KB at quality 10 in 0.6 s, 71 KB at 11 in 2.1 s. The answer is reused by
 * every reader until the story changes, and under 200 readers the bytes sent are what limits the
 * page (bench serve: 394 req/s and p99 1.16 s at quality 5, 586 req/s and p99 0.88 s at 10).
 */
async function serialise(version: string, value: unknown): Promise<CachedAnswer> {
  return serialiseText(version, JSON.stringify(value));
}

/** Text (a CSV or Markdown export) as bytes, compressed once as serialise does. */
async function serialiseText(version: string, text: string): Promise<CachedAnswer> {
  const body = new TextEncoder().encode(text);
  const [zipped, brotlied] = await Promise.all([
    gzip(body, { level: 6 }),
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 10, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
  ]);
  return { version, body, gzip: bytesOf(zipped), brotli: bytesOf(brotlied) };
}

function articleMeta(a: Article): ArticleMeta {
  const { text: _text, removed: _removed, ...meta } = a;
  return meta;
}

/** What a story's comparison found, as the story list sorts and filters by it. */
function digestOf(story: Story, c: { facts: { sources: string[]; detailOf?: string }[]; omissions: { facts: string[] }[]; conflicts: { consistent: boolean }[] }): StoryDigest {
  return {
    storyId: story.id,
    storyUpdatedAt: story.updatedAt,
    analyzerVersion: ANALYZER_VERSION,
    sharedFacts: c.facts.filter((f) => f.sources.length > 1 && !f.detailOf).length,
    omissions: c.omissions.reduce((n, o) => n + o.facts.length, 0),
    conflicts: c.conflicts.filter((x) => !x.consistent).length,
    createdAt: new Date().toISOString(),
  };
}

/** Summaries of several stories: their articles are read in one call, not one per story. */
async function summariseAll(store: Store, stories: Story[], outlets: Outlet[]): Promise<StorySummary[]> {
  const [articles, digests] = await Promise.all([store.getArticles(stories.flatMap((s) => s.articleIds)), store.getStoryDigests(stories.map((s) => s.id))]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const digestOfStory = new Map(digests.map((d) => [d.storyId, d]));
  const reuse = await Promise.all(stories.map((s) => store.getReuse(s.id)));
  return stories.map((s, i) => summarise(s, s.articleIds.flatMap((id) => byId.get(id) ?? []), reuse[i]!, outlets, digestOfStory.get(s.id)));
}

/** One story's summary line (exported for its tests). A digest counts only when made for this version of the story by this analyzer. */
export function summarise(s: Story, articles: Article[], reuse: ReuseLink[], outlets: Outlet[], digest?: StoryDigest): StorySummary {
  const copies = new Set(reuse.filter((r) => r.copy).map((r) => r.to));
  const names = [...new Set(articles.filter((a) => !copies.has(a.id)).map((a) => a.outlet ?? a.input))];
  const coverage: StorySummary['coverage'] = {};
  const unlabelled: StorySummary['unlabelled'] = {};
  const byName = new Map(outlets.map((o) => [o.name, o]));
  const dimensions = new Map<string, Set<string>>();
  for (const o of outlets) for (const [d, l] of Object.entries(o.groups)) dimensions.set(d, new Set([...(dimensions.get(d) ?? []), l]));
  for (const [d, labels] of dimensions) {
    coverage[d] = Object.fromEntries([...labels].sort().map((l) => [l, 0]));
    unlabelled[d] = 0;
    for (const name of names) {
      const label = byName.get(name)?.groups[d];
      if (label) coverage[d]![label]! += 1;
      else unlabelled[d]! += 1;
    }
  }
  const blindspots: StorySummary['blindspots'] = [];
  for (const [d, counts] of Object.entries(coverage)) {
    const max = Math.max(...Object.values(counts));
    const missing = Object.entries(counts).filter(([label, n]) => max >= BLINDSPOT.most && n <= BLINDSPOT.fewest && !BLINDSPOT.noSide.test(label));
    const fewest = Math.min(...missing.map(([, n]) => n));
    const labels = missing.filter(([, n]) => n === fewest).map(([label]) => label);
    if (labels.length) blindspots.push({ dimension: d, label: labels[0]!, labels });
  }
  // Publication dates only: an undated article's ingest time says when it was added, not when it ran.
  const dates = articles.flatMap((a) => (a.published ? [a.published] : [])).sort();
  return {
    id: s.id,
    title: s.title,
    firstSeen: dates[0] ?? null,
    lastSeen: dates[dates.length - 1] ?? null,
    undated: articles.length - dates.length,
    articles: articles.length,
    copies: copies.size,
    outlets: names,
    coverage,
    unlabelled,
    blindspots,
    disagreement:
      digest && digest.storyUpdatedAt === s.updatedAt && digest.analyzerVersion === ANALYZER_VERSION
        ? { omissions: digest.omissions, conflicts: digest.conflicts, sharedFacts: digest.sharedFacts }
        : null,
  };
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

export type { StorySummary };
