import { ANALYZER_VERSION } from '../analyze/index.ts';
import type { Store } from '../core/store.ts';
import { analyzeStored } from './analyze.ts';
import { placePending } from './stories.ts';

export interface RepairOptions {
  /** Also analyse articles with no analysis by the current analyzer version (default true). */
  analyze?: boolean;
  /** Worker threads for analysis (see `analyzeStored`). */
  threads?: number;
  onProgress?: (step: 'placed' | 'analysed', count: number) => void;
}

export interface RepairResult {
  /** Articles that were waiting for a story and now have one. */
  placed: number;
  /** Articles analysed because their latest content had no analysis by this analyzer version. */
  analysed: number;
}

/** Articles per analysis round: one round's results are stored before the next is read. */
const ANALYSIS_CHUNK = 500;

/**
 * Finishes the work owed to stored articles, whoever left it (a killed ingest, a worker that died,
 * a run with --no-stories, a new analyzer version):
 * 1. places every article marked "to place" (which also recomputes the reuse links of the stories
 *    they join), a chunk per transaction;
 * 2. analyses every article whose latest content has no analysis by the current analyzer version.
 * Idempotent: a second run finds nothing to do, and a run killed midway keeps what it finished.
 */
export async function repairStore(store: Store, options: RepairOptions = {}): Promise<RepairResult> {
  const placed = await placePending(store);
  options.onProgress?.('placed', placed);
  let analysed = 0;
  if (options.analyze !== false) {
    // From an id on, so an article whose analysis cannot be stored is passed once, not forever.
    let after: string | undefined;
    for (;;) {
      const ids = await store.pendingAnalysis(ANALYZER_VERSION, { limit: ANALYSIS_CHUNK, after });
      if (!ids.length) break;
      const articles = await store.getArticles(ids);
      await analyzeStored(store, articles, { threads: options.threads });
      analysed += articles.length;
      after = ids.at(-1);
      options.onProgress?.('analysed', analysed);
    }
  }
  return { placed, analysed };
}
