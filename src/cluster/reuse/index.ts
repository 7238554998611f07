import type { ReuseLink } from '../../core/store.ts';
import { createMinHasher, lshCandidates, sharedCount, shingles, words, SHINGLE_SIZE } from '../minhash/index.ts';

export interface ReuseArticle {
  id: string;
  text: string;
  published: string | null;
  ingestedAt?: string | null;
  /** Agency credited by the article ("(With AP Input)"): a credited article is the copy. */
  wire?: string | null;
}

export interface ReuseOptions {
  /** Smallest share of the later text found in the earlier one to report a link. */
  minShare?: number;
  /** From this share on, the later article is a copy and is collapsed under the original. */
  copyShare?: number;
}

export interface ReusePair extends ReuseLink {
  /** "published" or "ingested" when the order is known from that time, "unknown" when tied. */
  orderFrom: 'published' | 'ingested' | 'unknown';
}

/** A date without a time ("2025-04-02") only orders articles of different days. */
const time = (a: ReuseArticle, dayOnly: boolean): [number, 'published' | 'ingested'] | null => {
  if (a.published) return [Date.parse(dayOnly ? a.published.slice(0, 10) : a.published), 'published'];
  if (a.ingestedAt) return [Date.parse(a.ingestedAt), 'ingested'];
  return null;
};

/**
 * Which articles copy or rewrite which. Candidate pairs come from MinHash LSH, and for short
 * piles from every pair; each candidate is then measured exactly: the share of the later
 * article's shingles found in the earlier one. The earlier article is the one published first,
 * else stored first; when that cannot be told, the longer text is taken as the original.
 */
export function findReuse(articles: ReuseArticle[], options: ReuseOptions = {}): ReusePair[] {
  const minShare = options.minShare ?? 0.2;
  const copyShare = options.copyShare ?? 0.8;
  const sets = articles.map((a) => shingles(a.text));
  let pairs: [number, number][];
  if (articles.length <= 200) {
    pairs = [];
    for (let i = 0; i < articles.length; i++) for (let j = i + 1; j < articles.length; j++) pairs.push([i, j]);
  } else {
    const hasher = createMinHasher(64);
    // 32 bands of 2 rows finds rewrites that keep a fifth of the text, not only copies.
    pairs = lshCandidates(sets.map((s) => hasher.signature(s)), 32);
  }
  const out: ReusePair[] = [];
  for (const [i, j] of pairs) {
    const shared = sharedCount(sets[i]!, sets[j]!);
    if (!shared) continue;
    const [from, to, orderFrom] = order(articles, sets, i, j);
    const share = shared / Math.max(1, sets[to]!.length);
    if (share < minShare) continue;
    out.push({ from: articles[from]!.id, to: articles[to]!.id, share: Math.round(share * 1000) / 1000, copy: share >= copyShare, orderFrom });
  }
  return out.sort((a, b) => b.share - a.share);
}

function order(articles: ReuseArticle[], sets: Uint32Array[], i: number, j: number): [number, number, ReusePair['orderFrom']] {
  const [a, b] = [articles[i]!, articles[j]!];
  const dayOnly = (a.published?.length ?? 0) <= 10 || (b.published?.length ?? 0) <= 10;
  const ti = time(a, dayOnly);
  const tj = time(b, dayOnly);
  if (ti && tj && ti[1] === tj[1] && ti[0] !== tj[0]) return ti[0] < tj[0] ? [i, j, ti[1]] : [j, i, tj[1]];
  if (!!a.wire !== !!b.wire) return a.wire ? [j, i, 'unknown'] : [i, j, 'unknown'];
  return sets[i]!.length >= sets[j]!.length ? [i, j, 'unknown'] : [j, i, 'unknown'];
}

/** The longest passages two texts share, as word runs with character offsets in each. */
export function sharedPassages(a: string, b: string, limit = 3): { text: string; aStart: number; aEnd: number; bStart: number; bEnd: number; words: number }[] {
  const wa = [...a.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)];
  const wb = [...b.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)];
  const key = (m: RegExpMatchArray[], i: number) => m.slice(i, i + SHINGLE_SIZE).map((x) => x[0].toLowerCase()).join(' ');
  const index = new Map<string, number[]>();
  for (let i = 0; i + SHINGLE_SIZE <= wb.length; i++) {
    const k = key(wb, i);
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  }
  const found: { ai: number; bi: number; len: number }[] = [];
  const covered = new Set<number>();
  for (let i = 0; i + SHINGLE_SIZE <= wa.length; i++) {
    if (covered.has(i)) continue;
    for (const j of index.get(key(wa, i)) ?? []) {
      let len = SHINGLE_SIZE;
      while (i + len < wa.length && j + len < wb.length && wa[i + len]![0].toLowerCase() === wb[j + len]![0].toLowerCase()) len++;
      found.push({ ai: i, bi: j, len });
      for (let k = i; k < i + len; k++) covered.add(k);
      break;
    }
  }
  return found
    .sort((x, y) => y.len - x.len)
    .slice(0, limit)
    .map(({ ai, bi, len }) => {
      const aStart = wa[ai]!.index!;
      const aEnd = wa[ai + len - 1]!.index! + wa[ai + len - 1]![0].length;
      const bStart = wb[bi]!.index!;
      const bEnd = wb[bi + len - 1]!.index! + wb[bi + len - 1]![0].length;
      return { text: a.slice(aStart, aEnd), aStart, aEnd, bStart, bEnd, words: len };
    });
}

export { words };
