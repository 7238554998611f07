import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ParallaxError } from '../core/errors.ts';

/**
 * How many times --max-bytes a compressed input may hold once decompressed (a .gz file, a whole
 * .warc.gz); one WARC record, like one file, may hold --max-bytes.
 */
export const DECOMPRESSED_RATIO = 4;

/**
 * The bytes of a file, or null when it holds more than `maxBytes`. The size is checked while
 * reading, not only by stat beforehand: a file that grows while it is read (a log, a capture in
 * progress) stops at the cap instead of filling memory.
 */
export async function readFileCapped(file: string, maxBytes: number): Promise<Buffer | null> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - size));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, size);
      size += bytesRead;
      if (size > maxBytes) return null;
      chunks.push(chunk.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

export interface Gunzipped {
  /** What decompressed before the end, the damage or the cap. */
  bytes: Buffer;
  /** Why decompression stopped early: damaged data, or more bytes than the cap. Null when whole. */
  problem: ParallaxError | null;
}

/**
 * Decompresses gzip (one member or several) as a stream, stopping at `maxBytes` of output, so a
 * small file that inflates to gigabytes costs no more than the cap. A damaged or truncated file
 * keeps what decompressed before the damage; `problem` says what happened, naming `input`.
 */
export async function gunzipCapped(input: string, compressed: Buffer, maxBytes: number): Promise<Gunzipped> {
  const chunks: Buffer[] = [];
  let size = 0;
  const z = createGunzip();
  const problem = await new Promise<ParallaxError | null>((resolve) => {
    z.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        z.destroy();
        resolve(new ParallaxError('too-large', `ingest: ${input} decompresses to more than ${maxBytes} bytes; skipped (a compression bomb, or raise --max-bytes)`));
        return;
      }
      chunks.push(chunk);
    });
    z.on('error', (error) => resolve(gzipDamaged(input, size, error)));
    z.on('end', () => resolve(null));
    z.end(compressed);
  });
  return { bytes: Buffer.concat(chunks), problem };
}

/** Why a gzip stream stopped early: damaged or truncated after `size` bytes had come out. */
export function gzipDamaged(input: string, size: number, error: Error): ParallaxError {
  return new ParallaxError('bad-input', `ingest: ${input} is damaged after ${size} decompressed bytes (${error.message}); what came before the damage was read, the rest is lost`, { cause: error });
}

/**
 * A stream of the decompressed bytes of `source` that fails with a 'too-large' ParallaxError
 * once more than `maxBytes` have come out (for WARC files, read record by record).
 */
export function gunzipStreamCapped(input: string, source: Buffer, maxBytes: number): AsyncIterable<Buffer> {
  const z = Readable.from([source]).pipe(createGunzip());
  // Failures reach the reader through the loop below; one after the reader stopped early (not a
  // WARC after all, and the rest damaged) has nobody left to hear it and must not end the process.
  z.on('error', () => {});
  return (async function* () {
    let size = 0;
    for await (const chunk of z as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        z.destroy();
        throw new ParallaxError('too-large', `ingest: ${input} decompresses to more than ${maxBytes} bytes; the rest of it was skipped (a compression bomb, or raise --max-bytes)`);
      }
      yield chunk;
    }
  })();
}

/**
 * How many times its own size a gzip'd JSONL file, read a line at a time, may decompress to (and
 * never less than --max-bytes × DECOMPRESSED_RATIO, what any .gz may hold). Memory is no reason for
 * this cap: the lines are capped one by one. But a compression bomb (deflate reaches ~1,000×) would
 * feed a run hundreds of millions of records from a file of a few megabytes, each costing a result
 * and a warning; news compresses 3–10× (the 10,000-article scale pile 2.7×), so no real pile meets it.
 */
export const STREAMED_RATIO = 100;

/** A file's bytes as they are read (see `streamFile`). */
export interface FileStream {
  chunks: AsyncGenerator<Buffer>;
  /** Why `chunks` ended early, once it has: damaged gzip data, or more than the cap decompressed. */
  readonly problem: ParallaxError | null;
}

/**
 * A file read a chunk at a time, decompressed when its first bytes say gzip (whatever its name).
 * Damaged data, or more than `maxDecompressed` bytes out of a gzip file, ends the chunks early
 * with the reason in `problem`, so everything before it is still read. Nothing is opened until
 * the first chunk is asked for, and ending the chunks early (`return()`) closes the file.
 */
export function streamFile(input: string, file: string, maxDecompressed: number): FileStream {
  const state: { problem: ParallaxError | null } = { problem: null };
  async function* chunks(): AsyncGenerator<Buffer> {
    const magic = Buffer.alloc(2);
    const handle = await open(file, 'r');
    try {
      await handle.read(magic, 0, 2, 0);
    } finally {
      await handle.close();
    }
    const raw = createReadStream(file);
    if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
      try {
        yield* raw as AsyncIterable<Buffer>;
      } finally {
        raw.destroy();
      }
      return;
    }
    const z = createGunzip();
    // Failures reach the loop below through `z`, which pipeline destroys with them. One that
    // comes after the loop has stopped (the caller read enough of the file to know it is not
    // JSONL, and the rest is damaged) has nobody left to hear it: it must not end the process.
    z.on('error', () => {});
    raw.on('error', () => {});
    pipeline(raw, z, () => {});
    let size = 0;
    try {
      for await (const chunk of z as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxDecompressed) {
          state.problem = new ParallaxError('too-large', `ingest: ${input} decompresses to more than ${maxDecompressed} bytes; the rest of it was skipped (a compression bomb, or raise --max-bytes)`);
          return;
        }
        yield chunk;
      }
    } catch (error) {
      // A file that cannot be read is not damaged gzip: that failure is the file's, as for any input.
      if (!isZlibError(error)) throw error;
      state.problem = gzipDamaged(input, size, error);
    } finally {
      z.destroy();
      raw.destroy();
    }
  }
  return {
    chunks: chunks(),
    get problem() {
      return state.problem;
    },
  };
}

const isZlibError = (error: unknown): error is Error => error instanceof Error && /^Z_/.test(String((error as NodeJS.ErrnoException).code));

/** A line of a byte stream without its "\n": its bytes, or, when it is longer than the cap, only its number. */
export type Line = { n: number; bytes: Buffer } | { n: number; over: true };

/**
 * Splits a byte stream into lines numbered from 1 as `text.split('\n')` numbers them,
 * holding one line at a time. A line longer than `maxBytes` is dropped as its bytes arrive and comes
 * out as `over`, so one huge line costs no memory and the lines after it are still read. Cutting
 * bytes at "\n" is safe in UTF-8 (the byte never occurs inside a character), and a character split
 * between two chunks is whole again in its line.
 */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let over = false;
  let n = 1;
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      if (over || size + piece.length > maxBytes) yield { n, over: true };
      else yield { n, bytes: parts.length ? Buffer.concat([...parts, piece]) : piece };
      parts = [];
      size = 0;
      over = false;
      n++;
      start = end + 1;
    }
    if (over || start === chunk.length) continue;
    size += chunk.length - start;
    if (size > maxBytes) {
      over = true;
      parts = [];
    } else parts.push(chunk.subarray(start));
  }
  if (over) yield { n, over: true };
  else if (size) yield { n, bytes: Buffer.concat(parts) };
}
