import { charTables, FNV_OFFSET, fnv1aLower } from '../../core/chars.ts';
import { STORY_STOP } from '../../lexicon/stop.ts';

export interface GroupArticle {
  id: string;
  title: string | null;
  text: string;
  published: string | null;
}

export interface GroupOptions {
  /** Average similarity to a story's articles needed to join it (learned on development data). */
  threshold?: number;
  /** Articles published further apart than this never share a story. */
  windowDays?: number;
  /** How many of an article's strongest terms look up candidate stories. */
  queryTerms?: number;
  /** Terms kept per article vector. */
  vectorTerms?: number;
}

export const GROUP_DEFAULTS: Required<GroupOptions> = { threshold: 0.15, windowDays: 10, queryTerms: 40, vectorTerms: 200 };

/**
 * Chosen on the development sets (basil and ecbplus, one setting for both; see docs/stories.md):
 * names weigh three times a common word, and rare terms count more than plain IDF says, because
 * what separates two earthquakes in the same week is their places, names and numbers.
 */
const NAME_WEIGHT = 3;
const MIN_DOCS = 50;
/**
 * Stories scored in full per article, from the partial scores of the inverted index (6 placed
 * every article of basil, ecbplus and the bench pile as 12 did, at half the cost).
 */
const SHORTLIST = 6;
/** Terms that already sit in this many stories are too common to find candidates with. */
const MAX_POSTING = 300;
const REVISIT_PASSES = 1;
/**
 * An article whose average similarity to the rest of its story is at least this gets no second
 * look (another story would have to fit it better still); basil, ecbplus and the bench pile are
 * grouped the same from 0.4 up, and the second looks of a large pile take half the time.
 */
const SETTLED = 0.5;

/** How much better another story must fit before an article moves there on its second look. */
const REVISIT_MARGIN = 0.02;
const IDF_POWER = 1.5;
/**
 * Share of an article's recognisable sentences found word for word in a story from which the
 * article counts as a copy or rewrite of it (scored whole). Below it, the shared sentences are
 * background: a rewrite drops or rewords a few sentences, a follow-up repeats a third.
 */
const COPY_SHARE = 0.5;
const NONE: ReadonlySet<number> = new Set();

/** Character classes for the tokenizer: 1 starts or continues a word, 2 only continues one, 3 ends a sentence; 4 marks upper case. */
let charClasses: [Uint8Array, Uint16Array] | null = null;
const UPPER = 4;

function tables(): [Uint8Array, Uint16Array] {
  if (charClasses) return charClasses;
  const { alnum, upper, lower } = charTables();
  const classes = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) if (alnum[c]) classes[c] = 1 | (upper[c] ? UPPER : 0);
  for (const ch of "'’-") classes[ch.charCodeAt(0)] = 2;
  for (const ch of '.!?') classes[ch.charCodeAt(0)] = 3;
  return (charClasses = [classes, lower]);
}

/** Term keys stay within 30 bits so that maps keyed by them use small integers. */
const termKey = (s: string) => (fnv1aLower(s, 0, s.length) >>> 0) & 0x3fffffff;
/** Function words and news boilerplate carry no information about which event a text is about. */
const STOP_KEYS = new Set([...STORY_STOP].map(termKey));
const APOSTROPHES = new Set(["'".charCodeAt(0), '’'.charCodeAt(0)]);
const S = 's'.charCodeAt(0);
const NEWLINE = 10;
const DOT = 46;
const COMMA = 44;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Sentences shorter than this are not recognised elsewhere: "He declined to comment." recurs in
 * unrelated stories, a sentence of six words or more rarely does unless it was copied.
 */
const FINGERPRINT_WORDS = 6;
/** Stands for every number in a fingerprint: a follow-up repeats its background with updated figures. */
const NUMBER_TOKEN = 0x9e3779b1;

/**
 * What grouping reads from an article: weighted term counts, and its sentences as fingerprints
 * (a hash of the sentence's words, numbers masked; 0 for a sentence too short to recognise), so
 * that the part of an article shared word for word with a story can be set aside (StoryIndex).
 */
export interface ArticleTerms {
  counts: TermCounts;
  /** One per sentence of the body (not the title). */
  fingerprints: Uint32Array;
  /**
   * The weighted terms of each body sentence: sentence s holds sentenceKeys[k] (weight
   * sentenceWeights[k]) for k in [sentenceStarts[s], sentenceStarts[s + 1]). StoryIndex.observe
   * keeps those of sentences it meets twice; they need not be kept with the article.
   */
  sentenceStarts?: Uint32Array;
  sentenceKeys?: Uint32Array;
  sentenceWeights?: Float32Array;
}

/**
 * Reads an article: capitalised words (names) and numbers count more, title words twice. Terms
 * are lower-cased, lose a possessive 's and a plural s, and are hashed to keys.
 *
 * A hand-written scanner rather than a regular expression with toLowerCase and a hash per word:
 * grouping 100k articles reads ~100M words, and building a string for each was most of the cost.
 */
