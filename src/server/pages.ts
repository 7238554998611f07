import { wordDiff } from '../text/diff.ts';
import type { ArticleAnalysis } from '../core/analysis.ts';
import type { StoryComparison, StoryPageComparison } from '../core/api.ts';
import { errorMessage } from '../core/errors.ts';
import type { Article, Story } from '../core/types.ts';
import type { StoryDigest } from '../core/store.ts';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { createThreadPool, type ThreadPool } from '../core/threads/index.ts';
import { analyzeStored, type AnalyzeStoredOptions } from '../pipeline/analyze.ts';
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

export async function storyComparison(store: Store, storyId: string, analysis?: AnalyzeStoredOptions): Promise<StoryComparison> {
  return forPage(await compareStory(store, storyId, analysis));
}

export async function articleAnalysis(store: Store, article: Article): Promise<ArticleAnalysis> {
  return (await analyzeStored(store, [article])).get(article.id)!;
}

/**
 * What a story's comparison is made of: the story as it was changed last and each article's id,
 * text and outlet. Two comparisons of the same version are the same.
 */
export function comparisonVersion(story: Story, articles: Article[]): string {
  return `${story.id}|${story.updatedAt}|${articles.map((a) => `${a.id}:${a.contentHash}:${a.outlet}`).join(',')}`;
}

/** What a story's comparison found, as the story list sorts and filters by it. */
export function digestOf(story: Story, c: { facts: { sources: string[]; detailOf?: string }[]; omissions: { facts: string[] }[]; conflicts: { consistent: boolean }[] }): StoryDigest {
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

/** What preparing one story ahead of time made: its articles' analyses and its comparison, for that version of it. */
export interface StoryWarmed {
  articles: number;
  /** Articles that had no analysis by this analyzer version and have one now. */
  analysed: number;
  version: string;
  comparison: StoryComparison;
}

/** What `warm` did: the stories prepared, the articles analysed, how long it took, and the first failure if any. */
export interface WarmReport {
  stories: number;
  articles: number;
  analysed: number;
  ms: number;
  stopped: boolean;
  error: string | null;
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
  let warmPool: ThreadPool<PageTask, unknown> | null = null;
  let closed = false;
  /** Comparisons made ahead of time, each for one version of its story: taken by the story's first open. */
  const warmed = new Map<string, { version: string; comparison: StoryComparison }>();
  const onePool = () => createThreadPool<PageTask, unknown>(new URL('./page-task.ts', import.meta.url), 1);
  const run = <T>(task: Omit<PageTask, 'db'>) => {
    pool ??= onePool();
    return pool.run({ ...task, db: storeSpec as string } as PageTask) as Promise<T>;
  };
  return {
    /** A story's comparison; `version` (see comparisonVersion) lets one made ahead of time for that version answer at once. */
    story(storyId: string, version?: string): Promise<StoryComparison> {
      const ready = warmed.get(storyId);
      if (ready) {
        warmed.delete(storyId);
        if (ready.version === version) return Promise.resolve(ready.comparison);
      }
      return threaded ? run({ kind: 'story', id: storyId }) : storyComparison(store, storyId);
    },
    article: (article: Article): Promise<ArticleAnalysis> => (threaded ? run({ kind: 'article', id: article.id }) : articleAnalysis(store, article)),
    /**
     * Prepares the newest `stories` stories ahead of time, one after another on a thread of its own
     * (the pages keep theirs): their articles' analyses and their comparison, whose digest the story
     * list sorts by, so that opening one of them costs nothing more. `prepared` is told after each.
     * Resolves with what it did; null when the store cannot be shared with another thread (in
     * memory), where it would hold up the requests.
     */
    async warm(stories: number, prepared?: () => void): Promise<WarmReport | null> {
      if (!threaded || stories <= 0) return null;
      const started = performance.now();
      const report: WarmReport = { stories: 0, articles: 0, analysed: 0, ms: 0, stopped: false, error: null };
      const newest = await store.listStories({ sort: 'latest', limit: stories });
      // The pages' own thread starts now too, rather than on the first page opened (a second or two).
      pool ??= onePool();
      warmPool ??= onePool();
      for (const story of newest) {
        if (closed) {
          report.stopped = true;
          break;
        }
        try {
          const done = (await warmPool.run({ kind: 'warm-story', id: story.id, db: storeSpec })) as StoryWarmed | null;
          if (done) {
            report.articles += done.articles;
            report.analysed += done.analysed;
            if (!closed) warmed.set(story.id, { version: done.version, comparison: done.comparison });
            prepared?.();
          }
        } catch (error) {
          // Closing the server ends the thread mid-story; anything else is said once, and the rest still go.
          if (closed) {
            report.stopped = true;
            break;
          }
          report.error ??= `story ${story.id}: ${errorMessage(error)}`;
        }
        report.stories++;
      }
      report.ms = Math.round(performance.now() - started);
      return report;
    },
    async close(): Promise<void> {
      closed = true;
      warmed.clear();
      await Promise.all([pool?.close(), warmPool?.close()]);
      pool = null;
      warmPool = null;
    },
  };
}
