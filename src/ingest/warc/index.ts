import { Readable } from 'node:stream';
import { WARCParser } from 'warcio';

export interface WarcResponse {
  url: string;
  date: string | null;
  contentType: string | null;
  body: Buffer;
}

/**
 * HTTP response records of a WARC or WARC.gz file (webrecorder's warcio reads both and undoes
 * HTTP chunked and gzip encodings). Other record types (request, metadata, warcinfo) are skipped.
 */
export async function* readWarc(body: Buffer | NodeJS.ReadableStream): AsyncIterable<WarcResponse> {
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : (body as AsyncIterable<Uint8Array>);
  const parser = new WARCParser(source as AsyncIterable<Uint8Array>);
  for await (const record of parser) {
    if (record.warcType !== 'response' || !record.warcTargetURI) continue;
    const contentType = record.httpHeaders?.headers.get('content-type') ?? null;
    const content = Buffer.from(await record.readFully(true));
    yield { url: record.warcTargetURI, date: record.warcDate ?? null, contentType, body: content };
  }
}
