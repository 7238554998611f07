import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore, loadOutletsFile } from '../pipeline/ingest.ts';
import { splitStory } from '../pipeline/stories.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';
import type { Article } from '../core/types.ts';
import { createApp, summarise } from './app.ts';

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
    await ingestIntoStore(store, [examples]);
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

  it('gives the story page only what it shows (view=page), and explains an unknown view', async () => {
    const list = (await get('/api/stories?q=harbour')).body.stories as { id: string }[];
    const full = (await get(`/api/stories/${list[0]!.id}`)).body.comparison as Record<string, unknown> & { facts: { links?: unknown }[]; numbers: { values: unknown[] }[] };
    const page = (await get(`/api/stories/${list[0]!.id}?view=page`)).body.comparison as Record<string, unknown> & { facts: { id: string; links?: unknown }[]; numbers: { values: unknown[] }[] };
    expect(full.facts.some((f) => f.links)).toBe(true);
    expect(page.facts.map((f) => f.id)).toEqual((full.facts as { id: string }[]).map((f) => f.id));
    expect(page.facts.some((f) => f.links)).toBe(false);
    for (const key of ['conflicts', 'entities', 'unique']) expect(page).not.toHaveProperty(key);
    expect(page.numbers).toEqual(full.numbers.filter((n) => n.values.length > 1));
    for (const key of ['sources', 'omissions', 'quotes', 'brief', 'framing', 'reuse', 'consensus']) expect(page[key]).toEqual(full[key]);
    const bad = await get(`/api/stories/${list[0]!.id}?view=everything`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/view must be "page"/);
  });

  it('sorts stories by outlets and by disagreement, and filters by outlet count, conflicts and blindspot', async () => {
    type Row = { id: string; title: string; outlets: string[]; blindspots: { dimension: string }[]; disagreement: { omissions: number; conflicts: number; sharedFacts: number } | null };
    const list = async (query: string) => {
      const { status, body } = await get(`/api/stories?${query}`);
      expect(status).toBe(200);
      return body as { stories: Row[]; total: number };
    };
    const all = (await list('')).stories;
    const byOutlets = (await list('sort=outlets')).stories;
    expect(byOutlets.map((s) => s.outlets.length)).toEqual(all.map((s) => s.outlets.length).sort((a, b) => b - a));
    const wide = await list('minOutlets=3');
    expect(wide.total).toBe(all.filter((s) => s.outlets.length >= 3).length);
    expect(wide.stories.every((s) => s.outlets.length >= 3)).toBe(true);

    // The harbour story was compared (its page opened by the tests above): its digest counts.
    const harbour = all.find((s) => /harbour/i.test(s.title))!;
    const other = all.find((s) => s !== harbour)!;
    expect(harbour.disagreement).not.toBeNull();
    expect(harbour.disagreement!.omissions + harbour.disagreement!.conflicts).toBeGreaterThan(0);
    expect(other.disagreement).toBeNull();
    expect((await list('sort=disagreement')).stories.map((s) => s.id)).toEqual([harbour.id, other.id]);
    const page = (await get(`/api/stories/${harbour.id}?view=page`)).body.comparison as { numbers: { consistent: boolean }[]; omissions: { facts: string[] }[] };
    expect(harbour.disagreement!.conflicts).toBe(page.numbers.filter((n) => !n.consistent).length);
    expect(harbour.disagreement!.omissions).toBe(page.omissions.reduce((n, o) => n + o.facts.length, 0));
    expect((await list('conflicts=1')).stories.map((s) => s.id)).toEqual(harbour.disagreement!.conflicts ? [harbour.id] : []);
    expect((await list('conflicts=0')).total).toBe(all.length);

    // The blindspot filter finds exactly the stories whose summary shows a blindspot there.
    expect((await list('blindspot=lean')).stories.map((s) => s.id)).toEqual(all.filter((s) => s.blindspots.some((b) => b.dimension === 'lean')).map((s) => s.id));
    expect((await list('blindspot=reach:national&minOutlets=2&sort=outlets')).total).toBeLessThanOrEqual(all.length);
  });

  it('explains every bad story list parameter with what is allowed', async () => {
    const message = async (query: string) => {
      const { status, body } = await get(`/api/stories?${query}`);
      expect(status, query).toBe(400);
      return body.error?.message;
    };
    expect(await message('sort=loudest')).toBe('query: sort: expected latest, outlets or disagreement, not "loudest"');
    expect(await message('minOutlets=0')).toBe('query: minOutlets: expected a whole number of outlets, 1 to 1000');
    expect(await message('minOutlets=two')).toBe('query: minOutlets: expected a whole number of outlets, 1 to 1000');
    expect(await message('minOutlets=2.5')).toBe('query: minOutlets: expected a whole number of outlets, 1 to 1000');
    expect(await message('conflicts=maybe')).toMatch(/^query: conflicts: expected 1 or true .*, 0 or false, not "maybe"$/);
    expect(await message('blindspot=:right')).toMatch(/^query: blindspot: expected "dimension" or "dimension:label"/);
    expect(await message('since=2025-02-30')).toBe('query: since: expected a date that exists, like 2025-04-02');
    expect(await message('until=yesterday')).toBe('query: until: expected a date like 2025-04-02');
    expect(await message('since=2025-03-20&until=2025-03-01')).toBe('query: until: until is before since; swap them or drop one');
    expect(await message('limit=0')).toMatch(/^query: limit: /);
  });

  it('exports a story as JSON, CSV (facts, numbers, quotes) and Markdown downloads named after its title', async () => {
    const list = (await get('/api/stories?q=harbour')).body.stories as { id: string; title: string }[];
    const { id, title } = list[0]!;
    const exported = async (query: string) => {
      const res = await app.request(`/api/stories/${id}/export${query}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes, text: bytes.toString('utf8') };
    };
    const stem = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

    // JSON: the very answer of GET /api/stories/:id, as a file.
    const json = await exported('?format=json');
    expect(json.status).toBe(200);
    expect(json.type).toMatch(/^application\/json/);
    expect(json.disposition).toBe(`attachment; filename="${stem}.json"; filename*=UTF-8''${stem}.json`);
    expect(json.text).toBe(await (await app.request(`/api/stories/${id}`)).text());
    expect((await exported('')).text).toBe(json.text);

    // CSV: one row per fact, one column per source, with a byte order mark for spreadsheets.
    const facts = await exported('?format=csv');
    expect(facts.status).toBe(200);
    expect(facts.type).toBe('text/csv; charset=utf-8; header=present');
    expect(facts.disposition).toContain(`filename="${stem}-facts.csv"`);
    expect(facts.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(facts.text.startsWith('\uFEFFfact,text,sources,left out by,')).toBe(true);
    const comparison = JSON.parse(json.text).comparison as { sources: { id: string }[]; facts: { id: string; text: string; sources: string[]; support: { source: string; text: string }[] }[] };
    const rows = parseCsv(facts.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['fact', 'text', 'sources', 'left out by', ...comparison.sources.map((s) => s.id)]);
    expect(rows).toHaveLength(comparison.facts.length + 1);
    for (const row of rows) expect(row).toHaveLength(4 + comparison.sources.length);
    const shared = comparison.facts.find((f) => f.sources.length > 2)!;
    const row = rows.find((r) => r[0] === shared.id)!;
    expect(row[1]).toBe(shared.text);
    expect(row[2]).toBe(String(shared.sources.length));
    const source = shared.sources[0]!;
    expect(row[4 + comparison.sources.findIndex((s) => s.id === source)]).toContain(shared.support.find((x) => x.source === source)!.text);

    const numbers = await exported('?format=csv&table=numbers');
    expect(numbers.disposition).toContain(`filename="${stem}-numbers.csv"`);
    expect((parseCsv(numbers.text, { bom: true }) as string[][])[0]!.slice(0, 5)).toEqual(['about', 'verdict', 'note', comparison.sources[0]!.id, `${comparison.sources[0]!.id}: sentence`]);
    expect(numbers.text).toMatch(/\r\n.*,conflict,/);
    const quotes = await exported('?format=csv&table=quotes');
    expect((parseCsv(quotes.text, { bom: true }) as string[][])[0]!.slice(0, 4)).toEqual(['speaker', 'quote', 'flags', 'sources']);

    // Markdown: the CLI's report, headed by the story's title.
    const md = await exported('?format=markdown');
    expect(md.type).toBe('text/markdown; charset=utf-8');
    expect(md.disposition).toContain(`filename="${stem}.md"`);
    expect(md.text.startsWith(`# Story comparison: ${title}\n`)).toBe(true);
    for (const heading of ['## Brief', '## Coverage', '### Omissions', '## Numbers', '## Quotes']) expect(md.text).toContain(`\n${heading}\n`);

    // Bad input names what is allowed.
    const bad = await get(`/api/stories/${id}/export?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toBe('export: format: expected json, csv or markdown, not "xlsx"');
    const badTable = await get(`/api/stories/${id}/export?format=csv&table=people`);
    expect(badTable.body.error?.message).toBe('export: table: expected facts, numbers or quotes, not "people"');
    const strayTable = await get(`/api/stories/${id}/export?format=markdown&table=numbers`);
    expect(strayTable.status).toBe(400);
    expect(strayTable.body.error?.message).toMatch(/table chooses the table of format=csv/);
    const missing = await get('/api/stories/ffffffffffff/export?format=csv');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toMatch(/no story "ffffffffffff"/);
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

  it('reads an uploaded file by its own format: a CSV of records is its records, not one article of raw CSV', async () => {
    const csv = readFileSync(path.resolve(import.meta.dirname, '../ingest/fixtures/records.csv'));
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'records.csv');
    const res = await app.request('/api/ingest?wait', { method: 'POST', body: form });
    const body = (await res.json()) as { results: { status: string; title: string | null; input: string }[] };
    expect(res.status).toBe(200);
    expect(body.results.length).toBeGreaterThan(1);
    for (const r of body.results) expect(r.title ?? '').not.toMatch(/^id,|,text/);
  });

  it('merges and splits stories, and sets outlet groups', async () => {
    const stories = (await get('/api/stories')).body.stories as { id: string }[];
    const [a, b] = stories;
    const merged = await app.request(`/api/stories/${a!.id}/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: b!.id }) });
    expect(merged.status).toBe(200);
    const put = await app.request('/api/outlets/Coast%20Daily', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groups: { lean: 'left' } }) });
    expect(((await put.json()) as { outlet: { groups: Record<string, string> } }).outlet.groups).toEqual({ lean: 'left' });
  });

  it('lists every outlet name an article carries, with how many articles carry it', async () => {
    type Outlets = { outlets: { name: string; domains: string[]; articles: number }[] };
    const listed = ((await get('/api/outlets')).body as unknown as Outlets).outlets;
    const counted = (await store.outletArticleCounts()).filter((r) => r.outlet !== null);
    expect(counted.length).toBeGreaterThan(1);
    for (const { outlet, articles } of counted) expect(listed.find((o) => o.name === outlet)?.articles).toBe(articles);
    // An outlet of the outlets list that no article carries is listed with none.
    await store.upsertOutlet({ name: 'Quiet Courier', domains: ['quiet.example'], groups: {} });
    const quiet = ((await get('/api/outlets')).body as unknown as Outlets).outlets.find((o) => o.name === 'Quiet Courier');
    expect(quiet).toEqual({ name: 'Quiet Courier', domains: ['quiet.example'], groups: {}, articles: 0 });
    expect(listed.map((o) => o.name)).toEqual([...listed.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('renames an outlet with its articles, sites and labels, and renaming back puts everything back', async () => {
    type Outlets = { outlets: { name: string; domains: string[]; groups: Record<string, string>; articles: number }[] };
    const outlets = async () => ((await get('/api/outlets')).body as unknown as Outlets).outlets;
    const rename = (name: string, body: unknown) =>
      app.request(`/api/outlets/${encodeURIComponent(name)}/rename`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const storyOutlets = async () => ((await get('/api/stories')).body.stories as { outlets: string[] }[]).flatMap((s) => s.outlets);
    // An outlet with sites and labels that a story lists.
    const { articles: _count, ...before } = (await outlets()).find((o) => o.domains.length && Object.keys(o.groups).length && o.name !== 'Coast Daily')!;
    const name = before.name;
    expect(await storyOutlets()).toContain(name);
    const articles = await store.countArticles({ outlet: name });
    expect(articles).toBeGreaterThan(0);

    const res = await rename(name, { to: `  ${name} Online ` });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ from: name, to: `${name} Online`, outlet: { ...before, name: `${name} Online` }, moved: articles });
    expect((await outlets()).map((o) => o.name)).not.toContain(name);
    expect(await store.countArticles({ outlet: `${name} Online` })).toBe(articles);
    // Kept answers are forgotten: the story list names the outlet by its new name at once.
    expect(await storyOutlets()).toContain(`${name} Online`);
    expect(await storyOutlets()).not.toContain(name);

    const back = await rename(`${name} Online`, { to: name });
    expect(back.status).toBe(200);
    expect((await outlets()).find((o) => o.name === name)).toEqual({ ...before, articles });
    expect((await outlets()).map((o) => o.name)).not.toContain(`${name} Online`);
    expect(await store.countArticles({ outlet: name })).toBe(articles);
    expect(await storyOutlets()).toContain(name);
  });

  it('explains a rename it refuses, and changes nothing', async () => {
    const rename = async (name: string, body: string) => {
      const res = await app.request(`/api/outlets/${encodeURIComponent(name)}/rename`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string } }).error };
    };
    const before = await store.listOutlets();
    expect(await rename('Valley Times', '{"to":')).toMatchObject({ status: 400, error: { code: 'bad-input', message: expect.stringMatching(/^rename: invalid JSON in the request body/) } });
    const newName = 'rename: to: expected the new name, e.g. { "to": "New York Times" }';
    expect(await rename('Valley Times', '{}')).toEqual({ status: 400, error: { code: 'bad-input', message: newName } });
    expect(await rename('Valley Times', '{"to":"   "}')).toEqual({ status: 400, error: { code: 'bad-input', message: newName } });
    expect(await rename('Valley Times', '{"to":42}')).toEqual({ status: 400, error: { code: 'bad-input', message: newName } });
    expect(await rename('Valley Times', JSON.stringify({ to: 'x'.repeat(201) }))).toEqual({ status: 400, error: { code: 'bad-input', message: 'rename: to: expected a name of at most 200 characters' } });
    expect(await rename('Valley Times', '{"to":"Valley Times"}')).toEqual({ status: 400, error: { code: 'bad-input', message: 'rename: to: "Valley Times" is already this outlet\'s name; give it a new one' } });
    expect(await rename('Nobody', '{"to":"Somebody"}')).toEqual({ status: 404, error: { code: 'not-found', message: 'rename: no outlet "Nobody"; list them at /api/outlets' } });
    const onto = await rename('Valley Times', '{"to":"Harbour Gazette"}');
    expect(onto).toMatchObject({ status: 409, error: { code: 'conflict' } });
    expect(onto.error.message).toBe(
      'rename: to: an outlet "Harbour Gazette" already exists, and renaming "Valley Times" onto it would merge the two, which cannot be undone here; choose a name not in use, or merge them with: parallax outlets rename "Valley Times" "Harbour Gazette"',
    );
    // From another site, or as a form could send it: refused before the route runs.
    const foreign = await app.request('/api/outlets/Valley%20Times/rename', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example' }, body: '{"to":"Hijacked"}' });
    expect(foreign.status).toBe(403);
    const form = await app.request('/api/outlets/Valley%20Times/rename', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"to":"Hijacked"}' });
    expect(form.status).toBe(415);
    expect(await store.listOutlets()).toEqual(before);
    expect(await store.countArticles({ outlet: 'Valley Times' })).toBeGreaterThan(0);
  });

  it('publishes an OpenAPI document and a strict content security policy', async () => {
    const res = await app.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/stories', '/api/ingest', '/api/articles/{id}', '/api/stories/{id}/export', '/api/outlets/{name}/rename']));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

/** The store with a count of each method's calls. */
function counted(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(name), (calls.get(String(name)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('HTTP API under many readers', () => {
  let dir: string;
  let file: string;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parallax-readers-'));
    file = path.join(dir, 'store.db');
    store = await openStore(file);
    for (const o of await loadOutletsFile(path.join(examples, 'outlets.yaml'))) await store.upsertOutlet(o);
    await ingestIntoStore(store, [examples]);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('twenty readers opening the same story at once get one computation of its comparison', async () => {
    const { store: watched, calls } = counted(store);
    const app = createApp({ store: watched, staticDir: null });
    const flood = (await store.listStories()).find((s) => s.articleIds.length === 6)!;
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.request(`/api/stories/${flood.id}`)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect((JSON.parse(bodies[0]!) as { comparison: { sources: unknown[] } }).comparison.sources).toHaveLength(6);
    // One analysis lookup per article: the comparison ran once, not once per reader.
    expect(calls.get('getAnalysis')).toBe(6);
  });

  it('a browser gets the story page compressed, brotli when it takes it, else gzip', async () => {
    const app = createApp({ store, staticDir: null });
    const flood = (await store.listStories()).find((s) => s.articleIds.length === 6)!;
    const fetchAs = async (accept: string) => {
      const res = await app.request(`/api/stories/${flood.id}`, { headers: { 'accept-encoding': accept } });
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      return { encoding: res.headers.get('content-encoding'), bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const plain = await fetchAs('identity');
    expect(plain.encoding).toBeNull();
    const br = await fetchAs('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    const gz = await fetchAs('gzip, deflate');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
    expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 3);
  });

  it('the story list reads all its stories\' articles in one call', async () => {
    const { store: watched, calls } = counted(store);
    const app = createApp({ store: watched, staticDir: null });
    const res = await app.request('/api/stories?limit=50');
    expect(((await res.json()) as { stories: { articles: number }[] }).stories.map((s) => s.articles).sort()).toEqual([2, 6]);
    expect(calls.get('getArticles')).toBe(1);
  });

  it('a split made through the server shows at once; one made by another process once the answers are a second old', async () => {
    // Reused answers are checked again after freshMs (1 s by default); shortened here.
    const app = createApp({ store, staticDir: null, answerCache: { freshMs: 200, staleMs: 200 } });
    const sizes = async () => ((await (await app.request('/api/stories')).json()) as { stories: { articles: number }[] }).stories.map((s) => s.articles).sort();
    const articlesOf = async (id: string) => ((await (await app.request(`/api/stories/${id}`)).json()) as { articles: unknown[] }).articles.length;
    const flood = (await store.listStories()).find((s) => s.articleIds.length === 6)!;
    expect(await sizes()).toEqual([2, 6]);
    expect(await articlesOf(flood.id)).toBe(6);

    const split = await app.request(`/api/stories/${flood.id}/split`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ articleIds: [flood.articleIds[0]] }) });
    expect(split.status).toBe(200);
    expect(await sizes()).toEqual([1, 2, 5]);
    expect(await articlesOf(flood.id)).toBe(5);

    // Another process (here a second connection to the same file) splits again.
    const other = await openStore(file);
    try {
      await splitStory(other, flood.id, [flood.articleIds[1]!]);
    } finally {
      await other.close();
    }
    await new Promise((r) => setTimeout(r, 250));
    expect(await sizes()).toEqual([1, 1, 2, 4]);
    expect(await articlesOf(flood.id)).toBe(4);
  });
});

describe('a story\'s summary line', () => {
  const article = (id: string, outlet: string, published: string | null) =>
    ({ id, outlet, input: `${id}.txt`, published, ingestedAt: '2026-12-02T10:00:00Z' }) as Article;
  const story = { id: 's1', title: 'Harbour', articleIds: [], firstSeen: '2012-11-29T00:00:00Z', lastSeen: '2026-12-02T10:00:00Z', updatedAt: '2026-12-02T10:00:00Z' };
  const outlets = [
    ...['A', 'B', 'C'].map((name) => ({ name, domains: [], groups: { lean: 'left' } })),
    { name: 'D', domains: [], groups: { lean: 'none' } },
    { name: 'E', domains: [], groups: { lean: 'right' } },
    { name: 'F', domains: [], groups: { lean: 'centre' } },
  ];

  it('spans its publication dates only, and counts the undated articles', () => {
    const s = summarise(story, [article('1', 'A', '2025-03-20T08:00:00Z'), article('2', 'B', null), article('3', 'C', '2025-03-19T12:00:00Z')], [], outlets);
    expect([s.firstSeen, s.lastSeen, s.undated]).toEqual(['2025-03-19T12:00:00Z', '2025-03-20T08:00:00Z', 1]);
    const none = summarise(story, [article('2', 'B', null)], [], outlets);
    expect([none.firstSeen, none.lastSeen, none.undated]).toEqual([null, null, 1]);
  });

  it('counts unlabelled outlets, lists every label sorted, and gives one blindspot per dimension, never "none"', () => {
    const s = summarise(story, ['A', 'B', 'C', 'E', 'Unknown Post'].map((o, i) => article(String(i), o, null)), [], outlets);
    expect(Object.keys(s.coverage.lean!)).toEqual(['centre', 'left', 'none', 'right']);
    expect(s.coverage.lean).toEqual({ centre: 0, left: 3, none: 0, right: 1 });
    expect(s.unlabelled).toEqual({ lean: 1 });
    expect(s.blindspots).toEqual([{ dimension: 'lean', label: 'centre', labels: ['centre'] }]);
  });
});

describe('the web UI files', () => {
  it('are sent compressed when the browser takes it, and built assets may be kept for good', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parallax-static-'));
    const store = await openStore(':memory:');
    try {
      const dist = path.join(dir, 'dist');
      mkdirSync(path.join(dist, 'assets'), { recursive: true });
      writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
      const script = `export const words = ${JSON.stringify('the harbour board voted to close the quay '.repeat(200))};`;
      writeFileSync(path.join(dist, 'assets', 'index-AbC123xy.js'), script);
      const app = createApp({ store, staticDir: dist });
      const br = await app.request('/assets/index-AbC123xy.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toMatch(/immutable/);
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(brBytes.byteLength).toBeLessThan(script.length / 4);
      expect(brotliDecompressSync(brBytes).toString()).toBe(script);
      const gz = await app.request('/assets/index-AbC123xy.js', { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
      const plain = await app.request('/assets/index-AbC123xy.js');
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(script);
      // The page itself is asked again every time: a rebuild must show.
      expect((await app.request('/')).headers.get('cache-control')).toBe('no-cache');
      await app.close();
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
