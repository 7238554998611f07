import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ingestIntoStore } from '../../src/pipeline/ingest.ts';
import { assignStories } from '../../src/pipeline/stories.ts';
import type { Store } from '../../src/store/index.ts';
import { loadScale } from '../common.ts';

/**
 * Stores the first `limit` scale articles (../shared/data/scale, never copied into the repository)
 * in `store` as `parallax ingest` does, stories placed, with progress; false when the data is absent.
 * Shared by the benchmarks that need a realistic store (serve, browser).
 */
export async function buildScaleStore(store: Store, limit: number, tmp: string): Promise<boolean> {
  const scale = loadScale(limit);
  if (!scale) return false;
  const file = path.join(tmp, 'articles.jsonl');
  await writeFile(file, `${scale.map(({ id, title, text, outlet, published, url }) => JSON.stringify({ id, title, text, outlet, published, url })).join('\n')}\n`);
  const started = performance.now();
  let assignStarted = 0;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const ticker = setInterval(() => assignStarted && console.log(`  … placing stories (${elapsed()})`), 30_000);
  try {
    const summary = await ingestIntoStore(store, [file], {
      maxBytes: 1 << 30,
      onProgress: ({ done }) => {
        if (done % 1000 === 0) console.log(`  ingested ${done} / ${scale.length} (${elapsed()})`);
      },
      place: async (ids) => {
        assignStarted = performance.now();
        console.log(`  placing ${ids.length} articles into stories (${elapsed()})`);
        await assignStories(store, ids);
      },
    });
    const total = (performance.now() - started) / 1000;
    const assign = (performance.now() - assignStarted) / 1000;
    console.log(`store built: ${summary.new} articles in ${total.toFixed(0)} s (ingest ${(total - assign).toFixed(0)} s, story placement ${assign.toFixed(0)} s), ${await store.countStories()} stories`);
  } finally {
    clearInterval(ticker);
  }
  return true;
}
