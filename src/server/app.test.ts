import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore, loadOutletsFile } from '../pipeline/ingest.ts';
import { assignStories } from '../pipeline/stories.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { createApp } from './app.ts';

const examples = path.resolve(import.meta.dirname, '../../examples');

describe('HTTP API (in-process)', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const get = async (url: string) => {
    const res = await app.request(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
  };

  beforeAll(async () => {
    store = await openStore(':memory:');
    for (const o of await loadOutletsFile(path.join(examples, 'outlets.yaml'))) await store.upsertOutlet(o);
    await ingestIntoStore(store, [examples], { afterStore: async (ids) => void (await assignStories(store, ids)) });
    app = createApp({ store, staticDir: null, maxUploadBytes: 20_000 });
  });
  afterAll(() => store.close());

  it('lists stories with coverage by the user’s own groups and paging', async () => {
    const { status, body } = await get('/api/stories?limit=1');
    expect(status).toBe(200);
    const stories = body.stories as { title: string; coverage: Record<string, Record<string, number>>; articles: number }[];
    expect(stories).toHaveLength(1);
    expect(body.total).toBe(2);
    expect(Object.keys(stories[0]!.coverage)).toEqual(expect.arrayContaining(['lean', 'reach']));
  });

  it('filters stories by text, outlet group and date, and explains a bad filter', async () => {
    expect(((await get('/api/stories?q=ferry')).body.stories as unknown[]).length).toBe(1);
    expect(((await get('/api/stories?group=lean:right')).body.stories as unknown[]).length).toBe(1);
    expect(((await get('/api/stories?until=2025-03-20')).body.stories as unknown[]).length).toBe(1);
    const bad = await get('/api/stories?group=right');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/dimension:label/);
  });

  it('returns a story with the same comparison JSON as `compare --format json`', async () => {
    const list = (await get('/api/stories?q=harbour')).body.stories as { id: string }[];
    const { body } = await get(`/api/stories/${list[0]!.id}`);
    const c = body.comparison as { sources: unknown[]; facts: unknown[]; conflicts: unknown[]; quotes: unknown[]; brief: unknown[]; omissions: unknown[]; reuse: unknown[]; entities: unknown[] };
    for (const key of ['sources', 'facts', 'conflicts', 'quotes', 'entities', 'omissions', 'reuse', 'brief']) expect(c).toHaveProperty(key);
    expect(c.sources.length).toBe(6);
  });

  it('gives an article with its analysis, and a 404 an editor can act on', async () => {
    const articles = (await get('/api/articles?outlet=Coast%20Daily')).body.articles as { id: string }[];
    const { body } = await get(`/api/articles/${articles[0]!.id}`);
    expect((body.analysis as { quotes: unknown[] }).quotes.length).toBeGreaterThan(0);
    const missing = await get('/api/articles/ffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'not-found' });
  });

  it('ingests pasted text into a story, refuses an oversized upload and a private URL', async () => {
    const res = await app.request('/api/ingest?wait', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Ferry strike ends on Skerry route', text: 'Crews on the Eastport to Skerry ferry route ended their two-day strike over duty rosters on Wednesday, and all twelve daily crossings resumed, the seafarers union said.', outlet: 'Coast Daily' }),
    });
    const body = (await res.json()) as { results: { status: string; story: string | null }[] };
    expect(body.results[0]!.status).toBe('new');
    expect(body.results[0]!.story).toBeTruthy();
    const big = await app.request('/api/ingest?wait', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(30_000) }) });
    expect(big.status).toBe(413);
    const priv = await app.request('/api/ingest?wait', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/story' }) });
    const privBody = (await priv.json()) as { results: { reason: string }[] };
    expect(priv.status).toBe(422);
    expect(privBody.results[0]!.reason).toMatch(/private address/);
  });

  it('merges and splits stories, and sets outlet groups', async () => {
    const stories = (await get('/api/stories')).body.stories as { id: string }[];
    const [a, b] = stories;
    const merged = await app.request(`/api/stories/${a!.id}/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: b!.id }) });
    expect(merged.status).toBe(200);
    const put = await app.request('/api/outlets/Coast%20Daily', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: { lean: 'left' } }) });
    expect(((await put.json()) as { outlet: { groups: Record<string, string> } }).outlet.groups).toEqual({ lean: 'left' });
  });

  it('publishes an OpenAPI document and a strict content security policy', async () => {
    const res = await app.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/stories', '/api/ingest', '/api/articles/{id}']));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
