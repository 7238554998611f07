import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { readWarc } from './index.ts';

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
    const out = [];
    for await (const r of readWarc(await buildWarc(pages))) out.push(r);
    expect(out.map((r) => r.url)).toEqual(pages.map((p) => p.url));
    expect(out[0]?.body.toString('utf8')).toContain('Crane story');
    expect(out[0]?.contentType).toMatch(/text\/html/);
    expect(out[0]?.date).toMatch(/^2025-04-02/);
  });

  it('reads gzipped WARC files', async () => {
    const out = [];
    for await (const r of readWarc(gzipSync(await buildWarc(pages)))) out.push(r.url);
    expect(out).toHaveLength(2);
  });
});
