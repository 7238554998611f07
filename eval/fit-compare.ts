/**
 * `npm run eval -- fit-compare [--save]`: fits the comparison's sentence-pair model
 * (src/compare/pairs.ts) on the annotated development events of ../shared/data/compare: every pair
 * of sentences from different outlets of one event, labelled by whether they share an annotated
 * fact. Reports pair precision / recall / F1 at the best threshold, leave-one-event-out (each event
 * scored by a model fitted on the others: what to expect on events never seen), then fits on all
 * events; `--save` writes the weights into src/compare/pairs.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURES, LINK_LEAVES_OUT, createPairScorer, fitLogistic, pairUnit } from '../src/compare/pairs.ts';
import { dataDir, missing } from './common.ts';
import type { EvalResult } from './index.ts';

interface GoldEvent {
  story: string;
  articles: { id: string; outlet: string; sentences: string[] }[];
  facts: { id: string; support: Record<string, number[]> }[];
}

interface Row {
  event: number;
  label: number;
  features: number[];
}

export function pairRows(events: GoldEvent[]): Row[] {
  const rows: Row[] = [];
  events.forEach((event, e) => {
    const units = event.articles.flatMap((a, ai) =>
      a.sentences.map((text, i) => ({
        article: ai,
        unit: pairUnit(text, i),
        facts: new Set(event.facts.filter((f) => (f.support[a.id] ?? []).includes(i)).map((f) => f.id)),
      })),
    );
    const scorer = createPairScorer(units.map((u) => u.unit));
    for (let i = 0; i < units.length; i++) {
      for (let j = i + 1; j < units.length; j++) {
        const a = units[i]!;
        const b = units[j]!;
        if (a.article === b.article) continue;
        rows.push({ event: e, label: [...a.facts].some((f) => b.facts.has(f)) ? 1 : 0, features: scorer.features(a.unit, b.unit) });
      }
    }
  });
  return rows;
}

const probability = (m: { weights: number[]; bias: number }, f: number[]) => 1 / (1 + Math.exp(-(m.bias + f.reduce((s, x, k) => s + x * m.weights[k]!, 0))));

function best(scored: { p: number; label: number }[]) {
  const positives = scored.filter((s) => s.label).length;
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let tp = 0;
  let top = { f1: 0, precision: 0, recall: 0, threshold: 1 };
  sorted.forEach((s, k) => {
    tp += s.label;
    const precision = tp / (k + 1);
    const recall = tp / positives;
    const f1 = (2 * precision * recall) / (precision + recall || 1);
    if (f1 > top.f1) top = { f1, precision, recall, threshold: s.p };
  });
  return top;
}

export async function run(args: string[]): Promise<EvalResult> {
  const dir = dataDir('compare');
  const absent = missing(dir);
  if (absent) return { name: 'fit-compare', skipped: absent, metrics: {} };
  const events = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as GoldEvent);
  // The measures the link model leaves out (LINK_LEAVES_OUT, with why) are held at zero: their weights stay 0.
  const left = LINK_LEAVES_OUT.map((name) => FEATURES.indexOf(name));
  const rows = pairRows(events).map((r) => ({ ...r, features: r.features.map((x, k) => (left.includes(k) ? 0 : x)) }));
  const held: { p: number; label: number }[] = [];
  for (let e = 0; e < events.length; e++) {
    const train = rows.filter((r) => r.event !== e);
    const model = fitLogistic(
      train.map((r) => r.features),
      train.map((r) => r.label),
    );
    for (const r of rows) if (r.event === e) held.push({ p: probability(model, r.features), label: r.label });
  }
  const loeo = best(held);
  const model = fitLogistic(
    rows.map((r) => r.features),
    rows.map((r) => r.label),
  );
  console.log(`${rows.length} cross-outlet sentence pairs, ${rows.filter((r) => r.label).length} sharing a fact, ${events.length} events`);
  console.log(`leave-one-event-out: pair P ${loeo.precision.toFixed(3)} R ${loeo.recall.toFixed(3)} F1 ${loeo.f1.toFixed(3)} at p ≥ ${loeo.threshold.toFixed(3)}`);
  console.log(`fitted on all: ${FEATURES.map((f, k) => `${f} ${model.weights[k]!.toFixed(3)}`).join(', ')}, bias ${model.bias.toFixed(3)}`);
  if (args.includes('--save')) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/compare/pairs.ts');
    const source = readFileSync(file, 'utf8');
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const next = source.replace(
      /(export const PAIR_MODEL = \{\n {2})weights: \[[^\]]*\] as number\[\],\n {2}bias: [-\d.e]+,/,
      `$1weights: [${model.weights.map(round).join(', ')}] as number[],\n  bias: ${round(model.bias)},`,
    );
    if (next === source) throw new Error('fit-compare: could not find PAIR_MODEL in src/compare/pairs.ts');
    writeFileSync(file, next);
    console.log(`saved the weights into ${file}`);
  }
  return { name: 'fit-compare', metrics: { loeoPairF1: loeo.f1, loeoThreshold: loeo.threshold } };
}
