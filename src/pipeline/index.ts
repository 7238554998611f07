/**
 * The pipeline: the one place the order of the stages is stated. Every way in (the CLI's commands,
 * the HTTP routes in server/routes/, the queue worker's tasks, the library's createParallax) is a
 * thin adapter over these steps, in this order:
 *
 * 1. read     (ingest stage)   inputs → drafts: files, folders, URLs, feeds, records, WARC;
 * 2. extract  (extract stage)  an HTML page → its article text and metadata, boilerplate removed;
 * 3. store    (store)          drafts → articles, in batches of one transaction each;
 * 4. place    (cluster stage)  stored articles → stories, with each story's copy links;
 * 5. analyse  (analyze stage)  an article → sentences, entities, figures, quotes, signals;
 * 6. compare  (compare stage)  a story's analysed articles → facts, omissions, figures, quotes;
 * 7. report   (report stage)   a comparison → the cited brief, and text in each output format.
 *
 * When each runs, the same for every way in:
 * - Steps 1–4 run when articles come in (`ingest`, the library's ingest, the web app's add, the
 *   worker's ingest job). Placing may be put off (`--no-stories`, `stories: false`): the articles
 *   stay marked as waiting, and the next ingest or `repair` places them; the queue worker places
 *   them in a job of its own so another worker can take it.
 * - Step 5 runs when an analysis is first needed (a comparison, an article page) and is stored
 *   with the analyzer version that made it; ahead of time only where asked (`parallax analyze`,
 *   `repair`, the queue worker's analyse job, which spreads the work over idle workers, and
 *   `parallax serve --warm`, the newest stories at start).
 * - Steps 6–7 run when a story is compared or shown; nothing of them is stored but the story
 *   list's digest of what a comparison found.
 *
 * Each step's code is one module here: ingest.ts (1–4), stories.ts (4, and people's merges and
 * splits), analyze.ts (5), compare.ts (5–7), repair.ts (4–5 for what an interrupted run left),
 * oneoff.ts (1–4 without a store: `extract`, `cluster`). `createPipeline` binds them to one store.
 */
import type { Store } from '../core/store.ts';
import type { AnalyzeStoredOptions } from './analyze.ts';
import type { ComparisonDetail } from '../core/analysis.ts';
import type { IngestIntoStoreOptions, IngestSummary } from './ingest.ts';
import type { RepairOptions, RepairResult } from './repair.ts';
import type { AssignResult } from './stories.ts';

/** The steps, numbered as above. */
export const STEPS = ['read', 'extract', 'store', 'place', 'analyse', 'compare', 'report'] as const;
export type Step = (typeof STEPS)[number];

export interface Pipeline {
  /** Steps 1–4 for inputs (placing unless `stories: false`). */
  ingest(inputs: string[], options?: IngestIntoStoreOptions): Promise<IngestSummary>;
  /** Step 4 for stored articles. */
  place(articleIds: string[]): Promise<AssignResult>;
  /** Step 5 for stored articles (stored analyses of this analyzer version are reused); how many were read. */
  analyse(articleIds: string[], options?: AnalyzeStoredOptions): Promise<number>;
  /** Steps 5–7 for a stored story. */
  compare(storyRef: string): Promise<ComparisonDetail>;
  /** Steps 4–5 for whatever an interrupted run left waiting. */
  repair(options?: RepairOptions): Promise<RepairResult>;
}

/**
 * The steps bound to one store. Each step's module is loaded when the step first runs: a process
 * that only places stories never loads the analyzer's language model.
 */
export function createPipeline(store: Store): Pipeline {
  return {
    ingest: async (inputs, options) => (await import('./ingest.ts')).ingestIntoStore(store, inputs, options),
    place: async (articleIds) => (await import('./stories.ts')).assignStories(store, articleIds),
    analyse: async (articleIds, options) => {
      const { analyzeStored } = await import('./analyze.ts');
      return (await analyzeStored(store, await store.getArticles(articleIds), options)).size;
    },
    compare: async (storyRef) => (await import('./compare.ts')).compareStory(store, storyRef),
    repair: async (options) => (await import('./repair.ts')).repairStore(store, options),
  };
}
