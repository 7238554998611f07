/**
 * `npm run eval -- extraction [--pages]`: article-body extraction on the development part of the
 * public article-extraction benchmark, scored with its own metric (token 4-gram shingle
 * precision/recall/F1 per page, means over pages; the same definition as
 * ../shared/eval/score_extraction.py), beside the published results. Also reports metadata
 * coverage (share of pages with a date and with an author).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractHtml } from '../src/extract/html/index.ts';
import { dataDir, missing, pct } from './common.ts';
import type { EvalResult } from './index.ts';

const ANCHORS: [string, number][] = [
  ['rs_trafilatura', 0.97],
  ['trafilatura', 0.958],
  ['newspaper4k', 0.949],
  ['Readability.js', 0.947],
  ['readability-lxml', 0.922],
];

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const words = text.match(WORD) ?? [];
  const out = new Map<string, number>();
  if (words.length < n) {
    if (words.length) out.set(words.join('\u0001'), 1);
    return out;
  }
  for (let i = 0; i + n <= words.length; i++) {
    const k = words.slice(i, i + n).join('\u0001');
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/** Per-page (tp, fp, fn), normalised to sum 1. */
export function pageScores(truth: string, pred: string): [number, number, number] {
  const want = shingles(truth);
  const got = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of got) {
    const w = want.get(k) ?? 0;
    tp += Math.min(c, w);
    fp += Math.max(0, c - w);
  }
  for (const [k, c] of want) fn += Math.max(0, c - (got.get(k) ?? 0));
  const total = tp + fp + fn;
  return total ? [tp / total, fp / total, fn / total] : [tp, fp, fn];
}

const ratio = (tp: number, fp: number, fn: number, d: number) => (fp === 0 && fn === 0 ? 1 : tp ? tp / d : 0);

export async function run(args: string[] = []): Promise<EvalResult> {
  const truthFile = dataDir('extraction', 'ground-truth.json');
  const htmlDir = dataDir('extraction', 'html');
  const absent = missing(truthFile, htmlDir);
  if (absent) return { name: 'extraction', skipped: absent, metrics: {} };
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const precisions: number[] = [];
  const recalls: number[] = [];
  const perPage: { id: string; f1: number; p: number; r: number }[] = [];
  let dated = 0;
  let authored = 0;
  let pages = 0;
  const started = performance.now();
  for (const file of readdirSync(htmlDir).filter((f) => f.endsWith('.html.gz')).sort()) {
    const id = file.split('.')[0]!;
    const gold = truth[id];
    if (!gold) continue;
    pages++;
    const html = gunzipSync(readFileSync(`${htmlDir}/${file}`)).toString('utf8');
    const result = extractHtml(html, { url: gold.url });
    const pred = result?.text ?? '';
    if (result?.published) dated++;
    if (result?.byline) authored++;
    const [tp, fp, fn] = pageScores(gold.articleBody, pred);
    if (tp + fp > 0) precisions.push(ratio(tp, fp, fn, tp + fp));
    if (tp + fn > 0) recalls.push(ratio(tp, fp, fn, tp + fn));
    const p = tp + fp > 0 ? ratio(tp, fp, fn, tp + fp) : 0;
    const r = tp + fn > 0 ? ratio(tp, fp, fn, tp + fn) : 0;
    perPage.push({ id, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 });
  }
  const seconds = (performance.now() - started) / 1000;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = (2 * precision * recall) / (precision + recall);
  const rows: [string, number][] = [...ANCHORS, ['Parallax (this run, dev split)', f1] as [string, number]].sort((a, b) => b[1] - a[1]);
  console.log(`extraction on ${pages} development pages — body F1 (published anchors are on the full 181-page benchmark)`);
  for (const [name, score] of rows) console.log(`  ${name.padEnd(32)} ${pct(score)}`);
  console.log(`  precision ${pct(precision)} · recall ${pct(recall)} · pages with a date ${pct(dated / pages)} · with an author ${pct(authored / pages)} · ${(pages / seconds).toFixed(1)} pages/s`);
  if (args.includes('--pages')) {
    for (const p of perPage.sort((a, b) => a.f1 - b.f1).slice(0, 25)) console.log(`  ${p.id.slice(0, 12)} F1 ${pct(p.f1)} P ${pct(p.p)} R ${pct(p.r)}`);
  }
  return { name: 'extraction', metrics: { f1, precision, recall, dateCoverage: dated / pages, authorCoverage: authored / pages } };
}
