import { charTables, fnv1aLower } from '../../core/chars.ts';
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
/** Stories scored in full per article, from the partial scores of the inverted index. */
const SHORTLIST = 12;
/** Terms that already sit in this many stories are too common to find candidates with. */
const MAX_POSTING = 300;
const REVISIT_PASSES = 1;
/** How much better another story must fit before an article moves there on its second look. */
const REVISIT_MARGIN = 0.02;
const IDF_POWER = 1.5;

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

/**
 * Weighted term counts: capitalised words (names) and numbers count more, title words twice.
 * Terms are lower-cased, lose a possessive 's and a plural s, and are hashed to keys.
 *
 * A hand-written scanner rather than a regular expression with toLowerCase and a hash per word:
 * grouping 100k articles reads ~100M words, and building a string for each was most of the cost.
 */
export function termCounts(article: Pick<GroupArticle, 'title' | 'text'>): Map<number, number> {
  const counts = new Map<number, number>();
  const [table, lower] = tables();
  const add = (text: string, weight: number) => {
    let sentenceStart = true;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const k = table[text.charCodeAt(i)]!;
      if ((k & 3) !== 1) {
        if (k === 3) sentenceStart = true;
        i++;
        continue;
      }
      let j = i + 1;
      let digit = false;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        const cls = table[c]! & 3;
        if (cls !== 1 && cls !== 2) break;
        if (c >= 48 && c <= 57) digit = true;
      }
      const start = i;
      const first = text.charCodeAt(i);
      if (first >= 48 && first <= 57) digit = true;
      const wasStart = sentenceStart;
      sentenceStart = false;
      // The word's end without a possessive 's, then without a plural s (stem).
      let end = j;
      if (end - i >= 2 && lower[text.charCodeAt(end - 1)] === S && APOSTROPHES.has(text.charCodeAt(end - 2))) end -= 2;
      const length = end - i;
      if (length < 3 && !digit) {
        i = j;
        continue;
      }
      const stemEnd = length > 4 && lower[text.charCodeAt(end - 1)] === S && lower[text.charCodeAt(end - 2)] !== S ? end - 1 : end;
      // The stem is a prefix of the word: hash it, then go on to the word's end.
      const stemHash = fnv1aLower(text, i, stemEnd);
      const h = stemEnd === end ? stemHash : fnv1aLower(text, stemEnd, end, stemHash);
      i = j;
      if (STOP_KEYS.has((h >>> 0) & 0x3fffffff)) continue;
      let w = weight;
      if (table[first]! & UPPER && !wasStart) w *= NAME_WEIGHT;
      else if (digit) w *= j - start >= 3 ? 1.5 : 0.5;
      const key = (stemHash >>> 0) & 0x3fffffff;
      counts.set(key, (counts.get(key) ?? 0) + w);
    }
  };
  if (article.title) add(article.title, 2);
  add(article.text, 1);
  return counts;
}

export interface SparseVector {
  terms: Uint32Array;
  weights: Float32Array;
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

function dot(a: SparseVector, b: Map<number, number>): number {
  let s = 0;
  for (let i = 0; i < a.terms.length; i++) {
    const w = b.get(a.terms[i]!);
    if (w !== undefined) s += a.weights[i]! * w;
  }
  return s;
}

interface Cluster {
  id: number;
  members: number;
  /** Sum of member vectors: dot(doc, sum) / members is the average cosine to the members. */
  sum: Map<number, number>;
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
  #df = new Map<number, number>();
  #docs = 0;
  #clusters: Cluster[] = [];
  /**
   * Term → the stories indexed under it, with each story's current summed weight for the term,
   * kept beside the story number so that scoring candidates reads one array, not each story's map.
   */
  #postings = new Map<number, { clusters: number[]; sums: number[] }>();
  /** IDF weights, valid until the next observe(). */
  #idf = new Map<number, number>();
  /** Scratch space for partial scores, reused across assignments. */
  #acc = new Float64Array(1024);
  #touched: number[] = [];

  constructor(options: GroupOptions = {}) {
    this.options = { ...GROUP_DEFAULTS, ...options };
  }

  /** Document frequencies must be known before vectors are built; one-go grouping counts the pile first. */
  observe(counts: Map<number, number> | TermCounts): void {
    this.#idf.clear();
    this.#docs++;
    for (const t of counts instanceof Map ? counts.keys() : counts.terms) this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
  }

