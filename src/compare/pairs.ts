import type { FactLink } from '../core/analysis.ts';
import { wordVectors } from '../text/vectors.ts';
import { STOP } from './lexicon.ts';

/**
 * Does sentence B state something sentence A states? The comparison's core decision, made by a
 * logistic model over measures of what two sentences of a story share (weights fitted on the
 * annotated development events by `npm run eval -- fit-compare`; see PAIR_MODEL).
 *
 * Every measure is computed from the sentences and the story they belong to, nothing else: word
 * weights come from how many of the story's sentences use a word, which is what tells a story's
 * detail ("Bellingham") from its background ("said", "Tuesday"). Words that mean nearly the same
 * ("visited" and "toured") count as nearly the same through word vectors from general usage
 * (src/text/vectors.ts): how much of each sentence's weight the other covers, word by word, and
 * how close their weighted mean vectors are.
 */

export interface PairUnit {
  /** Content-word stems, in order. */
  stems: string[];
  /** The same content words unstemmed, lower case (what the word vectors know). */
  words: string[];
  /** Stems of capitalised words after the first: names, by their words ("romney", "akin"). */
  names: Set<string>;
  /** Figures as written ("70", "1,400"). */
  numbers: Set<string>;
  /** Stems of each clause (split at punctuation and clause words): a fact may be one clause of a long sentence. */
  clauses: string[][];
  /** Position of the sentence in its article (0 = first). */
  order: number;
  /** Every word, lower case, in order: quoted words are repeated verbatim across outlets. */
  tokens: string[];
  /** Stems of capitalised words other than function words, the first word too ("amrozi", "iraq"). */
  capitals: Set<string>;
}

/** A light suffix stemmer ("closing", "closed" → "clos"): Porter's was measured and gave no gain here. */
export const stem = (w: string) => {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
};

/** Words of a sentence that say something (not function words), lower case. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:[.,'][\p{L}\p{N}]+)*/gu) ?? [])
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => !STOP.has(w) && !REPORTING.has(w) && (w.length > 2 || /\d/.test(w)));
}

/** Words that attribute rather than state: every outlet's "said" is no evidence of the same fact. */
const REPORTING = new Set(['said', 'says', 'say', 'told', 'according']);

const CLAUSE_BREAK = /[,;:()\u2014]|\s(?:and|but|while|who|which|after|before|because|as|when|said|says)\s/i;

export function pairUnit(text: string, order: number): PairUnit {
  const words = contentWords(text);
  const stems = words.map(stem);
  const clauses = text
    .split(CLAUSE_BREAK)
    .map((c) => (c ? contentWords(c).map(stem) : []))
    .filter((c) => c.length >= 2);
  const names = new Set((text.match(/(?<!^)\b\p{Lu}[\p{L}'-]+/gu) ?? []).map((x) => stem(x.toLowerCase().replace(/'s$/, ''))));
  const numbers = new Set(text.match(/\d[\d,.]*\d|\d/g) ?? []);
  const tokens = text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+/gu) ?? [];
  const capitals = new Set((text.match(/\p{Lu}[\p{L}\p{N}]*/gu) ?? []).map((t) => t.toLowerCase()).filter((t) => !STOP.has(t)).map(stem));
  return { stems, words, names, numbers, clauses, order, tokens, capitals };
}

const NEGATION = new Set(['not', 'no', 'never', 'nor', 'none', 'nothing', 'neither', 'without']);
/** Whether a sentence says no to something: a negation word or a contracted "n't". */
const negated = (u: PairUnit) => u.tokens.some((t) => NEGATION.has(t) || t.endsWith("n't") || t === 't');

/** The measures the model weighs, in PAIR_MODEL.features order. */
export const FEATURES = [
  'cosine',
  'sharedWeight',
  'containedMax',
  'containedMin',
  'clauseCosine',
  'sharedNames',
  'sharedNumbers',
  'lead',
  'position',
  'shorter',
  'longer',
  'sharedWords',
  'commonRun',
  // Word pairs and triples in common, as shares of each sentence's (the n-gram precision and recall
  // machine translation metrics are made of, which tell a paraphrase from a sentence that says more).
  'bigramsMin',
  'bigramsMax',
  'trigramsMax',
  // Figures and names one sentence gives and the other does not: "250 deported" and "300 deported" share every word but one.
  'unmatchedNumbers',
  'unmatchedNames',
  // Every word, function words too, and the two lengths: a paraphrase keeps most of both sentences.
  'tokensMin',
  'lengthRatio',
  // One sentence denies what the other states ("not", "no", "never", "n't").
  'negationMismatch',
  // Word vectors: the share of each sentence's word weight the other covers, a word counting by
  // its closest word there (1 for the same stem), the smaller and larger of the two; and the
  // cosine of the two weighted mean vectors.
  'softCoverMin',
  'softCoverMax',
  'vectorCosine',
  // Measures the pairs heads read (not the link model), after the measures of published paraphrase
  // systems: letter triples in common (the same word in another form the stemmer does not join,
  // "deportation"/"deported"), as a share of the longer sentence and as a cosine of their story
  // weights; the words' edit distance (insertions, deletions and substitutions that turn one
  // sentence into the other, over its length: the TER of machine translation); METEOR's recall-
  // weighted word match with its penalty for matches in scattered pieces; capitalised words (names,
  // the first word too) one sentence gives and the other does not have at all; a one-to-one
  // alignment of the two sentences' words by meaning (word vectors), over the shorter; the summed
  // weight of the words only one of the two has; and whether one's figures are all among the
  // other's ("$1.8 billion in 1998" and "in 1998").
  'charTrigramsMin',
  'charTrigramCosine',
  'editDistance',
  'meteor',
  'capitalsAbsent',
  'alignment',
  'unsharedWeight',
  'figuresContained',
] as const;

