/**
 * `npm run eval -- signals`: our loaded-language and opinion signals against BABE, 3,000 news
 * sentences labelled by experts as biased or not and as factual or opinionated, with the biased
 * words marked (scored like ../shared/eval/score_sentences.py: macro F1 over both classes).
 * A sentence is "biased" when it holds a loaded word or a loaded group label outside quotation
 * marks; "opinion" is the analyzer's own opinion-sentence decision. Word-level precision/recall
 * compares our loaded words with the experts' biased words.
 */
import { readDocument } from '../src/analyze/document/index.ts';
import { findQuotedSpans } from '../src/analyze/quotes/index.ts';
import { findSignals, markOpinions } from '../src/analyze/signals/index.ts';
import { dataDir, missing, pct, readJsonl } from './common.ts';
import type { EvalResult } from './index.ts';

interface Row {
  text: string;
  label_bias: string;
  label_opinion: string;
  biased_words: string[];
}

function macroF1(gold: boolean[], pred: boolean[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  gold.forEach((g, i) => {
    const p = pred[i]!;
    if (g && p) tp++;
    else if (!g && p) fp++;
    else if (g && !p) fn++;
    else tn++;
  });
  const f = (a: number, b: number, c: number) => (a + b + c ? (2 * a) / (2 * a + b + c) : 1);
  return (f(tp, fp, fn) + f(tn, fn, fp)) / 2;
}

export async function run(): Promise<EvalResult> {
  const file = dataDir('babe', 'sentences.jsonl');
  const absent = missing(file);
  if (absent) return { name: 'signals', skipped: absent, metrics: {} };
  const rows = readJsonl<Row>(file);
  const biasGold: boolean[] = [];
  const biasPred: boolean[] = [];
  const opGold: boolean[] = [];
  const opPred: boolean[] = [];
  let wordTp = 0;
  let wordPred = 0;
  let wordGold = 0;
  for (const row of rows) {
    const doc = readDocument(row.text);
    const signals = findSignals(doc);
    const quotes = findQuotedSpans(row.text);
    const outside = signals.filter((s) => !quotes.some((q) => s.start >= q.start && s.end <= q.end));
    const loaded = outside.filter((s) => s.category === 'loaded');
    const biased = loaded.length > 0 || outside.some((s) => s.category === 'rhetorical');
    // BABE counts "somewhat factual but also opinionated" as opinion: one opinion point is enough here.
    const opinion = markOpinions(doc, { quotes, signals, minScore: 1 }).some(Boolean);
    if (row.label_bias !== 'No agreement') {
      biasGold.push(row.label_bias === 'Biased');
      biasPred.push(biased);
      const gold = new Set(row.biased_words.map((w) => w.toLowerCase()));
      const ours = new Set(signals.filter((s) => s.category === 'loaded').flatMap((s) => s.text.toLowerCase().split(/\s+/)));
      wordGold += gold.size;
      wordPred += ours.size;
      for (const w of ours) if (gold.has(w)) wordTp++;
    }
    if (row.label_opinion !== 'No agreement') {
      opGold.push(row.label_opinion !== 'Entirely factual');
      opPred.push(opinion);
    }
  }
  const bias = macroF1(biasGold, biasPred);
  const opinion = macroF1(opGold, opPred);
  const wordPrecision = wordPred ? wordTp / wordPred : 0;
  const wordRecall = wordGold ? wordTp / wordGold : 0;
  console.log(`babe: ${rows.length} sentences`);
  console.log(`  bias    macro F1 ${pct(bias)}   [supervised state of the art 0.804; a word list that explains every hit is the goal]`);
  console.log(`  opinion macro F1 ${pct(opinion)}`);
  console.log(`  loaded words vs experts' biased words: precision ${pct(wordPrecision)} · recall ${pct(wordRecall)}`);
  return { name: 'signals', metrics: { biasMacroF1: bias, opinionMacroF1: opinion, wordPrecision, wordRecall } };
}
