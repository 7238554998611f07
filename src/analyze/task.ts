/** The article analyzer as a worker-thread task (see src/core/threads). */
import type { ArticleAnalysis } from '../core/analysis.ts';
import { createAnalyzer, type AnalyzeInput } from './index.ts';

const analyze = createAnalyzer();

export function runTask(input: AnalyzeInput): ArticleAnalysis {
  return analyze(input);
}