/** The measures only the pairs heads read (computed only when a head asks: see `features`). */
export const PAIRS_ONLY = ['charTrigramsMin', 'charTrigramCosine', 'editDistance', 'meteor', 'capitalsAbsent', 'alignment', 'unsharedWeight', 'figuresContained'] as const satisfies readonly (typeof FEATURES)[number][];

/**
 * Measures the link model (PAIR_MODEL) leaves out: the word-vector measures. With them its
 * leave-one-event-out pair F1 on the development events stays at 0.477 (the missed pairs share a
 * claim in words no vector brings close), and on those events they added one omission claim, a
 * false one (13 right of 15 against 13 of 14); the two pairs heads below keep them (MSRP accuracy 0.757 → 0.761, STS r
 * 0.761 → 0.772, ten-fold). `npm run eval -- fit-compare` fits the link model without them.
 */
export const LINK_LEAVES_OUT: readonly (typeof FEATURES)[number][] = [
  'softCoverMin',
  'softCoverMax',
  'vectorCosine',
  // Added for the pairs heads (issue 12): the link model was fitted without them and is left as it was.
  ...PAIRS_ONLY,
];

/**
 * Fitted by `npm run eval -- fit-compare` on the 12 development events of ../shared/data/compare
 * (every cross-outlet sentence pair of BASIL's own sentences, labelled by whether the two share an
 * annotated fact). Leave-one-event-out pair F1 at the best threshold: see docs/comparison.md.
 */
export const PAIR_MODEL = {
  weights: [1.159, 3.165, 2.041, 0.652, 1.193, 0.239, 0.888, 0.216, -2.356, -0.415, 0.162, -1.214, 1.188, -0.525, -0.046, -0.165, -0.18, -0.365, 2.055, -0.209, -0.279, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] as number[],
  bias: -2.767,
};

/**
 * Whether two sentences say the same thing, neither saying more (a paraphrase, as people judged the
 * news sentence pairs of MSRP). Fitted by `npm run eval -- fit-pairs` on ../shared/data/pairs/msrp.jsonl,
 * on the same measures; ten-fold cross-validated accuracy in docs/comparison.md. A brief sentence
 * cites another outlet only when that outlet's own sentence says it this way (report/brief.ts).
 */
export const EQUIVALENCE_MODEL = {
  weights: [1.824, 0.019, -1.31, 0.841, -1.194, -0.307, -0.058, 0, 0, -0.626, -0.477, -0.032, -0.459, 1.741, -2.522, -2.027, -0.467, -0.222, 1.169, 0.985, -1.059, 0.401, 0.025, 3.051, 4.464, 0.338, -3.212, 2.141, 0.561, 3.508, 0.736, 0.036] as number[],
  bias: -6.719,
};

/**
 * How close in meaning two sentences are, 0 (unrelated) to 5 (the same), as people graded the
 * SemEval STS news headlines. A linear fit on the same measures (`npm run eval -- fit-pairs`).
 */
export const SIMILARITY_MODEL = {
  weights: [-0.172, 0.364, -0.348, 0.007, 0.175, 0.027, -0.442, 0, 0, 0.439, 0.237, -0.277, 0.212, -0.939, -0.386, -0.094, -0.757, -0.085, 1.175, -0.498, -0.01, 0.179, 0.017, 0.682, 0.744, 2.559, -0.314, -0.718, -0.139, 1.59, 0.311, 0.747] as number[],
  bias: -0.565,
};

/** Each measure's place in a row of measures. */
const AT = Object.fromEntries(FEATURES.map((name, k) => [name, k])) as Record<(typeof FEATURES)[number], number>;
const PAIRS_ONLY_AT = PAIRS_ONLY.map((name) => AT[name]);
/** Two content words are aligned one to one (the `alignment` measure) only from this similarity on. */
const ALIGN_MIN = 0.3;
/** Above every place of a pair of content words in `align`'s similarities. */
const ALIGN_INDEX = 2 ** 20;

/** Two different words shown as matched by meaning in an explanation from this similarity (near synonyms: "visited"/"toured" 0.65). Set by hand. */
const ALIGNED = 0.5;

/** Probabilities below this are only told apart roughly (every decision the comparison makes lies above it). */
const FLOOR = 0.05;

/**
 * Why two sentences are taken to state the same fact: a fact link (core/analysis.ts) without the
 * two sources. Closeness is SIMILARITY_MODEL's, sameMeaning EQUIVALENCE_MODEL's; words are stems;
 * verbatim is the longest shared run of three words or more.
 */
export type PairExplanation = Omit<FactLink, 'sources' | 'measures'> & { measures: { name: (typeof FEATURES)[number]; value: number; adds: number }[] };

export interface PairScorer {
  /** Probability that the two sentences share a fact. */
  probability(a: PairUnit, b: PairUnit): number;
  /** Probability that the two say the same thing, neither saying more (EQUIVALENCE_MODEL). */
  equivalence(a: PairUnit, b: PairUnit): number;
  /** Closeness in meaning, 0 to 5 (SIMILARITY_MODEL). */
  similarity(a: PairUnit, b: PairUnit): number;
  explain(a: PairUnit, b: PairUnit): PairExplanation;
  features(a: PairUnit, b: PairUnit): number[];
  /** Content words two units share (stems). */
  shared(a: PairUnit, b: PairUnit): string[];
}

