/**
 * `npm run eval -- quotes [--folds N] [--write DIR]`: direct quotes and their speakers on two real sets —
 * polnear (political news with hand-annotated attributions) and basil (quoted spans with
 * speakers) — scored like ../shared/eval/score_quotes.py: content recall (a gold quote is found
 * when a predicted quote covers half of it), speaker accuracy on found quotes whose gold speaker
 * is a name (last-name match), and precision against every annotated attribution content.
 *
 * Cross-validation: the scored articles of each set are split into N folds (default 5) by a hash
 * of their id, and each fold is scored on its own; `--folds N` prints every fold. Nothing in the
 * quote finder is fitted or chosen on data (its rules and word lists are written by hand and
 * fixed), so a fold's held-back score is its score under the same rules as every other fold,
 * and the folds show how much the figures move from one set of articles to another. The gate
 * reads the means over folds (`<set>.heldBack.found`, `.speaker`, `.precision`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/analyze/document/index.ts';
import { findEntities } from '../src/analyze/entities/index.ts';
import { findQuotes } from '../src/analyze/quotes/index.ts';
import { dataDir, missing, pct, readJsonl } from './common.ts';
import type { Quote } from '../src/core/analysis.ts';
import type { EvalResult } from './index.ts';

const NOT_NAME = new Set(
  `he she they we i it you him her them us who this that these those one someone democrats republicans officials lawmakers campaign party
  administration committee members people group groups spokesman spokeswoman spokesperson aides aide sources source critics supporters
  police authorities government house senate congress report reports statement`.split(/\s+/),
);

const fold = (s: string) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .match(/[\p{L}\p{N}_]+/gu)
    ?.join(' ') ?? '';

function isName(speaker: string | null): boolean {
  if (!speaker || speaker.toLowerCase().startsWith('other_')) return false;
  const toks = speaker.replace(/_/g, ' ').replace(/['’]s\b/g, '').match(/[\p{L}\p{N}_]+/gu) ?? [];
  const last = toks[toks.length - 1];
  return !!last && /^\p{Lu}/u.test(last) && !NOT_NAME.has(last.toLowerCase());
}

function speakerMatch(gold: string, pred: string): boolean {
  const g = fold(gold);
  const p = fold(pred);
  if (!g || !p) return false;
  const word = (w: string, s: string) => new RegExp(`(^|[^\\p{L}\\p{N}_])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_])`, 'u').test(s);
  return word(g.split(' ').pop()!, p) || word(p.split(' ').pop()!, g);
}

/**
 * The speaker a prediction names: the person, after the group they speak for when the attribution
 * says so ("NAACP Ben Jealous"). BASIL credits a spokesperson's words to the group they speak for,
 * PolNeAR to the person; naming both, with the person's name last, lets either be matched.
 */
function predictedSpeaker(q: Quote): string | null {
  return q.speaker && q.speakerFor ? `${q.speakerFor} ${q.speaker}` : q.speaker;
}

const overlap = (a: [number, number], b: [number, number]) => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

interface Gold {
  start: number;
  end: number;
  speaker: string | null;
}

/** What one article adds to the counts. */
interface Counts {
  nGold: number;
  found: number;
  spk: number;
  spkOk: number;
  nPred: number;
  predOk: number;
}

const zero = (): Counts => ({ nGold: 0, found: 0, spk: 0, spkOk: 0, nPred: 0, predOk: 0 });

function add(total: Counts, c: Counts): Counts {
  for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  return total;
}

function figures(c: Counts) {
  return { ...c, recall: c.nGold ? c.found / c.nGold : 0, speakerAccuracy: c.spk ? c.spkOk / c.spk : 0, precision: c.nPred ? c.predOk / c.nPred : 0 };
}

/** The fold of an article: a 32-bit FNV-1a hash of its id, modulo `k` (the same on every run and machine). */
export function foldOf(id: string, k: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % k;
}

function score(articles: { id: string; text: string }[], gold: Map<string, Gold[]>, ref: Map<string, [number, number][]>, write?: string) {
  const perArticle = new Map<string, Counts>();
  const lines: string[] = [];
  for (const a of articles) {
    const c = zero();
    perArticle.set(a.id, c);
    const doc = readDocument(a.text);
    const quotes = findQuotes(doc, findEntities(doc));
    if (write) lines.push(JSON.stringify({ id: a.id, quotes: quotes.map((q) => ({ text: q.text, speaker: predictedSpeaker(q), start: q.start, end: q.end })) }));
    for (const g of gold.get(a.id) ?? []) {
      c.nGold++;
      let best: (typeof quotes)[number] | null = null;
      let bestOverlap = 0;
      for (const q of quotes) {
        const o = overlap([g.start, g.end], [q.start, q.end]);
        if (o > bestOverlap) [best, bestOverlap] = [q, o];
      }
      if (!best || bestOverlap < 0.5 * (g.end - g.start)) continue;
      c.found++;
      if (isName(g.speaker)) {
        c.spk++;
        if (speakerMatch(g.speaker!, predictedSpeaker(best) ?? '')) c.spkOk++;
      }
    }
    for (const q of quotes) {
      c.nPred++;
      const len = q.end - q.start;
      if ((ref.get(a.id) ?? []).some((r) => overlap(r, [q.start, q.end]) >= 0.5 * Math.min(r[1] - r[0], len))) c.predOk++;
    }
  }
  if (write) writeFileSync(write, `${lines.join('\n')}\n`);
  return { ...figures([...perArticle.values()].reduce(add, zero())), perArticle };
}

