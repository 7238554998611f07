/**
 * `npm run eval -- sentences [--explain]`: our sentence splitter (`readDocument`) against BASIL's
 * own segmentation of the articles annotated for the comparison (../shared/data/compare/*.json:
 * each article's sentences, each a substring of its `text` in ../shared/data/basil/articles.jsonl).
 *
 * A boundary is the place where a sentence ends, counted in non-whitespace characters from the
 * start of the text, so whitespace kept or trimmed at a sentence's edges never counts. Scored:
 * boundary precision, recall and F1 over all boundaries, and over the boundaries inside a
 * paragraph only (a paragraph's end is a boundary for any splitter that respects line breaks,
 * so the inside figure is the one that tells splitters apart). `--explain` prints every missed
 * and every extra boundary with the words around it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readDocument } from '../src/analyze/document/index.ts';
import { dataDir, missing, pct, readJsonl } from './common.ts';
import type { EvalResult } from './index.ts';

interface CompareFile {
  articles: { id: string; sentences: string[] }[];
}

/** Non-whitespace characters before each offset of `text` (length + 1 entries). */
function denseOffsets(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = n;
    if (!/\s/.test(text[i]!)) n++;
  }
  out[text.length] = n;
  return out;
}

/**
 * Where each gold sentence ends in `text` (raw offsets), found in order; a sentence not found
 * verbatim is found with its whitespace folded. Throws when a sentence cannot be found: the
 * data and the articles disagree.
 */
function goldEnds(id: string, text: string, sentences: string[]): number[] {
  const ends: number[] = [];
  let cursor = 0;
  for (const raw of sentences) {
    const s = raw.trim();
    if (!s) continue;
    let at = text.indexOf(s, cursor);
    let end = at + s.length;
    if (at === -1) {
      const pattern = new RegExp(s.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
      pattern.lastIndex = cursor;
      const m = pattern.exec(text);
      if (!m) throw new Error(`eval sentences: sentence of ${id} not found in its text from offset ${cursor}: "${s.slice(0, 60)}…"; check ../shared/data/compare against basil/articles.jsonl`);
      at = m.index;
      end = at + m[0].length;
    }
    ends.push(end);
    cursor = end;
  }
  return ends;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const prf = (t: Tally) => {
  const precision = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
  const recall = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};

export async function run(args: string[] = []): Promise<EvalResult> {
  const explain = args.includes('--explain');
  const folder = dataDir('compare');
  const articlesFile = dataDir('basil', 'articles.jsonl');
  const absent = missing(folder, articlesFile);
  if (absent) return { name: 'sentences', skipped: absent, metrics: {} };
  const texts = new Map(readJsonl<{ id: string; text: string }>(articlesFile).map((a) => [a.id, a.text]));
  const all: Tally = { tp: 0, fp: 0, fn: 0 };
  const inside: Tally = { tp: 0, fp: 0, fn: 0 };
  let articles = 0;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(`${folder}/${file}`, 'utf8')) as CompareFile;
    for (const a of data.articles) {
      const text = texts.get(a.id);
      if (text === undefined) throw new Error(`eval sentences: ${file} names article ${a.id}, which basil/articles.jsonl lacks`);
      articles++;
      const dense = denseOffsets(text);
      // A boundary at a paragraph's end: only whitespace with a line break (or nothing) follows.
      const paragraphEnd = (end: number) => /^\s*$/.test(text.slice(end, end + 400).split('\n')[0]!) && (text.slice(end).includes('\n') || !text.slice(end).trim());
      const key = (end: number) => dense[end]!;
      const gold = new Map(goldEnds(a.id, text, a.sentences).map((end) => [key(end), end]));
      const ours = new Map(readDocument(text).sentences.map((s) => [key(s.end), s.end]));
      const around = (end: number) => `${text.slice(Math.max(0, end - 50), end)}‖${text.slice(end, end + 40)}`.replace(/\s+/g, ' ');
      for (const [k, end] of ours) {
        const ok = gold.has(k);
        const t = ok ? 'tp' : 'fp';
        all[t]++;
        if (!paragraphEnd(end)) inside[t]++;
        if (!ok && explain) console.log(`extra   ${a.id}  ${around(end)}`);
      }
      for (const [k, end] of gold) {
        if (ours.has(k)) continue;
        all.fn++;
        if (!paragraphEnd(end)) inside.fn++;
        if (explain) console.log(`missed  ${a.id}  ${around(end)}`);
      }
    }
  }
  const a = prf(all);
  const i = prf(inside);
  console.log(
    `sentences  ${articles} articles · boundaries P ${pct(a.precision)} R ${pct(a.recall)} F1 ${pct(a.f1)} (${all.tp + all.fn} gold) · inside paragraphs P ${pct(i.precision)} R ${pct(i.recall)} F1 ${pct(i.f1)} (${inside.tp + inside.fn} gold)   [target F1 ≥ 0.98]`,
  );
  return { name: 'sentences', metrics: { f1: a.f1, precision: a.precision, recall: a.recall, insideF1: i.f1 } };
}
