import type { ArticleAnalysis } from '../core/analysis.ts';
import type { Article } from '../core/types.ts';
import { ANALYZER_VERSION, createAnalyzer, type Analyzer } from '../analyze/index.ts';
import type { Store } from '../store/types.ts';

let shared: Analyzer | null = null;
const analyzer = () => (shared ??= createAnalyzer());

export function analyzeArticle(article: Pick<Article, 'text' | 'title' | 'published' | 'input' | 'externalId' | 'id'>): ArticleAnalysis {
  return analyzer()({
    text: article.text,
    title: article.title,
    published: article.published,
    input: article.input,
    id: article.externalId ?? article.id,
  });
}

/**
 * Analyses of stored articles, computed only when the article's content or the analyzer
 * version changed since the last run; results are stored with the version that made them.
 */
export async function analyzeStored(store: Store, articles: Article[]): Promise<Map<string, ArticleAnalysis>> {
  const out = new Map<string, ArticleAnalysis>();
  for (const article of articles) {
    const cached = await store.getAnalysis<ArticleAnalysis>(article.id, ANALYZER_VERSION);
    // A re-ingested article keeps its id but may have new text: the hash says whether it changed.
    if (cached && cached.contentHash === article.contentHash) {
      out.set(article.id, cached.result);
      continue;
    }
    const result = analyzeArticle(article);
    await store.putAnalysis({
      articleId: article.id,
      contentHash: article.contentHash,
      analyzerVersion: ANALYZER_VERSION,
      result,
      createdAt: new Date().toISOString(),
    });
    out.set(article.id, result);
  }
  return out;
}
