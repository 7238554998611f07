/**
 * `npm run eval -- pile`: same-event grouping on the 10,000-article pile of the stories benchmark
 * (bench/lib/pile.ts, grown from ../shared/data/scale): families of rewrites, and follow-up stories
 * that repeat a third of an earlier story's sentences as background. Its gold comes from how the
 * pile was made. Gated so that a change cannot quietly let shared background join stories again
 * (`npm run bench -- stories` measures 30k and 100k, with time and memory).
 */
import { loadScale } from '../bench/common.ts';
import { buildPile, groupPile } from '../bench/lib/pile.ts';
import { scoreClustering } from './clustering-metrics.ts';
import { pct } from './common.ts';
import type { EvalResult } from './index.ts';

const SIZE = 10_000;

export async function run(): Promise<EvalResult> {
  const scale = loadScale();
  if (!scale) return { name: 'pile', skipped: '../shared/data/scale/articles.jsonl.gz not found', metrics: {} };
  const pile = buildPile(scale, { size: SIZE });
  const { ids, gold, groups } = groupPile(pile);
  const s = scoreClustering(gold, new Map(ids.map((id, i) => [id, String(groups[i])])));
  console.log(
    `pile     B³ P ${pct(s.b3Precision)} R ${pct(s.b3Recall)} F1 ${pct(s.b3F1)} · ${SIZE} articles → ${new Set(groups).size} stories (gold ${pile.stories}, ${pile.siblings} of them follow-ups)   [target ≥ 0.95; before background was set aside 0.870]`,
  );
  return { name: 'pile', metrics: { b3F1: s.b3F1, b3Precision: s.b3Precision } };
}
