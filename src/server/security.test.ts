import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore, loadOutletsFile } from '../pipeline/ingest.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';
import { createApp } from './app.ts';
import { startServer } from './index.ts';

const examples = path.resolve(import.meta.dirname, '../../examples');
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const ARTICLE = {
  title: 'Ferry strike ends on Skerry route',
  text: 'Crews on the Eastport to Skerry ferry route ended their two-day strike over duty rosters on Wednesday, and all twelve daily crossings resumed, the seafarers union said.',
};


/**
 * Slowest health answer allowed while a job or a comparison runs on its thread: a request thread
 * doing that work itself answers after seconds, a free one in tens of milliseconds; CI measured
 * 669 ms once with other test files on both cores, over the 500 ms bound this used to be.
 */
const SLOWEST_FREE_MS = 2000;
describe('the HTTP API refuses what a hostile page or request asks', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-security-'));
    store = await openStore(':memory:');
    for (const o of await loadOutletsFile(path.join(examples, 'outlets.yaml'))) await store.upsertOutlet(o);
    await ingestIntoStore(store, [examples]);
    app = createApp({ store, staticDir: null, maxUploadBytes: 20_000 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never reads a local file named in the "url" field', async () => {
    const secret = path.join(dir, 'secret.txt');
    writeFileSync(secret, 'The launch codes are in the drawer of the harbour office, under the blue folder, behind the ferry timetable of last spring.\n');
    const before = await store.countArticles();
    const climb = '../'.repeat(30);
    for (const url of [`x:/${climb}${secret.slice(1).replace(/t$/, '[t]')}`, `file://${secret}`, secret, `${climb}${secret.slice(1)}`]) {
      const res = await app.request('/api/ingest?wait', json({ url }));
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/http/);
    }
    expect(await store.countArticles()).toBe(before);
    expect(await store.listArticles({ text: 'launch codes' })).toEqual([]);
  });

  it('refuses changes sent from another site, by a form, or as text/plain', async () => {
    const before = await store.countArticles();
    const attempts: [string, RequestInit][] = [
      ['no-cors text/plain', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ ...ARTICLE, outlet: 'Planted' }) }],
      ['html form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `text=${encodeURIComponent(ARTICLE.text)}` }],
      ['foreign origin', json({ ...ARTICLE, outlet: 'Planted' }, { origin: 'http://evil.example' })],
      ['cross-site fetch', json({ ...ARTICLE, outlet: 'Planted' }, { 'sec-fetch-site': 'cross-site' })],
      ['same-site other port', json({ ...ARTICLE, outlet: 'Planted' }, { 'sec-fetch-site': 'same-site' })],
      ['null origin', json({ ...ARTICLE, outlet: 'Planted' }, { origin: 'null' })],
    ];
    for (const [what, init] of attempts) {
      const res = await app.request('/api/ingest?wait', init);
      expect([403, 415], what).toContain(res.status);
    }
    const stories = (await (await app.request('/api/stories')).json()) as { stories: { id: string }[] };
    const [a, b] = stories.stories;
    const merge = await app.request(`/api/stories/${a!.id}/merge`, json({ from: b!.id }, { origin: 'http://evil.example' }));
    expect(merge.status).toBe(403);
    const put = await app.request('/api/outlets/Planted', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{"groups":{"lean":"left"}}' });
    expect(put.status).toBe(415);
    expect(await store.countArticles()).toBe(before);
    expect((await store.listOutlets()).map((o) => o.name)).not.toContain('Planted');
  });

  it('accepts changes from its own pages and from programs', async () => {
    const own = await app.request('/api/ingest?wait', json({ ...ARTICLE, outlet: 'Coast Daily' }, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' }));
    expect(own.status).toBe(200);
    const script = await app.request('/api/outlets/Coast%20Daily', { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"groups":{"lean":"left"}}' });
    expect(script.status).toBe(200);
  });

  it('answers only for its own host names (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example']) {
      const res = await app.request('/api/stories', { headers: { host } });
      expect(res.status, host).toBe(403);
      expect(await res.text()).not.toMatch(/Harbour|Eastport/);
    }
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080']) expect((await app.request('/api/health', { headers: { host } })).status, host).toBe(200);
  });

  it('caps every body, says "invalid JSON", and never answers a bad escape with a 500', async () => {
    const stories = (await (await app.request('/api/stories')).json()) as { stories: { id: string }[] };
    const big = 'x'.repeat(1024 * 1024);
    const merge = await app.request(`/api/stories/${stories.stories[0]!.id}/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: big }) });
    expect(merge.status).toBe(413);
    const put = await app.request('/api/outlets/Big', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domains: [big] }) });
    expect(put.status).toBe(413);
    const bad = await app.request(`/api/stories/${stories.stories[0]!.id}/split`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"articleIds": [' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/invalid JSON/);
    for (const url of ['/api/stories/%E0%A4%A', '/api/articles/%ZZ', '/%E0%A4%A', '/%c0%af']) {
      const res = await app.request(url);
      expect(res.status, url).toBeLessThan(500);
    }
  });

  it('keeps database and file details out of error answers', async () => {
    const broken = createApp({ store: { ...store, description: 'broken', countArticles: () => Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed at /home/me/secret.db')) } as Store, staticDir: null });
    const res = await broken.request('/api/health');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/SQLITE|secret\.db/);
    await broken.close();
  });

  it('serves no file from a sibling of the build folder', async () => {
    const dist = path.join(dir, 'dist');
    mkdirSync(dist);
    mkdirSync(path.join(dir, 'dist-private'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'dist-private', 'keys.txt'), 'private key material');
    const site = createApp({ store, staticDir: dist });
    expect(await (await site.request('/app.js')).text()).toBe('console.log(1)');
    for (const url of ['/..%2fdist-private/keys.txt', '/%2e%2e/dist-private/keys.txt', '/..%5cdist-private%5ckeys.txt']) {
      const res = await site.request(url);
      expect(await res.text(), url).not.toContain('private key material');
    }
    await site.close();
  });
});

describe('a server reachable from the network', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
  });
  afterAll(() => store.close());

  it('refuses to start on a non-loopback address without a token', () => {
    expect(() => startServer(store, { host: '0.0.0.0', port: 0 })).toThrow(/token/);
  });

  it('with a token, refuses requests without it and lets a browser in through the printed address', async () => {
    const app = createApp({ store, staticDir: null, token: 's3cret-token', allowedHosts: null });
    expect((await app.request('/api/stories')).status).toBe(401);
    expect((await app.request('/api/stories', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await app.request('/api/stories', { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    const enter = await app.request('/?token=s3cret-token');
    expect(enter.status).toBe(303);
    expect(enter.headers.get('location')).toBe('/');
    const cookie = enter.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await app.request('/api/stories', { headers: { cookie: cookie.split(';')[0]! } })).status).toBe(200);
    expect((await app.request('/?token=guess')).status).toBe(403);
    await app.close();
  });
});

describe('web ingest runs beside the server, not in its way', () => {
  let dir: string;
  let store: Store;
  let longStory: string | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'parallax-jobs-'));
    store = await openStore(path.join(dir, 'store.db'));
    await ingestIntoStore(store, [examples]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers an ingest at once with a job, keeps answering other requests meanwhile, and the job places the article', async () => {
    const server = await startServer(store, { port: 0, storeSpec: path.join(dir, 'store.db') });
    try {
      // A long page: its extraction and placement are seconds of CPU work, which must happen off the request thread.
      const paragraphs = Array.from({ length: 8000 }, (_, i) => `<p>Paragraph ${i} of the harbour wall inquiry: the council heard from engineers, residents and the port authority about the storm of ${1 + (i % 28)} March.</p>`).join('');
      const page = `<html><head><title>Harbour wall inquiry</title></head><body><article><h1>Harbour wall inquiry</h1>${paragraphs}</article></body></html>`;
      const form = new FormData();
      form.set('file', new Blob([page], { type: 'text/html' }), 'inquiry.html');
      form.set('outlet', 'Coast Daily');
      const submitted = performance.now();
      const res = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form });
      const answeredIn = performance.now() - submitted;
      expect(res.status).toBe(202);
      const { job } = (await res.json()) as { job: { id: string; state: string } };
      expect(answeredIn).toBeLessThan(1000);
      let slowest = 0;
      let healthChecks = 0;
      let state = job.state;
      let results: { status: string; story: string | null }[] = [];
      while (state === 'queued' || state === 'running') {
        const t = performance.now();
        const health = await fetch(`${server.url}/api/health`);
        expect(health.status).toBe(200);
        slowest = Math.max(slowest, performance.now() - t);
        healthChecks++;
        const poll = (await (await fetch(`${server.url}/api/jobs/${job.id}`)).json()) as { job: { state: string; results: typeof results } };
        state = poll.job.state;
        results = poll.job.results;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(state).toBe('done');
      expect(results[0]!.status).toBe('new');
      expect(results[0]!.story).toBeTruthy();
      longStory = results[0]!.story;
      // The request thread stays free: health answers while the job runs. Alone, the slowest answer
      // takes tens of milliseconds; on the request thread the job would hold it for seconds. The bound
      // leaves room for a CI machine whose two cores run other test files meanwhile.
      expect(slowest).toBeLessThan(SLOWEST_FREE_MS);
      expect(healthChecks).toBeGreaterThan(3);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('compares a story on a thread of its own: other requests are answered meanwhile', async () => {
    expect(longStory).toBeTruthy();
    const server = await startServer(store, { port: 0, storeSpec: path.join(dir, 'store.db') });
    try {
      // The story holds the 8,000-paragraph page, never analysed: seconds of work.
      let done = false;
      const page = fetch(`${server.url}/api/stories/${longStory}`).then(async (r) => {
        done = true;
        return { status: r.status, body: (await r.json()) as { comparison: { sources: unknown[] } } };
      });
      let slowest = 0;
      let answered = 0;
      while (!done) {
        const t = performance.now();
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
        slowest = Math.max(slowest, performance.now() - t);
        answered++;
        await new Promise((r) => setTimeout(r, 20));
      }
      const { status, body } = await page;
      expect(status).toBe(200);
      expect(body.comparison.sources.length).toBeGreaterThan(0);
      // Alone: 35–42 ms at worst; the comparison itself takes tens of seconds (see the first bound).
      expect(slowest).toBeLessThan(SLOWEST_FREE_MS);
      expect(answered).toBeGreaterThan(3);
    } finally {
      await server.close();
    }
  }, 120_000);
});
