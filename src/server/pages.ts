import { wordDiff } from '../text/diff.ts';
import type { ArticleAnalysis } from '../core/analysis.ts';
import type { StoryComparison, StoryPageComparison } from '../core/api.ts';
import type { Article } from '../core/types.ts';
import { createThreadPool, type ThreadPool } from '../core/threads/index.ts';
import { analyzeStored } from '../pipeline/analyze.ts';
import { compareStory, type ComparisonDetail } from '../pipeline/compare.ts';
import type { Store } from '../core/store.ts';
import type { PageTask } from './page-task.ts';
import { sharedBetweenThreads } from './thread-store.ts';

export type { StoryComparison };

/** Word-level differences of each quote wording against the first, for the ledger view. */
export function forPage(c: ComparisonDetail): StoryComparison {
  return {
    ...c,
    // Each link's per-measure breakdown is for `compare --explain`; the page shows what was shared.
    facts: c.facts.map((f) => (f.links ? { ...f, links: f.links.map(({ measures: _measures, ...link }) => link) } : f)),
    quotes: c.quotes.map((q) => ({
      ...q,
      variants: q.variants.map((v, i) => ({ ...v, diff: i === 0 ? null : wordDiff(q.variants[0]!.text, v.text) })),
    })),
  };
}

/**
 * What the web app's story page reads (`GET /api/stories/:id?view=page`): the comparison without
 * what the page never shows, half the bytes of a 20-article story. Dropped: a fact's further
 * sentences from a source it already cites, each link's
 * word-by-word explanation (`compare --explain` and the full JSON keep it), `conflicts` (the
 * figures of `numbers` that two or more sources give, sent once), figures given once,
 * the merged entity list and the list of single-source fact ids (a fact's `sources` says it).
 */
export function pageView(c: StoryComparison): StoryPageComparison {
  const { conflicts: _conflicts, entities: _entities, unique: _unique, ...rest } = c;
  return {
    ...rest,
    // The page shows each source's first sentence of a fact; the further ones are in the full JSON.
    facts: c.facts.map(({ links: _links, ...f }) => ({ ...f, support: f.support.filter((x, i) => f.support.findIndex((y) => y.source === x.source) === i) })),
    numbers: c.numbers.filter((n) => n.values.length > 1),
  };
}

export async function storyComparison(store: Store, storyId: string): Promise<StoryComparison> {
  return forPage(await compareStory(store, storyId));
}

export async function articleAnalysis(store: Store, article: Article): Promise<ArticleAnalysis> {
  return (await analyzeStored(store, [article])).get(article.id)!;
}

/**
 * Where the pages' CPU work runs: comparing a story and analysing articles take from a fraction of
 * a second to minutes (a story whose articles were never analysed), and on the request thread they
 * would hold up every other request meanwhile. With a store another connection can open (a file,
 * PostgreSQL), they run on a worker thread of their own; an in-memory store keeps them here.
 */
export function createPageWork(store: Store, storeSpec: string | null | undefined) {
  const threaded = sharedBetweenThreads(storeSpec);
  let pool: ThreadPool<PageTask, unknown> | null = null;
  const run = <T>(task: Omit<PageTask, 'db'>) => {
    pool ??= createThreadPool<PageTask, unknown>(new URL('./page-task.ts', import.meta.url), 1);
    return pool.run({ ...task, db: storeSpec as string } as PageTask) as Promise<T>;
  };
  return {
    story: (storyId: string): Promise<StoryComparison> => (threaded ? run({ kind: 'story', id: storyId }) : storyComparison(store, storyId)),
    article: (article: Article): Promise<ArticleAnalysis> => (threaded ? run({ kind: 'article', id: article.id }) : articleAnalysis(store, article)),
    async close(): Promise<void> {
      await pool?.close();
      pool = null;
    },
  };
}