/** Each fold scored on its own (nothing is fitted on the other folds: see the header). */
function byFold(perArticle: Map<string, Counts>, k: number) {
  const folds = Array.from({ length: k }, () => ({ articles: 0, counts: zero() }));
  for (const [id, c] of perArticle) {
    const f = folds[foldOf(id, k)]!;
    f.articles++;
    add(f.counts, c);
  }
  return folds.map((f) => ({ articles: f.articles, ...figures(f.counts) }));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));

export async function run(args: string[] = []): Promise<EvalResult> {
  const write = args.includes('--write') ? args[args.indexOf('--write') + 1] : undefined;
  if (write) mkdirSync(write, { recursive: true });
  const showFolds = args.includes('--folds');
  const k = showFolds ? Number(args[args.indexOf('--folds') + 1]) : 5;
  if (!Number.isInteger(k) || k < 2) throw new Error(`eval quotes: --folds takes a whole number of 2 or more (found ${args[args.indexOf('--folds') + 1]})`);
  const foldLines: string[] = [];
  const metrics: Record<string, number> = {};
  const sets = [
    { name: 'polnear', gold: dataDir('polnear', 'attributions.jsonl') },
    { name: 'basil', gold: dataDir('basil', 'quotes.jsonl') },
  ];
  for (const set of sets) {
    const articlesFile = dataDir(set.name, 'articles.jsonl');
    const absent = missing(articlesFile, set.gold);
    if (absent) return { name: 'quotes', skipped: absent, metrics: {} };
    const articles = readJsonl<{ id: string; text: string }>(articlesFile);
    const gold = new Map<string, Gold[]>();
    const ref = new Map<string, [number, number][]>();
    if (set.name === 'polnear') {
      for (const a of readJsonl<{ id: string; content: { start: number; end: number }; source: { text: string } | null; direct: boolean }>(set.gold)) {
        ref.set(a.id, [...(ref.get(a.id) ?? []), [a.content.start, a.content.end]]);
        if (a.direct) gold.set(a.id, [...(gold.get(a.id) ?? []), { start: a.content.start, end: a.content.end, speaker: a.source?.text ?? null }]);
      }
    } else {
      for (const q of readJsonl<{ id: string; start: number; end: number; speaker: string }>(set.gold)) {
        gold.set(q.id, [...(gold.get(q.id) ?? []), { start: q.start, end: q.end, speaker: q.speaker }]);
        ref.set(q.id, [...(ref.get(q.id) ?? []), [q.start, q.end]]);
      }
    }
    const scored = set.name === 'basil' ? articles.filter((a) => gold.has(a.id)) : articles;
    const started = performance.now();
    const s = score(scored, gold, ref, write ? path.join(write, `${set.name}.jsonl`) : undefined);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${set.name.padEnd(8)} direct quotes found ${pct(s.recall)} (${s.found}/${s.nGold}) · right speaker ${pct(s.speakerAccuracy)} (${s.spkOk}/${s.spk} named) · precision ${pct(s.precision)}${set.name === 'basil' ? ' (lower bound: only biased spans are annotated)' : ''} · ${(scored.length / seconds).toFixed(0)} articles/s   [target ≥ 0.90 found, ≥ 0.90 right speaker; BBC Citron speaker F1 0.82 on PARC 3.0]`,
    );
    metrics[`${set.name}.found`] = s.recall;
    metrics[`${set.name}.speaker`] = s.speakerAccuracy;
    metrics[`${set.name}.precision`] = s.precision;
    const folds = byFold(s.perArticle, k);
    const line = (m: 'recall' | 'speakerAccuracy' | 'precision') => `${pct(mean(folds.map((f) => f[m])))} ± ${pct(sd(folds.map((f) => f[m])))}`;
    foldLines.push(`${set.name}: ${scored.length} articles by a hash of their id`, '  fold  articles  found                right speaker        precision');
    folds.forEach((f, i) =>
      foldLines.push(
        `  ${String(i + 1).padStart(4)}  ${String(f.articles).padStart(8)}  ${pct(f.recall)} (${f.found}/${f.nGold})`.padEnd(39) +
          `${pct(f.speakerAccuracy)} (${f.spkOk}/${f.spk})`.padEnd(21) +
          pct(f.precision),
      ),
    );
    foldLines.push(`  held back (mean ± sd over folds): found ${line('recall')} · right speaker ${line('speakerAccuracy')} · precision ${line('precision')}`);
    metrics[`${set.name}.heldBack.found`] = mean(folds.map((f) => f.recall));
    metrics[`${set.name}.heldBack.speaker`] = mean(folds.map((f) => f.speakerAccuracy));
    metrics[`${set.name}.heldBack.precision`] = mean(folds.map((f) => f.precision));
  }
  if (showFolds) {
    console.log(`\n${k}-fold cross-validation. Nothing in the quote finder is fitted or chosen on data (hand-written rules and word lists),`);
    console.log('so every fold is scored under the same rules: held-back = each fold on its own; the folds show the spread across article sets.');
    console.log(foldLines.join('\n'));
  }
  return { name: 'quotes', metrics };
}