export function readTerms(article: Pick<GroupArticle, 'title' | 'text'>): Required<ArticleTerms> {
  const counts = new Map<number, number>();
  const [table, lower] = tables();
  const fingerprints: number[] = [];
  const starts: number[] = [0];
  const sentenceKeys: number[] = [];
  const sentenceWeights: number[] = [];
  let sentenceHash = FNV_OFFSET;
  let sentenceWords = 0;
  const endSentence = () => {
    if (!sentenceWords) return;
    fingerprints.push(sentenceWords >= FINGERPRINT_WORDS ? (sentenceHash >>> 0) || 1 : 0);
    starts.push(sentenceKeys.length);
    sentenceHash = FNV_OFFSET;
    sentenceWords = 0;
  };
  const add = (text: string, weight: number, body: boolean) => {
    let sentenceStart = true;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c0 = text.charCodeAt(i);
      const k = table[c0]!;
      if ((k & 3) !== 1) {
        if (k === 3 || c0 === NEWLINE) {
          sentenceStart = true;
          if (body) endSentence();
        }
        i++;
        continue;
      }
      let j = i + 1;
      let digit = false;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        const cls = table[c]! & 3;
        if (cls !== 1 && cls !== 2) {
          // A decimal point or thousands separator between digits (3.2, 1,500) is inside a number, not a sentence end.
          if ((c === DOT || c === COMMA) && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) continue;
          break;
        }
        if (c >= 48 && c <= 57) digit = true;
      }
      const start = i;
      const first = text.charCodeAt(i);
      if (first >= 48 && first <= 57) digit = true;
      const wasStart = sentenceStart;
      sentenceStart = false;
      sentenceWords++;
      // The word's end without a possessive 's, then without a plural s (stem).
      let end = j;
      if (end - i >= 2 && lower[text.charCodeAt(end - 1)] === S && APOSTROPHES.has(text.charCodeAt(end - 2))) end -= 2;
      const length = end - i;
      if (length < 3 && !digit) {
        if (body) sentenceHash = Math.imul(sentenceHash ^ fnv1aLower(text, i, j), 0x01000193);
        i = j;
        continue;
      }
      const stemEnd = length > 4 && lower[text.charCodeAt(end - 1)] === S && lower[text.charCodeAt(end - 2)] !== S ? end - 1 : end;
      // The stem is a prefix of the word: hash it, then go on to the word's end.
      const stemHash = fnv1aLower(text, i, stemEnd);
      const h = stemEnd === end ? stemHash : fnv1aLower(text, stemEnd, end, stemHash);
      if (body) sentenceHash = Math.imul(sentenceHash ^ (digit ? NUMBER_TOKEN : h), 0x01000193);
      i = j;
      if (STOP_KEYS.has((h >>> 0) & 0x3fffffff)) continue;
      let w = weight;
      if (table[first]! & UPPER && !wasStart) w *= NAME_WEIGHT;
      else if (digit) w *= j - start >= 3 ? 1.5 : 0.5;
      const key = (stemHash >>> 0) & 0x3fffffff;
      counts.set(key, (counts.get(key) ?? 0) + w);
      if (body) {
        sentenceKeys.push(key);
        sentenceWeights.push(w);
      }
    }
    if (body) endSentence();
  };
  if (article.title) add(article.title, 2, false);
  add(article.text, 1, true);
  return {
    counts: compactCounts(counts),
    fingerprints: Uint32Array.from(fingerprints),
    sentenceStarts: Uint32Array.from(starts),
    sentenceKeys: Uint32Array.from(sentenceKeys),
    sentenceWeights: Float32Array.from(sentenceWeights),
  };
}

/** Weighted term counts of an article (see readTerms). */
export function termCounts(article: Pick<GroupArticle, 'title' | 'text'>): Map<number, number> {
  const { counts } = readTerms(article);
  const out = new Map<number, number>();
  for (let t = 0; t < counts.terms.length; t++) out.set(counts.terms[t]!, counts.counts[t]!);
  return out;
}

export interface SparseVector {
  terms: Uint32Array;
  weights: Float32Array;
  /** The article's sentences that may be found word for word in other articles; absent when none. */
  sentences?: VectorSentences;
}

/** The sentences of a vector's article that occur elsewhere too. */
export interface VectorSentences {
  /** Sentences long enough to be recognised, shared or not (the denominator of a shared part). */
  recognisable: number;
  /** Their numbers in the index that built the vector. */
  ids: Uint32Array;
  /** The length of the vector's weights before they were made unit length. */
  norm: number;
}

/** Term counts in two typed arrays: a pile of 100k articles held as maps would need gigabytes. */
export interface TermCounts {
  terms: Uint32Array;
  counts: Float32Array;
}

export function compactCounts(counts: Map<number, number>): TermCounts {
  const out = { terms: new Uint32Array(counts.size), counts: new Float32Array(counts.size) };
  let i = 0;
  for (const [t, c] of counts) {
    out.terms[i] = t;
    out.counts[i++] = c;
  }
  return out;
}

/**
 * Orders `kept` (indices into `weights`, under 65,536) heaviest first and keeps the first
 * `limit`. Each weight and its index are packed into one number (the weight to 2^-20, the index
 * in the low 16 bits), so one native sort of a typed array replaces a comparator sort of
 * indices, which cost a third of building the vectors of a large pile.
 */
