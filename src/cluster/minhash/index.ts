/**
 * MinHash signatures over word shingles, with LSH banding to find likely near-duplicates
 * without comparing every pair. Written here with typed arrays: the npm MinHash packages are
 * an order of magnitude slower on news-sized texts, or unmaintained.
 */

export const SHINGLE_SIZE = 5;

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** Distinct hashed word n-grams of a text. */
export function shingles(text: string, size = SHINGLE_SIZE): Uint32Array {
  const w = words(text);
  const set = new Set<number>();
  if (w.length < size) {
    if (w.length) set.add(fnv1a(w.join(' ')));
  } else {
    for (let i = 0; i + size <= w.length; i++) set.add(fnv1a(w.slice(i, i + size).join(' ')));
  }
  return Uint32Array.from(set).sort();
}

export interface MinHasher {
  readonly permutations: number;
  signature(shingleSet: Uint32Array): Uint32Array;
}

export function createMinHasher(permutations = 64, seed = 42): MinHasher {
  // Odd multipliers and offsets from a small xorshift generator: fixed across runs, so
  // signatures stored today compare with signatures computed tomorrow.
  const a = new Uint32Array(permutations);
  const b = new Uint32Array(permutations);
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  for (let i = 0; i < permutations; i++) {
    a[i] = next() | 1;
    b[i] = next();
  }
  return {
    permutations,
    signature(set) {
      const sig = new Uint32Array(permutations).fill(0xffffffff);
      for (let j = 0; j < set.length; j++) {
        const v = set[j]!;
        for (let i = 0; i < permutations; i++) {
          const h = (Math.imul(a[i]!, v) + b[i]!) >>> 0;
          if (h < sig[i]!) sig[i] = h;
        }
      }
      return sig;
    },
  };
}

/** Estimated Jaccard similarity of two signatures. */
export function estimateJaccard(x: Uint32Array, y: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}

/**
 * Candidate pairs from LSH banding: items whose signatures agree on all rows of at least one
 * band. With 16 bands of 4 rows, pairs above Jaccard ≈ 0.5 are found with high probability.
 */
export function lshCandidates(signatures: Uint32Array[], bands = 16): [number, number][] {
  if (!signatures.length) return [];
  const rows = Math.floor(signatures[0]!.length / bands);
  const pairs = new Set<number>();
  const out: [number, number][] = [];
  for (let band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>();
    signatures.forEach((sig, i) => {
      let key = '';
      for (let r = 0; r < rows; r++) key += `${sig[band * rows + r]!.toString(36)},`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    });
    for (const bucket of buckets.values()) {
      if (bucket.length < 2 || bucket.length > 500) continue;
      for (let p = 0; p < bucket.length; p++) {
        for (let q = p + 1; q < bucket.length; q++) {
          const i = bucket[p]!;
          const j = bucket[q]!;
          const key = i * signatures.length + j;
          if (pairs.has(key)) continue;
          pairs.add(key);
          out.push([i, j]);
        }
      }
    }
  }
  return out;
}

/** Number of elements two sorted hash arrays share. */
export function sharedCount(x: Uint32Array, y: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    if (x[i]! === y[j]!) {
      n++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return n;
}
