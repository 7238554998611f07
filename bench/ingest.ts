/**
 * `npm run bench -- ingest [--limit N]`: how fast articles go from input to a SQLite store through
 * the whole ingest path (read, decode, clean, hash, store in batches of 250 per transaction). Figures:
 * - plain text: N (default 5,000) scale articles written as one JSONL file, articles/s;
 * - revisions: up to 500 of them again with edited text (same URL) into that store, revisions/s;
 * - HTML: the extraction set's pages, gunzipped into a folder of .html files, pages/s; then a
 *   larger run of 5 editions of each page (a sentence naming the edition added to its longest
 *   paragraph, so each is new content), where the extraction threads' start-up is spread thin.
 * Story placement is left out (it has its own benchmark). Reports peak RSS of each part.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ingestIntoStore, type IngestSummary } from '../src/pipeline/ingest.ts';
import { openStore } from '../src/store/index.ts';
import { dataDir, loadScale, memorySampler, option } from './common.ts';

/**
 * The JSONL file is larger than the 20 MB per-input default, so the limit is raised here. Reading
 * and storing only: step 4, placing in stories, has a benchmark of its own (stories).
 */
const OPTIONS = { maxBytes: 1 << 30, stories: false };

async function timed(dbFile: string, inputs: string[]): Promise<{ seconds: number; mb: number; summary: IngestSummary }> {
  const store = await openStore(dbFile);
  try {
    globalThis.gc?.();
    const memory = memorySampler();
    const started = performance.now();
    const summary = await ingestIntoStore(store, inputs, OPTIONS);
    const seconds = (performance.now() - started) / 1000;
    const mb = memory.stop();
    if (summary.skipped) console.log(`  ${summary.skipped} skipped, e.g. ${summary.results.find((r) => r.status === 'skipped')?.reason}`);
    return { seconds, mb, summary };
  } finally {
    await store.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(option(args, '--limit') ?? 5000);
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-ingest-'));
  try {
    const scale = loadScale(limit);
    if (!scale) {
      console.log('bench ingest: text part skipped (../shared/data/scale not found)');
    } else {
      const file = path.join(tmp, 'articles.jsonl');
      const lines = scale.map(({ id, title, text, outlet, published, url }) => JSON.stringify({ id, title, text, outlet, published, url }));
      await writeFile(file, `${lines.join('\n')}\n`);
      const { seconds, mb, summary } = await timed(path.join(tmp, 'text.db'), [file]);
      const stored = summary.new + summary.revised;
      console.log(
        `ingest text: ${stored} of ${scale.length} articles (JSONL → SQLite) in ${seconds.toFixed(2)} s = ${(stored / seconds).toFixed(0)} articles/s · peak RSS ${mb} MB   [target ≥ 2,000/s]`,
      );

      // Edited copies of up to 500 of them (same URL, one sentence added) into the same store.
      const edited = scale.filter((a) => a.url).slice(0, 500);
      const editedFile = path.join(tmp, 'edited.jsonl');
      const editedLines = edited.map(({ id, title, text, outlet, published, url }) =>
        JSON.stringify({ id, title, text: `${text}\n\nThis article was updated after publication.`, outlet, published, url }),
      );
      await writeFile(editedFile, `${editedLines.join('\n')}\n`);
      const revisions = await timed(path.join(tmp, 'text.db'), [editedFile]);
      console.log(
        `ingest text revisions: ${revisions.summary.revised} of ${edited.length} edited records into those ${stored} in ${revisions.seconds.toFixed(2)} s = ${(revisions.summary.revised / revisions.seconds).toFixed(0)} revisions/s`,
      );
    }

    const htmlDir = dataDir('extraction', 'html');
    if (!existsSync(htmlDir)) return console.log(`bench ingest: HTML part skipped (${htmlDir} not found)`);
    const pagesDir = path.join(tmp, 'pages');
    await mkdir(pagesDir);
    const names = readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz'));
    for (const f of names) await writeFile(path.join(pagesDir, f.slice(0, -3)), gunzipSync(readFileSync(path.join(htmlDir, f))));
    const { seconds, mb, summary } = await timed(path.join(tmp, 'html.db'), [pagesDir]);
    const done = summary.new + summary.revised + summary.unchanged;
    console.log(
      `ingest html: ${done} of ${names.length} pages (folder → SQLite) in ${seconds.toFixed(2)} s = ${(names.length / seconds).toFixed(1)} pages/s · peak RSS ${mb} MB   [target ≥ 45/s]`,
    );

    const editionsDir = path.join(tmp, 'editions');
    await mkdir(editionsDir);
    const EDITIONS = 5;
    for (const f of names) {
      const html = gunzipSync(readFileSync(path.join(htmlDir, f))).toString('utf8');
      // The longest paragraph is the article's own, so the added sentence reaches the text.
      const longest = [...html.matchAll(/<p[\s>][\s\S]*?<\/p>/gi)].sort((a, b) => b[0].length - a[0].length)[0];
      for (let e = 1; e <= EDITIONS; e++) {
        const edition = longest
          ? html.slice(0, longest.index + longest[0].length - 4) + ` This is edition ${e}.` + html.slice(longest.index + longest[0].length - 4)
          : html;
        await writeFile(path.join(editionsDir, `${e}-${f.slice(0, -3)}`), edition);
      }
    }
    const large = await timed(path.join(tmp, 'editions.db'), [editionsDir]);
    const pages = names.length * EDITIONS;
    console.log(
      `ingest html, larger run: ${large.summary.new + large.summary.revised + large.summary.unchanged} of ${pages} pages (${large.summary.new} new, ${large.summary.revised} new revisions of the same URL, ${large.summary.unchanged} unchanged) in ${large.seconds.toFixed(2)} s = ${(pages / large.seconds).toFixed(1)} pages/s · peak RSS ${large.mb} MB   [target ≥ 45/s]`,
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
