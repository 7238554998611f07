import path from 'node:path';
import type {
  ArticleAnalysis,
  ComparisonDetail,
  DateMention,
  ComparisonSource,
  FramingProfile,
  Fact,
  FactLink,
  NumberConflict,
  Quantity,
  QuoteLedgerEntry,
} from '../core/analysis.ts';
import { mergeEntities } from '../text/names.ts';
import { leansOnContext } from '../text/sentences.ts';
import { wordVectors } from '../text/vectors.ts';
import { STOP, VOICE_ROLES } from './lexicon.ts';
import { contentWords, createPairScorer, pairUnit, stem, type PairUnit } from './pairs.ts';

export interface CompareItem {
  /** Stable id of the article (stored id, or a label for files). */
  id: string;
  /** Path or URL exactly as given. */
  input: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  ingestedAt?: string | null;
  wire?: string | null;
  text: string;
  analysis: ArticleAnalysis;
}

export interface CompareOptions {
  /** Probability (of the sentence-pair model) two sentences need to be taken as stating the same fact. */
  factThreshold?: number;
  /** Below this probability, the closest sentence of a source does not state a fact: the fact is left out. */
  omissionThreshold?: number;
  /** Mean link probability a fact's sentences need before another source is said to leave it out. */
  omissionConfidence?: number;
  /** Share of sources a fact must exceed to be reported by most of them (half by default; see mostOutlets). */
  consensusShare?: number;
  /**
   * Work out why each fact's sentences are one fact (`facts[].links`: the link probabilities, shared
   * words, words matched by meaning, every measure). True by default; a caller that shows none of it
   * (the terminal, Markdown, HTML and CSV reports without --explain) saves a sixth of a long story's
   * comparison by leaving it out.
   */
  explain?: boolean;
}

function contentTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [])
    .map((w) => w.replace(/['’]s$/, '').replace(/\.$/, ''))
    .filter((w) => w && !STOP.has(w) && (w.length > 2 || /\d/.test(w)))
    .map(stem);
}

interface Unit {
  source: number;
  text: string;
  start: number;
  end: number;
  opinion: boolean;
  loaded: number;
  order: number;
  /** What the sentence-pair model reads of the sentence. */
  pair: PairUnit;
  /** Whose words the sentence gives, quoted or reported (canonical names). */
  speakers: string[];
  /** Its place in the comparison's list of sentences: pairs are looked up by it. */
  index: number;
}

/**
 * The names a sentence is about, beyond whoever speaks in it: its name stems less every word of a
 * run of capitalised words that holds a speaker's name ("Mayor Ines Falk said …" is about nobody).
 */
function namesBeyondSpeakers(u: Unit): Set<string> {
  if (!u.speakers.length) return u.pair.names;
  const own = (w: string) => stem(w.toLowerCase().replace(/['’]s$/, '').replace(/\.$/, ''));
  const speaking = new Set(u.speakers.flatMap((name) => name.split(/\s+/).map(own)));
  const spoken = new Set<string>();
  for (const run of u.text.match(/\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*/gu) ?? []) {
    const words = run.split(/\s+/).map(own);
    if (words.some((w) => speaking.has(w))) for (const w of words) spoken.add(w);
  }
  return new Set([...u.pair.names].filter((n) => !spoken.has(n)));
}

/** "000_fc683ca72a943fd2.txt" → "000_fc683ca72a943fd2"; stored articles keep their id. */
export function sourceLabel(item: Pick<CompareItem, 'outlet' | 'input' | 'id'>, taken: Set<string>): string {
  const base = item.outlet ?? path.basename(item.input).replace(/\.[a-z0-9]+$/i, '');
  let label = base || item.id;
  for (let n = 2; taken.has(label); n++) label = `${base} (${n})`;
  taken.add(label);
  return label;
}

/**
 * "Most outlets", the one definition: more than `share` of them (half by default), and never fewer
 * than two, nor more than there are. Consensus facts are the facts most outlets report, and only
 * such a fact can be said to be left out by another.
 */
export function mostOutlets(outlets: number, share = 0.5): number {
  return Math.min(outlets, Math.max(2, Math.floor(outlets * share) + 1));
}

/** Words beyond names that two sentences must share to state the same fact. */
const MIN_SHARED_EVIDENCE = 1;
// Thresholds on the sentence-pair model's probability, chosen on the development events with
// `npm run eval -- compare` (docs/comparison.md has the figures each was chosen by).
/**
 * Two sentences of different sources are taken to state the same fact from here: the threshold
 * at which `npm run eval -- fit-compare` finds the best leave-one-event-out pair F1 (0.258), so it
 * is chosen on events the model was not fitted on.
 */
export const FACT_THRESHOLD = 0.26;
/** A source whose closest sentence to a fact stays below this leaves the fact out. */
const OMISSION_THRESHOLD = 0.2;
/** A fact's sources must surely state the same thing (mean link) before another source is said to leave it out. */
const OMISSION_CONFIDENCE = 0.6;
/** A further sentence supports a fact when it links to the fact's sentences of other sources this well (share of the fact threshold). */
const SUPPORT_SHARE = 1;
/** Further sentences of one source a fact shows (the best linked). */
const MAX_MORE_PER_SOURCE = 2;
/** Link probability below which two sentences are not looked at again for support. */
const NEAR = 0.05;
/**
 * Sources of a fact whose sentences all link to one another at least this well (complete
 * linkage), when some other source's do not, share a detail of it. Coverage cells right on the development
 * events: 0.813 / 0.815 / 0.813 at 0.5 / 0.6 / 0.7 (0.798 without details).
 */
const DETAIL_TIGHTNESS = 0.6;
/**
 * Two groups of sentences become one fact when their mean link reaches this share of the fact
 * threshold: every new member must resemble the whole group, not just the one sentence it linked
 * to (no chaining), while a mean over many pairs runs below the best pair. Set by hand, not fitted;
 * `npm run eval -- compare` gates what it gives.
 */
const GROUP_SHARE = 0.75;
/**
 * Word-vector similarity from which a detail's word counts as said by an outlet that uses the other
 * word ("met" and "meeting" 0.78, "quit" and "resigned" 0.73; "met" and "said" 0.60 stay apart).
 * Set by hand.
 */
const DETAIL_SAME_MEANING = 0.7;
/** An approximate figure ("about 250", "nearly 70") covers this share either side of its value. Set by hand. */
const APPROX_SPREAD = 0.15;
/** Two quotations are the same quote when this share of the shorter's words is in the longer (a trimmed quote). Set by hand. */
const QUOTE_CONTAINMENT = 0.5;
/** Below this share of a quote's words found in order in another outlet's version, the quotation marks hold a paraphrase. Set by hand. */
const PARAPHRASE_OVERLAP = 0.7;

/**
 * Lines up what several articles about one story say.
 * 1. Sentences become units; entity aliases get one canonical name across sources (for speakers).
 * 2. Units of different sources that state the same thing (the sentence-pair model of pairs.ts)
 *    are joined into facts: one unit per source at the core, further sentences as support.
 * 3. Coverage: consensus facts (reported by most outlets), facts unique to one source, and per source the consensus
 *    facts it leaves out.
 * 4. Numbers about the same thing are lined up and checked for consistency.
 * 5. The same quote across sources is matched even when trimmed or re-punctuated.
 * 6. Framing per source. Reuse between the articles (cluster stage) and the brief (report stage) are
 *    added by the pipeline (pipeline/compare.ts).
 */
export function compareArticles(items: CompareItem[], options: CompareOptions = {}): ComparisonDetail {
  const factThreshold = options.factThreshold ?? FACT_THRESHOLD;
  const omissionThreshold = options.omissionThreshold ?? OMISSION_THRESHOLD;
  const omissionConfidence = options.omissionConfidence ?? OMISSION_CONFIDENCE;
  const taken = new Set<string>();
  const ids = items.map((item) => sourceLabel(item, taken));
  const sources: ComparisonSource[] = items.map((item, i) => ({
    id: ids[i]!,
    input: item.input,
    outlet: item.outlet,
    title: item.title,
    published: item.published,
    scores: item.analysis.scores,
  }));

  // 1. Canonical names across sources.
  const entities = mergeEntities(items.map((item, i) => ({ source: ids[i]!, entities: item.analysis.entities })));
  const canonical = new Map<string, string>();
  for (const e of entities) for (const name of [e.name, ...e.aliases]) canonical.set(name.toLowerCase(), e.name);
  const canonicalSpeaker = (name: string | null) => (name ? (canonical.get(name.toLowerCase()) ?? name) : null);

  const units: Unit[] = [];
  items.forEach((item, si) => {
    const a = item.analysis;
    a.sentences.forEach((s, order) => {
      const words = s.text.split(/\s+/).length;
      if (words < 5 || !/[.!?"”’]$/.test(s.text.trim())) return;
      const loaded = a.signals.filter((g) => g.start >= s.start && g.end <= s.end && g.category === 'loaded').length;
      const speakers = [...new Set(a.quotes.filter((q) => q.speaker && q.start < s.end && q.end > s.start).map((q) => canonicalSpeaker(q.speaker)!))];
      units.push({ source: si, text: s.text, start: s.start, end: s.end, opinion: s.opinion, loaded, order, pair: pairUnit(s.text, order), speakers, index: units.length });
    });
  });

  const scorer = createPairScorer(units.map((u) => u.pair));
  // What a sentence says beyond who says it: the words that are not names. Two sentences that share
  // only who is speaking ("Mayor Ines Falk said …") state different facts.
  const evidence = units.map((u) => new Set(u.pair.stems.filter((w) => !u.pair.names.has(w))));
  // Before an outlet is said to leave a fact out, every sentence of it that shares a word with the
  // fact counts as a candidate, names too: "Representative Stephen F. Lynch … will challenge Mr.
  // Markey" is told by "Among the potential Democratic candidates are Reps. Stephen F. Lynch … and
  // Edward Markey", which shares nothing but the names. Not the name of who is speaking: "Mayor Ines
  // Falk chaired the meeting" does not tell what Falk is quoted saying.
  const topics = units.map(namesBeyondSpeakers);
  const scores = new Map<number, number>();
  const pairKey = (i: number, j: number) => (i < j ? i * units.length + j : j * units.length + i);
  /** The pair model's probability for two sentences known to share enough words beyond names. */
  const scored = (i: number, j: number): number => {
    const key = pairKey(i, j);
    let p = scores.get(key);
    if (p === undefined) scores.set(key, (p = scorer.probability(units[i]!.pair, units[j]!.pair)));
    return p;
  };
  const similarity = (a: Unit, b: Unit): number => {
    const i = a.index;
    const j = b.index;
    const key = pairKey(i, j);
    const known = scores.get(key);
    if (known !== undefined) return known;
    const small = evidence[i]!.size <= evidence[j]!.size ? evidence[i]! : evidence[j]!;
    const large = small === evidence[i] ? evidence[j]! : evidence[i]!;
    let common = 0;
    for (const w of small) if (large.has(w) && ++common >= MIN_SHARED_EVIDENCE) return scored(i, j);
    scores.set(key, 0);
    return 0;
  };
  /** How close b comes to a when b's outlet is checked for a's fact: their link, else through names other than the speaker's (not kept: linking never reads it). */
  const nearness = (a: Unit, b: Unit): number => {
    const linked = similarity(a, b);
    if (linked) return linked;
    for (const w of topics[a.index]!) if (topics[b.index]!.has(w)) return scorer.probability(a.pair, b.pair);
    return 0;
  };

  // 2. Facts: strongest cross-source pairs first; a fact holds at most one unit per source. Only
  // pairs that share a word are scored (found through an index of words to sentences).
  const withWord = new Map<string, number[]>();
  evidence.forEach((words, i) => {
    for (const w of words) {
      const list = withWord.get(w);
      if (list) list.push(i);
      else withWord.set(w, [i]);
    }
  });
  const pairs: [number, number, number][] = [];
  const seen = new Int32Array(units.length).fill(-1);
  // Sentences of other sources each sentence comes anywhere near: where to look for more support.
  const near = units.map((): number[] => []);
  for (let i = 0; i < units.length; i++) {
    for (const w of evidence[i]!) {
      // Each list holds its sentences in order: only the ones after i, from the end.
      const list = withWord.get(w)!;
      for (let k = list.length - 1; k >= 0; k--) {
        const j = list[k]!;
        if (j <= i) break;
        if (seen[j] === i || units[j]!.source === units[i]!.source) continue;
        seen[j] = i;
        // The two share the word w: with one shared word enough, no need to look for it again.
        const s = MIN_SHARED_EVIDENCE <= 1 ? scored(i, j) : similarity(units[i]!, units[j]!);
        if (s >= factThreshold) pairs.push([i, j, s]);
        if (s >= NEAR) {
          near[i]!.push(j);
          near[j]!.push(i);
        }
      }
    }
  }
  pairs.sort((a, b) => b[2] - a[2]);
  const groupOf = units.map((_, i) => i);
  const members = new Map<number, number[]>(units.map((_, i) => [i, [i]]));
  const find = (i: number): number => (groupOf[i] === i ? i : (groupOf[i] = find(groupOf[i]!)));
  for (const [i, j] of pairs) {
    const gi = find(i);
    const gj = find(j);
    if (gi === gj) continue;
    const a = members.get(gi)!;
    const b = members.get(gj)!;
    const sourcesA = new Set(a.map((k) => units[k]!.source));
    if (b.some((k) => sourcesA.has(units[k]!.source))) continue;
    // Every new member must resemble the group, not just one of its members (no chaining).
    const avg = a.reduce((s, k) => s + b.reduce((t, l) => t + similarity(units[k]!, units[l]!), 0), 0) / (a.length * b.length);
    if (avg < factThreshold * GROUP_SHARE) continue;
    groupOf[gj] = gi;
    members.set(gi, [...a, ...b]);
    members.delete(gj);
  }

  // A sentence may state more than one fact: links the first pass could not keep (a member of
  // one fact linking to a sentence that states another of its facts) are joined the same way into
  // facts of their own, so a sentence can belong to several.
  const overlapping: number[][] = [];
  {
    // Only a link to a source the sentence's own fact lacks: one whose fact already has a sentence
    // of that source says that part there (two facts' members merely resembling each other is not
    // a further fact).
    const hasSource = (i: number, source: number) => members.get(find(i))!.some((k) => units[k]!.source === source);
    // And only when the other sentence does not resemble the rest of the sentence's fact: then the
    // link is about another part of the sentence, not the same fact told again.
    const apart = (i: number, j: number) => {
      const mates = members.get(find(i))!.filter((k) => k !== i);
      return !mates.length || mates.reduce((sum, k) => sum + similarity(units[k]!, units[j]!), 0) / mates.length < factThreshold;
    };
    const residual = pairs.filter(([i, j]) => find(i) !== find(j) && !hasSource(i, units[j]!.source) && !hasSource(j, units[i]!.source) && apart(i, j) && apart(j, i));
    const second = new Map<number, number[]>();
    const groupOf2 = units.map((_, i) => i);
    const find2 = (i: number): number => (groupOf2[i] === i ? i : (groupOf2[i] = find2(groupOf2[i]!)));
    for (const [i, j] of residual) {
      const gi = find2(i);
      const gj = find2(j);
      if (gi === gj) continue;
      const a = second.get(gi) ?? [gi];
      const b = second.get(gj) ?? [gj];
      const sourcesA = new Set(a.map((k) => units[k]!.source));
      if (b.some((k) => sourcesA.has(units[k]!.source))) continue;
      const avg = a.reduce((s, k) => s + b.reduce((t, l) => t + similarity(units[k]!, units[l]!), 0), 0) / (a.length * b.length);
      if (avg < factThreshold * GROUP_SHARE) continue;
      groupOf2[gj] = gi;
      second.set(gi, [...a, ...b]);
      second.delete(gj);
    }
    overlapping.push(...second.values());
  }

  const facts: Fact[] = [];
  const factUnits = new Map<string, Unit[]>();
  let groups = [...members.values(), ...overlapping].map((g) => g.map((k) => units[k]!));
  // A fact may be told in more than one sentence of a source: a sentence that links to the fact's
  // members from other sources as well as a member would is more support for it (and stops being a
  // fact of its own).
  const extra = new Map<Unit[], Unit[]>();
  const absorbed = new Set<Unit>();
  for (const g of groups) {
    if (g.length < 2) continue;
    const candidates = new Set(g.flatMap((m) => near[m.index]!));
    for (const k of candidates) {
      const u = units[k]!;
      if (g.includes(u)) continue;
      // A sentence of a source the fact lacks joins it (the source reports it too) when it links to
      // every member as well as a member would; one of a source it has, as further support.
      const others = g.filter((m) => m.source !== u.source);
      const mean = others.reduce((sum, m) => sum + similarity(u, m), 0) / others.length;
      if (mean >= factThreshold * SUPPORT_SHARE) {
        extra.set(g, [...(extra.get(g) ?? []), u]);
        absorbed.add(u);
      }
    }
  }
  groups = groups.filter((g) => g.length > 1 || !absorbed.has(g[0]!));

  // Most widely reported first; then in the order the first source tells them.
  groups.sort((a, b) => b.length - a.length || a[0]!.source - b[0]!.source || a[0]!.order - b[0]!.order);
  const statedTexts = new Set<string>();
  /** Every word stem each source uses, for what a detail adds. */
  const stemsOfSource = items.map((_, si) => new Set(units.filter((u) => u.source === si).flatMap((u) => u.pair.stems)));
  /** And every word, unstemmed (what the word vectors know): "met" is no detail beside another outlet's "meeting". */
  const wordsOfSource = items.map((_, si) => new Set(units.filter((u) => u.source === si).flatMap((u) => u.pair.words)));
  const details: { id: string; parent: string; units: Unit[]; words: string[] }[] = [];
  /** Each detail's own sentences (one per outlet), which an outlet must all come close to to tell it. */
  const detailCore = new Map<string, Unit[]>();
  groups.forEach((g, n) => {
    const id = `f${n + 1}`;
    const all = [...g, ...(extra.get(g) ?? [])];
    // A source tells one fact in a few sentences at most: beyond that, only the best linked are shown
    // (all of them still count when another source is checked for the fact).
    const linkTo = (u: Unit) => g.filter((m) => m.source !== u.source).reduce((sum, m) => sum + similarity(u, m), 0);
    const shown = new Map<number, Unit[]>();
    for (const u of [...(extra.get(g) ?? [])].sort((a, b) => linkTo(b) - linkTo(a))) {
      const list = shown.get(u.source) ?? [];
      if (list.length < MAX_MORE_PER_SOURCE) shown.set(u.source, [...list, u]);
    }
    const support = [...g, ...[...shown.values()].flat()].sort((x, y) => x.source - y.source || x.order - y.order);
    // One sentence per source states the fact (a member, or for a source that joined, its first
    // sentence that links); the rest support it.
    const first = new Map(g.map((u) => [u.source, u]));
    for (const u of support) if (!first.has(u.source)) first.set(u.source, u);
    const ordered = [...first.values()].sort((x, y) => x.source - y.source);
    let pairsCounted = 0;
    let sum = 0;
    for (let i = 0; i < ordered.length; i++) {
      for (let j = i + 1; j < ordered.length; j++) {
        sum += similarity(ordered[i]!, ordered[j]!);
        pairsCounted++;
      }
    }
    // Stated in the best sentence no earlier fact is stated in: two facts under one text read as one.
    const stated = representative(ordered.filter((u) => !statedTexts.has(u.text)).length ? ordered.filter((u) => !statedTexts.has(u.text)) : ordered);
    statedTexts.add(stated.text);
    // Why each source is in the fact: its sentence's link to the fact as stated (one link per source
    // beyond the stated one's, not every pair of twenty outlets). The same pair as the sentence's
    // closeness below, so its measures are computed once for both.
    const links: FactLink[] = [];
    for (const u of options.explain === false ? [] : ordered.filter((x) => x !== stated)) {
      const why = scorer.explain(u.pair, stated.pair);
      links.push({ sources: [ids[u.source]!, ids[stated.source]!], probability: Math.round(similarity(u, stated) * 1000) / 1000, closeness: why.closeness, sameMeaning: why.sameMeaning, words: why.words.slice(0, 10), names: why.names, numbers: why.numbers, verbatim: why.verbatim, ...(why.aligned?.length ? { aligned: why.aligned.slice(0, 6) } : {}), measures: why.measures });
    }
    facts.push({
      id,
      text: stated.text,
      sources: ordered.map((u) => ids[u.source]!),
      confidence: pairsCounted ? Math.round((sum / pairsCounted) * 1000) / 1000 : 1,
      ...(links.length ? { links } : {}),
      // How close each sentence comes to the fact as stated (the brief cites an outlet only when its sentence says it).
      support: support.map((u) => ({ source: ids[u.source]!, text: u.text, start: u.start, end: u.end, closeness: u === stated ? 5 : Math.round(scorer.similarity(u.pair, stated.pair) * 100) / 100 })),
    });
    factUnits.set(id, all);
    // Details: sources of a fact whose sentences all link to one another far more tightly than to the
    // rest share something the others do not say (A and B give the date of the vote, C only that
    // there was one). Each such group is a fact of its own, a detail of this one.
    if (ordered.length >= 3) {
      // Every group of the fact's sentences that all link this tightly, short of the whole fact (a
      // sentence may be in two: A gives the vote B reports and the timetable C reports).
      const tightPairs: [Unit, Unit, number][] = [];
      for (let i = 0; i < ordered.length; i++) {
        for (let j = i + 1; j < ordered.length; j++) {
          const p = similarity(ordered[i]!, ordered[j]!);
          if (p >= DETAIL_TIGHTNESS) tightPairs.push([ordered[i]!, ordered[j]!, p]);
        }
      }
      const clusters: Unit[][] = [];
      for (const [a, b] of tightPairs.sort((x, y) => y[2] - x[2])) {
        if (clusters.some((c) => c.includes(a) && c.includes(b))) continue;
        const clique = [a, b];
        for (const u of ordered) if (!clique.includes(u) && clique.every((m) => similarity(u, m) >= DETAIL_TIGHTNESS)) clique.push(u);
        clusters.push(clique);
      }
      // A detail names what its outlets say and the others do not: the words every one of its
      // sentences gives and the fact's other outlets never use. A group with none is not one.
      clusters
        .filter((c) => c.length >= 2 && c.length < ordered.length)
        // An outlet left out of the group that tells it in another sentence (one linking that
        // tightly to all of the group's) does not leave the detail out: no detail then.
        .filter((c) => ordered.every((o) => c.includes(o) || !near[c[0]!.index]!.some((k) => units[k]!.source === o.source && c.every((m) => similarity(units[k]!, m) >= DETAIL_TIGHTNESS))))
        .map((c) => {
          const others = ordered.filter((o) => !c.includes(o));
          return { c, words: detailWords(c, others.map((o) => stemsOfSource[o.source]!), others.map((o) => wordsOfSource[o.source]!)) };
        })
        .filter(({ words }) => words.length > 0)
        .forEach(({ c, words }, k) => details.push({ id: `${id}.${k + 1}`, parent: id, units: c.sort((x, y) => x.source - y.source), words }));
    }
  });
  details.forEach(({ id, parent, units: group, words }) => {
    const inGroup = new Set(group.map((u) => u.source));
    // The detail's sources' every sentence of the parent fact: the detail may be in any of them.
    const told = factUnits.get(parent)!.filter((u) => inGroup.has(u.source)).sort((x, y) => x.source - y.source || x.order - y.order);
    const stated = representative(group);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) [sum, count] = [sum + similarity(group[i]!, group[j]!), count + 1];
    facts.push({
      id,
      text: stated.text,
      sources: group.map((u) => ids[u.source]!),
      confidence: Math.round((sum / count) * 1000) / 1000,
      detailOf: parent,
      detailWords: words,
      support: told.map((u) => ({ source: ids[u.source]!, text: u.text, start: u.start, end: u.end, closeness: u === stated ? 5 : Math.round(scorer.similarity(u.pair, stated.pair) * 100) / 100 })),
    });
    factUnits.set(id, told);
    detailCore.set(id, group);
  });
  // A fact whose every sentence another fact with at least as many sources already shows says
  // nothing that one does not (the second pass and further support can reach the same sentences):
  // it goes, with its details, and the facts are numbered again.
  const at = (x: { source: string; start?: number }) => `${x.source}\u0000${x.start}`;
  const shows = facts.map((f) => new Set(f.support.map(at)));
  // The facts that show each sentence: only those showing a fact's first sentence can show all of it.
  const showing = new Map<string, number[]>();
  facts.forEach((f, j) => {
    if (f.detailOf) return;
    for (const key of shows[j]!) {
      const list = showing.get(key);
      if (list) list.push(j);
      else showing.set(key, [j]);
    }
  });
  const redundant = new Set(
    facts
      .filter((f, i) => !f.detailOf && (showing.get(at(f.support[0]!)) ?? []).some((j) => j !== i && (facts[j]!.sources.length > f.sources.length || (facts[j]!.sources.length === f.sources.length && j < i)) && f.support.every((x) => shows[j]!.has(at(x)))))
      .map((f) => f.id),
  );
  const kept = facts.filter((f) => !redundant.has(f.id) && !(f.detailOf && redundant.has(f.detailOf)));
  const renamed = new Map<string, string>();
  kept.filter((f) => !f.detailOf).forEach((f, n) => renamed.set(f.id, `f${n + 1}`));
  const detailCount = new Map<string, number>();
  for (const f of kept.filter((x) => x.detailOf)) {
    const parent = renamed.get(f.detailOf!)!;
    const k = (detailCount.get(parent) ?? 0) + 1;
    detailCount.set(parent, k);
    renamed.set(f.id, `${parent}.${k}`);
  }
  const unitsOf = new Map([...factUnits].filter(([id]) => renamed.has(id)).map(([id, us]) => [renamed.get(id)!, us]));
  facts.length = 0;
  for (const f of kept) facts.push({ ...f, id: renamed.get(f.id)!, ...(f.detailOf ? { detailOf: renamed.get(f.detailOf)! } : {}) });
  factUnits.clear();
  for (const [id, us] of unitsOf) factUnits.set(id, us);
  const coreOf = new Map([...detailCore].filter(([id]) => renamed.has(id)).map(([id, us]) => [renamed.get(id)!, us]));
  detailCore.clear();
  for (const [id, us] of coreOf) detailCore.set(id, us);

  // 3. Coverage.
  const n = items.length;
  const most = mostOutlets(n, options.consensusShare);
  const whole = facts.filter((f) => !f.detailOf);
  const consensus = whole.filter((f) => f.sources.length >= most).map((f) => f.id);
  const unique = whole.filter((f) => f.sources.length === 1).map((f) => f.id);
  // Only a fact most outlets report is one another outlet can be said to leave out.
  const widely = whole.filter((f) => f.sources.length >= most && (f.confidence ?? 1) >= omissionConfidence);
  // "X leaves out f" is claimed only when nothing X says comes close to any sentence of f; a
  // source whose closest sentence comes near but not as near as a fact's own sentences reports a
  // part of it (a "detail" is left out), which is shown but not claimed as an omission.
  const bySource = ids.map((_, si) => units.filter((u) => u.source === si));
  // A detail is checked in the sources of its fact that do not tell it: they leave out a detail, never the fact.
  const detailFacts = facts.filter((f) => f.detailOf && (f.confidence ?? 1) >= omissionConfidence);
  const sourcesOf = new Map(facts.map((f) => [f.id, f.sources]));
  const omissions = ids.map((id, si) => {
    const checked = [...widely.filter((f) => !f.sources.includes(id)), ...detailFacts.filter((f) => !f.sources.includes(id) && sourcesOf.get(f.detailOf!)!.includes(id))]
      .map((f) => {
        let closest: Unit | null = null;
        let score = 0;
        const core = f.detailOf ? detailCore.get(f.id) : undefined;
        if (core) {
          // How close the source comes to the whole detail: its sentence nearest to all of it.
          for (const u of bySource[si]!) {
            const p = Math.min(...core.map((m) => similarity(m, u)));
            if (p > score) [closest, score] = [u, p];
          }
          return { fact: f.id, leaves: 'detail' as const, closest: closest?.text ?? null, score: Math.round(score * 1000) / 1000 };
        }
        let nearest: Unit | null = null;
        for (const fu of factUnits.get(f.id)!) {
          for (const u of bySource[si]!) {
            const p = nearness(fu, u);
            if (p > score) [closest, score, nearest] = [u, p, fu];
          }
        }
        const to = (fu: Unit | null) => (fu ? { nearest: { source: ids[fu.source]!, text: fu.text } } : {});
        const found = (leaves: 'fact' | 'detail') => ({ fact: f.id, leaves, closest: closest?.text ?? null, score: Math.round(score * 1000) / 1000, ...to(nearest) });
        if (score >= omissionThreshold) return found('detail');
        // A statement is "speaker + gist": when the fact gives someone's words and this source gives
        // words of the same person that share a word with it, it may tell the statement in other
        // words (a quote in one outlet is reported speech in another): shown, not claimed as left
        // out. On the development events: omission precision 0.875 → 0.941, recall 0.121 → 0.082.
        const told = factUnits.get(f.id)!;
        const said = new Set(told.flatMap((u) => u.speakers));
        const sameSpeaker = said.size ? bySource[si]!.find((u) => u.speakers.some((x) => said.has(x)) && told.some((fu) => similarity(fu, u) > 0)) : undefined;
        if (sameSpeaker) {
          const near = told.reduce((best, fu) => (similarity(fu, sameSpeaker) > similarity(best, sameSpeaker) ? fu : best));
          const speaker = sameSpeaker.speakers.find((x) => said.has(x))!;
          return { fact: f.id, leaves: 'detail' as const, closest: sameSpeaker.text, score: Math.round(similarity(near, sameSpeaker) * 1000) / 1000, ...to(near), speaker };
        }
        return found('fact');
      });
    return { source: id, facts: checked.filter((c) => c.leaves === 'fact').map((c) => c.fact), evidence: checked };
  });

  // 4. Numbers.
  // Figures are set side by side only when their sentences state the same fact: an age and a vote
  // count, or two different funding sources, share a unit but not a sentence's meaning.
  const unitAt = new Map(units.map((u) => [`${u.source}:${u.start}`, u]));
  const numbers = lineUpNumbers(items, ids, (a, b) => {
    const x = unitAt.get(`${a.source}:${a.start}`);
    const y = unitAt.get(`${b.source}:${b.start}`);
    return !!x && !!y && similarity(x, y) >= factThreshold;
  });
  // And dates: two outlets that state the same fact and give the same event different days.
  numbers.push(...lineUpDates(items, ids, units, (a, b) => similarity(a, b) >= factThreshold));
  const conflicts = numbers.filter((c) => new Set(c.values.map((v) => v.source)).size >= 2);

  // 5. Quotes.
  const quotes = quoteLedger(items, ids, canonicalSpeaker);

  // 6. Framing. (Which article copies which is the cluster stage's finding: the pipeline adds it.)
  const framing = items.map((item, i) => framingOf(item, ids[i]!, canonicalSpeaker));

  return {
    sources,
    facts,
    conflicts,
    numbers,
    quotes,
    entities: entities.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases, sources: e.sources })),
    omissions,
    reuse: [],
    brief: [],
    consensus,
    unique,
    framing,
  };
}

/** The neutral wording of a fact: no opinion, fewest loaded words, not a bare quote, moderate length. */
function representative(units: Unit[]): Unit {
  return [...units].sort((a, b) => cost(a) - cost(b))[0]!;
}
function cost(u: Unit): number {
  const words = u.text.split(/\s+/).length;
  const quoted = /^[“"]/.test(u.text) ? 2 : 0;
  return (u.opinion ? 10 : 0) + u.loaded * 3 + quoted + (leansOnContext(u.text) ? 5 : 0) + Math.abs(words - 22) / 10;
}

/** Each source's words as rows of the word vectors, looked up once per comparison (a source's set of words is made once). */
const vectorRows = new WeakMap<Set<string>, Int32Array>();
function rowsOf(words: Set<string>): Int32Array {
  let rows = vectorRows.get(words);
  if (!rows) {
    const vectors = wordVectors();
    rows = Int32Array.from([...words].map((w) => vectors.row(w)).filter((r) => r >= 0));
    vectorRows.set(words, rows);
  }
  return rows;
}

/**
 * Words every sentence of a detail gives and the fact's other outlets never use, in the order the
 * first gives them (at most five): what the detail's outlets add ("closed-door", "deportations").
 */
function detailWords(group: Unit[], others: Set<string>[], otherWords: Set<string>[]): string[] {
  const vectors = wordVectors();
  // A word another of the fact's outlets says in a word this close in meaning is no detail. Asked
  // only of the few words that pass the other tests: a 20-article story's outlets know thousands.
  const saidOtherwise = (w: string) => {
    const row = vectors.row(w);
    if (row < 0) return false;
    for (const words of otherWords) for (const r of rowsOf(words)) if (vectors.similarity(row, r) >= DETAIL_SAME_MEANING) return true;
    return false;
  };
  const first = contentWords(group[0]!.text);
  const shared = first.filter((w, i) => first.indexOf(w) === i && others.every((o) => !o.has(stem(w))) && group.every((u) => u.pair.stems.includes(stem(w))) && !saidOtherwise(w));
  return shared.slice(0, 5);
}

// -- numbers ---------------------------------------------------------------

interface NumberMention {
  source: string;
  /** Index of the source and start of the sentence, to ask whether two mentions' sentences state the same fact. */
  at: { source: number; start: number };
  q: Quantity;
  sentence: string;
  head: string | null;
  context: Set<string>;
  /** Content words right beside the figure ("age 13", "father of five"): what it counts. */
  near: Set<string>;
  /** People named right after the figure in its sentence ("two senators, Jeff Flake and John McCain"): who is counted. */
  members: Set<string>;
  published: string | null;
}

const range = (q: Quantity): [number, number] => {
  const v = q.value;
  let lo = q.min ?? (q.max !== null ? 0 : (v ?? 0));
  let hi = q.max ?? (q.min !== null ? Infinity : (v ?? Infinity));
  if (q.approx && v !== null && q.min === q.max) {
    lo = v * (1 - APPROX_SPREAD);
    hi = v * (1 + APPROX_SPREAD);
  }
  if (q.approx && q.min !== null && q.max === null) hi = Infinity;
  return [lo, hi];
};

/** A representative size: the value, a bound, or the geometric middle of a range. */
const magnitude = (q: Quantity) => q.value ?? (q.min !== null && q.max !== null ? Math.sqrt(q.min * q.max) : (q.max ?? q.min ?? 0));

function lineUpNumbers(items: CompareItem[], ids: string[], sameFact: (a: NumberMention['at'], b: NumberMention['at']) => boolean): NumberConflict[] {
  const mentions: NumberMention[] = [];
  items.forEach((item, i) => {
    const a = item.analysis;
    for (const q of a.quantities) {
      if (q.unit === 'days' && /^\w+-day$/.test(q.text)) continue;
      const found = a.sentences.find((s) => q.start >= s.start && q.end <= s.end);
      const sentence = found?.text ?? q.text;
      const aboutTerms = contentTerms(q.about ?? '');
      const after = item.text.slice(q.end, q.end + 90).split(/[.;]/)[0] ?? '';
      const before = item.text.slice(Math.max(0, q.start - 60), q.start);
      const context = new Set([...aboutTerms, ...contentTerms(after).slice(0, 8), ...contentTerms(before).slice(-4)]);
      const near = new Set([...contentTerms(after).slice(0, 2), ...contentTerms(before).slice(-2)]);
      const sentenceEnd = found?.end ?? q.end;
      const members = new Set(
        a.entities
          .filter((e) => e.type === 'person' && e.mentions.some((m) => m.start >= q.end && m.start < Math.min(sentenceEnd, q.end + MEMBERS_WITHIN)))
          // By last name: one outlet's "Flake" is another's "Jeff Flake".
          .map((e) => e.name.split(' ').pop()!.toLowerCase()),
      );
      mentions.push({ source: ids[i]!, at: { source: i, start: found?.start ?? -1 }, q, sentence, head: aboutTerms[aboutTerms.length - 1] ?? q.unit, context, near, members, published: item.published });
    }
  });
  // Two mentions are about the same thing when their sizes are compatible and they share what
  // is counted (the head noun) or, failing that, a content word of their immediate context.
  const slots: NumberMention[][] = [];
  for (const m of mentions) {
    let best: NumberMention[] | null = null;
    let bestScore = 0;
    for (const slot of slots) {
      if (slot.some((x) => x.source === m.source)) continue;
      let score = 0;
      for (const x of slot) {
        // Figures that disagree are set against each other only when their sentences state the same
        // fact and the words beside them say they count the same thing: a conflict claimed between
        // an age and a number of children is worse than none.
        const disagree = !overlaps(range(x.q), range(m.q));
        if (!compatible(x.q, m.q) || (x.q.unit ?? '') !== (m.q.unit ?? '') || (disagree && (!sameFact(x.at, m.at) || ![...x.near].some((t) => m.near.has(t)) || countsOthers(x, m)))) {
          score = 0;
          break;
        }
        const shared = [...x.context].filter((t) => m.context.has(t)).length;
        score += (x.head && x.head === m.head ? 2 : 0) + shared;
      }
      if (score >= slot.length && score > bestScore) [best, bestScore] = [slot, score];
    }
    if (best) best.push(m);
    else slots.push([m]);
  }
  return slots.map((slot) => {
    const ranges = slot.map((m) => range(m.q));
    const consistent = ranges.every(([lo, hi]) => ranges.every(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
    const about = commonAbout(slot);
    const note = consistent ? consistencyNote(slot) : timingNote(slot);
    return {
      about,
      consistent,
      note,
      values: slot.map((m) => ({ source: m.source, text: m.q.text, min: m.q.min, max: m.q.max, sentence: m.sentence })),
    };
  });
}

const overlaps = ([lo, hi]: [number, number], [lo2, hi2]: [number, number]) => lo <= hi2 && lo2 <= hi;

/** How far after a figure (in characters, within its sentence) the people it counts are looked for. Set by hand. */
const MEMBERS_WITHIN = 120;

/**
 * Both outlets name who they count, and no one in common: "three state senators — Driggs, Pierce
 * and Worsley" and "two senators, Flake and McCain" count different groups, however alike the
 * words around them.
 */
function countsOthers(x: NumberMention, m: NumberMention): boolean {
  return x.members.size > 0 && m.members.size > 0 && ![...x.members].some((name) => m.members.has(name));
}

/** Sizes within a factor of three: "250" and "hundreds" may be one figure, "40,000" and "hundreds" not. */
function compatible(a: Quantity, b: Quantity): boolean {
  const [x, y] = [magnitude(a), magnitude(b)];
  if (!x || !y) return false;
  return Math.max(x, y) / Math.min(x, y) <= 3;
}

function commonAbout(slot: NumberMention[]): string {
  const abouts = slot.map((m) => m.q.about).filter((x): x is string => !!x);
  // "men per cell" says more than "inmates": a rate names its slot.
  return abouts.find((a) => /\bper\b|\ba day\b/.test(a)) ?? abouts.sort((a, b) => a.length - b.length)[0] ?? slot[0]!.q.text;
}

function consistencyNote(slot: NumberMention[]): string | undefined {
  if (slot.length < 2) return undefined;
  const exact = slot.filter((m) => !m.q.approx && m.q.min === m.q.max);
  if (exact.length === slot.length) return 'same figure';
  return 'compatible: ranges, bounds and approximations overlap';
}

function timingNote(slot: NumberMention[]): string {
  const dated = slot.filter((m) => m.published).sort((a, b) => a.published!.localeCompare(b.published!));
  if (dated.length >= 2 && dated[0]!.published!.slice(0, 10) !== dated[dated.length - 1]!.published!.slice(0, 10)) {
    return `figures differ; reports span ${dated[0]!.published!.slice(0, 10)} (${dated[0]!.source}) to ${dated[dated.length - 1]!.published!.slice(0, 10)} (${dated[dated.length - 1]!.source}), so a later figure may be an update`;
  }
  return 'figures differ' + (dated.length < slot.length ? '; not every report is dated, so which came first is unknown' : '');
}

// -- dates -------------------------------------------------------------------

const WEEKDAY = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
/** Verbs that date a telling, not the event told: "said Friday" dates the statement. */
const TELLING = /^(?:said|say|says|told|tell|announc|report|stat|add|wrote|writ)/;

/** The days a date mention covers: one day ("on Friday", "April 30"), a month ("in mid May"), else null (a year, a season, "recently"). */
function daysOf(d: DateMention): [string, string] | null {
  const day = d.date.slice(0, 10);
  if (WEEKDAY.test(d.text) || /^(?:yesterday|today)$/i.test(d.text) || (MONTH.test(d.text) && /\b\d{1,2}(?:st|nd|rd|th)?\b/.test(d.text.replace(/\b\d{4}\b/, '')))) return [day, day];
  if (MONTH.test(d.text) && !/\b(?:last|next|this|ago)\b/i.test(d.text)) return [`${day.slice(0, 7)}-01`, `${day.slice(0, 7)}-31`];
  return null;
}

/**
 * The word right beside a date, within its clause: the event it dates ("apologized on Friday",
 * "on Friday apologized"). A function word there leaves the event unsaid; names are no event
 * ("Obama Monday"), nor is a verb of telling ("said Friday").
 */
function eventWords(text: string, d: DateMention): string[] {
  const before = (text.slice(Math.max(0, d.start - 40), d.start).split(/[.;,:—()"“”]/).pop() ?? '').match(/[\p{L}'’-]+/gu) ?? [];
  const after = (text.slice(d.end, d.end + 40).split(/[.;,:—()"“”]/)[0] ?? '').match(/[\p{L}'’-]+/gu) ?? [];
  const word = (w: string | undefined) => (w && !/^\p{Lu}/u.test(w) ? contentTerms(w)[0] : undefined);
  // Right beside the date, nothing between: "met on Monday after the closure" dates the meeting, not the closure.
  const near = [word(before[before.length - 1]), word(after[0])];
  // A light stem still leaves "apologiz" and "apologize": six letters decide.
  return near.filter((w): w is string => !!w && !TELLING.test(w)).map((w) => w.slice(0, 6));
}

/**
 * Dates that disagree: in two outlets' sentences that state the same fact, a date beside the same
 * event word ("apologized") covering days that do not meet (Friday against Saturday, April 30
 * against May). Only days and months are compared: a year or "last week" is too loose to accuse.
 */
function lineUpDates(items: CompareItem[], ids: string[], units: Unit[], sameFact: (a: Unit, b: Unit) => boolean): NumberConflict[] {
  const dated = units.flatMap((u) =>
    items[u.source]!.analysis.dates
      .filter((d) => d.start >= u.start && d.end <= u.end)
      .flatMap((d) => {
        const days = daysOf(d);
        const words = days ? eventWords(items[u.source]!.text, d) : [];
        return days && words.length ? [{ unit: u, date: d, days, words }] : [];
      }),
  );
  const out: NumberConflict[] = [];
  const told = new Set<string>();
  for (let i = 0; i < dated.length; i++) {
    for (let j = i + 1; j < dated.length; j++) {
      const [a, b] = [dated[i]!, dated[j]!];
      const meet = a.days[0] <= b.days[1] && b.days[0] <= a.days[1];
      if (a.unit.source === b.unit.source || meet) continue;
      const event = a.words.find((w) => b.words.includes(w));
      if (!event || !sameFact(a.unit, b.unit)) continue;
      const key = `${Math.min(a.unit.source, b.unit.source)}:${Math.max(a.unit.source, b.unit.source)}:${event}`;
      if (told.has(key)) continue;
      told.add(key);
      out.push({
        about: `the date (beside "${event}")`,
        consistent: false,
        note: 'dates differ for the same event',
        values: [a, b].sort((x, y) => x.unit.source - y.unit.source).map((x) => ({ source: ids[x.unit.source]!, text: x.date.text, min: null, max: null, sentence: x.unit.text })),
      });
    }
  }
  return out;
}

// -- quotes ------------------------------------------------------------------

const quoteTokens = (t: string) => t.toLowerCase().replace(/[“”"‘’']/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];

function shingleSet(tokens: string[], k = 3): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + k <= tokens.length; i++) s.add(tokens.slice(i, i + k).join(' '));
  if (!s.size && tokens.length) s.add(tokens.join(' '));
  return s;
}

function quoteLedger(items: CompareItem[], ids: string[], canonicalSpeaker: (s: string | null) => string | null): QuoteLedgerEntry[] {
  const all = items.flatMap((item, i) =>
    item.analysis.quotes
      .filter((q) => q.direct && quoteTokens(q.text).length >= 3)
      .map((q) => ({ source: ids[i]!, text: q.text, speaker: canonicalSpeaker(q.speaker), stated: q.stated === true, tokens: quoteTokens(q.text) })),
  );
  const sets = all.map((q) => shingleSet(q.tokens));
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i]!.source === all[j]!.source) continue;
      const a = sets[i]!;
      const b = sets[j]!;
      let shared = 0;
      for (const s of a) if (b.has(s)) shared++;
      // Containment: a trimmed quote is mostly inside the longer one.
      if (shared / Math.min(a.size, b.size) >= QUOTE_CONTAINMENT) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  all.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  const entries: QuoteLedgerEntry[] = [];
  for (const members of groups.values()) {
    const qs = members.map((i) => all[i]!);
    const speakers = [...new Set(qs.map((q) => q.speaker).filter((s): s is string => !!s))];
    const flags: string[] = [];
    // A speaker dispute only when two outlets each name a different person, with a said-verb in
    // the quotation's own sentence, for the same words; a pronoun, a continuation or a nearby
    // name is an inference, and inferences that disagree are not the outlets disagreeing.
    if (speakerDispute(qs).length) flags.push('speaker-mismatch');
    const norms = new Set(qs.map((q) => q.text.replace(/^[“"]|[”"]$/g, '').replace(/[,.;:]+$/, '').trim()));
    if (qs.length > 1 && norms.size > 1) flags.push('wording-differs');
    if (qs.length > 1) {
      // Quote marks around words that do not match what other outlets quote: a paraphrase presented as a quote.
      for (let i = 0; i < qs.length; i++) {
        // Words kept in order (an inserted "simply" is a wording change, not a paraphrase).
        const overlap = Math.max(...qs.map((other, j) => (j === i ? 0 : lcs(qs[i]!.tokens, other.tokens) / Math.max(1, Math.min(qs[i]!.tokens.length, other.tokens.length)))));
        if (overlap < PARAPHRASE_OVERLAP && !flags.includes('paraphrase-as-quote')) flags.push('paraphrase-as-quote');
      }
    }
    const speaker = speakers.length ? mostCommon(qs.map((q) => q.speaker).filter((s): s is string => !!s)) : null;
    const longest = [...qs].sort((a, b) => b.tokens.length - a.tokens.length)[0]!;
    entries.push({
      speaker,
      text: longest.text,
      sources: [...new Set(qs.map((q) => q.source))],
      variants: qs.map((q) => ({ source: q.source, text: q.text, speaker: q.speaker, stated: q.stated })),
      flags,
    });
  }
  return entries.sort((a, b) => b.sources.length - a.sources.length);
}

/**
 * Share of the longer quotation's words, in order, that two quotations must have in common to be
 * the same words. The longer one: a quotation one outlet carries on past its attributed sentence
 * (`“…,” said Ostrow.⏎⏎“The quay …”`) holds words no said-verb sits beside.
 */
const SAME_WORDS = 0.8;

/**
 * The variants of one ledger entry that put the same words in different named mouths: pairs from
 * different outlets, each attributed with a said-verb in the quotation's own sentence, whose
 * words match in order. Empty when there is no dispute.
 */
export function speakerDispute<T extends { source: string; speaker: string | null; stated?: boolean; tokens: string[] }>(qs: T[]): T[] {
  const named = qs.filter((q) => q.stated && q.speaker);
  const out = new Set<T>();
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const [a, b] = [named[i]!, named[j]!];
      if (a.source === b.source || a.speaker === b.speaker) continue;
      if (lcs(a.tokens, b.tokens) / Math.max(1, a.tokens.length, b.tokens.length) < SAME_WORDS) continue;
      out.add(a).add(b);
    }
  }
  return [...out];
}

function lcs(a: string[], b: string[]): number {
  let prev = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const row = new Uint16Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    prev = row;
  }
  return prev[b.length]!;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

// -- framing -----------------------------------------------------------------

function framingOf(item: CompareItem, source: string, canonicalSpeaker: (s: string | null) => string | null): FramingProfile {
  const a = item.analysis;
  const voices = new Map<string, { role: FramingProfile['voices'][number]['role']; quotes: number }>();
  for (const q of a.quotes.filter((x) => x.direct && x.speaker)) {
    const speaker = canonicalSpeaker(q.speaker)!;
    const entity = a.entities.find((e) => e.name === q.speaker);
    const around = entity?.mentions.map((m) => item.text.slice(Math.max(0, m.start - 60), m.end + 40)).join(' ') ?? '';
    const role = VOICE_ROLES.find(([, re]) => re.test(around))?.[0] as FramingProfile['voices'][number]['role'] | undefined;
    const v = voices.get(speaker) ?? { role: role ?? 'other', quotes: 0 };
    v.quotes++;
    voices.set(speaker, v);
  }
  const labels = new Map<string, number>();
  for (const s of a.signals.filter((x) => x.category === 'group-label')) {
    // Keep the modifier in front: "alleged gang members", "Venezuelan immigrants".
    const before = item.text.slice(Math.max(0, s.start - 30), s.start);
    const mod = /(?:^|\s)((?:alleged|suspected|dangerous|hardened|violent|illegal|undocumented|criminal|Venezuelan|Salvadoran|\p{Lu}[\p{L}-]+|[a-z]+(?:ed|ous|ive|al))\s)$/u.exec(before);
    const text = `${mod ? mod[1] : ''}${s.text}`.toLowerCase().trim();
    labels.set(text, (labels.get(text) ?? 0) + 1);
  }
  const words = (cat: string) => [...new Set(a.signals.filter((x) => x.category === cat).map((x) => x.text.toLowerCase()))];
  return {
    source,
    scores: a.scores,
    voices: [...voices.entries()].map(([speaker, v]) => ({ speaker, ...v })).sort((x, y) => y.quotes - x.quotes),
    labels: [...labels.entries()].map(([text, count]) => ({ text, count })).sort((x, y) => y.count - x.count),
    loaded: words('loaded'),
    hedges: words('hedge'),
  };
}