function heaviestFirst(kept: number[], weights: Float64Array, limit: number): void {
  if (kept.length >= 65536) {
    kept.sort((a, b) => weights[b]! - weights[a]!);
    kept.length = Math.min(limit, kept.length);
    return;
  }
  const keys = new Float64Array(kept.length);
  for (let i = 0; i < kept.length; i++) keys[i] = Math.floor(weights[kept[i]!]! * 1048576) * 65536 + kept[i]!;
  keys.sort();
  const n = Math.min(limit, keys.length);
  kept.length = n;
  for (let i = 0; i < n; i++) kept[i] = keys[keys.length - 1 - i]! % 65536;
}

type Column = Uint32Array | Float64Array;

/**
 * Open addressing over 32-bit keys other than 0 (which marks an empty slot), with values in
 * parallel typed arrays ("columns") that move with their keys when the table grows; kept at most
 * half full. Written by hand rather than used through Maps: at 100k articles, Maps of two million
 * terms, of every story's sums and of half a million sentences were a third of the grouping's
 * time and most of its heap and garbage. Columns are replaced when the table grows: read them
 * from `columns` after any `insert`.
 */
class KeyTable {
  keys: Uint32Array;
  columns: Column[];
  #used = 0;

  constructor(size: number, columns: ((length: number) => Column)[]) {
    this.keys = new Uint32Array(size);
    this.columns = columns.map((make) => make(size));
  }

  /** The slot holding `key`, else the empty slot where it would go. */
  slot(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let at = (Math.imul(key, 0x9e3779b1) >>> 0) & mask; ; at = (at + 1) & mask) {
      const k = keys[at]!;
      if (k === key || k === 0) return at;
    }
  }

  /** The slot of `key`, added with all its values 0 when absent. */
  insert(key: number): number {
    const at = this.slot(key);
    if (this.keys[at] !== 0) return at;
    if (2 * (this.#used + 1) > this.keys.length) {
      this.#grow();
      return this.insert(key);
    }
    this.keys[at] = key;
    this.#used++;
    return at;
  }

  #grow(): void {
    const [keys, columns] = [this.keys, this.columns];
    this.keys = new Uint32Array(keys.length * 2);
    this.columns = columns.map((c) => new (c.constructor as new (n: number) => Column)(keys.length * 2));
    for (let i = 0; i < keys.length; i++) {
      if (!keys[i]) continue;
      const at = this.slot(keys[i]!);
      this.keys[at] = keys[i]!;
      for (let c = 0; c < columns.length; c++) this.columns[c]![at] = columns[c]![i]!;
    }
  }
}

/**
 * Term key → the number of articles holding it, and its IDF weight (terms are stored plus one:
 * a term key may be 0).
 */
class TermTable {
  /** Columns: document frequency; IDF; the article count that IDF was computed for (0: not yet; IDF changes with every article read). */
  #table = new KeyTable(1 << 16, [(n) => new Uint32Array(n), (n) => new Float64Array(n), (n) => new Uint32Array(n)]);

  count(term: number): void {
    const at = this.#table.insert(term + 1);
    this.#table.columns[0]![at]!++;
  }

  /**
   * IDF as grouping weighs it, for a pile of `docs` articles counted as at least `n`: terms in
   * one article only say nothing about which story it shares (0 drops them).
   */
  idf(term: number, docs: number, n: number): number {
    const table = this.#table;
    const at = table.slot(term + 1);
    const known = table.keys[at] !== 0;
    const [df, idfs, idfAt] = table.columns as [Uint32Array, Float64Array, Uint32Array];
    if (known && idfAt[at] === docs) return idfs[at]!;
    const count = known ? df[at]! : 1;
    const idf = count < 2 && docs > 20 ? 0 : Math.log((n + 1) / count) ** IDF_POWER;
    if (known) {
      idfs[at] = idf;
      idfAt[at] = docs;
    }
    return idf;
  }
}

/**
 * Sentences met more than once: each gets a number, its terms (summed per term) and the stories
 * that hold it, all in growing typed arrays. One object or Map entry per sentence cost several
 * hundred bytes and as much again in garbage; a large pile has half a million such sentences.
 */
class SentencePool {
  /** Fingerprint (never 0) → sentence number + 1. */
  #numbers = new KeyTable(1 << 16, [(n) => new Uint32Array(n)]);
  #count = 0;
  /** Where each sentence's terms start in keys/weights; at that offset, its number of terms. */
  #offsets = new Uint32Array(1 << 12);
  #keys = new Uint32Array(1 << 16);
  #weights = new Float32Array(1 << 16);
  #used = 0;
  /** The first story holding each sentence (-1: none yet); the others, for the few held by several. */
  #holder = new Int32Array(1 << 12).fill(-1);
  #moreHolders = new Map<number, number[]>();

  /** The sentence's number, or -1 when it has not been met twice. */
  id(fp: number): number {
    return this.#numbers.columns[0]![this.#numbers.slot(fp)]! - 1;
  }

