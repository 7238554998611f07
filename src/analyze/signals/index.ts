import type { Signal, SignalCategory } from '../../core/analysis.ts';
import { charTables, fnv1aLower } from '../../core/chars.ts';
import type { Doc, Token } from '../document/index.ts';
import { EVALUATIVE, SIGNAL_LISTS } from '../../lexicon/signals.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]").replace(/ /g, '\\s+');

interface Entry {
  category: SignalCategory;
  length: number;
}

// One alternation for every phrase, longest first, so "hardened criminals" wins over "criminals".
const ENTRIES = new Map<string, Entry>();
// When one phrase is in several lists, the earlier list in SIGNAL_LISTS names it.
for (const [category, list] of SIGNAL_LISTS) {
  for (const phrase of list) if (!ENTRIES.has(phrase)) ENTRIES.set(phrase, { category, length: phrase.length });
}
const PHRASES = [...ENTRIES.keys()].sort((a, b) => b.length - a.length);

/**
 * Phrases by the letters and digits that open them, each with a sticky pattern tried only where
 * a word starts. One alternation of every phrase, tried at every position of the text, was an
 * eighth of the analysis time; this finds exactly the same matches (longest phrase first, none
 * starting or ending inside a word). Hand-written because no library matches a phrase list with
 * these boundaries.
 */
const BY_OPENING = new Map<number, { pattern: RegExp; length: number }[]>();

/** 1 for letters and digits, 2 for the hyphen (which also joins words), per UTF-16 unit. */
let wordChars: Uint8Array | null = null;
function wordKinds(): Uint8Array {
  if (wordChars) return wordChars;
  wordChars = Uint8Array.from(charTables().alnum);
  wordChars['-'.charCodeAt(0)] = 2;
  return wordChars;
}

/** Openings are looked up by the hash of their lower-cased letters, so no string is built per word. */
const openingKey = (text: string, start: number, end: number) => fnv1aLower(text, start, end) >>> 0;

for (const phrase of PHRASES) {
  const opening = /^[\p{L}\p{N}]*/u.exec(phrase)![0];
  const key = openingKey(opening, 0, opening.length);
  const list = BY_OPENING.get(key) ?? [];
  list.push({ pattern: new RegExp(`${escape(phrase)}(?![\\p{L}\\p{N}-])`, 'iuy'), length: phrase.length });
  BY_OPENING.set(key, list.sort((x, y) => y.length - x.length));
}

function* phraseMatches(text: string): Generator<{ index: number; text: string }> {
  const table = wordKinds();
  let after = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = table[text.charCodeAt(i)]!;
    const startsWord = kind === 1 && previous === 0 && i >= after;
    previous = kind;
    if (!startsWord) continue;
    let end = i + 1;
    while (end < text.length && table[text.charCodeAt(end)] === 1) end++;
    const candidates = BY_OPENING.get(openingKey(text, i, end));
    if (!candidates) {
      // The rest of this run of letters cannot start a word.
      i = end - 1;
      continue;
    }
    for (const { pattern } of candidates) {
      pattern.lastIndex = i;
      const m = pattern.exec(text);
      if (m) {
        yield { index: i, text: m[0] };
        after = i + m[0].length;
        break;
      }
    }
  }
}


/** Words whose signal depends on their part of speech. */
const MODALS = new Set(['may', 'might', 'could', 'must', 'should']);

function tokenStartingAt(doc: Doc, offset: number): Token | undefined {
  let lo = 0;
  let hi = doc.tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = doc.tokens[mid]!;
    if (t.start < offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else return t;
  }
  return undefined;
}

/**
 * Loaded words, hedges, intensifiers, group labels, prescriptions and rhetorical framing, each
 * a span with its category. Signals inside quotations are found too: they are the speaker's
 * words, and `markOpinions` does not count them against the writer.
 */
export function findSignals(doc: Doc): Signal[] {
  const out: Signal[] = [];
  for (const m of phraseMatches(doc.text)) {
    const key = m.text.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
    const entry = ENTRIES.get(key);
    if (!entry) continue;
    if (MODALS.has(key)) {
      const t = tokenStartingAt(doc, m.index);
      // "May" the month, "must" as a noun: only modal verbs count.
      if (t && t.pos !== 'AUX' && t.pos !== 'VERB') continue;
      if (/^\p{Lu}/u.test(m.text) && key === 'may' && t?.pos === 'PROPN') continue;
    }
    out.push({ text: m.text, category: entry.category, start: m.index, end: m.index + m.text.length });
  }
  return out;
}

export interface OpinionContext {
  quotes: { start: number; end: number; direct?: boolean }[];
  signals: Signal[];
  /** Points a sentence needs to count as opinion (default 2). */
  minScore?: number;
}

const WEIGHTS: Partial<Record<SignalCategory, number>> = { rhetorical: 2, prescription: 2, loaded: 1, intensifier: 0.5 };
const ATTRIBUTION = /\b(said|says|stated|told|according to|argued|argue|argues|claimed|claims|warned|insisted|noted|believes?|described|wrote|reported|announced)\b/i;

/**
 * One boolean per sentence: true when the sentence gives the writer's own evaluation or
 * prescription rather than reporting. Words inside quotations and sentences attributed to a
 * source do not count against the writer. A sentence scores points for rhetorical framing and
 * "must/should" (2 each), loaded words and evaluative adjectives (1), intensifiers (½), an
 * exclamation or a question asked of the reader (1); two points make an opinion.
 */
export function markOpinions(doc: Doc, context: OpinionContext): boolean[] {
  const quoted = context.quotes.filter((q) => q.direct !== false);
  const inQuote = (start: number, end: number) => quoted.some((q) => start >= q.start && end <= q.end);
  return doc.sentences.map((s) => {
    const quotedChars = quoted.reduce((n, q) => n + Math.max(0, Math.min(q.end, s.end) - Math.max(q.start, s.start)), 0);
    if (quotedChars > (s.end - s.start) * 0.5) return false;
    const outside = s.text;
    let score = 0;
    for (const sig of context.signals) {
      if (sig.start < s.start || sig.end > s.end || inQuote(sig.start, sig.end)) continue;
      score += WEIGHTS[sig.category] ?? 0;
    }
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = doc.tokens[i]!;
      if (t.pos === 'ADJ' && EVALUATIVE.has(t.lower) && !inQuote(t.start, t.end)) score += 1;
    }
    if (/!\s*$/.test(outside) && !quotedChars) score += 1;
    if (/\?\s*$/.test(outside) && !quotedChars) score += 1;
    // Attributed statements report someone else's view.
    if (ATTRIBUTION.test(outside) && !/\b(critics may argue|some may argue)\b/i.test(outside)) score -= 2;
    return score >= (context.minScore ?? 2);
  });
}
