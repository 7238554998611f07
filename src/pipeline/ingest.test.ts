import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import type { ArticleDraft } from '../core/types.ts';
import type { Store } from '../core/store.ts';
import { ingestIntoStore, loadOutletsFile } from './ingest.ts';
import { applyOutlets } from './outlets.ts';
import { assignStories } from './stories.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../ingest/fixtures');
const fx = (name: string) => path.join(fixtures, name);
const noFetch = async (url: string) => Promise.reject(new Error(`no network in tests: ${url}`));

let tmp: string;
let store: Store;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-pipeline-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});
beforeEach(async () => {
  store = await openStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

describe('ingestIntoStore', () => {
  it('stores each article once: a second run reports "unchanged", changed content under the same URL is a revision', async () => {
    const first = await ingestIntoStore(store, [fx('ferry.html'), fx('crane.txt')], { fetch: noFetch });
    expect(first).toMatchObject({ new: 2, revised: 0, unchanged: 0, skipped: 0 });

    const again = await ingestIntoStore(store, [fx('ferry.html'), fx('crane.txt')], { fetch: noFetch });
    expect(again.results.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
    expect(again.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));

    // The same page (same canonical URL) with an updated figure is a new revision of the same article.
    const html = (await readFile(fx('ferry.html'), 'utf8')).replace('171 backed the walkout', '174 backed the walkout');
    const updated = path.join(tmp, 'ferry-updated.html');
    await writeFile(updated, html);
    const revised = await ingestIntoStore(store, [updated], { fetch: noFetch });
    expect(revised.results[0]).toMatchObject({ status: 'revised', id: first.results[0]!.id });
    const article = await store.getArticle(first.results[0]!.id!);
    expect(article!.text).toContain('174 backed');
    expect((await store.getRevisions(article!.id)).map((r) => r.text.includes('171 backed'))).toEqual([true, false]);
    expect(await store.countArticles()).toBe(2);
    // Search sees the latest revision only.
    expect(await store.countArticles({ text: '174' })).toBe(1);
    expect(await store.countArticles({ text: '171' })).toBe(0);
  });

  it('a record with the same id from the same file and new text is a revision, not a second article', async () => {
    const file = path.join(tmp, 'wire.jsonl');
    const record = { id: 'w-1', title: 'Dam inspection ordered', outlet: 'Valley Wire' };
    await writeFile(file, `${JSON.stringify({ ...record, text: 'Engineers will inspect the Orrin dam after cracks were found in its spillway, the water board said on Monday.' })}\n`);
    const first = await ingestIntoStore(store, [file], { fetch: noFetch });
    await writeFile(file, `${JSON.stringify({ ...record, text: 'Engineers will inspect the Orrin dam next week after two cracks were found in its spillway, the water board said on Monday.' })}\n`);
    const second = await ingestIntoStore(store, [file], { fetch: noFetch });
    expect(second.results[0]).toMatchObject({ status: 'revised', id: first.results[0]!.id });
    expect(await store.countArticles()).toBe(1);
  });

  it('skips bad inputs with their reasons while storing the rest, and reports progress for every result', async () => {
    const progress: string[] = [];
    const summary = await ingestIntoStore(store, [fx('records.jsonl'), path.join(tmp, 'missing.txt')], {
      fetch: noFetch,
      onProgress: (p) => progress.push(`${p.done}:${p.status}`),
    });
    expect(summary).toMatchObject({ new: 2, skipped: 3 });
    expect(summary.results.filter((r) => r.status === 'skipped').map((r) => r.reason)).toEqual([
      expect.stringMatching(/line 3 of .*records\.jsonl is not valid JSON/),
      expect.stringMatching(/no "text", "body" or "content" field/),
      expect.stringMatching(/missing\.txt: no such file or folder/),
    ]);
    expect(progress).toEqual(['1:new', '2:new', '3:skipped', '4:skipped', '5:skipped']);
  });

  it('stores records in batches in input order, and a batch the database refuses still keeps every record it can', async () => {
    const file = path.join(tmp, 'many.jsonl');
    const lines = Array.from({ length: 600 }, (_, i) =>
      JSON.stringify({ id: `m-${i}`, title: `Harbour report ${i}`, text: `Inspectors checked crane number ${i} at the harbour on Tuesday, the port said.` }),
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    // The database refuses record m-400, and with it any batch that holds it.
    const refused = (d: ArticleDraft) => d.externalId === 'm-400';
    const refusing = new Proxy(store, {
      get(target, key) {
        if (key === 'putArticles') {
          return async (drafts: ArticleDraft[]) => {
            if (drafts.some(refused)) throw new Error('disk I/O error');
            return target.putArticles(drafts);
          };
        }
        if (key === 'putArticle') {
          return async (d: ArticleDraft) => {
            if (refused(d)) throw new Error('disk I/O error');
            return target.putArticle(d);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const summary = await ingestIntoStore(refusing, [file], { fetch: noFetch });
    expect(summary).toMatchObject({ new: 599, skipped: 1 });
    expect(summary.results.map((r) => r.input)).toEqual(lines.map((_, i) => `${file}:${i + 1}`));
    expect(summary.results[400]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^store: cannot store .*many\.jsonl:401: disk I\/O error/) });
    expect(await store.countArticles()).toBe(599);
    expect(await store.countArticles({ text: 'crane' })).toBe(599);
  });

  it('commits what was read before a slow pipe within about a second, while the pipe still waits', async () => {
    const record = (id: string) =>
      `${JSON.stringify({ id, title: `Dam inspection ${id}`, text: `Engineers will inspect the Orrin dam (${id}) after cracks were found in its spillway, the water board said.` })}\n`;
    let ended = false;
    // A producer that sends one record, then says nothing for 3 s (a stalled crawler, `tail -f`).
    const stdin = Readable.from(
      (async function* () {
        yield Buffer.from(record('slow-1'));
        await sleep(3000);
        yield Buffer.from(record('slow-2'));
        ended = true;
      })(),
    );
    const run = ingestIntoStore(store, [fx('crane.txt'), '-'], { fetch: noFetch, stdin });
    await sleep(2000);
    expect(ended).toBe(false);
    // The file before the pipe and the pipe's first record are both in the store already.
    expect(await store.countArticles()).toBe(2);
    expect(await store.countArticles({ text: 'slow-1' })).toBe(1);
    const summary = await run;
    expect(summary).toMatchObject({ new: 3, skipped: 0 });
    expect(summary.results.map((r) => r.input)).toEqual([fx('crane.txt'), '-:1', '-:2']);
  }, 15_000);

  it('hands place the articles waiting for a story: new and revised ones, not unchanged ones already placed', async () => {
    const calls: string[][] = [];
    const place = async (ids: string[]) => {
      calls.push(ids);
      await assignStories(store, ids);
    };
    const first = await ingestIntoStore(store, [fx('crane.txt'), fx('crane.md')], { fetch: noFetch, place });
    await ingestIntoStore(store, [fx('crane.txt')], { fetch: noFetch, place });
    expect(calls.map((ids) => [...ids].sort())).toEqual([first.results.map((r) => r.id!).sort()]);
  });

  it('places an article whose placement failed after it was stored when the same input is ingested again', async () => {
    const failing = async () => {
      throw new Error('killed between the commit and the placement');
    };
    await expect(ingestIntoStore(store, [fx('crane.txt')], { fetch: noFetch, place: failing })).rejects.toThrow('killed');
    const [stored] = await store.listArticles();
    expect(await store.storyOfArticle(stored!.id)).toBeNull();
    expect(await store.pendingPlacement()).toEqual([stored!.id]);

    const again = await ingestIntoStore(store, [fx('crane.txt')], { fetch: noFetch });
    expect(again.results.map((r) => r.status)).toEqual(['unchanged']);
    expect(await store.storyOfArticle(stored!.id)).not.toBeNull();
    expect(await store.pendingPlacement()).toEqual([]);
  });

  it('stops handing place articles it leaves waiting, instead of asking again forever', async () => {
    const calls: string[][] = [];
    await ingestIntoStore(store, [fx('crane.txt')], { fetch: noFetch, place: async (ids) => void calls.push(ids) });
    expect(calls).toHaveLength(1);
    expect(await store.pendingPlacement()).toEqual(calls[0]);
  });

  it('maps domains and site names to the outlet names of an outlets file', async () => {
    for (const outlet of await loadOutletsFile(fx('outlets.yaml'))) await store.upsertOutlet(outlet);
    const summary = await ingestIntoStore(store, [fx('ferry.html'), fx('records.json')], { fetch: noFetch });
    // ferry.html names itself "The Lantern Courier" on lanterncourier.example, which the file names "Lantern Courier".
    expect(summary.results.map((r) => r.outlet)).toEqual(['Lantern Courier', 'valleypost.example', 'valleypost.example']);
    const lantern = await store.getOutlet('Lantern Courier');
    expect(lantern?.groups).toEqual({ country: 'Lantern Islands', owner: 'independent' });
  });
});

describe('outlets from the outlets list', () => {
  const text = (n: number) => `Story number ${n} about the harbour crane that fell in the storm on Tuesday night, the port said.`;
  const records = async (name: string, rows: object[]) => {
    const file = path.join(tmp, name);
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    return file;
  };

  it('a listed domain covers its subdomains; the longest listed domain wins', async () => {
    await store.upsertOutlet({ name: 'New York Times', domains: ['nytimes.com'], groups: {} });
    await store.upsertOutlet({ name: 'NYT Cooking', domains: ['https://cooking.nytimes.com/'], groups: {} });
    const file = await records('hosts.jsonl', [
      { id: '1', url: 'https://www.nytimes.com/2025/a.html', title: 'A', text: text(1) },
      { id: '2', url: 'https://edition.nytimes.com/b.html', title: 'B', text: text(2) },
      { id: '3', url: 'https://cooking.nytimes.com/c', title: 'C', text: text(3) },
      { id: '4', url: 'https://notnytimes.com/d', title: 'D', text: text(4) },
      { id: '5', outlet: 'www.nytimes.com', title: 'E', text: text(5) },
    ]);
    const summary = await ingestIntoStore(store, [file], { fetch: noFetch });
    expect(summary.results.map((r) => r.outlet)).toEqual(['New York Times', 'New York Times', 'NYT Cooking', 'notnytimes.com', 'New York Times']);
  });

  it('ingesting again after correcting the outlets file moves the unchanged articles to the right outlet', async () => {
    const file = await records('wrong.jsonl', [
      { id: '1', url: 'https://www.nytimes.com/a', title: 'A', text: text(1) },
      { id: '2', url: 'https://www.nytimes.com/b', title: 'B', text: text(2) },
    ]);
    await store.upsertOutlet({ name: 'New York Times', domains: ['nytimes.org'], groups: {} });
    expect((await ingestIntoStore(store, [file], { fetch: noFetch })).results.map((r) => r.outlet)).toEqual(['nytimes.com', 'nytimes.com']);

    await store.upsertOutlet({ name: 'New York Times', domains: ['nytimes.com'], groups: {} });
    const again = await ingestIntoStore(store, [file], { fetch: noFetch });
    expect(again).toMatchObject({ new: 0, unchanged: 2, outletChanged: 2 });
    expect(again.results.map((r) => r.outlet)).toEqual(['New York Times', 'New York Times']);
    expect(await store.countArticles({ outlet: 'New York Times' })).toBe(2);
    expect(await store.countArticles({ outlet: 'nytimes.com' })).toBe(0);
  });

  it('the same text read from another outlet does not move the stored original', async () => {
    const original = await records('original.jsonl', [{ id: '1', url: 'https://wire.example/a', outlet: 'Wire', title: 'A', text: text(1) }]);
    const copy = await records('copy.jsonl', [{ id: '1', url: 'https://copier.example/a', outlet: 'Copier', title: 'A', text: text(1) }]);
    await ingestIntoStore(store, [original], { fetch: noFetch });
    const again = await ingestIntoStore(store, [copy], { fetch: noFetch });
    expect(again).toMatchObject({ unchanged: 1, outletChanged: 0 });
    expect(await store.countArticles({ outlet: 'Wire' })).toBe(1);
  });

  it('applyOutlets gives stored articles the outlet the list now assigns: the address beats a name an older list gave', async () => {
    const file = await records('apply.jsonl', [
      { id: '1', url: 'https://www.nytimes.com/a', title: 'A', text: text(1) },
      { id: '2', url: 'https://other.example/b', outlet: 'Wrong Name', title: 'B', text: text(2) },
      { id: '3', outlet: 'harbour gazette', title: 'C', text: text(3) },
      { id: '4', outlet: 'Someone Else', title: 'D', text: text(4) },
    ]);
    await store.upsertOutlet({ name: 'Wrong Name', domains: [], groups: {} });
    await ingestIntoStore(store, [file], { fetch: noFetch });
    await store.upsertOutlet({ name: 'New York Times', domains: ['nytimes.com'], groups: {} });
    await store.upsertOutlet({ name: 'Other Post', domains: ['other.example'], groups: {} });
    await store.upsertOutlet({ name: 'Harbour Gazette', domains: [], groups: {} });
    expect(await applyOutlets(store)).toEqual({ articles: 4, changed: 3 });
    const outlets = (await store.listArticles()).map((a) => `${a.title}: ${a.outlet}`).sort();
    expect(outlets).toEqual(['A: New York Times', 'B: Other Post', 'C: Harbour Gazette', 'D: Someone Else']);
    expect(await applyOutlets(store)).toEqual({ articles: 4, changed: 0 });
  });
});

describe('loadOutletsFile', () => {
  it('reads YAML lists and JSON maps by name', async () => {
    expect(await loadOutletsFile(fx('outlets.yaml'))).toEqual([
      { name: 'Lantern Courier', domains: ['lanterncourier.example'], groups: { country: 'Lantern Islands', owner: 'independent' } },
      { name: 'West Gazette', domains: ['westgazette.example'], groups: { country: 'Ardley' } },
    ]);
    const json = path.join(tmp, 'outlets.json');
    await writeFile(json, JSON.stringify({ 'Valley Post': { domain: 'valleypost.example', groups: { lean: 'centre' } } }));
    expect(await loadOutletsFile(json)).toEqual([{ name: 'Valley Post', domains: ['valleypost.example'], groups: { lean: 'centre' } }]);
  });

  it('says what is wrong with a bad outlets file', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    await writeFile(bad, '- name: A\n  groups: [left]\n');
    await expect(loadOutletsFile(bad)).rejects.toThrow(/"groups" of A in .*bad\.yaml must map a dimension to a label/);
    await expect(loadOutletsFile(path.join(tmp, 'none.yaml'))).rejects.toThrow(/cannot read/);
  });
});