  add(fp: number, terms: Map<number, number>): void {
    const id = this.#count++;
    const slot = this.#numbers.insert(fp);
    this.#numbers.columns[0]![slot] = id + 1;
    if (id === this.#offsets.length) {
      this.#offsets = grown(this.#offsets, id * 2);
      this.#holder = grown(this.#holder, id * 2).fill(-1, id);
    }
    const need = this.#used + 1 + terms.size;
    if (need > this.#keys.length) {
      this.#keys = grown(this.#keys, Math.max(need, this.#keys.length * 2));
      this.#weights = grown(this.#weights, this.#keys.length);
    }
    this.#offsets[id] = this.#used;
    this.#keys[this.#used++] = terms.size;
    for (const [key, weight] of terms) {
      this.#keys[this.#used] = key;
      this.#weights[this.#used++] = weight;
    }
  }

  /** Adds the weight of each term of sentence `id` that `positions` finds (a vector's term → its place) to `into` at that place. */
  addTerms(id: number, positions: VectorPositions, into: Float64Array): void {
    const at = this.#offsets[id]!;
    for (let k = at + 1; k <= at + this.#keys[at]!; k++) {
      const i = positions.find(this.#keys[k]!);
      if (i >= 0) into[i]! += this.#weights[k]!;
    }
  }

  heldBy(id: number, cluster: number): boolean {
    const first = this.#holder[id]!;
    return first === cluster || (first !== -1 && (this.#moreHolders.get(id)?.includes(cluster) ?? false));
  }

  hold(id: number, cluster: number): void {
    const first = this.#holder[id]!;
    if (first === -1) this.#holder[id] = cluster;
    else if (first !== cluster) {
      const more = this.#moreHolders.get(id);
      if (!more) this.#moreHolders.set(id, [cluster]);
      else if (!more.includes(cluster)) more.push(cluster);
    }
  }
}

/** A copy of `array` with room for `length` elements. */
function grown<T extends Uint32Array | Int32Array | Float32Array>(array: T, length: number): T {
  const out = new (array.constructor as new (n: number) => T)(length);
  out.set(array);
  return out;
}

/**
 * Where each term of one vector sits in it, in a reused open-addressing table stamped with the
 * vector it was built for, so nothing is cleared or allocated per use (a Map cleared and refilled
 * for every residual score was most of the garbage of grouping a large pile).
 */
class VectorPositions {
  #keys = new Uint32Array(1024);
  #positions = new Int32Array(1024);
  #stamps = new Uint32Array(1024);
  #stamp = 0;

  load(terms: Uint32Array): void {
    if (terms.length * 2 > this.#keys.length) {
      const size = 1 << Math.ceil(Math.log2(terms.length * 2));
      [this.#keys, this.#positions, this.#stamps] = [new Uint32Array(size), new Int32Array(size), new Uint32Array(size)];
    }
    this.#stamp++;
    const mask = this.#keys.length - 1;
    for (let i = 0; i < terms.length; i++) {
      let at = (Math.imul(terms[i]! + 1, 0x9e3779b1) >>> 0) & mask;
      while (this.#stamps[at] === this.#stamp) at = (at + 1) & mask;
      this.#stamps[at] = this.#stamp;
      this.#keys[at] = terms[i]!;
      this.#positions[at] = i;
    }
  }

  /** The term's place in the loaded vector, or -1. */
  find(term: number): number {
    const mask = this.#keys.length - 1;
    for (let at = (Math.imul(term + 1, 0x9e3779b1) >>> 0) & mask; this.#stamps[at] === this.#stamp; at = (at + 1) & mask) {
      if (this.#keys[at] === term) return this.#positions[at]!;
    }
    return -1;
  }
}

/**
 * Typed arrays carved out of large blocks. A pile of 100k articles needs several small arrays
 * per article; allocated one by one they fragment the allocator, which keeps the memory after
 * they are freed (the term counts of the whole pile, before the vectors are built). Blocks this
 * large are mapped and unmapped whole, so dropping them gives the memory back.
 */
export class Slabs<T extends Uint32Array | Float32Array> {
  readonly #make: (length: number) => T;
  readonly #blockLength: number;
  #block: T;
  #used = 0;

  constructor(make: (length: number) => T, blockLength = 1 << 20) {
    this.#make = make;
    this.#blockLength = blockLength;
    this.#block = make(blockLength);
  }

  /** A new array of `length` elements, copied from `from` when given (else zeroed). */
  take(length: number, from?: ArrayLike<number>): T {
    let out: T;
    if (length > this.#blockLength) out = this.#make(length);
    else {
      if (this.#used + length > this.#blockLength) {
        this.#block = this.#make(this.#blockLength);
        this.#used = 0;
      }
      out = this.#block.subarray(this.#used, this.#used + length) as T;
      this.#used += length;
    }
    if (from) out.set(from);
    return out;
  }
}

function dot(a: SparseVector, b: SumTable): number {
  let s = 0;
  for (let i = 0; i < a.terms.length; i++) s += a.weights[i]! * b.get(a.terms[i]!);
  return s;
}

/** A story's summed term weights (terms stored plus one: a term key may be 0). */
class SumTable {
  #table = new KeyTable(512, [(n) => new Float64Array(n)]);

  /** The sum for `term`, 0 when no member has it (an empty slot's value is 0). */
  get(term: number): number {
    return this.#table.columns[0]![this.#table.slot(term + 1)]!;
  }

  /** Adds `delta` to the sum for `term`; returns the new sum. */
  add(term: number, delta: number): number {
    const at = this.#table.insert(term + 1);
    const sums = this.#table.columns[0]!;
    return (sums[at] = sums[at]! + delta);
  }
}

interface Cluster {
  id: number;
  members: number;
  /** Sum of member vectors: dot(doc, sum) / members is the average cosine to the members. */
  sum: SumTable;
  minTime: number;
  maxTime: number;
  /** Where each of its indexed terms sits in that term's posting. */
  indexed: Map<number, number>;
}

/**
 * Incremental same-event grouping. Each article becomes a TF-IDF vector (document frequencies
 * from everything the index has seen); candidate stories are looked up through an inverted
 * index over their strongest terms, so cost grows with the number of articles, not its square;
 * an article joins the candidate whose articles it resembles most on average (average link)
 * when that similarity reaches the threshold and the story is within the time window, else it
 * starts a story. Grouping a pile in one go is this same process in publication order.
 */
export class StoryIndex {
  readonly options: Required<GroupOptions>;
  #terms = new TermTable();
  #docs = 0;
  #clusters: Cluster[] = [];
  /**
   * Term → the stories indexed under it, with each story's current summed weight for the term,
   * kept beside the story number so that scoring candidates reads one array, not each story's map.
   */
  #postings = new Map<number, { clusters: number[]; sums: number[] }>();
  /** Which sentences have been met before (approximately, in fixed memory). */
  #repeats = new SentenceFilter();
  /** Every sentence met more than once: its terms and the stories holding it. */
  #sentenceTerms = new SentencePool();
  /** Where vectors are kept (see Slabs). */
  #vectorKeys = new Slabs((n) => new Uint32Array(n), 1 << 18);
  #vectorWeights = new Slabs((n) => new Float32Array(n), 1 << 18);
  /** Scratch for residual scores: where a vector's terms are, and the weight set aside from each. */
  #positions = new VectorPositions();
  #removed = new Float64Array(256);
  /** The shortlist being built and its partial scores (scratch). */
  #best = new Int32Array(SHORTLIST);
  #bestScores = new Float64Array(SHORTLIST);
  /** Whether articles now come in order of publication (see sweep). */
  #sweeping = false;
  /** Scratch space for partial scores, reused across assignments. */
  #acc = new Float64Array(1024);
  #touched: number[] = [];

  constructor(options: GroupOptions = {}) {
    this.options = { ...GROUP_DEFAULTS, ...options };
  }

  /** Document frequencies must be known before vectors are built; one-go grouping counts the pile first. */
  observe(counts: Map<number, number> | TermCounts | ArticleTerms): void {
    this.#docs++;
    const keys = counts instanceof Map ? counts.keys() : 'fingerprints' in counts ? counts.counts.terms : (counts as TermCounts).terms;
    for (const t of keys) this.#terms.count(t);
    if (!(counts instanceof Map) && 'fingerprints' in counts) this.#observeSentences(counts);
  }

  /**
   * Notes an article's sentences. A sentence met for the second time has its terms kept (once
   * for all the articles that share it): only sentences that occur more than once can be set
   * aside when scoring, so a pile of distinct articles keeps next to nothing.
   */
  #observeSentences({ fingerprints, sentenceStarts, sentenceKeys, sentenceWeights }: ArticleTerms): void {
    for (let s = 0; s < fingerprints.length; s++) {
      const fp = fingerprints[s]!;
      if (!fp) continue;
      if (this.#repeats.seen(fp) && this.#sentenceTerms.id(fp) < 0 && sentenceStarts && sentenceKeys && sentenceWeights) {
        const summed = new Map<number, number>();
        for (let k = sentenceStarts[s]!; k < sentenceStarts[s + 1]!; k++) summed.set(sentenceKeys[k]!, (summed.get(sentenceKeys[k]!) ?? 0) + sentenceWeights[k]!);
        this.#sentenceTerms.add(fp, summed);
      }
      this.#repeats.add(fp);
    }
  }

  /**
   * An article's TF-IDF vector over its strongest terms. Given the article's sentence
   * fingerprints, the vector keeps those of sentences the index has met more than once, so that
   * a story sharing them can be scored without them.
   */
  vector(counts: Map<number, number> | TermCounts | Pick<ArticleTerms, 'counts' | 'fingerprints'>): SparseVector {
    const article = counts instanceof Map || !('fingerprints' in counts) ? null : counts;
    const compact: TermCounts = article ? article.counts : counts instanceof Map ? compactCounts(counts) : (counts as TermCounts);
    const { terms, counts: values } = compact;
    // Small piles (a handful of reports of one event) would give the names they all share a
    // near-zero IDF; counting as if the pile had at least MIN_DOCS articles keeps them weighty.
    const n = Math.max(this.#docs, MIN_DOCS);
    const kept: number[] = [];
    const weights = new Float64Array(terms.length);
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      const idf = this.#terms.idf(t, this.#docs, n);
      if (idf === 0) continue;
      weights[k] = (1 + Math.log(values[k]!)) * idf;
      kept.push(k);
    }
    heaviestFirst(kept, weights, this.options.vectorTerms);
    let norm = 0;
    for (const k of kept) norm += weights[k]! * weights[k]!;
    norm = Math.sqrt(norm) || 1;
    const vec: SparseVector = { terms: this.#vectorKeys.take(kept.length), weights: this.#vectorWeights.take(kept.length) };
    kept.forEach((k, i) => {
      vec.terms[i] = terms[k]!;
      vec.weights[i] = weights[k]! / norm;
    });
    if (article) {
      let recognisable = 0;
      const repeated: number[] = [];
      for (const fp of article.fingerprints) {
        if (!fp) continue;
        recognisable++;
        const id = this.#sentenceTerms.id(fp);
        if (id >= 0) repeated.push(id);
      }
      if (repeated.length) vec.sentences = { recognisable, ids: this.#vectorKeys.take(repeated.length, repeated), norm };
    }
    return vec;
  }

  /**
   * A second look at one placed article: it moves to another story when it resembles that story
   * clearly more than the rest of its own (early articles were placed before their story had
   * formed). Returns the story it ends in.
   */
  revisit(vec: SparseVector, current: number, time: number | null, margin = REVISIT_MARGIN): number {
    const own = this.#clusters[current]!;
    const ownScore = own.members > 1 ? (dot(vec, own.sum) - selfDot(vec)) / (own.members - 1) : this.options.threshold;
    // An article this close to the rest of its story has no better place to go.
    if (ownScore >= SETTLED) return current;
    let best = current;
    let bestScore = ownScore + margin;
    const found = this.#shortlist(vec, time, current, null);
    for (let k = 0; k < found; k++) {
      const c = this.#best[k]!;
      const score = this.#score(vec, c);
      if (score > bestScore && score >= this.options.threshold) [best, bestScore] = [c, score];
    }
    if (best !== current) {
      own.members--;
      this.#addWeights(own, vec, -1);
      this.add(best, vec, time);
    }
    return best;
  }

  /**
   * The stories worth scoring in full: partial scores over the article's strongest terms, read
   * from the inverted index, keep the best few that are inside the time window, apart from
   * `skipOne` and those in `skip`. They are left in #best; returns how many there are.
   */
  #shortlist(vec: SparseVector, time: number | null, skipOne: number, skip: ReadonlySet<number> | null): number {
    const { windowDays, queryTerms } = this.options;
    const window = windowDays * 86_400_000;
    if (this.#acc.length < this.#clusters.length) {
      const grown = new Float64Array(this.#clusters.length * 2);
      grown.set(this.#acc);
      this.#acc = grown;
    }
    const acc = this.#acc;
    const touched = this.#touched;
    touched.length = 0;
    const horizon = this.#sweeping && time !== null ? time - window : null;
    for (let i = 0; i < Math.min(queryTerms, vec.terms.length); i++) {
      const term = vec.terms[i]!;
      const posting = this.#postings.get(term);
      if (!posting) continue;
      if (horizon !== null) this.#prune(term, posting, horizon);
      if (posting.clusters.length > MAX_POSTING) continue;
      const w = vec.weights[i]!;
      const { clusters, sums } = posting;
      for (let k = 0; k < clusters.length; k++) {
        const c = clusters[k]!;
        if (acc[c] === 0) touched.push(c);
        acc[c] = acc[c]! + w * sums[k]! + 1e-12;
      }
    }
    // Keep the best few by partial score (a small insertion list beats sorting every candidate).
    const shortlist = this.#best;
    const scores = this.#bestScores;
    let kept = 0;
    for (const c of touched) {
      const cluster = this.#clusters[c]!;
      const p = acc[c]! / cluster.members;
      acc[c] = 0;
      if (c === skipOne || skip?.has(c)) continue;
      if (!cluster.members) continue;
      if (time !== null && Number.isFinite(cluster.minTime) && (time < cluster.minTime - window || time > cluster.maxTime + window)) continue;
      if (kept === SHORTLIST && p <= scores[SHORTLIST - 1]!) continue;
      let at = Math.min(kept, SHORTLIST - 1);
      for (; at > 0 && scores[at - 1]! < p; at--) [shortlist[at], scores[at]] = [shortlist[at - 1]!, scores[at - 1]!];
      [shortlist[at], scores[at]] = [c, p];
      if (kept < SHORTLIST) kept++;
    }
    return kept;
  }

  /**
   * Starts a sweep through time: from now on articles come in order of publication, so a story
   * whose last article is further back than the time window can no longer take any, and it
   * leaves the inverted index as it is met there (in a pile of 100k articles most stories are
   * out of any one article's window; scanning them was most of the cost). `false` ends the
   * sweep (for undated articles, which may join any story). Either way the index is rebuilt
   * whole first, so a new sweep can start from the beginning of time.
   */
  sweep(inOrder: boolean): void {
    this.#sweeping = inOrder;
    this.#postings.clear();
    for (const cluster of this.#clusters) {
      for (const t of cluster.indexed.keys()) {
        let posting = this.#postings.get(t);
        if (!posting) this.#postings.set(t, (posting = { clusters: [], sums: [] }));
        cluster.indexed.set(t, posting.clusters.length);
        posting.clusters.push(cluster.id);
        posting.sums.push(cluster.sum.get(t));
      }
    }
  }

  /** Drops from a term's posting the stories whose last article is before `horizon` (marked -1 in their `indexed`). */
  #prune(term: number, posting: { clusters: number[]; sums: number[] }, horizon: number): void {
    const { clusters, sums } = posting;
    for (let k = 0; k < clusters.length; ) {
      const cluster = this.#clusters[clusters[k]!]!;
      if (!(cluster.maxTime < horizon)) {
        k++;
        continue;
      }
      cluster.indexed.set(term, -1);
      const last = clusters.length - 1;
      if (k !== last) {
        clusters[k] = clusters[last]!;
        sums[k] = sums[last]!;
        this.#clusters[clusters[k]!]!.indexed.set(term, k);
      }
      clusters.pop();
      sums.pop();
    }
  }

  /** Places one article; returns the index of its story (stable for the life of the index). */
  assign(vec: SparseVector, time: number | null, forbidden: ReadonlySet<number> = NONE): number {
    let best = -1;
    let bestScore = this.options.threshold;
    const found = this.#shortlist(vec, time, -1, forbidden);
    for (let k = 0; k < found; k++) {
      const c = this.#best[k]!;
      const score = this.#score(vec, c);
      if (score >= bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best === -1) {
      best = this.#clusters.length;
      this.#clusters.push({ id: best, members: 0, sum: new SumTable(), minTime: Infinity, maxTime: -Infinity, indexed: new Map() });
    }
    this.add(best, vec, time);
    return best;
  }

  /** Adds an article to a given story (used for corrections a person made, and by assign). */
  add(clusterIndex: number, vec: SparseVector, time: number | null): void {
    while (this.#clusters.length <= clusterIndex) {
      this.#clusters.push({ id: this.#clusters.length, members: 0, sum: new SumTable(), minTime: Infinity, maxTime: -Infinity, indexed: new Map() });
    }
    const cluster = this.#clusters[clusterIndex]!;
    cluster.members++;
    this.#addWeights(cluster, vec, 1);
    if (vec.sentences) for (const id of vec.sentences.ids) this.#sentenceTerms.hold(id, clusterIndex);
    if (time !== null) {
      cluster.minTime = Math.min(cluster.minTime, time);
      cluster.maxTime = Math.max(cluster.maxTime, time);
    }
  }

  /**
   * How well an article fits a story: its average similarity to the story's articles. When the
   * article shares some of its sentences word for word with the story, but less than a copy
   * would (COPY_SHARE), the shared part is background a follow-up reused: the article is
   * scored without it, so that only what it newly reports can hold it in the story.
   */
  #score(vec: SparseVector, c: number): number {
    const cluster = this.#clusters[c]!;
    const sentences = vec.sentences;
    if (sentences) {
      let shared = 0;
      for (const id of sentences.ids) if (this.#sentenceTerms.heldBy(id, c)) shared++;
      if (shared && shared < COPY_SHARE * sentences.recognisable) return this.#residualScore(vec, c, cluster);
    }
    return dot(vec, cluster.sum) / cluster.members;
  }

  /**
   * An article's similarity to a story without some of its sentences: each term loses the share
   * of its count those sentences gave it, and what is left is made a unit vector again, so the
   * rest of the article must resemble the story on its own. A term's count is read back from its
   * weight ((1 + ln count) × IDF / norm) rather than kept beside every vector.
   */
  #residualScore(vec: SparseVector, c: number, cluster: Cluster): number {
    const { norm } = vec.sentences!;
    const positions = this.#positions;
    positions.load(vec.terms);
    if (this.#removed.length < vec.terms.length) this.#removed = new Float64Array(vec.terms.length);
    const removed = this.#removed.fill(0, 0, vec.terms.length);
    for (const id of vec.sentences!.ids) if (this.#sentenceTerms.heldBy(id, c)) this.#sentenceTerms.addTerms(id, positions, removed);
    const n = Math.max(this.#docs, MIN_DOCS);
    let left = 0;
    let d = 0;
    for (let i = 0; i < vec.terms.length; i++) {
      const t = vec.terms[i]!;
      let w = vec.weights[i]!;
      if (removed[i]! > 0) {
        const count = Math.exp((w * norm) / this.#terms.idf(t, this.#docs, n) - 1);
        w *= Math.max(0, 1 - removed[i]! / count);
      }
      if (!w) continue;
      left += w * w;
      d += w * cluster.sum.get(t);
    }
    return left ? d / Math.sqrt(left) / cluster.members : 0;
  }

  /** Adds (sign 1) or takes away (sign -1) an article's weights in a story's sums and postings. */
  #addWeights(cluster: Cluster, vec: SparseVector, sign: 1 | -1): void {
    for (let i = 0; i < vec.terms.length; i++) {
      const t = vec.terms[i]!;
      const sum = cluster.sum.add(t, sign * vec.weights[i]!);
      const at = cluster.indexed.get(t);
      if (at !== undefined && at >= 0) this.#postings.get(t)!.sums[at] = sum;
      else if (sign > 0 && (at === -1 || i < this.options.queryTerms)) {
        // A story left behind by a sweep that takes an article again comes back into the index.
        let posting = this.#postings.get(t);
        if (!posting) this.#postings.set(t, (posting = { clusters: [], sums: [] }));
        cluster.indexed.set(t, posting.clusters.length);
        posting.clusters.push(cluster.id);
        posting.sums.push(sum);
      }
    }
  }

  get sweeping(): boolean {
    return this.#sweeping;
  }

  get size(): number {
    return this.#clusters.length;
  }
}

const timeOf = (a: GroupArticle) => {
  const t = a.published ? Date.parse(a.published) : NaN;
  return Number.isFinite(t) ? t : null;
};

/**
 * Groups a pile in one go: returns the story index of each article, in input order. The pile is
 * read once, so it may be a generator that never holds every text in memory.
 */
export function groupArticles(articles: Iterable<GroupArticle>, options: GroupOptions = {}): number[] {
  const pile = new PileGrouping(options);
  for (const a of articles) pile.read(a);
  return pile.group();
}

/**
 * `groupArticles` over a pile that arrives asynchronously (a file read line by line, inputs
 * extracted on threads): each article's text is reduced to its term counts as it comes and then
 * dropped, so a pile of any size costs only what grouping keeps.
 */
export async function groupArticlesAsync(articles: AsyncIterable<GroupArticle> | Iterable<GroupArticle>, options: GroupOptions = {}): Promise<number[]> {
  const pile = new PileGrouping(options);
  for await (const a of articles) pile.read(a);
  return pile.group();
}

/** The two halves of one-go grouping: every article is read (document frequencies need the whole pile) before any is placed. */
class PileGrouping {
  #index: StoryIndex;
  #articles: (Pick<ArticleTerms, 'counts' | 'fingerprints'> | null)[] = [];
  #times: (number | null)[] = [];

  constructor(options: GroupOptions) {
    this.#index = new StoryIndex(options);
  }

  /** What is kept of each article until its vector is built, in blocks given back together. */
  #keys = new Slabs((n) => new Uint32Array(n));
  #counts = new Slabs((n) => new Float32Array(n));

  read(a: GroupArticle): void {
    const terms = readTerms(a);
    this.#index.observe(terms);
    // The terms of each sentence are not kept: the index has those of sentences met twice.
    this.#articles.push({
      counts: { terms: this.#keys.take(terms.counts.terms.length, terms.counts.terms), counts: this.#counts.take(terms.counts.counts.length, terms.counts.counts) },
      fingerprints: this.#keys.take(terms.fingerprints.length, terms.fingerprints),
    });
    this.#times.push(timeOf(a));
  }

  group(): number[] {
    const index = this.#index;
    const articles = this.#articles;
    const times = this.#times;
    const order = articles.map((_, i) => i).sort((i, j) => (times[i] ?? Infinity) - (times[j] ?? Infinity) || i - j);
    const vectors = articles.map((a, i) => {
      articles[i] = null;
      return index.vector(a!);
    });
    this.#keys = this.#counts = null!;
    const out = new Array<number>(vectors.length);
    // Dated articles sweep through time (undated ones come last, and may join any story).
    const sweep = (place: (i: number) => void) => {
      index.sweep(true);
      for (const i of order) {
        if (times[i] === null && index.sweeping) index.sweep(false);
        place(i);
      }
      // The next pass starts a sweep of its own (rebuilding the index), and the index goes with this pile.
    };
    sweep((i) => (out[i] = index.assign(vectors[i]!, times[i]!)));
    // One pass of second looks: articles placed before their story had formed may move.
    for (let pass = 0; pass < REVISIT_PASSES; pass++) sweep((i) => (out[i] = index.revisit(vectors[i]!, out[i]!, times[i]!)));
    return out;
  }
}

/**
 * Which sentence fingerprints have been met, in fixed memory: a Bloom filter of two hashes over
 * 2^25 bits each (8 MB), so that 4 million distinct sentences (a pile of 100k articles) are
 * taken for ones met before only about 1.5 % of the time (their terms are then kept without
 * need); a sentence met before is never missed.
 */
class SentenceFilter {
  static readonly BITS = 25;
  #a = new Uint32Array(1 << (SentenceFilter.BITS - 5));
  #b = new Uint32Array(1 << (SentenceFilter.BITS - 5));

  #slots(fp: number): [number, number] {
    return [fp & ((1 << SentenceFilter.BITS) - 1), Math.imul(fp, 0x9e3779b1) >>> (32 - SentenceFilter.BITS)];
  }

  add(fp: number): void {
    const [i, j] = this.#slots(fp);
    this.#a[i >>> 5]! |= 1 << (i & 31);
    this.#b[j >>> 5]! |= 1 << (j & 31);
  }

  seen(fp: number): boolean {
    const [i, j] = this.#slots(fp);
    return (this.#a[i >>> 5]! & (1 << (i & 31))) !== 0 && (this.#b[j >>> 5]! & (1 << (j & 31))) !== 0;
  }
}

function selfDot(vec: SparseVector): number {
  let s = 0;
  for (let i = 0; i < vec.weights.length; i++) s += vec.weights[i]! * vec.weights[i]!;
  return s;
}
