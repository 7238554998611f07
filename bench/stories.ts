/**
 * `npm run bench -- stories [--sizes 10000,30000,100000]`: same-event grouping at scale.
 *
 * The pile: families of near-duplicates (wire copies and rewrites: sentences dropped and
 * reordered, words changed, published up to a day later), each grown from one of the 10,000 real
 * articles of ../shared/data/scale. Gold = family. The real articles include many reports of the
 * same event, which are right to share a story but would count as errors against family gold, so
 * only seeds that stay apart even under a much looser grouping (threshold 0.05 instead of 0.15)
 * seed families: those are distinct events. The pile is generated as it is read, so the texts of
 * 100k articles are never all in memory: only what the grouping itself keeps is measured.
 *
 * Each size runs in its own process, so that its peak memory (the process's maximum RSS,
 * including the 10,000 seed texts) is its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { groupArticles, type GroupArticle } from '../src/cluster/group/index.ts';
import { scoreClustering } from '../eval/clustering-metrics.ts';
import { loadScale, option } from './common.ts';

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

/** Seeds that even a loose grouping keeps apart: distinct events. */
export function distinctSeeds(seeds: GroupArticle[]): GroupArticle[] {
  const groups = groupArticles(seeds, { threshold: 0.05 });
  const seen = new Set<number>();
  return seeds.filter((_, i) => !seen.has(groups[i]!) && seen.add(groups[i]!));
}

/** N articles: every distinct seed, then rewrites of them in turn. Fills `gold` as it goes. */
export function* pile(seeds: GroupArticle[], n: number, gold: Map<string, string>, seed = 7): Generator<GroupArticle> {
  const rand = rng(seed);
  for (const s of seeds.slice(0, n)) {
    gold.set(s.id, s.id);
    yield s;
  }
  for (let i = 0; seeds.length + i < n; i++) {
    const base = seeds[i % seeds.length]!;
    const id = `${base.id}~${i}`;
    const published = base.published ? new Date(Date.parse(base.published) + Math.floor(rand() * 2) * 86_400_000).toISOString() : null;
    gold.set(id, base.id);
    yield { id, title: rand() > 0.5 ? base.title : null, text: rewrite(base.text, rand), published };
  }
}

interface SizeResult {
  n: number;
  seconds: number;
  peakMb: number;
  stories: number;
  precision: number;
  recall: number;
  f1: number;
}

function measure(n: number): SizeResult | null {
  const scale = loadScale();
  if (!scale) return null;
  const seeds = distinctSeeds(scale.map((a) => ({ id: a.id, title: a.title, text: a.text, published: a.published })));
  const gold = new Map<string, string>();
  const ids: string[] = [];
  globalThis.gc?.();
  const started = performance.now();
  const groups = groupArticles(
    (function* () {
      for (const a of pile(seeds, n, gold)) {
        ids.push(a.id);
        yield a;
      }
    })(),
  );
  const seconds = (performance.now() - started) / 1000;
  const s = scoreClustering(gold, new Map(ids.map((id, i) => [id, String(groups[i])])));
  return {
    n,
    seconds,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    stories: new Set(groups).size,
    precision: s.b3Precision,
    recall: s.b3Recall,
    f1: s.b3F1,
  };
}

export async function run(args: string[]): Promise<void> {
  const one = option(args, '--one');
  if (one) {
    // The child process of one size: print its result as JSON for the parent.
    console.log(JSON.stringify(measure(Number(one))));
    return;
  }
  const scale = loadScale(1);
  if (!scale) return console.log('bench stories: skipped (../shared/data/scale not found)');
  const seeds = distinctSeeds(loadScale()!.map((a) => ({ id: a.id, title: a.title, text: a.text, published: a.published })));
  console.log(`stories: ${seeds.length} of the 10,000 real articles are distinct events and seed the families`);
  const sizes = (option(args, '--sizes') ?? '10000,30000,100000').split(',').map(Number);
  const results: SizeResult[] = [];
  const runner = fileURLToPath(new URL('./index.ts', import.meta.url));
  for (const n of sizes) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', runner, 'stories', '--one', String(n)], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.error(`bench stories: the run for ${n} articles failed:\n${child.stderr}`);
      process.exitCode = 1;
      return;
    }
    const r = JSON.parse(line) as SizeResult;
    results.push(r);
    console.log(
      `stories: ${r.n} articles → ${r.stories} stories in ${r.seconds.toFixed(1)} s · peak RSS ${r.peakMb} MB · B³ P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)}`,
    );
  }
  if (results.length > 1) {
    const [a, b] = [results[0]!, results[results.length - 1]!];
    console.log(
      `growth ${a.n} → ${b.n} (${(b.n / a.n).toFixed(0)}× articles): ${(b.seconds / a.seconds).toFixed(1)}× time, ${(b.peakMb / a.peakMb).toFixed(1)}× peak memory   [target: 100k in < 60 s and < 1 GB at B³-F1 ≥ 0.95; scikit-learn anchor 802 s / 3.8 GB]`,
    );
  }
}