  vector(counts: Map<number, number> | TermCounts): SparseVector {
    const { terms, counts: values } = counts instanceof Map ? compactCounts(counts) : counts;
    // Small piles (a handful of reports of one event) would give the names they all share a
    // near-zero IDF; counting as if the pile had at least MIN_DOCS articles keeps them weighty.
    const n = Math.max(this.#docs, MIN_DOCS);
    const kept: number[] = [];
    const weights = new Float64Array(terms.length);
    for (let k = 0; k < terms.length; k++) {
      const t = terms[k]!;
      let idf = this.#idf.get(t);
      if (idf === undefined) {
        const df = this.#df.get(t) ?? 1;
        // Terms in one article only say nothing about which story it shares (idf 0 drops them).
        idf = df < 2 && this.#docs > 20 ? 0 : Math.log((n + 1) / df) ** IDF_POWER;
        this.#idf.set(t, idf);
      }
      if (idf === 0) continue;
      weights[k] = (1 + Math.log(values[k]!)) * idf;
      kept.push(k);
    }
    kept.sort((a, b) => weights[b]! - weights[a]!);
    if (kept.length > this.options.vectorTerms) kept.length = this.options.vectorTerms;
    let norm = 0;
    for (const k of kept) norm += weights[k]! * weights[k]!;
    norm = Math.sqrt(norm) || 1;
    const vec = { terms: new Uint32Array(kept.length), weights: new Float32Array(kept.length) };
    kept.forEach((k, i) => {
      vec.terms[i] = terms[k]!;
      vec.weights[i] = weights[k]! / norm;
    });
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
    let best = current;
    let bestScore = ownScore + margin;
    for (const c of this.#shortlist(vec, time, (c) => c === current)) {
      const cluster = this.#clusters[c]!;
      const score = dot(vec, cluster.sum) / cluster.members;
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
   * from the inverted index, keep the best few that are inside the time window.
   */
  #shortlist(vec: SparseVector, time: number | null, skip: (cluster: number) => boolean): number[] {
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
    for (let i = 0; i < Math.min(queryTerms, vec.terms.length); i++) {
      const term = vec.terms[i]!;
      const posting = this.#postings.get(term);
      if (!posting || posting.clusters.length > MAX_POSTING) continue;
      const w = vec.weights[i]!;
      const { clusters, sums } = posting;
      for (let k = 0; k < clusters.length; k++) {
        const c = clusters[k]!;
        if (acc[c] === 0) touched.push(c);
        acc[c] = acc[c]! + w * sums[k]! + 1e-12;
      }
    }
    // Keep the best few by partial score (a small insertion list beats sorting every candidate).
    const shortlist: [number, number][] = [];
    for (const c of touched) {
      const cluster = this.#clusters[c]!;
      const p = acc[c]! / cluster.members;
      acc[c] = 0;
      if (skip(c)) continue;
      if (!cluster.members) continue;
      if (time !== null && Number.isFinite(cluster.minTime) && (time < cluster.minTime - window || time > cluster.maxTime + window)) continue;
      if (shortlist.length === SHORTLIST && p <= shortlist[SHORTLIST - 1]![1]) continue;
      let at = shortlist.length;
      while (at > 0 && shortlist[at - 1]![1] < p) at--;
      shortlist.splice(at, 0, [c, p]);
      if (shortlist.length > SHORTLIST) shortlist.pop();
    }
    return shortlist.map(([c]) => c);
  }

  /** Places one article; returns the index of its story (stable for the life of the index). */
  assign(vec: SparseVector, time: number | null, forbidden: ReadonlySet<number> = new Set()): number {
    let best = -1;
    let bestScore = this.options.threshold;
    for (const c of this.#shortlist(vec, time, (c) => forbidden.has(c))) {
      const cluster = this.#clusters[c]!;
      const score = dot(vec, cluster.sum) / cluster.members;
      if (score >= bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best === -1) {
      best = this.#clusters.length;
      this.#clusters.push({ id: best, members: 0, sum: new Map(), minTime: Infinity, maxTime: -Infinity, indexed: new Map() });
    }
    this.add(best, vec, time);
    return best;
  }

  /** Adds an article to a given story (used for corrections a person made, and by assign). */
  add(clusterIndex: number, vec: SparseVector, time: number | null): void {
    while (this.#clusters.length <= clusterIndex) {
      this.#clusters.push({ id: this.#clusters.length, members: 0, sum: new Map(), minTime: Infinity, maxTime: -Infinity, indexed: new Map() });
    }
    const cluster = this.#clusters[clusterIndex]!;
    cluster.members++;
    this.#addWeights(cluster, vec, 1);
    if (time !== null) {
      cluster.minTime = Math.min(cluster.minTime, time);
      cluster.maxTime = Math.max(cluster.maxTime, time);
    }
  }

  /** Adds (sign 1) or takes away (sign -1) an article's weights in a story's sums and postings. */
  #addWeights(cluster: Cluster, vec: SparseVector, sign: 1 | -1): void {
    for (let i = 0; i < vec.terms.length; i++) {
      const t = vec.terms[i]!;
      const sum = (cluster.sum.get(t) ?? 0) + sign * vec.weights[i]!;
      cluster.sum.set(t, sum);
      const at = cluster.indexed.get(t);
      if (at !== undefined) this.#postings.get(t)!.sums[at] = sum;
      else if (sign > 0 && i < this.options.queryTerms) {
        let posting = this.#postings.get(t);
        if (!posting) this.#postings.set(t, (posting = { clusters: [], sums: [] }));
        cluster.indexed.set(t, posting.clusters.length);
        posting.clusters.push(cluster.id);
        posting.sums.push(sum);
      }
    }
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
  #counts: (TermCounts | null)[] = [];
  #times: (number | null)[] = [];

  constructor(options: GroupOptions) {
    this.#index = new StoryIndex(options);
  }

  read(a: GroupArticle): void {
    const c = compactCounts(termCounts(a));
    this.#index.observe(c);
    this.#counts.push(c);
    this.#times.push(timeOf(a));
  }

  group(): number[] {
    const index = this.#index;
    const counts = this.#counts;
    const times = this.#times;
    const order = counts.map((_, i) => i).sort((i, j) => (times[i] ?? Infinity) - (times[j] ?? Infinity) || i - j);
    const vectors = counts.map((c, i) => {
      counts[i] = null;
      return index.vector(c!);
    });
    const out = new Array<number>(vectors.length);
    for (const i of order) out[i] = index.assign(vectors[i]!, times[i]!);
    // One pass of second looks: articles placed before their story had formed may move.
    for (let pass = 0; pass < REVISIT_PASSES; pass++) for (const i of order) out[i] = index.revisit(vectors[i]!, out[i]!, times[i]!);
    return out;
  }
}

function selfDot(vec: SparseVector): number {
  let s = 0;
  for (let i = 0; i < vec.weights.length; i++) s += vec.weights[i]! * vec.weights[i]!;
  return s;
}
