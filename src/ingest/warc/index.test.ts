import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { gunzipStreamCapped } from '../limits.ts';
import { readWarc, type WarcResponse, type WarcSkip } from './index.ts';

/** A WARC written here: one response with an HTML page, one request record, one PNG response. */
export async function buildWarc(pages: { url: string; html: string }[]): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const page of pages) {
    const enc = new TextEncoder();
    const response = WARCRecord.create(
      { url: page.url, type: 'response', date: '2025-04-02T10:00:00Z', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
      (async function* () {
        yield enc.encode(page.html);
      })(),
    );
    parts.push(await WARCSerializer.serialize(response));
    const request = WARCRecord.create({ url: page.url, type: 'request', httpHeaders: { Host: 'example.org' }, statusline: 'GET / HTTP/1.1' });
    parts.push(await WARCSerializer.serialize(request));
  }
  return Buffer.concat(parts);
}

describe('readWarc', () => {
  const pages = [
    { url: 'https://gazette.example/crane', html: '<html><body><p>Crane story</p></body></html>' },
    { url: 'https://gazette.example/ferry', html: '<html><body><p>Ferry story</p></body></html>' },
  ];

  it('yields the HTML of each response record with its URL and date, skipping requests', async () => {
    const out: WarcResponse[] = [];
    for await (const r of readWarc(await buildWarc(pages))) if (!('error' in r)) out.push(r);
    expect(out.map((r) => r.url)).toEqual(pages.map((p) => p.url));
    expect(out[0]?.body.toString('utf8')).toContain('Crane story');
    expect(out[0]?.contentType).toMatch(/text\/html/);
    expect(out[0]?.date).toMatch(/^2025-04-02/);
  });

  it('reads gzipped WARC files', async () => {
    const out: string[] = [];
    for await (const r of readWarc(gzipSync(await buildWarc(pages)))) if (!('error' in r)) out.push(r.url);
    expect(out).toHaveLength(2);
  });

  it('skips a record over the size cap with its offset, reading it only as far as the cap, and keeps the next', async () => {
    const big = { url: 'https://gazette.example/big', html: `<html><body>${'<p>padding</p>'.repeat(10_000)}</body></html>` };
    const out: (WarcResponse | WarcSkip)[] = [];
    for await (const r of readWarc(await buildWarc([pages[0]!, big, pages[1]!]), { input: 'crawl.warc', maxRecordBytes: 50_000 })) out.push(r);
    expect(out.map((r) => ('error' in r ? `skip@${r.offset}` : r.url))).toEqual([pages[0]!.url, expect.stringMatching(/^skip@[1-9]\d*$/), pages[1]!.url]);
    const skip = out[1] as WarcSkip;
    expect(skip.error.message).toContain(`offset ${skip.offset} of crawl.warc (https://gazette.example/big) holds more than 50000 bytes`);
  });

  it('keeps the records before a truncated .warc.gz ends and says where it is damaged', async () => {
    const gz = gzipSync(await buildWarc(pages));
    const out: (WarcResponse | WarcSkip)[] = [];
    for await (const r of readWarc(gunzipStreamCapped('cut.warc.gz', gz.subarray(0, gz.length - 120), 1e9), { input: 'cut.warc.gz' })) out.push(r);
    expect(out[0]).toMatchObject({ url: pages[0]!.url });
    expect(out.at(-1)).toMatchObject({ error: { message: expect.stringMatching(/cut\.warc\.gz is damaged at or after offset \d+ \(unexpected end of file\)/) } });
  });

  it('stops a .warc.gz bomb at the decompression cap', async () => {
    const bomb = gzipSync(Buffer.concat([await buildWarc(pages), Buffer.alloc(50_000_000, 0x20)]));
    const out: (WarcResponse | WarcSkip)[] = [];
    for await (const r of readWarc(gunzipStreamCapped('bomb.warc.gz', bomb, 1_000_000), { input: 'bomb.warc.gz' })) out.push(r);
    expect(out.map((r) => ('error' in r ? r.error.code : r.url))).toEqual([...pages.map((p) => p.url), 'too-large']);
    expect((out.at(-1) as WarcSkip).error.message).toContain('bomb.warc.gz decompresses to more than 1000000 bytes');
  });
});
