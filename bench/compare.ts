/**
 * `npm run bench -- compare [--articles N] [--rounds R]`: time to compare one story of N (default
 * 20) articles with compareTexts, which includes analysing every article, lining up facts,
 * numbers and quotes, framing, reuse and the cited brief. Two stories:
 * - "examples": the bundled eastport-flood articles repeated with new ids and outlet names until
 *   there are N (one real event, so facts, numbers and quotes overlap as in a real story);
 * - "scale": the first N articles of ../shared/data/scale (full-length real articles, most of them
 *   on different events, so few of their sentences link);
 * - "scale story": the largest story the cluster stage finds in the first `--pool` (10,000) scale
 *   articles, its first N articles: one real event told by many outlets at full length, where most
 *   sentences share words with many others (the case a reader waits on).
 * Each as `parallax compare` makes it for its reports (no explanations of the links); the scale
 * story also as `--format json` and `--explain` make it, with them.
 * Reports the median and worst of R rounds, in ms.
 */
import path from 'node:path';
import type { CompareItem } from '../src/compare/index.ts';
import { readInputs } from '../src/ingest/index.ts';
import { compareTexts } from '../src/pipeline/compare.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { openStore } from '../src/store/index.ts';
import { loadScale, memorySampler, option, repoRoot } from './common.ts';
import { buildScaleStore } from './lib/scale-store.ts';

type Item = Omit<CompareItem, 'analysis'>;

async function examplesStory(n: number): Promise<Item[]> {
  const base: Item[] = [];
  for await (const item of readInputs([path.join(repoRoot, 'examples', 'eastport-flood')])) {
    if ('error' in item) continue;
    const d = item.draft;
    base.push({ id: d.externalId ?? d.input, input: d.input, outlet: d.outlet, title: d.title, published: d.published, wire: d.wire, text: d.text });
  }
  if (!base.length) throw new Error('bench compare: no articles read from examples/eastport-flood');
  return Array.from({ length: n }, (_, i) => {
    const b = base[i % base.length]!;
    const copy = Math.floor(i / base.length);
    return { ...b, id: `${b.id}#${copy}`, outlet: copy ? `${b.outlet ?? 'outlet'} ${copy + 1}` : b.outlet };
  });
}

/** `explain`: work out why each fact's sentences link, as `--format json` and `--explain` do (the terminal, Markdown, HTML and CSV reports leave it out). */
function time(label: string, items: Item[], rounds: number, explain = false): void {
  const words = items.reduce((sum, a) => sum + a.text.split(/\s+/).length, 0);
  const memory = memorySampler();
  const ms: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    compareTexts(items, { explain });
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  console.log(
    `compare ${label}: ${items.length} articles (${words} words) · median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms, worst ${ms[ms.length - 1]!.toFixed(0)} ms over ${rounds} rounds · peak RSS ${memory.stop()} MB   [target < 1,000 ms]`,
  );
}

export async function run(args: string[]): Promise<void> {
  const n = Number(option(args, '--articles') ?? 20);
  const rounds = Number(option(args, '--rounds') ?? 5);
  const examples = await examplesStory(n);
  compareTexts(examples.slice(0, 2)); // warm-up: model loading and JIT are not per story
  time('examples', examples, rounds);
  const scale = loadScale(n);
  if (!scale) return console.log('bench compare: scale story skipped (../shared/data/scale not found)');
  time(
    'scale',
    scale.map((a) => ({ id: a.id, input: a.url ?? a.id, outlet: a.outlet, title: a.title, published: a.published, text: a.text })),
    rounds,
  );
  const story = await largestScaleStory(Number(option(args, '--pool') ?? 10_000), n);
  if (story) {
    time('scale story', story, rounds);
    time('scale story, explained (--format json, --explain)', story, rounds, true);
  }
}

/** The first n articles of the largest story placed among the first `pool` scale articles (built in memory). */
async function largestScaleStory(pool: number, n: number): Promise<Item[] | null> {
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-compare-'));
  const store = await openStore(':memory:');
  try {
    console.log(`building the scale story: the first ${pool} scale articles, stories placed…`);
    if (!(await buildScaleStore(store, pool, tmp))) return null;
    const stories = await store.listStories({ limit: 1_000_000 });
    const largest = stories.reduce((a, b) => (b.articleIds.length > a.articleIds.length ? b : a));
    const articles = await store.getArticles(largest.articleIds.slice(0, n));
    console.log(`scale story: ${largest.id} "${largest.title}", ${largest.articleIds.length} articles, the first ${articles.length} compared`);
    return articles.map((a) => ({ id: a.id, input: a.input, outlet: a.outlet, title: a.title, published: a.published, wire: a.wire, text: a.text }));
  } finally {
    await store.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
