import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { SPEECH_VERBS } from '../../lexicon/quotes.ts';

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
 * A last word wink does not end a sentence on, though a sentence may end there: "D.C.", "p.m.",
 * "U.S.", "Jr."; and a lower-case word wink kept its full stop on as if an abbreviation (`voted
 * no. Rep. Hale`), but not `vs.` or `v.`.
 */
const ABBREVIATION_END = /^(?:(?:\p{L}\.){2,}|Jr\.|Sr\.|Inc\.|Ltd\.|Corp\.|(?!vs\.)\p{Ll}{2,}\.)$/u;
/** Initials before a surname (`J.K. Rowling`): capital letters with stops, after a word that is no article, preposition or comma. */
const INITIALS = /^(?:\p{Lu}\.){2,3}$/u;
/** Titles abbreviated before a name, singular or plural ("Sen.", "former Sens. Ashcroft and Bond"). */
const TITLE_BEFORE_NAME = /(?:^|[\s(])(?:Sens?|Reps?|Govs?|Gens?|Drs?|Profs?|Revs?|Mr|Mrs|Ms|Messrs|Lt|Col|Maj|Capt|Sgt|Cmdr|Adm|Atty|Supt|Det|Hon|Gov)\.$/u;
/** After a quotation ending on `?”` or `!”`: its attribution (`Akin continued.`, `Mr. Obama asked his daughters.`). */
const ATTRIBUTION_AFTER = /^((?:\p{Lu}[\p{L}.'’-]*\s+){1,4})(\p{Ll}+)\b/u;
/** Capitalised words that open a sentence of their own rather than name a speaker. */
const NOT_A_NAME = new Set('the a an this that these those it he she they we i you there then but and or so yet in on at as if when while after before'.split(' '));

/** Brackets opened and still open at the end of `t` (a `)` closing nothing is ignored). */
function unclosed(t: string): number {
  let depth = 0;
  for (const ch of t) depth = ch === '(' ? depth + 1 : ch === ')' ? Math.max(0, depth - 1) : depth;
  return depth;
}

/** Brackets `t` closes that it never opened (`C.) was appointed`). */
function unopened(t: string): number {
  let depth = 0;
  let orphans = 0;
  for (const ch of t) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth) depth--;
    else if (ch === ')') orphans++;
  }
  return orphans;
}

/**
 * Whether wink's sentence `next` continues `prev` on the same line. wink ends sentences at
 * abbreviations and at quotation marks that do not end them:
 * 1. what follows starts with a comma, a closing bracket or a lower-case word (`(D-Wash.), who said`);
 * 2. a break inside an open bracket (`(R-S.` | `C.) was appointed`);
 * 3. a break inside a dotted abbreviation (`Schumer, D-N.` | `Y., said`);
 * 4. a title abbreviation before a name (`former Sens.` | `John Ashcroft`);
 * 5. a quotation ending on `?”` or `!”` and its attribution (`“Why not?”` | `Akin continued.`);
 * 6. a dash going on after a quotation (`pearls!”` | `— whose commentary`).
 */
function joins(prev: string, next: string): boolean {
  // 1.
  if (/^[,;:)\]]|^\p{Ll}/u.test(next)) return true;
  // 2.
  if (unclosed(prev) > 0 && unopened(next) > 0) return true;
  // 3.
  if (/(?:^|[\s(-])(?:\p{Lu}\.)+$/u.test(prev) && /^(?:\p{Lu}\.)+[,;:)]/u.test(next)) return true;
  // 4.
  if (TITLE_BEFORE_NAME.test(prev) && /^\p{Lu}/u.test(next)) return true;
  // 5.
  if (/[?!]["”’]$/.test(prev)) {
    const m = ATTRIBUTION_AFTER.exec(next);
    if (m && !NOT_A_NAME.has(m[1]!.split(/\s+/)[0]!.toLowerCase()) && SPEECH_VERBS.has(m[2]!)) return true;
  }
  // 6.
  return /^(?:—|–|--)\s/u.test(next);
}

/** A noun or name with a possessive ending kept on it: "CNN’s". */
const POSSESSIVE_ON = /^(.*[\p{L}\p{N}])(['’]s)$/u;

/**
 * wink splits a possessive off a name ("CNN" + "’s"), until it has met the whole form in an
 * earlier text: from then on, in this process, it keeps it as one token, so the same article read
 * after another gave other entities and quotes. The ending is split off here whatever wink did,
 * and the sentence spans (token indexes) follow.
 */
function splitPossessives(values: string[], tags: string[], spans: [number, number][]): [string[], string[], [number, number][]] {
  if (!values.some((v, i) => (tags[i] === 'PROPN' || tags[i] === 'NOUN') && POSSESSIVE_ON.test(v))) return [values, tags, spans];
  const outValues: string[] = [];
  const outTags: string[] = [];
  const first = new Int32Array(values.length);
  const last = new Int32Array(values.length);
  values.forEach((v, i) => {
    first[i] = outValues.length;
    const m = tags[i] === 'PROPN' || tags[i] === 'NOUN' ? POSSESSIVE_ON.exec(v) : null;
    if (m) {
      outValues.push(m[1]!, m[2]!);
      outTags.push(tags[i]!, 'PART');
    } else {
      outValues.push(v);
      outTags.push(tags[i]!);
    }
    last[i] = outValues.length - 1;
  });
  return [outValues, outTags, spans.map(([from, to]) => [first[from]!, last[to]!])];
}

/**
 * Tokens with part-of-speech tags and sentences with UTF-16 offsets into `text`.
 * wink's sentences are split again at every line break, so headlines, section headings and
 * datelines never glue onto the sentence that follows them; then
 * 1. sentences wink ended too early are joined (`joins`: abbreviations, party tags, attributions);
 * 2. sentences wink ran on past a dotted abbreviation or an ellipsis are split.
 * Measured by `npm run eval -- sentences` against BASIL's own segmentation.
 */
export function readDocument(text: string, options: { title?: string | null; published?: string | null } = {}): Doc {
  const engine = getNlp();
  const its = engine.its;
  const wdoc = engine.readDoc(text);
  const [values, tags, spans] = splitPossessives(wdoc.tokens().out() as string[], wdoc.tokens().out(its.pos) as string[], wdoc.sentences().out(its.span) as unknown as [number, number][]);

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
  // 1. Sentences wink ended too early are joined to the one they continue (JOINS, numbered there);
  // an ellipsis wink put at the start of a sentence (`were. ... I pledge`) goes with the one before.
  for (let i = sentences.length - 1; i > 0; i--) {
    const prev = sentences[i - 1]!;
    const next = sentences[i]!;
    if (text.slice(prev.end, next.start).includes('\n')) continue;
    if (/^(?:\.{3}|…)$/.test(values[next.tokenStart]!) && /[.!?]["”’)]*$/.test(prev.text)) {
      let j = next.tokenStart + 1;
      while (j < next.tokenEnd && tags[j] === 'SPACE') j++;
      if (j < next.tokenEnd && /^\p{Lu}/u.test(values[j]!)) {
        const end = offsets[next.tokenStart]![1];
        const start = offsets[j]![0];
        sentences.splice(
          i - 1,
          2,
          { text: text.slice(prev.start, end), start: prev.start, end, tokenStart: prev.tokenStart, tokenEnd: next.tokenStart + 1 },
          { text: text.slice(start, next.end), start, end: next.end, tokenStart: j, tokenEnd: next.tokenEnd },
        );
        continue;
      }
    }
    // A double mark closing a quotation right after a single one and its stop (`saying, 'Yes I
    // am.'"`) ends the sentence before it, not opens the next one.
    if (/[.!?]['’]$/.test(prev.text) && next.start === prev.end && /^["”]$/.test(values[next.tokenStart]!)) {
      let j = next.tokenStart + 1;
      while (j < next.tokenEnd && tags[j] === 'SPACE') j++;
      const end = offsets[next.tokenStart]![1];
      const rest: DocSentence[] = j < next.tokenEnd ? [{ text: text.slice(offsets[j]![0], next.end), start: offsets[j]![0], end: next.end, tokenStart: j, tokenEnd: next.tokenEnd }] : [];
      sentences.splice(i - 1, 2, { text: text.slice(prev.start, end), start: prev.start, end, tokenStart: prev.tokenStart, tokenEnd: next.tokenStart + 1 }, ...rest);
      continue;
    }
    if (!joins(prev.text, next.text)) continue;
    sentences.splice(i - 1, 2, { text: text.slice(prev.start, next.end), start: prev.start, end: next.end, tokenStart: prev.tokenStart, tokenEnd: next.tokenEnd });
  }
  // 2. And wink misses the end of a sentence whose last word is a dotted abbreviation ("… in
  // Washington, D.C. Thousands stayed", "at 9 p.m. Police closed", "Thomas Bliley Jr. Reaching
  // that …") or an ellipsis (`won the race... I ran`): a capitalised word after it that is not
  // part of a name starts a new sentence ("the U.S. Department" does not).
  for (let si = sentences.length - 1; si >= 0; si--) {
    const s = sentences[si]!;
    for (let i = s.tokenEnd - 2; i > s.tokenStart; i--) {
      const ellipsis = /^(?:\.{3}|…)$/.test(values[i]!) && offsets[i - 1]![1] === offsets[i]![0];
      if (!ABBREVIATION_END.test(values[i]!) && !ellipsis) continue;
      let j = i + 1;
      while (j < s.tokenEnd && tags[j] === 'SPACE') j++;
      // A quotation may open the new sentence (`from crossing into the U.S. “We are …`): the
      // sentence starts at its mark, and the word after the mark is read as the first word.
      const mark = j < s.tokenEnd && /^[“"]$/.test(values[j]!) && j + 1 < s.tokenEnd && offsets[j]![1] === offsets[j + 1]![0] ? j : -1;
      if (mark >= 0) j++;
      if (j >= s.tokenEnd || !/^[ \t]+$/.test(text.slice(offsets[i]![1], offsets[mark >= 0 ? mark : j]![0])) || !/^\p{Lu}/u.test(values[j]!) || unclosed(text.slice(s.start, offsets[i]![1])) > 0) continue;
      // A new sentence shows itself by a function word ("The", "He"), an opening participle
      // ("Reaching that …") or by a subject and its verb ("Police closed"); a capitalised word
      // before "of", a comma or another name goes on.
      let k = j + 1;
      while (k < s.tokenEnd && tags[k] === 'SPACE') k++;
      const startsClause =
        FUNCTION_TAGS.has(tags[j]!) ||
        (tags[j] === 'VERB' && /ing$/.test(values[j]!)) ||
        (k < s.tokenEnd && (tags[k] === 'VERB' || tags[k] === 'AUX')) ||
        // (`voted no. Rep. Tom Hale …`: a title opens a name, which after a plain word opens a sentence.)
        (/^\p{Ll}/u.test(values[i]!) && TITLE_BEFORE_NAME.test(values[j]!));
      if (!startsClause) continue;
      // `the author J.K. Rowling wrote`: initials and the surname after them are one name (not
      // `to the U.S. Officials said`, `in Washington, D.C. Police said`: a place after an article,
      // a preposition or a comma).
      let h = i - 1;
      while (h > s.tokenStart && tags[h] === 'SPACE') h--;
      if (INITIALS.test(values[i]!) && tags[j] === 'PROPN' && (h < s.tokenStart || !(tags[h] === 'DET' || tags[h] === 'ADP' || tags[h] === 'PUNCT'))) continue;
      const first = mark >= 0 ? mark : j;
      const end = offsets[i]![1];
      const start = offsets[first]![0];
      sentences.splice(
        si,
        1,
        { text: text.slice(s.start, end), start: s.start, end, tokenStart: s.tokenStart, tokenEnd: i + 1 },
        { text: text.slice(start, s.end), start, end: s.end, tokenStart: first, tokenEnd: s.tokenEnd },
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