/** A scorer for the sentences of one story: word weights are computed over `units`. */
export function createPairScorer(units: PairUnit[], model = PAIR_MODEL): PairScorer {
  const df = new Map<string, number>();
  for (const u of units) for (const s of new Set(u.stems)) df.set(s, (df.get(s) ?? 0) + 1);
  const n = units.length;
  const idf = (s: string) => Math.log((n + 1) / ((df.get(s) ?? 0) + 0.5));
  const tokenIds = new Map<string, number>();
  /** The word of each token id (ids are handed out in order). */
  const tokenWords: string[] = [];
  // A sentence's weighted words as parallel arrays sorted by word id: two sentences are compared by
  // one merge of their arrays (hundreds of thousands of pairs in a long story; string-keyed maps
  // cost several times as much).
  const stemIds = new Map<string, number>();
  const stemIdfs: number[] = [];
  type Weighted = { vector: Map<string, number>; ids: Int32Array; values: Float64Array; norm: number; mass: number };
  /** Each distinct content word with its story weight and vector row (-1: none), and the weighted mean vector. */
  type Soft = { words: string[]; stems: string[]; rows: Int32Array; weights: Float64Array; total: number; mean: Float64Array; meanNorm: number };
  // `soft` is made on first need (softOf): the link model leaves the vector measures out, so a
  // comparison's hundreds of thousands of scored pairs never pay for it, only explanations and the pairs heads do.
  type Prepared = Weighted & { unit: PairUnit; clauses: Weighted[]; tokens: Int32Array; tokenSet: Float64Array; bigrams: Float64Array; trigrams: Float64Array; negated: boolean; soft?: Soft; letters?: Letters; places?: Map<number, number[]> };
  const soften = (u: PairUnit): Soft => {
    const vectors = wordVectors();
    const words: string[] = [];
    const stems: string[] = [];
    u.stems.forEach((s, i) => {
      if (!stems.includes(s)) {
        stems.push(s);
        words.push(u.words[i]!);
      }
    });
    const rows = Int32Array.from(words, (w) => vectors.row(w));
    const weights = Float64Array.from(stems, idf);
    const mean = new Float64Array(vectors.dimensions);
    rows.forEach((row, i) => row >= 0 && vectors.add(row, weights[i]!, mean));
    let norm = 0;
    for (const x of mean) norm += x * x;
    return { words, stems, rows, weights, total: weights.reduce((s, w) => s + w, 0) || 1, mean, meanNorm: Math.sqrt(norm) };
  };
  const softOf = (p: Prepared): Soft => (p.soft ??= soften(p.unit));
  /**
   * What the pairs heads' own measures read of a sentence (PAIRS_ONLY), made on first need like
   * `soft`: its letter triples (`letterTrigrams`, sorted) with their counts and story weights, its words
   * stemmed, and its figures written one way ("1,400" and "1400.0" as "1400").
   */
  type Letters = { ids: Int32Array; counts: Int32Array; weighted: Float64Array; count: number; norm: number; stems: string[]; stemSet: Set<string>; figures: Set<string> };
  // Letter-triple weights come from the story's sentences, as word weights do: counted on first need,
  // in an array indexed by the triple (`letterTrigrams`), each sentence's triples once.
  let letterDf: Int32Array | null = null;
  const letterIdf = (g: number) => {
    if (!letterDf) {
      letterDf = new Int32Array(TRIGRAM_SLOTS);
      const seen = new Int32Array(TRIGRAM_SLOTS).fill(-1);
      units.forEach((u, k) => {
        for (const t of letterTrigrams(u.tokens)) {
          if (seen[t] !== k) {
            seen[t] = k;
            letterDf![t]!++;
          }
        }
      });
    }
    return Math.log((n + 1) / (letterDf[g]! + 0.5));
  };
  const lettersOf = (p: Prepared): Letters => {
    if (p.letters) return p.letters;
    const all = letterTrigrams(p.unit.tokens).sort();
    const ids: number[] = [];
    const counts: number[] = [];
    for (let k = 0; k < all.length; k++) {
      if (k && all[k] === all[k - 1]) counts[counts.length - 1]!++;
      else {
        ids.push(all[k]!);
        counts.push(1);
      }
    }
    const weighted = Float64Array.from(ids, (g, k) => counts[k]! * letterIdf(g));
    let norm = 0;
    for (const w of weighted) norm += w * w;
    const stems = p.unit.tokens.map(stem);
    const figures = new Set([...p.unit.numbers].map((x) => x.replace(/,/g, '').replace(/\.0+$/, '')));
    return (p.letters = { ids: Int32Array.from(ids), counts: Int32Array.from(counts), weighted, count: all.length, norm: Math.sqrt(norm), stems, stemSet: new Set(stems), figures });
  };
  /**
   * One-to-one alignment of two sentences' content words, the most similar pair first (1 for the
   * same stem, word vectors otherwise, `sims` from `similarities`; none under ALIGN_MIN): the summed similarity.
   */
  const align = (a: Soft, b: Soft, sims: Float64Array): number => {
    // Each candidate pair as one number, its similarity (to a millionth) above its place in `sims`,
    // so that a typed array's own sort orders them: most similar first, then the earlier pair.
    // (A sentence pair of over a million content-word pairs, none in news, is aligned in part.)
    const width = b.stems.length;
    const keys: number[] = [];
    for (let i = 0; i < a.stems.length && (i + 1) * width <= ALIGN_INDEX; i++) {
      for (let j = 0; j < width; j++) {
        const sim = a.stems[i] === b.stems[j] ? 1 : sims[i * width + j]!;
        if (sim >= ALIGN_MIN) keys.push(Math.round(sim * 1e6) * ALIGN_INDEX + (ALIGN_INDEX - 1 - (i * width + j)));
      }
    }
    const sorted = Float64Array.from(keys).sort();
    const usedA = new Uint8Array(a.stems.length);
    const usedB = new Uint8Array(width);
    let total = 0;
    for (let k = sorted.length - 1; k >= 0; k--) {
      const at = ALIGN_INDEX - 1 - (sorted[k]! % ALIGN_INDEX);
      const [i, j] = [Math.floor(at / width), at % width];
      if (usedA[i] || usedB[j]) continue;
      usedA[i] = usedB[j] = 1;
      total += a.stems[i] === b.stems[j] ? 1 : sims[at]!;
    }
    return total;
  };
  const { charTrigramsMin: CHAR_MIN, charTrigramCosine: CHAR_COSINE, editDistance: EDIT, meteor: METEOR, capitalsAbsent: CAPITALS, alignment: ALIGNMENT, unsharedWeight: UNSHARED, figuresContained: FIGURES } = AT;
  /** The pairs heads' own measures (PAIRS_ONLY), into `f`. */
  const pairsOnly = (f: number[], pa: Prepared, pb: Prepared, sims: Float64Array) => {
    const [la, lb] = [lettersOf(pa), lettersOf(pb)];
    let common = 0;
    let dot = 0;
    for (let i = 0, j = 0; i < la.ids.length && j < lb.ids.length; ) {
      if (la.ids[i]! < lb.ids[j]!) i++;
      else if (la.ids[i]! > lb.ids[j]!) j++;
      else {
        common += Math.min(la.counts[i]!, lb.counts[j]!);
        dot += la.weighted[i++]! * lb.weighted[j++]!;
      }
    }
    f[CHAR_MIN] = common / (Math.max(la.count, lb.count) || 1);
    f[CHAR_COSINE] = la.norm && lb.norm ? dot / (la.norm * lb.norm) : 0;
    f[EDIT] = editDistance(pa.tokens, pb.tokens) / (Math.max(pa.tokens.length, pb.tokens.length) || 1);
    f[METEOR] = (meteor(la.stems, lb.stems) + meteor(lb.stems, la.stems)) / 2;
    let absent = 0;
    for (const x of pa.unit.capitals) if (!lb.stemSet.has(x)) absent++;
    for (const x of pb.unit.capitals) if (!la.stemSet.has(x)) absent++;
    f[CAPITALS] = Math.min(absent, 8) / 4;
    const [sa, sb] = [softOf(pa), softOf(pb)];
    f[ALIGNMENT] = align(sa, sb, sims) / (Math.min(sa.stems.length, sb.stems.length) || 1);
    let unshared = 0;
    for (const s of pa.vector.keys()) if (!pb.vector.has(s)) unshared += idf(s);
    for (const s of pb.vector.keys()) if (!pa.vector.has(s)) unshared += idf(s);
    f[UNSHARED] = unshared / (pa.mass + pb.mass);
    const [fa, fb] = [la.figures, lb.figures];
    f[FIGURES] = fa.size && fb.size && ([...fa].every((x) => fb.has(x)) || [...fb].every((x) => fa.has(x))) ? 1 : 0;
    return f;
  };
  /** Word-vector similarity of each content word of `a` to each of `b`, row by row (NaN where either has no vector): computed once for a pair, read by every vector measure. */
  const similarities = (a: Soft, b: Soft): Float64Array => {
    const vectors = wordVectors();
    const out = new Float64Array(a.rows.length * b.rows.length).fill(NaN);
    for (let i = 0; i < a.rows.length; i++) {
      if (a.rows[i]! < 0) continue;
      for (let j = 0; j < b.rows.length; j++) if (b.rows[j]! >= 0) out[i * b.rows.length + j] = vectors.similarity(a.rows[i]!, b.rows[j]!);
    }
    return out;
  };
  /**
   * The closest word of `b` to each word of `a`: its index and similarity (1 for the same stem, -1
   * index when none comes close). `sims` is `similarities(a, b)`, or `similarities(b, a)` when `flipped`.
   */
  const closest = (a: Soft, b: Soft, bStems: Map<string, number>, sims: Float64Array, flipped = false): [number, number][] =>
    a.stems.map((s, i) => {
      if (bStems.has(s)) return [-1, 1];
      let best: [number, number] = [-1, 0];
      if (a.rows[i]! < 0) return best;
      for (let j = 0; j < b.rows.length; j++) {
        if (b.rows[j]! < 0) continue;
        const sim = flipped ? sims[j * a.rows.length + i]! : sims[i * b.rows.length + j]!;
        if (sim > best[1]) best = [j, sim];
      }
      return best;
    });
  /** Share of a's word weight that b covers, each word by its closest word in b. */
  const cover = (a: Soft, b: Soft, bStems: Map<string, number>, sims: Float64Array, flipped = false) =>
    closest(a, b, bStems, sims, flipped).reduce((sum, [, sim], i) => sum + a.weights[i]! * sim, 0) / a.total;
  const weigh = (stems: string[]): Weighted => {
    const vector = new Map<string, number>();
    for (const s of stems) vector.set(s, (vector.get(s) ?? 0) + idf(s));
    let norm = 0;
    let mass = 0;
    const entries: [number, number][] = [];
    for (const [s, x] of vector) {
      norm += x * x;
      mass += idf(s);
      let id = stemIds.get(s);
      if (id === undefined) {
        stemIds.set(s, (id = stemIdfs.length));
        stemIdfs.push(idf(s));
      }
      entries.push([id, x]);
    }
    entries.sort((x, y) => x[0] - y[0]);
    return { vector, ids: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1]), norm: Math.sqrt(norm) || 1, mass: mass || 1 };
  };
  // What the last `merge` found besides the dot product: kept here rather than returned in a new
  // array, as merge runs for every pair and clause pair (millions in a long story).
  let mergedCommon = 0;
  let mergedWeight = 0;
  /** The dot product of the two weight vectors; the words in common and their summed weight go to mergedCommon and mergedWeight. */
  const merge = (a: Weighted, b: Weighted): number => {
    let i = 0;
    let j = 0;
    let common = 0;
    let weight = 0;
    let dot = 0;
    const ai = a.ids;
    const bi = b.ids;
    while (i < ai.length && j < bi.length) {
      const x = ai[i]!;
      const y = bi[j]!;
      if (x < y) i++;
      else if (x > y) j++;
      else {
        common++;
        weight += stemIdfs[x]!;
        dot += a.values[i]! * b.values[j]!;
        i++;
        j++;
      }
    }
    mergedCommon = common;
    mergedWeight = weight;
    return dot;
  };
  // Everything a pair's measures read is computed once per sentence, not once per pair: a story of
  // twenty long articles has hundreds of thousands of pairs.
  const prepared = new Map<PairUnit, Prepared>();
  const prepare = (u: PairUnit) => {
    let p = prepared.get(u);
    if (!p) {
      const tokens = Int32Array.from(u.tokens, (t) => {
        let id = tokenIds.get(t);
        if (id === undefined) {
          tokenIds.set(t, (id = tokenWords.length));
          tokenWords.push(t);
        }
        return id;
      });
      const bigrams: number[] = [];
      const trigrams: number[] = [];
      for (let k = 1; k < tokens.length; k++) bigrams.push(tokens[k - 1]! * 1_000_003 + tokens[k]!);
      // A hash of three ids: a rare collision only adds a word triple in common.
      for (let k = 2; k < tokens.length; k++) trigrams.push(((tokens[k - 2]! * 1_000_003 + tokens[k - 1]!) * 31 + tokens[k]!) % 9_007_199_254_740_881);
      p = { ...weigh(u.stems), clauses: u.clauses.map(weigh), tokens, tokenSet: sortedSet(tokens), bigrams: sortedSet(bigrams), trigrams: sortedSet(trigrams), negated: negated(u), unit: u };
      prepared.set(u, p);
    }
    return p;
  };
  const cosine = (a: Weighted, b: Weighted) => merge(a, b) / (a.norm * b.norm);
  const shared = (a: PairUnit, b: PairUnit) => {
    const va = prepare(a).vector;
    const vb = prepare(b).vector;
    const [small, large] = va.size <= vb.size ? [va, vb] : [vb, va];
    return [...small.keys()].filter((s) => large.has(s));
  };
  /**
   * The measures that cost a pass over the two word vectors, written into `f` (the others as 0: the
   * clause and run measures come after, see `probability`; `costly` and `pairsOnly` set theirs when
   * read). The pair loop passes one array for all its pairs: a new one each time was most of what a
   * long story's comparison left to the garbage collector.
   */
  const cheap = (a: PairUnit, b: PairUnit, pa: Prepared, pb: Prepared, f: number[] = new Array<number>(FEATURES.length)): number[] => {
    const dot = merge(pa, pb);
    const common = mergedCommon;
    const weight = mergedWeight;
    let names = 0;
    for (const x of a.names) if (b.names.has(x)) names++;
    let numbers = 0;
    for (const x of a.numbers) if (b.numbers.has(x)) numbers++;
    const unmatchedNumbers = Math.min(3, a.numbers.size + b.numbers.size - 2 * numbers);
    const unmatchedNames = a.names.size + b.names.size ? (a.names.size + b.names.size - 2 * names) / (a.names.size + b.names.size) : 0;
    f.fill(0);
    f[AT.cosine] = dot / (pa.norm * pb.norm);
    f[AT.sharedWeight] = weight / 10;
    f[AT.containedMax] = Math.max(weight / pa.mass, weight / pb.mass);
    f[AT.containedMin] = Math.min(weight / pa.mass, weight / pb.mass);
    f[AT.sharedNames] = names / 3;
    f[AT.sharedNumbers] = numbers;
    f[AT.lead] = Math.min(a.order, b.order) < 3 ? 1 : 0;
    f[AT.position] = Math.min(2, Math.max(a.order, b.order) / 30);
    f[AT.shorter] = Math.min(a.stems.length, b.stems.length) / 20;
    f[AT.longer] = Math.max(a.stems.length, b.stems.length) / 20;
    f[AT.sharedWords] = common / 5;
    f[AT.unmatchedNumbers] = unmatchedNumbers / 3;
    f[AT.unmatchedNames] = unmatchedNames;
    f[AT.lengthRatio] = Math.min(a.tokens.length, b.tokens.length) / (Math.max(a.tokens.length, b.tokens.length) || 1);
    f[AT.negationMismatch] = pa.negated !== pb.negated ? 1 : 0;
    return f;
  };
  const CLAUSE = AT.clauseCosine;
  const RUN = AT.commonRun;
  const SHARED_WORDS = AT.sharedWords;
  const BIGRAMS_MIN = AT.bigramsMin;
  const BIGRAMS_MAX = AT.bigramsMax;
  const TRIGRAMS_MAX = AT.trigramsMax;
  const TOKENS_MIN = AT.tokensMin;
  const SOFT_MIN = AT.softCoverMin;
  const SOFT_MAX = AT.softCoverMax;
  const VECTOR_COSINE = AT.vectorCosine;
  /** The longest run of words two sentences share (`longestCommonSpan`), with where b's words stand made once per sentence. */
  const commonSpan = (pa: Prepared, pb: Prepared): [number, number] => longestCommonSpan(pa.tokens, pb.tokens, (pb.places ??= placesIn(pb.tokens)));
  /** How many values two sorted sets (`sortedSet`) have in common: one merge, no hashing (it runs for most pairs). */
  const overlap = (x: Float64Array, y: Float64Array) => {
    let common = 0;
    for (let i = 0, j = 0; i < x.length && j < y.length; ) {
      if (x[i]! < y[j]!) i++;
      else if (x[i]! > y[j]!) j++;
      else {
        common++;
        i++;
        j++;
      }
    }
    return common;
  };
  const RUN_CAP = 12;
  // The vector measures cost a word-by-word pass over both sentences: only a model that weighs them pays for it.
  const soft = (m: { weights: number[] }) => [SOFT_MIN, SOFT_MAX, VECTOR_COSINE].some((k) => (m.weights[k] ?? 0) !== 0);
  const linkSoft = soft(model);
  // Nor for the pairs heads' own measures (PAIR_MODEL leaves them out).
  const linkPairsOnly = PAIRS_ONLY_AT.some((k) => (model.weights[k] ?? 0) !== 0);
  /** The measures of words in common in order (word pairs and triples, every word): set intersections, cheaper than the clause and run measures. Returns the word pairs in common. */
  const overlaps = (f: number[], pa: Prepared, pb: Prepared): number => {
    const bigrams = overlap(pa.bigrams, pb.bigrams);
    const tokens = overlap(pa.tokenSet, pb.tokenSet);
    f[TOKENS_MIN] = Math.min(tokens / (pa.tokenSet.length || 1), tokens / (pb.tokenSet.length || 1));
    if (bigrams) {
      f[BIGRAMS_MIN] = Math.min(bigrams / (pa.bigrams.length || 1), bigrams / (pb.bigrams.length || 1));
      f[BIGRAMS_MAX] = Math.max(bigrams / (pa.bigrams.length || 1), bigrams / (pb.bigrams.length || 1));
      const trigrams = overlap(pa.trigrams, pb.trigrams);
      f[TRIGRAMS_MAX] = Math.max(trigrams / (pa.trigrams.length || 1), trigrams / (pb.trigrams.length || 1));
    }
    // Sentences with no word pair in common share runs of one word at most: that run is known now.
    f[RUN] = bigrams ? 0 : f[SHARED_WORDS] ? 1 / 6 : 0;
    return bigrams;
  };
  /** The best-matching clause pair and the longest verbatim run: a pass over every pair of clauses, and over both sentences' words. */
  const clauseAndRun = (f: number[], pa: Prepared, pb: Prepared, bigrams: number) => {
    let clause = 0;
    if (f[SHARED_WORDS]) for (const ca of pa.clauses) for (const cb of pb.clauses) clause = Math.max(clause, cosine(ca, cb));
    f[CLAUSE] = clause;
    // The longest shared run is looked for only when the two share two words in a row.
    if (bigrams) f[RUN] = Math.min(commonSpan(pa, pb)[1], RUN_CAP) / 6;
  };
  /** `sims`: `similarities` of the two (null: the vector measures are left at 0). */
  const costly = (f: number[], pa: Prepared, pb: Prepared, sims: Float64Array | null) => {
    clauseAndRun(f, pa, pb, overlaps(f, pa, pb));
    if (sims) {
      const [sa, sb] = [softOf(pa), softOf(pb)];
      const [ab, ba] = [cover(sa, sb, pb.vector, sims), cover(sb, sa, pa.vector, sims, true)];
      f[SOFT_MIN] = Math.min(ab, ba);
      f[SOFT_MAX] = Math.max(ab, ba);
      let dot = 0;
      for (let k = 0; k < sa.mean.length; k++) dot += sa.mean[k]! * sb.mean[k]!;
      f[VECTOR_COSINE] = sa.meanNorm && sb.meanNorm ? dot / (sa.meanNorm * sb.meanNorm) : 0;
    }
    return f;
  };
  // A comparison asks the heads about one pair more than once (a fact's sentences, then its line
  // in the brief: a quarter of the asks on a long story), so every measure of a pair is kept.
  const measured = new Map<Prepared, Map<Prepared, number[]>>();
  // An explanation reads the word similarities of the pair whose measures were most often computed
  // just before (a fact's links are new pairs): the last ones are kept rather than all (kilobytes a pair).
  let lastSimilarities: { pa: Prepared; pb: Prepared; sims: Float64Array } | null = null;
  const similaritiesOf = (pa: Prepared, pb: Prepared) =>
    lastSimilarities && lastSimilarities.pa === pa && lastSimilarities.pb === pb ? lastSimilarities.sims : similarities(softOf(pa), softOf(pb));
  /** Every measure of the pair, all computed: what the heads read (kept; not to be changed). */
  const allMeasures = (a: PairUnit, b: PairUnit): number[] => {
    const pa = prepare(a);
    const pb = prepare(b);
    let row = measured.get(pa);
    if (!row) measured.set(pa, (row = new Map()));
    let f = row.get(pb);
    if (!f) {
      const sims = similarities(softOf(pa), softOf(pb));
      lastSimilarities = { pa, pb, sims };
      row.set(pb, (f = pairsOnly(costly(cheap(a, b, pa, pb), pa, pb, sims), pa, pb, sims)));
    }
    return f;
  };
  const features = (a: PairUnit, b: PairUnit): number[] => allMeasures(a, b).slice();
  // The link model's measures with a weight: it runs for every pair, and most heads' measures are 0 to it.
  const weighed = model.weights.flatMap((w, k) => (w ? [k] : []));
  const linear = (f: number[], m: { weights: number[]; bias: number } = model) => {
    let z = m.bias;
    if (m === model) for (const k of weighed) z += model.weights[k]! * f[k]!;
    else for (let k = 0; k < f.length; k++) z += (m.weights[k] ?? 0) * f[k]!;
    return z;
  };
  // Most pairs of a long story share a word or two and nothing more: when even the largest clause
  // and run measures could not lift a pair to FLOOR, the cheap measures decide.
  const headroom = linkPairsOnly ? Infinity : [CLAUSE, BIGRAMS_MIN, BIGRAMS_MAX, TRIGRAMS_MAX, TOKENS_MIN, SOFT_MIN, SOFT_MAX, VECTOR_COSINE].reduce((sum, k) => sum + Math.max(0, model.weights[k] ?? 0), 0) + Math.max(0, model.weights[RUN]!) * (RUN_CAP / 6);
  const floorLogit = Math.log(FLOOR / (1 - FLOOR));
  /** The one row of measures `probability` fills for every pair it scores (nothing keeps it). */
  const scratch = new Array<number>(FEATURES.length).fill(0);
  return {
    features,
    shared,
    explain(a, b) {
      const f = features(a, b);
      const pa = prepare(a);
      const pb = prepare(b);
      const [at, length] = commonSpan(pa, pb);
      return {
        probability: 1 / (1 + Math.exp(-linear(f))),
        closeness: Math.round(Math.min(5, Math.max(0, linear(f, SIMILARITY_MODEL))) * 100) / 100,
        sameMeaning: Math.round((1 / (1 + Math.exp(-linear(f, EQUIVALENCE_MODEL)))) * 1000) / 1000,
        words: shared(a, b)
          .map((word) => ({ word, weight: Math.round(idf(word) * 100) / 100 }))
          .sort((x, y) => y.weight - x.weight),
        names: [...a.names].filter((x) => b.names.has(x)),
        numbers: [...a.numbers].filter((x) => b.numbers.has(x)),
        verbatim: length >= 3 ? Array.from(pa.tokens.subarray(at, at + length), (id) => tokenWords[id]!).join(' ') : null,
        aligned: closest(softOf(pa), softOf(pb), pb.vector, similaritiesOf(pa, pb))
          .flatMap(([j, similarity], i) => (j >= 0 && similarity >= ALIGNED ? [{ word: softOf(pa).words[i]!, to: softOf(pb).words[j]!, similarity: Math.round(similarity * 100) / 100 }] : []))
          .sort((x, y) => y.similarity - x.similarity),
        measures: FEATURES.map((name, k) => ({ name, value: Math.round(f[k]! * 1000) / 1000, adds: Math.round(f[k]! * model.weights[k]! * 1000) / 1000 })),
      };
    },
    equivalence(a, b) {
      return 1 / (1 + Math.exp(-linear(allMeasures(a, b), EQUIVALENCE_MODEL)));
    },
    similarity(a, b) {
      return Math.min(5, Math.max(0, linear(allMeasures(a, b), SIMILARITY_MODEL)));
    },
    probability(a, b) {
      const pa = prepare(a);
      const pb = prepare(b);
      const f = cheap(a, b, pa, pb, scratch);
      const z = linear(f);
      if (z + headroom < floorLogit) return 1 / (1 + Math.exp(-z));
      if (!linkSoft && !linkPairsOnly) {
        // Once the overlaps are known, what the clause and run measures could still add is bounded
        // by them (no word pair in common: no run longer than one word). Over half the pairs of a
        // long story stop here, the pairs that reach FLOOR exactly as before.
        const bigrams = overlaps(f, pa, pb);
        const known = linear(f);
        const more = Math.max(0, model.weights[CLAUSE] ?? 0) + (bigrams ? Math.max(0, model.weights[RUN] ?? 0) * (RUN_CAP / 6) : 0);
        if (known + more < floorLogit) return 1 / (1 + Math.exp(-known));
        clauseAndRun(f, pa, pb, bigrams);
        return 1 / (1 + Math.exp(-linear(f)));
      }
      // A link model that weighs the vector or heads' measures (not PAIR_MODEL): everything it reads.
      const sims = similarities(softOf(pa), softOf(pb));
      const full = costly(f, pa, pb, linkSoft ? sims : null);
      return 1 / (1 + Math.exp(-linear(linkPairsOnly ? pairsOnly(full, pa, pb, sims) : full)));
    },
  };
}

