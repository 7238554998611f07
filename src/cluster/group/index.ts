import { fnv1a } from '../minhash/index.ts';

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

// Function words and news boilerplate carry no information about which event a text is about.
const STOP = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below between both but by can
  could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in
  into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own said same
  say says she should so some such than that the their theirs them themselves then there these they this those through to too under until
  up very was we were what when where which while who whom why will with would you your yours yourself told tell according added
  mr mrs ms one two new year years time like get got make made many much may might must us also including since however people
  week day days last first could would another among around back even still well way going since monday tuesday wednesday thursday
  friday saturday sunday reuters ap associated press image photo caption copyright rights reserved read more`.split(/\s+/),
);

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
const stem = (w: string) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/** Weighted term counts: capitalised words (names) and numbers count more, title words twice. */
export function termCounts(article: Pick<GroupArticle, 'title' | 'text'>): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (text: string, weight: number) => {
    let sentenceStart = true;
    for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[.!?]/gu)) {
      const raw = m[0];
      if (raw === '.' || raw === '!' || raw === '?') {
        sentenceStart = true;
        continue;
      }
      const lower = raw.toLowerCase().replace(/['’]s$/, '');
      const wasStart = sentenceStart;
      sentenceStart = false;
      if (STOP.has(lower) || (lower.length < 3 && !/\d/.test(lower))) continue;
      let w = weight;
      if (/^\p{Lu}/u.test(raw) && !wasStart) w *= NAME_WEIGHT;
      else if (/\d/.test(raw)) w *= raw.length >= 3 ? 1.5 : 0.5;
      const key = fnv1a(stem(lower));
      counts.set(key, (counts.get(key) ?? 0) + w);
    }
  };
  if (article.title) add(article.title, 2);
  add(article.text, 1);
  return counts;
}

export interface SparseVector {
  terms: Uint32Array;
  weights: Float64Array;
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
  indexed: Set<number>;
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
  #postings = new Map<number, number[]>();
  /** IDF weights, valid until the next observe(). */
  #idf = new Map<number, number>();
  /** Scratch space for partial scores, reused across assignments. */
  #acc = new Float64Array(1024);
  #touched: number[] = [];

  constructor(options: GroupOptions = {}) {
    this.options = { ...GROUP_DEFAULTS, ...options };
  }

  /** Document frequencies must be known before vectors are built; one-go grouping counts the pile first. */
  observe(counts: Map<number, number>): void {
    this.#idf.clear();
    this.#docs++;
    for (const t of counts.keys()) this.#df.set(t, (this.#df.get(t) ?? 0) + 1);
  }

  vector(counts: Map<number, number>): SparseVector {
    // Small piles (a handful of reports of one event) would give the names they all share a
    // near-zero IDF; counting as if the pile had at least MIN_DOCS articles keeps them weighty.
    const n = Math.max(this.#docs, MIN_DOCS);
    const entries: [number, number][] = [];
    for (const [t, c] of counts) {
      const df = this.#df.get(t) ?? 1;
      // Terms in one article only say nothing about which story it shares.
      if (df < 2 && this.#docs > 20) continue;
      let idf = this.#idf.get(t);
      if (idf === undefined) {
        idf = Math.log((n + 1) / df) ** IDF_POWER;
        this.#idf.set(t, idf);
      }
      entries.push([t, (1 + Math.log(c)) * idf]);
    }
    entries.sort((a, b) => b[1] - a[1]);
    const kept = entries.slice(0, this.options.vectorTerms);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return { terms: Uint32Array.from(kept.map(([t]) => t)), weights: Float64Array.from(kept.map(([, w]) => w / norm)) };
  }

  /**
   * A second look at one placed article: it moves to another story when it resembles that story
   * clearly more than the rest of its own (early articles were placed before their story had
   * formed). Returns the story it ends in.
   */
  revisit(vec: SparseVector, current: number, time: number | null, margin = REVISIT_MARGIN): number {
    const own = this.#clusters[current]!;
    const ownScore = own.members > 1 ? (dot(vec, own.sum) - selfDot(vec)) / (own.members - 1) : this.options.threshold;
    const window = this.options.windowDays * 86_400_000;
    let best = current;
    let bestScore = ownScore + margin;
    const seen = new Set<number>();
    for (let i = 0; i < Math.min(this.options.queryTerms, vec.terms.length); i++) {
      const posting = this.#postings.get(vec.terms[i]!);
      if (!posting || posting.length > MAX_POSTING) continue;
      for (const c of posting) {
        if (c === current || seen.has(c)) continue;
        seen.add(c);
        const cluster = this.#clusters[c]!;
        if (!cluster.members) continue;
        if (time !== null && Number.isFinite(cluster.minTime) && (time < cluster.minTime - window || time > cluster.maxTime + window)) continue;
        const score = dot(vec, cluster.sum) / cluster.members;
        if (score > bestScore && score >= this.options.threshold) [best, bestScore] = [c, score];
      }
    }
    if (best !== current) {
      own.members--;
      for (let i = 0; i < vec.terms.length; i++) own.sum.set(vec.terms[i]!, (own.sum.get(vec.terms[i]!) ?? 0) - vec.weights[i]!);
      this.add(best, vec, time);
    }
    return best;
  }

  /** Places one article; returns the index of its story (stable for the life of the index). */
  assign(vec: SparseVector, time: number | null, forbidden: ReadonlySet<number> = new Set()): number {
    const { threshold, windowDays, queryTerms } = this.options;
    const window = windowDays * 86_400_000;
    // Partial scores over the article's strongest terms pick a short list; only those are scored in full.
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
      if (!posting || posting.length > MAX_POSTING) continue;
      const w = vec.weights[i]!;
      for (const c of posting) {
        const cluster = this.#clusters[c]!;
        if (acc[c] === 0) touched.push(c);
        acc[c] = acc[c]! + (w * (cluster.sum.get(term) ?? 0)) / cluster.members + 1e-12;
      }
    }
    // Keep the best few by partial score (a small insertion list beats sorting every candidate).
    const shortlist: [number, number][] = [];
    for (const c of touched) {
      const p = acc[c]!;
      acc[c] = 0;
      if (forbidden.has(c)) continue;
      if (shortlist.length === SHORTLIST && p <= shortlist[SHORTLIST - 1]![1]) continue;
      let at = shortlist.length;
      while (at > 0 && shortlist[at - 1]![1] < p) at--;
      shortlist.splice(at, 0, [c, p]);
      if (shortlist.length > SHORTLIST) shortlist.pop();
    }
    let best = -1;
    let bestScore = threshold;
    for (const [c] of shortlist) {
      const cluster = this.#clusters[c]!;
      if (time !== null && Number.isFinite(cluster.minTime) && (time < cluster.minTime - window || time > cluster.maxTime + window)) continue;
      const score = dot(vec, cluster.sum) / cluster.members;
      if (score >= bestScore) {
        bestScore = score;
        best = c;
      }
    }
    if (best === -1) {
      best = this.#clusters.length;
      this.#clusters.push({ id: best, members: 0, sum: new Map(), minTime: Infinity, maxTime: -Infinity, indexed: new Set() });
    }
    this.add(best, vec, time);
    return best;
  }

  /** Adds an article to a given story (used for corrections a person made, and by assign). */
  add(clusterIndex: number, vec: SparseVector, time: number | null): void {
    while (this.#clusters.length <= clusterIndex) {
      this.#clusters.push({ id: this.#clusters.length, members: 0, sum: new Map(), minTime: Infinity, maxTime: -Infinity, indexed: new Set() });
    }
    const cluster = this.#clusters[clusterIndex]!;
    cluster.members++;
    for (let i = 0; i < vec.terms.length; i++) {
      const t = vec.terms[i]!;
      cluster.sum.set(t, (cluster.sum.get(t) ?? 0) + vec.weights[i]!);
      if (i < this.options.queryTerms && !cluster.indexed.has(t)) {
        cluster.indexed.add(t);
        const posting = this.#postings.get(t);
        if (posting) posting.push(clusterIndex);
        else this.#postings.set(t, [clusterIndex]);
      }
    }
    if (time !== null) {
      cluster.minTime = Math.min(cluster.minTime, time);
      cluster.maxTime = Math.max(cluster.maxTime, time);
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

/** Groups a pile in one go: returns the story index of each article, in input order. */
export function groupArticles(articles: GroupArticle[], options: GroupOptions = {}): number[] {
  const index = new StoryIndex(options);
  const counts = articles.map((a) => termCounts(a));
  for (const c of counts) index.observe(c);
  const order = articles.map((_, i) => i).sort((i, j) => (timeOf(articles[i]!) ?? Infinity) - (timeOf(articles[j]!) ?? Infinity) || i - j);
  const out = new Array<number>(articles.length);
  const vectors = counts.map((c) => index.vector(c));
  for (const i of order) out[i] = index.assign(vectors[i]!, timeOf(articles[i]!));
  // One pass of second looks: articles placed before their story had formed may move.
  for (let pass = 0; pass < REVISIT_PASSES; pass++) for (const i of order) out[i] = index.revisit(vectors[i]!, out[i]!, timeOf(articles[i]!));
  return out;
}

function selfDot(vec: SparseVector): number {
  let s = 0;
  for (let i = 0; i < vec.weights.length; i++) s += vec.weights[i]! * vec.weights[i]!;
  return s;
}
