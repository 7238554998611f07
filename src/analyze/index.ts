import type { ArticleAnalysis, ArticleScores, Quote } from '../core/analysis.ts';
import { findDates } from './dates/index.ts';
import { readDocument } from './document/index.ts';
import { findEntities } from './entities/index.ts';
import { findQuantities } from './quantities/index.ts';
import { findQuotes } from './quotes/index.ts';
import { findSignals, markOpinions } from './signals/index.ts';

/** Bump when any stage's output changes: stored analyses of older versions are recomputed. */
export const ANALYZER_VERSION = '20';

export interface AnalyzeInput {
  text: string;
  title?: string | null;
  published?: string | null;
  input: string;
  id?: string | null;
}

export type Analyzer = (input: AnalyzeInput) => ArticleAnalysis;

/**
 * The per-article reading, in order:
 * 1. document: tokens, part of speech, sentences (wink-nlp);
 * 2. entities with aliases merged;
 * 3. quantities and dates;
 * 4. quotes and attribution (needs entities for speakers);
 * 5. language signals, then opinion sentences (needs quotes: quoted words are the speaker's);
 * 6. scores.
 */
export function createAnalyzer(): Analyzer {
  return function analyze(input: AnalyzeInput): ArticleAnalysis {
    const doc = readDocument(input.text, { title: input.title ?? null, published: input.published ?? null });
    const entities = findEntities(doc);
    const quantities = findQuantities(doc);
    const dates = findDates(doc);
    const quotes = findQuotes(doc, entities);
    const signals = findSignals(doc);
    const opinions = markOpinions(doc, { quotes, signals });
    const sentences = doc.sentences.map((s, i) => ({ text: s.text, start: s.start, end: s.end, opinion: opinions[i]! }));
    const words = doc.tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SYM').length;
    return {
      input: input.input,
      id: input.id ?? null,
      title: input.title ?? null,
      sentences,
      entities,
      quantities,
      dates,
      quotes,
      signals,
      scores: score(sentences, quotes, signals, words),
      analyzerVersion: ANALYZER_VERSION,
    };
  };
}

function score(
  sentences: { start: number; end: number; opinion: boolean }[],
  quotes: Quote[],
  signals: ArticleAnalysis['signals'],
  words: number,
): ArticleScores {
  const direct = quotes.filter((q) => q.direct);
  const outside = (s: { start: number; end: number }) => !direct.some((q) => s.start >= q.start && s.end <= q.end);
  const per1k = (n: number) => (words ? Math.round((n / words) * 1000 * 100) / 100 : 0);
  const attributed = sentences.filter((s) => quotes.some((q) => q.start < s.end && q.end > s.start)).length;
  const quotesBySpeaker: Record<string, number> = {};
  for (const q of direct) quotesBySpeaker[q.speaker ?? '(unknown)'] = (quotesBySpeaker[q.speaker ?? '(unknown)'] ?? 0) + 1;
  const share = (n: number) => (sentences.length ? Math.round((n / sentences.length) * 1000) / 1000 : 0);
  return {
    loadedPer1k: per1k(signals.filter((s) => s.category === 'loaded' && outside(s)).length),
    hedgesPer1k: per1k(signals.filter((s) => s.category === 'hedge' && outside(s)).length),
    opinionShare: share(sentences.filter((s) => s.opinion).length),
    attributedShare: share(attributed),
    quotesBySpeaker,
    words,
  };
}
