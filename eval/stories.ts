/**
 * `npm run eval -- stories`: same-event grouping on the two real sets in ../shared/data —
 * basil (50 events × 3 outlets) and ecbplus (two different events per topic) — scored with
 * B-cubed precision/recall/F1, pairwise F1 and ARI, the metrics of ../shared/eval/score_clusters.py.
 */
import { groupArticles } from '../src/cluster/group/index.ts';
import { scoreClustering } from './clustering-metrics.ts';
import { dataDir, missing, pct, readJsonl } from './common.ts';
import type { EvalResult } from './index.ts';

const ANCHORS: Record<string, string> = { basil: 'TF-IDF average link ≈ 0.95 · target 0.97', ecbplus: 'TF-IDF average link ≈ 0.87 · target 0.92' };

export async function run(): Promise<EvalResult> {
  const metrics: Record<string, number> = {};
  for (const set of ['basil', 'ecbplus']) {
    const articlesFile = dataDir(set, 'articles.jsonl');
    const goldFile = dataDir(set, 'gold.jsonl');
    const absent = missing(articlesFile, goldFile);
    if (absent) return { name: 'stories', skipped: absent, metrics: {} };
    const articles = readJsonl<{ id: string; title: string | null; text: string; published?: string | null }>(articlesFile);
    const gold = new Map(readJsonl<{ id: string; story: string }>(goldFile).map((g) => [g.id, g.story]));
    const started = performance.now();
    const groups = groupArticles(articles.map((a) => ({ id: a.id, title: a.title, text: a.text, published: a.published ?? null })));
    const ms = performance.now() - started;
    const s = scoreClustering(gold, new Map(articles.map((a, i) => [a.id, String(groups[i])])));
    console.log(
      `${set.padEnd(8)} B³ P ${pct(s.b3Precision)} R ${pct(s.b3Recall)} F1 ${pct(s.b3F1)} · pair F1 ${pct(s.pairF1)} · ARI ${pct(s.ari)} · ${articles.length} articles → ${new Set(groups).size} stories (gold ${new Set(gold.values()).size}) in ${ms.toFixed(0)} ms   [${ANCHORS[set]}]`,
    );
    metrics[`${set}.b3F1`] = s.b3F1;
    metrics[`${set}.ari`] = s.ari;
  }
  return { name: 'stories', metrics };
}
