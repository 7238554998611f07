import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harbourPile } from '../cluster/group/fixtures.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';
import { ingestIntoStore } from './ingest.ts';
import { splitStory, storyIdFor } from './stories.ts';

const examples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');
const noFetch = async (url: string) => Promise.reject(new Error(`no network in tests: ${url}`));

/** The examples folder, as `parallax ingest examples` stores and places it. */
async function exampleStore(): Promise<Store> {
  const s = await openStore(':memory:');
  await ingestIntoStore(s, [examples], { fetch: noFetch });
  return s;
}

let store: Store;
beforeEach(async () => {
  store = await exampleStore();
});
afterEach(async () => {
  await store.close();
});

/** Every placed article with the stories that list it. */
async function placements(): Promise<Map<string, string[]>> {
  const where = new Map<string, string[]>();
  for (const s of await store.listStories({ limit: 1000 })) for (const id of s.articleIds) where.set(id, [...(where.get(id) ?? []), s.id]);
  return where;
}

describe('splitStory', () => {
  it('splitting out the article a story was named after puts it in a story of its own with another id', async () => {
    const story = (await store.listStories({ limit: 1000 })).find((s) => s.articleIds.length > 2)!;
    const seed = story.articleIds.find((id) => storyIdFor(id) === story.id)!;
    expect(seed).toBeDefined();
    const before = await placements();

    const { kept, split } = await splitStory(store, story.id, [seed]);

    expect(split.id).not.toBe(kept.id);
    expect(split.articleIds).toEqual([seed]);
    expect(kept.articleIds).toHaveLength(story.articleIds.length - 1);
    const after = await placements();
    expect(after.get(seed)).toEqual([split.id]);
    expect(await store.storyOfArticle(seed)).toBe(split.id);
    // No article lost or doubled anywhere.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect([...after.values()].every((s) => s.length === 1)).toBe(true);
  });

  it('gives the same new id on two stores built the same way', async () => {
    const story = (await store.listStories({ limit: 1000 })).find((s) => s.articleIds.length > 2)!;
    const seed = story.articleIds.find((id) => storyIdFor(id) === story.id)!;
    const first = await splitStory(store, story.id, [seed]);

    const other = await exampleStore();
    try {
      const again = await splitStory(other, story.id, [seed]);
      expect(again.split.id).toBe(first.split.id);
    } finally {
      await other.close();
    }
  });
});

describe('assignStories', () => {
  it('keeps a story that arrives later apart from the earlier one whose sentences it repeats as background', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'parallax-place-'));
    const s = await openStore(':memory:');
    try {
      const pile = harbourPile();
      const batch = async (name: string, ids: (id: string) => boolean) => {
        const file = path.join(dir, `${name}.jsonl`);
        await writeFile(file, pile.filter((a) => ids(a.id)).map((a) => JSON.stringify(a)).join('\n'));
        await ingestIntoStore(s, [file], { fetch: noFetch });
      };
      // The crane reports and the rest first; the council story days later, in a run of its own.
      await batch('first', (id) => !id.startsWith('council'));
      await batch('later', (id) => id.startsWith('council'));
      const stories = await s.listStories({ limit: 100 });
      const titlesOf = async (ids: string[]) => (await s.getArticles(ids)).map((a) => a.externalId).sort();
      const council = stories.find((st) => st.title.includes('council'))!;
      expect(await titlesOf(council.articleIds)).toEqual(['council-1', 'council-2']);
      const crane = stories.find((st) => st.title.includes('rane'))!;
      expect(await titlesOf(crane.articleIds)).toEqual(['crane-1', 'crane-2', 'crane-3']);
    } finally {
      await s.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