/** The distinct values, sorted (a set two sets are intersected in by one merge). */
function sortedSet(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let n = 0;
  for (let k = 0; k < sorted.length; k++) if (!k || sorted[k] !== sorted[k - 1]) sorted[n++] = sorted[k]!;
  return sorted.slice(0, n);
}

/** Letters as `letterTrigrams` numbers them: the space 0, a–z 1–26, 0–9 27–36, any other letter one of 37–63 by its code. */
const letterCode = (c: number) => (c === 32 ? 0 : c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? c - 21 : 37 + (c % 27));
const TRIGRAM_SLOTS = 1 << 18;

/**
 * Letter triples of a sentence's words, across the spaces between words too ("s t" in "visits
 * today"), the sentence padded by a space, each triple as a number below TRIGRAM_SLOTS: exact for
 * the words' lower-case letters a–z and digits, while other letters share 27 codes (a rare false
 * triple in common). Numbers rather than strings: a story's sentences are counted in an array.
 */
function letterTrigrams(tokens: readonly string[]): Int32Array {
  const text = ` ${tokens.join(' ')} `;
  const out = new Int32Array(Math.max(0, text.length - 2));
  for (let k = 0; k < out.length; k++) out[k] = (letterCode(text.charCodeAt(k)) << 12) | (letterCode(text.charCodeAt(k + 1)) << 6) | letterCode(text.charCodeAt(k + 2));
  return out;
}

