import type { ArticleAnalysis } from '../core/analysis.ts';
import type { Article } from '../core/types.ts';
import { ANALYZER_VERSION, createAnalyzer, type AnalyzeInput, type Analyzer } from '../analyze/index.ts';
import { createThreadPool, threadCount, type ThreadPool } from '../core/threads/index.ts';
import type { Store } from '../core/store.ts';

let shared: Analyzer | null = null;
const analyzer = () => (shared ??= createAnalyzer());

function analyzeInput(article: Pick<Article, 'text' | 'title' | 'published' | 'input' | 'externalId' | 'id'>): AnalyzeInput {
  return { text: article.text, title: article.title, published: article.published, input: article.input, id: article.externalId ?? article.id };
}

export function analyzeArticle(article: Pick<Article, 'text' | 'title' | 'published' | 'input' | 'externalId' | 'id'>): ArticleAnalysis {
  return analyzer()(analyzeInput(article));
}

/** Articles left to analyse in one call before the work goes to worker threads. */
const ARTICLES_BEFORE_THREADS = 16;
let pool: ThreadPool<AnalyzeInput, ArticleAnalysis> | null = null;

export interface AnalyzeStoredOptions {
  /** Worker threads for large batches (default: one per core; 1 analyses on this thread). */
  threads?: number;
  /** Told how many of the articles had no current analysis and were analysed now (the rest were read back). */
  computed?: (count: number) => void;
}

/**
 * Analyses of stored articles, computed only when the article's content or the analyzer
 * version changed since the last run; results are stored with the version that made them.
 * Large batches are analysed on worker threads (one pool per process, started on first need;
 * idle threads do not keep the process alive).
 */
export async function analyzeStored(store: Store, articles: Article[], options: AnalyzeStoredOptions = {}): Promise<Map<string, ArticleAnalysis>> {
  const found = new Map<string, ArticleAnalysis>();
  const todo: Article[] = [];
  for (const article of articles) {
    const cached = await store.getAnalysis<ArticleAnalysis>(article.id, ANALYZER_VERSION);
    // A re-ingested article keeps its id but may have new text: the hash says whether it changed.
    if (cached && cached.contentHash === article.contentHash) found.set(article.id, cached.result);
    else todo.push(article);
  }
  const threads = threadCount(options.threads);
  const onThreads = threads > 1 && todo.length > ARTICLES_BEFORE_THREADS;
  if (onThreads) pool ??= createThreadPool(new URL('../analyze/task.ts', import.meta.url), threads);
  const computed = onThreads
    ? await Promise.all(todo.map((a) => pool!.run(analyzeInput(a))))
    : todo.map((a) => analyzeArticle(a));
  for (const [i, article] of todo.entries()) {
    const result = computed[i]!;
    await store.putAnalysis({
      articleId: article.id,
      contentHash: article.contentHash,
      analyzerVersion: ANALYZER_VERSION,
      result,
      createdAt: new Date().toISOString(),
    });
    found.set(article.id, result);
  }
  options.computed?.(todo.length);
  // In the order asked for.
  return new Map(articles.filter((a) => found.has(a.id)).map((a) => [a.id, found.get(a.id)!]));
}
