import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { ingestIntoStore } from '../pipeline/ingest.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';
import { createApp } from './app.ts';

const examples = path.resolve(import.meta.dirname, '../../examples');

describe('serve analyses the newest stories in the background', () => {
  let dir: string;
  let file: string;
  let store: Store;
  const analysed = async (storyId: string) => {
    const story = (await store.getStory(storyId))!;
    const found = await Promise.all(story.articleIds.map((id) => store.getAnalysis(id, ANALYZER_VERSION)));
    return found.filter(Boolean).length;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'parallax-warm-'));
    file = path.join(dir, 'store.db');
    store = await openStore(file);
    await ingestIntoStore(store, [examples]);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prepares the newest stories first, on its own thread, and analyses each article only once', async () => {
    const [newest, older] = await store.listStories({ sort: 'latest' });
    expect(await analysed(newest!.id)).toBe(0);

    const first = createApp({ store, storeSpec: file, staticDir: null, warmStories: 1 });
    const report = (await first.warming)!;
    expect(report).toMatchObject({ stories: 1, articles: newest!.articleIds.length, analysed: newest!.articleIds.length, stopped: false, error: null });
    expect(await analysed(newest!.id)).toBe(newest!.articleIds.length);
    // Its comparison is made too: the story list sorts by its disagreement before anyone opens it.
    const listed = ((await (await first.request('/api/stories?sort=disagreement')).json()) as { stories: { id: string; disagreement: { sharedFacts: number } | null }[] }).stories;
    expect(listed[0]!.id).toBe(newest!.id);
    expect(listed[0]!.disagreement?.sharedFacts).toBeGreaterThan(0);
    // And the page answers with that comparison, the same as one made on opening.
    const page = (await (await first.request(`/api/stories/${newest!.id}`)).json()) as { comparison: { facts: unknown[]; omissions: unknown[] } };
    await first.close();
    const fresh = createApp({ store, storeSpec: file, staticDir: null });
    const made = (await (await fresh.request(`/api/stories/${newest!.id}`)).json()) as { comparison: { facts: unknown[]; omissions: unknown[] } };
    await fresh.close();
    expect(page.comparison.facts).toEqual(made.comparison.facts);
    expect(page.comparison.omissions).toEqual(made.comparison.omissions);
    // Only as many stories as asked for.
    expect(await analysed(older!.id)).toBe(0);

    const second = createApp({ store, storeSpec: file, staticDir: null, warmStories: 50 });
    const again = (await second.warming)!;
    await second.close();
    // The newest story's analyses are read back, not made again.
    expect(again).toMatchObject({ stories: 2, analysed: older!.articleIds.length, error: null });
    expect(await analysed(older!.id)).toBe(older!.articleIds.length);
  }, 60_000);

  it('does nothing unless asked, or where the store lives in one connection', async () => {
    const off = createApp({ store, storeSpec: file, staticDir: null });
    expect(await off.warming).toBeNull();
    await off.close();
    const memory = await openStore(':memory:');
    const inMemory = createApp({ store: memory, storeSpec: ':memory:', staticDir: null, warmStories: 50 });
    expect(await inMemory.warming).toBeNull();
    await inMemory.close();
    await memory.close();
  });
});