/** Fewest words inserted, deleted or replaced to turn one sentence into the other. */
export function editDistance(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  let prev = Uint16Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    [prev, row] = [row, prev];
  }
  return prev[b.length]!;
}

/**
 * METEOR (Banerjee & Lavie 2005) on stemmed words, exact matches only: each word of `a` matched to
 * the first unmatched same word of `b`; the harmonic mean of precision and recall weighted 9 to 1
 * toward recall (what of `b` does `a` give), less a penalty for matches that come in scattered pieces.
 */
export function meteor(a: readonly string[], b: readonly string[]): number {
  const used = new Uint8Array(b.length);
  let matches = 0;
  let chunks = 0;
  let last = -2;
  for (const w of a) {
    let j = -1;
    for (let k = 0; k < b.length; k++) {
      if (!used[k] && b[k] === w) {
        j = k;
        break;
      }
    }
    if (j < 0) {
      last = -2;
      continue;
    }
    used[j] = 1;
    matches++;
    if (j !== last + 1) chunks++;
    last = j;
  }
  if (!matches) return 0;
  const precision = matches / a.length;
  const recall = matches / b.length;
  const fmean = (10 * precision * recall) / (recall + 9 * precision);
  return fmean * (1 - 0.5 * (chunks / matches) ** 3);
}

