/**
 * `npm run bench -- stories [--sizes 10000,30000,100000] [--write pile.jsonl --gold gold.jsonl]`:
 * same-event grouping at scale, on the pile of bench/lib/pile.ts (families of rewrites, and follow-up
 * stories that share background with an earlier story; the gold comes from how the pile was
 * made, not from any grouper).
 *
 * Each size runs in its own process, so that its peak memory (the process's maximum RSS,
 * including the 10,000 source texts) is its own. `--write` saves the pile of the first size as
 * JSONL (with `--gold` its gold), to time `parallax cluster` on it end to end.
 */
import { createWriteStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scoreClustering } from '../eval/clustering-metrics.ts';
import { loadScale, option } from './common.ts';
import { buildPile, groupPile } from './lib/pile.ts';

interface SizeResult {
  n: number;
  seconds: number;
  peakMb: number;
  stories: number;
  goldStories: number;
  siblings: number;
  precision: number;
  recall: number;
  f1: number;
}

function measure(n: number): SizeResult | null {
  const scale = loadScale();
  if (!scale) return null;
  const pile = buildPile(scale, { size: n });
  globalThis.gc?.();
  const started = performance.now();
  const { ids, gold, groups } = groupPile(pile);
  const seconds = (performance.now() - started) / 1000;
  const s = scoreClustering(gold, new Map(ids.map((id, i) => [id, String(groups[i])])));
  return {
    n,
    seconds,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
    stories: new Set(groups).size,
    goldStories: pile.stories,
    siblings: pile.siblings,
    precision: s.b3Precision,
    recall: s.b3Recall,
    f1: s.b3F1,
  };
}

async function write(n: number, file: string, goldFile: string | undefined): Promise<void> {
  const scale = loadScale();
  if (!scale) return console.log('bench stories: skipped (../shared/data/scale not found)');
  const pile = buildPile(scale, { size: n });
  const out = createWriteStream(file);
  const gold = goldFile ? createWriteStream(goldFile) : null;
  for (const { story, follows, ...a } of pile.articles()) {
    if (!out.write(`${JSON.stringify(a)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    gold?.write(`${JSON.stringify({ id: a.id, story, follows })}\n`);
  }
  await Promise.all([new Promise((resolve) => out.end(resolve)), gold && new Promise((resolve) => gold.end(resolve))]);
  console.log(`stories: wrote ${n} articles in ${pile.stories} stories (${pile.siblings} follow-ups sharing background) to ${file}${goldFile ? `, gold to ${goldFile}` : ''}`);
}

export async function run(args: string[]): Promise<void> {
  const one = option(args, '--one');
  if (one) {
    // The child process of one size: print its result as JSON for the parent.
    console.log(JSON.stringify(measure(Number(one))));
    return;
  }
  if (!loadScale(1)) return console.log('bench stories: skipped (../shared/data/scale not found)');
  const sizes = (option(args, '--sizes') ?? '10000,30000,100000').split(',').map(Number);
  const file = option(args, '--write');
  if (file) return write(sizes[0]!, file, option(args, '--gold'));
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
      `stories: ${r.n} articles (${r.goldStories} stories, ${r.siblings} of them follow-ups) → ${r.stories} stories in ${r.seconds.toFixed(1)} s · peak RSS ${r.peakMb} MB · B³ P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} F1 ${r.f1.toFixed(3)}`,
    );
  }
  if (results.length > 1) {
    const [a, b] = [results[0]!, results[results.length - 1]!];
    console.log(
      `growth ${a.n} → ${b.n} (${(b.n / a.n).toFixed(0)}× articles): ${(b.seconds / a.seconds).toFixed(1)}× time, ${(b.peakMb / a.peakMb).toFixed(1)}× peak memory   [target: B³-F1 ≥ 0.95 at every size; 100k in < 60 s and < 1 GB]`,
    );
  }
}
