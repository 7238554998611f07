import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestIntoStore, loadOutletsFile } from '../src/pipeline/ingest.ts';
import { compareStory, type ComparisonDetail } from '../src/pipeline/compare.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/core/store.ts';

/** The planted truth of the bundled example corpus (examples/eastport-flood/TRUTH.md). */
const root = path.resolve(import.meta.dirname, '..', 'examples');
const truth = JSON.parse(readFileSync(path.join(root, 'eastport-flood', 'truth.json'), 'utf8')) as {
  conflicts: { about: string; consistent: boolean; values: Record<string, string> }[];
  shared_numbers: { values: Record<string, string> }[];
  quotes: ({ speaker: string; wordings: Record<string, string>; flag: string } | { text: string; speakers: Record<string, string>; flag: string })[];
  unique_facts: { outlet: string; contains: string }[];
  omissions: { outlet: string; fact_contains: string }[];
  opinionated: { outlet: string; loaded: string[] };
  wire_copy: { original: string; copy: string };
  boilerplate_removed: string[];
};

describe('the example corpus, end to end', () => {
  let store: Store;
  let c: ComparisonDetail;
  let texts: string;

  beforeAll(async () => {
    store = await openStore(':memory:');
    for (const outlet of await loadOutletsFile(path.join(root, 'outlets.yaml'))) await store.upsertOutlet(outlet);
    const summary = await ingestIntoStore(store, [root]);
    expect(summary.skipped).toBe(0);
    const stories = await store.listStories();
    const flood = stories.sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
    c = await compareStory(store, flood.id);
    texts = (await store.listArticles()).map((a) => a.text).join('\n');
  });
  afterAll(() => store.close());

  it('groups the flood reports into one story and the ferry strike into another', async () => {
    const stories = await store.listStories();
    expect(stories.map((s) => s.articleIds.length).sort()).toEqual([2, 6]);
  });

  it('removes the sites’ boilerplate from every article', () => {
    for (const b of truth.boilerplate_removed) expect(texts).not.toContain(b);
  });

  it('finds each planted number difference, and calls the consistent pair consistent', () => {
    for (const planted of truth.conflicts) {
      const line = c.conflicts.find((n) => Object.values(planted.values).every((v) => n.values.some((x) => x.text === v)))!;
      expect(line, planted.about).toBeDefined();
      expect(line.consistent).toBe(planted.consistent);
    }
  });

  it('never calls a figure shared on purpose a difference', () => {
    for (const shared of truth.shared_numbers) {
      const line = c.numbers.find((n) => n.values.some((v) => v.text === Object.values(shared.values)[0]))!;
      expect(line.consistent).toBe(true);
    }
  });

  it('marks the quote worded differently and the quote given to different speakers', () => {
    for (const planted of truth.quotes) {
      const sources = 'wordings' in planted ? Object.keys(planted.wordings) : Object.keys(planted.speakers);
      const probe = 'wordings' in planted ? Object.values(planted.wordings)[0]! : planted.text;
      const entry = c.quotes.find((q) => q.variants.some((v) => v.text.includes(probe)))!;
      expect(entry.sources.sort()).toEqual(sources.sort());
      expect(entry.flags).toContain(planted.flag);
    }
  });

  it('finds the fact only one outlet has, and the consensus fact one outlet leaves out', () => {
    for (const u of truth.unique_facts) {
      const fact = c.facts.find((f) => f.support.some((s) => s.text.includes(u.contains)))!;
      expect(fact.sources).toEqual([u.outlet]);
    }
    for (const o of truth.omissions) {
      const fact = c.facts.find((f) => f.support.some((s) => s.text.includes(o.fact_contains)))!;
      expect(c.omissions.find((x) => x.source === o.outlet)!.facts).toContain(fact.id);
    }
  });

  it('shows the opinionated outlet with the most loaded words and opinion, naming its words', () => {
    const top = (key: 'loadedPer1k' | 'opinionShare') => [...c.sources].sort((a, b) => b.scores[key] - a.scores[key])[0]!.id;
    expect(top('loadedPer1k')).toBe(truth.opinionated.outlet);
    expect(top('opinionShare')).toBe(truth.opinionated.outlet);
    const framing = c.framing.find((f) => f.source === truth.opinionated.outlet)!;
    expect(framing.loaded).toEqual(expect.arrayContaining(truth.opinionated.loaded));
  });

  it('shows the wire copy with the right direction', () => {
    const link = c.reuse.find((r) => r.to === truth.wire_copy.copy)!;
    expect(link.from).toBe(truth.wire_copy.original);
    expect(link.share).toBeGreaterThan(0.8);
  });
});
