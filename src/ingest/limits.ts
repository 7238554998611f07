import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
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
    z.on('error', (error) => {
      resolve(new ParallaxError('bad-input', `ingest: ${input} is damaged after ${size} decompressed bytes (${error.message}); what came before the damage was read, the rest is lost`));
    });
    z.on('end', () => resolve(null));
    z.end(compressed);
  });
  return { bytes: Buffer.concat(chunks), problem };
}

/**
 * A stream of the decompressed bytes of `source` that fails with a 'too-large' ParallaxError
 * once more than `maxBytes` have come out (for WARC files, read record by record).
 */
export function gunzipStreamCapped(input: string, source: Buffer, maxBytes: number): AsyncIterable<Buffer> {
  const z = Readable.from([source]).pipe(createGunzip());
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
