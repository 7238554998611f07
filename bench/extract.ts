/** `npm run bench -- extract [--rounds N]`: HTML pages per second through extractHtml, peak memory. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../src/extract/html/index.ts';
import { dataDir, memorySampler, option } from './common.ts';

export async function run(args: string[]): Promise<void> {
  const dir = dataDir('extraction', 'html');
  if (!existsSync(dir)) return console.log(`bench extract: skipped (${dir} not found)`);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => gunzipSync(readFileSync(`${dir}/${f}`)).toString('utf8'));
  const rounds = Number(option(args, '--rounds') ?? 3);
  extractHtml(pages[0]!); // warm-up: JIT and module loading are not per page
  const memory = memorySampler();
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const html of pages) extractHtml(html);
  const seconds = (performance.now() - started) / 1000;
  const n = pages.length * rounds;
  console.log(`extract: ${n} pages (${pages.length} benchmark pages × ${rounds}) in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(1)} pages/s · peak RSS ${memory.stop()} MB   [target ≥ 45 pages/s]`);
}
