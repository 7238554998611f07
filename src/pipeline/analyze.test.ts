import { describe, expect, it } from 'vitest';
import type { Article } from '../core/types.ts';
import type { Store, StoredAnalysis } from '../core/store.ts';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { analyzeStored } from './analyze.ts';

/** Only the two store calls the analysis cache uses, counting writes. */
function analysisStore() {
  const rows = new Map<string, StoredAnalysis>();
  let writes = 0;
  const store = {
    getAnalysis: async (id: string, version: string) => rows.get(`${id}@${version}`) ?? null,
    putAnalysis: async (row: StoredAnalysis) => {
      writes++;
      rows.set(`${row.articleId}@${row.analyzerVersion}`, row);
    },
  } as unknown as Store;
  return { store, writes: () => writes };
}

const article = (text: string, contentHash: string) =>
  ({ id: 'a1', externalId: null, input: 'fixture.txt', title: 'Ferry fares', published: '2025-03-01', text, contentHash }) as unknown as Article;

describe('analyzeStored', () => {
  it('reuses the stored analysis until the article text changes', async () => {
    const { store, writes } = analysisStore();
    const first = await analyzeStored(store, [article('“Fares must fall,” Mayor Ines Pardo said.', 'h1')]);
    expect(first.get('a1')?.quotes[0]?.speaker).toBe('Ines Pardo');
    expect(first.get('a1')?.analyzerVersion).toBe(ANALYZER_VERSION);
    await analyzeStored(store, [article('“Fares must fall,” Mayor Ines Pardo said.', 'h1')]);
    expect(writes()).toBe(1);

    const revised = await analyzeStored(store, [article('“Fares must fall,” council leader Omar Reyes said.', 'h2')]);
    expect(writes()).toBe(2);
    expect(revised.get('a1')?.quotes[0]?.speaker).toBe('Omar Reyes');
  });

  it('analyses a large batch on worker threads with the same results, in the order asked', async () => {
    const batch = Array.from({ length: 24 }, (_, i) => ({
      ...article(`“Route ${i + 1} stays open,” Mayor Ines Pardo said on Monday. About ${i + 40} ferries ran.`, `t${i}`),
      id: `b${i}`,
    })) as Article[];
    const one = await analyzeStored(analysisStore().store, batch, { threads: 1 });
    const threaded = analysisStore();
    const two = await analyzeStored(threaded.store, batch, { threads: 2 });
    expect([...two.keys()]).toEqual(batch.map((a) => a.id));
    expect([...two.values()]).toEqual([...one.values()]);
    expect(two.get('b23')?.quantities.some((q) => q.value === 63 && q.approx)).toBe(true);
    expect(threaded.writes()).toBe(24);
  });
});

