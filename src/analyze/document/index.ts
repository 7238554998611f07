import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Universal POS tag from wink: PROPN, NOUN, VERB, NUM, PUNCT, SPACE … */
  pos: string;
  /** Index of the sentence holding the token. */
  sentence: number;
}

export interface DocSentence {
  text: string;
  start: number;
  end: number;
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
}

export interface Doc {
  text: string;
  title: string | null;
  published: string | null;
  tokens: Token[];
  sentences: DocSentence[];
}

let nlp: WinkMethods | null = null;
/** The model loads once per process (≈150 ms); every document shares it. */
function getNlp(): WinkMethods {
  // Only the sentence splitter and tagger: wink's NER, negation and sentiment passes go unused (~20% of its time).
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

/** Tags of words that keep their part of speech when capitalised at the start of a sentence. */
const FUNCTION_TAGS = new Set(['DET', 'PRON', 'ADP', 'SCONJ', 'CCONJ', 'AUX', 'ADV', 'PART']);

/**
 * Tokens with part-of-speech tags and sentences with UTF-16 offsets into `text`.
 * wink's sentences are split again at every line break, so headlines, section headings and
 * datelines never glue onto the sentence that follows them.
 */
export function readDocument(text: string, options: { title?: string | null; published?: string | null } = {}): Doc {
  const engine = getNlp();
  const its = engine.its;
  const wdoc = engine.readDoc(text);
  const values = wdoc.tokens().out() as string[];
  const tags = wdoc.tokens().out(its.pos) as string[];
  const spans = wdoc.sentences().out(its.span) as unknown as [number, number][];

  const tokens: Token[] = [];
  const sentenceOf = new Int32Array(values.length).fill(-1);
  let cursor = 0;
  // Token offsets are found by searching forward from the previous token: wink keeps tokens
  // verbatim, and searching is robust to any whitespace it folds.
  const offsets = values.map((value) => {
    const at = text.indexOf(value, cursor);
    if (at === -1) return [cursor, cursor] as const;
    cursor = at + value.length;
    return [at, at + value.length] as const;
  });

  const sentences: DocSentence[] = [];
  const pushSentence = (from: number, to: number) => {
    // from..to inclusive token indexes of wink; trim whitespace tokens at the edges.
    while (from <= to && tags[from] === 'SPACE') from++;
    while (to >= from && tags[to] === 'SPACE') to--;
    if (from > to) return;
    const start = offsets[from]![0];
    const end = offsets[to]![1];
    sentences.push({ text: text.slice(start, end), start, end, tokenStart: from, tokenEnd: to + 1 });
  };
  for (const [from, to] of spans) {
    let begin = from;
    for (let i = from; i <= to; i++) {
      if (tags[i] === 'SPACE' && values[i]!.includes('\n')) {
        pushSentence(begin, i - 1);
        begin = i + 1;
      }
    }
    pushSentence(begin, to);
  }
  // wink ends sentences after abbreviations such as "(D-Wash.)" or "Gov."; what follows on the
  // same line starting with a comma or a lower-case word ("…(D-Wash.), who said") continues it,
  // and so does what follows a break inside an open bracket ("(R-N." | "C.) said").
  const open = (t: string) => (t.match(/\(/g)?.length ?? 0) - (t.match(/\)/g)?.length ?? 0);
  for (let i = sentences.length - 1; i > 0; i--) {
    const prev = sentences[i - 1]!;
    const next = sentences[i]!;
    if (text.slice(prev.end, next.start).includes('\n')) continue;
    if (!/^[,;:)\]]|^\p{Ll}/u.test(next.text) && !(open(prev.text) > 0 && open(next.text) < 0)) continue;
    sentences.splice(i - 1, 2, { text: text.slice(prev.start, next.end), start: prev.start, end: next.end, tokenStart: prev.tokenStart, tokenEnd: next.tokenEnd });
  }
  // And wink misses the end of a sentence whose last word is a dotted abbreviation ("… in
  // Washington, D.C. Thousands stayed", "at 9 p.m. Police closed"): a capitalised word after it
  // that is not part of a name starts a new sentence ("the U.S. Department" does not).
  for (let si = sentences.length - 1; si >= 0; si--) {
    const s = sentences[si]!;
    for (let i = s.tokenEnd - 2; i > s.tokenStart; i--) {
      if (!/^(?:\p{L}\.){2,}$/u.test(values[i]!)) continue;
      let j = i + 1;
      while (j < s.tokenEnd && tags[j] === 'SPACE') j++;
      if (j >= s.tokenEnd || !/^[ \t]+$/.test(text.slice(offsets[i]![1], offsets[j]![0])) || !/^\p{Lu}/u.test(values[j]!) || open(text.slice(s.start, offsets[i]![1])) > 0) continue;
      // A new sentence shows itself by a function word ("The", "He") or by a subject and its verb
      // ("Police closed"); a capitalised word before "of", a comma or another name goes on.
      let k = j + 1;
      while (k < s.tokenEnd && tags[k] === 'SPACE') k++;
      const startsClause = FUNCTION_TAGS.has(tags[j]!) || (k < s.tokenEnd && (tags[k] === 'VERB' || tags[k] === 'AUX'));
      if (!startsClause) continue;
      const end = offsets[i]![1];
      const start = offsets[j]![0];
      sentences.splice(
        si,
        1,
        { text: text.slice(s.start, end), start: s.start, end, tokenStart: s.tokenStart, tokenEnd: i + 1 },
        { text: text.slice(start, s.end), start, end: s.end, tokenStart: j, tokenEnd: s.tokenEnd },
      );
      break;
    }
  }

  // Token indexes are renumbered without whitespace tokens.
  const remap = new Int32Array(values.length).fill(-1);
  sentences.forEach((s, si) => {
    for (let i = s.tokenStart; i < s.tokenEnd; i++) sentenceOf[i] = si;
  });
  for (let i = 0; i < values.length; i++) {
    if (tags[i] === 'SPACE') continue;
    remap[i] = tokens.length;
    const value = values[i]!;
    tokens.push({ text: value, lower: value.toLowerCase(), start: offsets[i]![0], end: offsets[i]![1], pos: tags[i]!, sentence: sentenceOf[i]! });
  }
  for (const s of sentences) {
    let a = s.tokenStart;
    while (remap[a] === -1) a++;
    let b = s.tokenEnd - 1;
    while (b > a && remap[b] === -1) b--;
    s.tokenStart = remap[a]!;
    s.tokenEnd = remap[b]! + 1;
  }
  return { text, title: options.title ?? null, published: options.published ?? null, tokens, sentences };
}

/** Index of the sentence containing a character offset (binary search). */
export function sentenceAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return Math.max(0, Math.min(doc.sentences.length - 1, lo));
}
