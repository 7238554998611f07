import { Readable } from 'node:stream';
import { WARCParser } from 'warcio';
import { ParallaxError, errorMessage } from '../../core/errors.ts';

export interface WarcResponse {
  url: string;
  date: string | null;
  contentType: string | null;
  body: Buffer;
  /** Byte offset of the record in the (decompressed) WARC, for messages. */
  offset: number;
}

/** A record that was skipped, or the damage that ended the file, with the offset it starts at. */
export interface WarcSkip {
  offset: number;
  error: ParallaxError;
}

export interface ReadWarcOptions {
  /** Name used in messages. */
  input?: string;
  /** Largest record content accepted, after HTTP chunked and gzip encodings are undone. */
  maxRecordBytes?: number;
}

/**
 * HTTP response records of a WARC or WARC.gz file (webrecorder's warcio reads both and undoes
 * HTTP chunked and gzip encodings). Other record types (request, metadata, warcinfo) are skipped.
 * A record over `maxRecordBytes` is skipped with its offset, read only as far as the cap; damage
 * (a truncated file, a broken header) ends the file with one WarcSkip saying where, after every
 * record before it.
 */
export async function* readWarc(body: Buffer | AsyncIterable<Uint8Array>, options: ReadWarcOptions = {}): AsyncIterable<WarcResponse | WarcSkip> {
  const input = options.input ?? 'the WARC file';
  const maxRecordBytes = options.maxRecordBytes ?? Infinity;
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  const parser = new WARCParser(source as AsyncIterable<Uint8Array>);
  try {
    for await (const record of parser) {
      if (record.warcType !== 'response' || !record.warcTargetURI) continue;
      const offset = parser.offset;
      const tooLarge = () => ({
        offset,
        error: new ParallaxError('too-large', `ingest: the record at offset ${offset} of ${input} (${record.warcTargetURI}) holds more than ${maxRecordBytes} bytes; skipped (raise --max-bytes if you trust it)`),
      });
      if (record.warcContentLength > maxRecordBytes * 2) {
        yield tooLarge();
        continue;
      }
      const contentType = record.httpHeaders?.headers.get('content-type') ?? null;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of record.contentReader) {
        size += chunk.length;
        if (size > maxRecordBytes) break;
        chunks.push(chunk);
      }
      if (size > maxRecordBytes) {
        yield tooLarge();
        continue;
      }
      yield { url: record.warcTargetURI, date: record.warcDate ?? null, contentType, body: Buffer.concat(chunks), offset };
    }
  } catch (error) {
    // The capped decompression (src/ingest/gunzip.ts) says itself what went wrong.
    if (error instanceof ParallaxError) {
      yield { offset: parser.offset, error };
      return;
    }
    yield {
      offset: parser.offset,
      error: new ParallaxError('bad-input', `ingest: ${input} is damaged at or after offset ${parser.offset} (${errorMessage(error)}); the records before it were read`),
    };
  }
}