/** Length of the longest run of words two sentences share verbatim (a quote, a phrase lifted from the wire). */
export function longestCommonRun<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  return longestCommonSpan(a, b)[1];
}

/** Where each item of a sequence stands (item to its places, in order). */
function placesIn<T>(items: ArrayLike<T>): Map<T, number[]> {
  const places = new Map<T, number[]>();
  for (let k = 0; k < items.length; k++) {
    const list = places.get(items[k]!);
    if (list) list.push(k);
    else places.set(items[k]!, [k]);
  }
  return places;
}

/**
 * Where in `a` the longest run shared with `b` starts, and its length (the first of the longest).
 * Runs are followed from the places the two sequences' items meet (`places`: `placesIn(b)`, which a
 * caller asking again of the same `b` keeps), a few dozen in two sentences, rather than by filling a
 * table of every item against every other (the comparison asks this of thousands of pairs).
 */
function longestCommonSpan<T>(a: ArrayLike<T>, b: ArrayLike<T>, places: Map<T, number[]> = placesIn(b)): [number, number] {
  let best = 0;
  let start = 0;
  for (let i = 0; i < a.length; i++) {
    const list = places.get(a[i]!);
    if (!list) continue;
    for (const j of list) {
      if (i && j && a[i - 1] === b[j - 1]) continue; // inside a run, already followed from its start
      let n = 1;
      while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) n++;
      if (n > best) [best, start] = [n, i];
    }
  }
  return [start, best];
}

