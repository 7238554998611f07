/**
 * `npm run bench -- stories [--sizes 10000,30000,100000]`: same-event grouping at scale.
 * The pile: the 10,000 real articles of ../shared/data/scale, each the seed of a family, plus
 * generated rewrites of them (sentences dropped and reordered, words changed) until the pile has
 * N articles. Gold = family. Real articles about the same event in different families count as
 * errors, so the B³-F1 here is a lower bound. Reports time, peak memory and B³-F1 per size.
 */
import { groupArticles, type GroupArticle } from '../src/cluster/group/index.ts';
import { scoreClustering } from '../eval/clustering-metrics.ts';
import { loadScale, memorySampler, option } from './common.ts';

/** Deterministic pseudo-random numbers, so every run builds the same pile. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function rewrite(text: string, rand: () => number): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter(() => rand() > 0.25);
  if (kept.length > 3 && rand() > 0.5) [kept[0], kept[1]] = [kept[1]!, kept[0]!];
  return kept.map((s) => s.replace(/\b(said|says)\b/g, rand() > 0.5 ? 'stated' : 'told reporters')).join(' ');
}

export function buildPile(seeds: GroupArticle[], n: number, seed = 7): { pile: GroupArticle[]; gold: Map<string, string> } {
  const rand = rng(seed);
  const pile: GroupArticle[] = [];
  const gold = new Map<string, string>();
  for (const s of seeds.slice(0, n)) {
    pile.push(s);
    gold.set(s.id, s.id);
  }
  for (let i = 0; pile.length < n; i++) {
    const base = seeds[i % seeds.length]!;
    const id = `${base.id}~${i}`;
    const shift = base.published ? new Date(Date.parse(base.published) + Math.floor(rand() * 2) * 86_400_000).toISOString() : null;
    pile.push({ id, title: rand() > 0.5 ? base.title : null, text: rewrite(base.text, rand), published: shift });
    gold.set(id, base.id);
  }
  return { pile, gold };
}

export async function run(args: string[]): Promise<void> {
  const scale = loadScale();
  if (!scale) return console.log('bench stories: skipped (../shared/data/scale not found)');
  const sizes = (option(args, '--sizes') ?? '10000,30000,100000').split(',').map(Number);
  const seeds = scale.map((a) => ({ id: a.id, title: a.title, text: a.text, published: a.published }));
  const results: { n: number; seconds: number; mb: number; f1: number }[] = [];
  for (const n of sizes) {
    const { pile, gold } = buildPile(seeds, n);
    globalThis.gc?.();
    const memory = memorySampler();
    const started = performance.now();
    const groups = groupArticles(pile);
    const seconds = (performance.now() - started) / 1000;
    const mb = memory.stop();
    const s = scoreClustering(gold, new Map(pile.map((a, i) => [a.id, String(groups[i])])));
    results.push({ n, seconds, mb, f1: s.b3F1 });
    console.log(`stories: ${n} articles → ${new Set(groups).size} stories in ${seconds.toFixed(1)} s · peak RSS ${mb} MB · B³ P ${s.b3Precision.toFixed(3)} R ${s.b3Recall.toFixed(3)} F1 ${s.b3F1.toFixed(3)}`);
  }
  if (results.length > 1) {
    const [a, b] = [results[0]!, results[results.length - 1]!];
    console.log(`growth ${a.n} → ${b.n} (${(b.n / a.n).toFixed(0)}× articles): ${(b.seconds / a.seconds).toFixed(1)}× time   [target: 100k in < 60 s and < 1 GB at B³-F1 ≥ 0.95; scikit-learn anchor 802 s / 3.8 GB]`);
  }
}