/**
 * Logistic regression by Newton's method with a light ridge penalty: a dozen features and tens of
 * thousands of pairs converge in a few steps, and no library for it is worth a dependency here.
 */
export function fitLogistic(X: number[][], y: number[], ridge = 1e-4, steps = 25): { weights: number[]; bias: number } {
  const d = X[0]!.length + 1;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < X.length; i++) {
      const x = [...X[i]!, 1];
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k]! * x[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = Math.max(p * (1 - p), 1e-9);
      for (let k = 0; k < d; k++) {
        g[k]! += (p - y[i]!) * x[k]!;
        for (let l = 0; l < d; l++) H[k]![l]! += r * x[k]! * x[l]!;
      }
    }
    for (let k = 0; k < d - 1; k++) {
      g[k]! += ridge * w[k]! * X.length;
      H[k]![k]! += ridge * X.length;
    }
    const delta = solve(H, g);
    let moved = 0;
    for (let k = 0; k < d; k++) {
      w[k]! -= delta[k]!;
      moved = Math.max(moved, Math.abs(delta[k]!));
    }
    if (moved < 1e-8) break;
  }
  return { weights: w.slice(0, -1), bias: w[d - 1]! };
}

/** Least squares with a light ridge penalty (normal equations): the linear fit of SIMILARITY_MODEL. */
export function fitLinear(X: number[][], y: number[], ridge = 1e-3): { weights: number[]; bias: number } {
  const d = X[0]!.length + 1;
  const A = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const b = new Array<number>(d).fill(0);
  for (let i = 0; i < X.length; i++) {
    const x = [...X[i]!, 1];
    for (let k = 0; k < d; k++) {
      b[k]! += x[k]! * y[i]!;
      for (let l = 0; l < d; l++) A[k]![l]! += x[k]! * x[l]!;
    }
  }
  for (let k = 0; k < d - 1; k++) A[k]![k]! += ridge * X.length;
  const w = solve(A, b);
  return { weights: w.slice(0, -1), bias: w[d - 1]! };
}

/** Gaussian elimination with partial pivoting: H x = g. */
function solve(H: number[][], g: number[]): number[] {
  const d = g.length;
  const A = H.map((row, k) => [...row, g[k]!]);
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    for (let r = 0; r < d; r++) {
      if (r === c || !A[c]![c]) continue;
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k <= d; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, k) => (row[k] ? row[d]! / row[k]! : 0));
}
