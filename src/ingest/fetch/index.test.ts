import type { LookupAddress, LookupOptions, lookup as dnsLookup } from 'node:dns';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ParallaxError } from '../../core/errors.ts';
import { readInputs, type IngestItem } from '../index.ts';
import { USER_AGENT, createFetcher, guardLookup, isPrivateAddress } from './index.ts';

describe('isPrivateAddress', () => {
  it.each([
    ['93.184.216.34', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['1.1.1.1', 'public IPv4'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2001:4860:4860::8888', 'public IPv6'],
    ['::ffff:93.184.216.34', 'IPv4-mapped public address'],
    ['64:ff9b::808:808', 'NAT64 (DNS64) form of 8.8.8.8'],
    ['2002:808:808::1', '6to4 over 8.8.8.8'],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'Teredo, public server 65.54.227.120 and client 8.8.8.8'],
  ])('lets %s through (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['255.255.255.255', 'broadcast'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback, dotted'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::7f00:1', 'IPv4-compatible loopback, hex'],
    ['::ffff:0:7f00:1', 'IPv4-translated loopback'],
    ['2002:7f00:1::', '6to4 over loopback'],
    ['2002:c0a8:101::1', '6to4 over 192.168.1.1'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback, dotted'],
    ['64:ff9b:1::808:808', 'local-use NAT64 prefix'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo with client 127.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo with client 10.0.0.1'],
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'Teredo with server 10.0.0.1'],
  ])('refuses %s (%s)', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['', 'localhost', 'example.org', '127.1', '0x7f.0.0.1', '2130706433', '[::1]', '1.2.3.4.5', '999.1.1.1', ':::1', 'gggg::1', ' 8.8.8.8'])(
    'counts the unparsable %j as private',
    (address) => {
      expect(isPrivateAddress(address)).toBe(true);
    },
  );
});

/** A resolver with fixed answers, recording the options it was called with. */
function fakeDns(answers: Record<string, string[]>) {
  const calls: LookupOptions[] = [];
  const lookup = (hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => {
    calls.push(options);
    const found = (answers[hostname] ?? [])
      .map((address) => ({ address, family: net.isIP(address) }))
      .filter((a) => !options.family || a.family === options.family);
    if (!found.length) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, found);
  };
  return { lookup: lookup as unknown as typeof dnsLookup, calls };
}

function resolveWith(lookup: net.LookupFunction, hostname: string, options: LookupOptions): Promise<{ address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve, reject) => lookup(hostname, options, (err, address, family) => (err ? reject(err) : resolve({ address, family }))));
}

describe('guardLookup', () => {
  const dns = fakeDns({ 'news.test': ['93.184.216.34', '2606:4700:4700::1111'], 'mixed.test': ['93.184.216.34', '10.0.0.7'], 'intranet.test': ['fd00::7'] });

  it('answers a list when asked for all addresses, and the first one otherwise', async () => {
    const guarded = guardLookup(dns.lookup, false);
    expect((await resolveWith(guarded, 'news.test', { all: true })).address).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    expect(await resolveWith(guarded, 'news.test', {})).toEqual({ address: '93.184.216.34', family: 4 });
    expect(await resolveWith(guarded, 'news.test', { family: 6 })).toEqual({ address: '2606:4700:4700::1111', family: 6 });
    expect(dns.calls.at(-1)).toEqual({ family: 6, all: true });
  });

  it('refuses a name with any private address among its answers, however it is asked', async () => {
    const guarded = guardLookup(dns.lookup, false);
    for (const options of [{ all: true }, {}, { family: 4 }, { family: 4, all: true }]) {
      await expect(resolveWith(guarded, 'mixed.test', options)).rejects.toThrow('mixed.test resolves to the private address 10.0.0.7');
    }
    await expect(resolveWith(guarded, 'intranet.test', {})).rejects.toMatchObject({ code: 'forbidden-address' });
  });

  it('lets private answers through with allowPrivate, and passes resolver errors on', async () => {
    const guarded = guardLookup(dns.lookup, true);
    expect(await resolveWith(guarded, 'mixed.test', { family: 4 })).toEqual({ address: '93.184.216.34', family: 4 });
    expect(await resolveWith(guarded, 'intranet.test', {})).toEqual({ address: 'fd00::7', family: 6 });
    await expect(resolveWith(guarded, 'missing.test', {})).rejects.toThrow('ENOTFOUND');
  });
});

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface TestServer {
  port: number;
  base: string;
  /** Paths requested, in order, with their request headers. */
  hits: { path: string; headers: http.IncomingHttpHeaders }[];
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server on 127.0.0.1 whose routes answer by path; robots.txt is a 404 unless given. */
async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  const hits: TestServer['hits'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, headers: req.headers });
    const route = routes[path];
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, base: `http://127.0.0.1:${port}`, hits };
}

const page = (body: string | Buffer, type = 'text/html; charset=utf-8'): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': type }).end(body);
};
const redirect = (status: number, location: string): Handler => (_req, res) => {
  res.writeHead(status, { location }).end();
};

/**
 * Stands in for the internet: every connection ends at the test server, but only once the
 * fetcher's own guarded lookup has accepted the name and its addresses.
 */
class Internet extends http.Agent {
  constructor(private readonly port: number) {
    super();
  }

  override createConnection(options: http.ClientRequestArgs): Duplex {
    const guarded = options.lookup!;
    return net.connect({
      host: options.host ?? 'localhost',
      port: this.port,
      lookup: (hostname, opts, callback) =>
        guarded(hostname, opts, (err, address, family) => {
          if (err) return callback(err, address, family);
          if (Array.isArray(address)) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
          callback(null, '127.0.0.1', 4);
        }),
    });
  }
}

async function refusal(promise: Promise<unknown>): Promise<ParallaxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParallaxError);
  return error as ParallaxError;
}

describe('createFetcher against a local server', () => {
  it('fetches a page with our User-Agent when the caller passes its unset options as undefined', async () => {
    const server = await serve({ '/story': page('<p>Hello</p>') });
    // What `parallax ingest URL` passes when no flag is given.
    const fetchUrl = createFetcher({ allowPrivate: true, maxBytes: undefined, userAgent: undefined, respectRobots: undefined, timeoutMs: undefined, retries: undefined });
    const res = await fetchUrl(`${server.base}/story`);
    expect(res).toMatchObject({ url: `${server.base}/story`, status: 200, contentType: 'text/html; charset=utf-8' });
    expect(res.body.toString('utf8')).toBe('<p>Hello</p>');
    expect(server.hits.map((h) => h.path)).toEqual(['/robots.txt', '/story']);
    expect(server.hits.every((h) => h.headers['user-agent'] === USER_AGENT)).toBe(true);
  });

  it('sends a user agent it is given', async () => {
    const server = await serve({ '/story': page('ok') });
    await createFetcher({ allowPrivate: true, userAgent: 'NewsroomBot/2.0' })(`${server.base}/story`);
    expect(server.hits.at(-1)?.headers['user-agent']).toBe('NewsroomBot/2.0');
  });

  it('hands a windows-1252 page over as its bytes with the charset of its Content-Type', async () => {
    const server = await serve({ '/story.txt': page(encode1252(STORY_1252), 'text/plain; charset=windows-1252') });
    const res = await createFetcher({ allowPrivate: true })(`${server.base}/story.txt`);
    expect(res.contentType).toBe('text/plain; charset=windows-1252');
    expect(res.body.equals(encode1252(STORY_1252))).toBe(true);
  });

  // Node 20's TextDecoder reads the label windows-1252 (and latin1, iso-8859-1) as ISO-8859-1, so
  // 0x80–0x9F would become C1 controls instead of € ’ “ ” —; ingest/decode.ts maps them itself.
  it('ingests a windows-1252 page fetched by URL with its accents and symbols intact', async () => {
    const server = await serve({ '/story.txt': page(encode1252(STORY_1252), 'text/plain; charset=windows-1252') });
    const items: IngestItem[] = [];
    // readInputs builds its fetcher from options as the CLI passes them, unset ones undefined.
    for await (const item of readInputs([`${server.base}/story.txt`], { allowPrivate: true, userAgent: undefined, respectRobots: undefined, threads: 1 })) items.push(item);
    expect(items).toHaveLength(1);
    expect('draft' in items[0]! && items[0].draft.text).toContain(STORY_1252);
  });

  it('ingests a latin-1 page fetched by URL through the CLI\'s options', async () => {
    const server = await serve({ '/story.txt': page(encode1252(STORY_LATIN1), 'text/plain; charset=windows-1252') });
    const items: IngestItem[] = [];
    for await (const item of readInputs([`${server.base}/story.txt`], { allowPrivate: true, userAgent: undefined, respectRobots: undefined, threads: 1 })) items.push(item);
    expect('draft' in items[0]! && items[0].draft.text).toContain(STORY_LATIN1);
  });

  it('refuses a loopback server without allowPrivate, naming the address, before connecting', async () => {
    const server = await serve({ '/story': page('secret') });
    const fetchUrl = createFetcher({ allowPrivate: undefined });
    const literal = await refusal(fetchUrl(`${server.base}/story`));
    expect(literal.code).toBe('forbidden-address');
    expect(literal.message).toContain('private address 127.0.0.1');
    const named = await refusal(fetchUrl(`http://localhost:${server.port}/story`));
    expect(named.message).toMatch(/localhost resolves to the private address (127\.0\.0\.1|::1)/);
    expect(server.hits).toEqual([]);
  });

  it('connects to a name that resolves to a public IPv4 address', async () => {
    const server = await serve({ '/story': page('public news') });
    const dns = fakeDns({ 'news.test': ['93.184.216.34'] });
    const res = await createFetcher({ lookup: dns.lookup, agents: { http: new Internet(server.port) } })('http://news.test/story');
    expect(res.body.toString()).toBe('public news');
    expect(dns.calls.length).toBeGreaterThan(0);
  });

  it('follows a chain of 301 and 302 redirects, relative ones included, to the final URL', async () => {
    const server = await serve({
      '/old': redirect(301, '/moved'),
      '/moved': redirect(302, 'story?id=7'),
      '/story?id=7': page('final'),
    });
    const res = await createFetcher({ allowPrivate: true })(`${server.base}/old`);
    expect(res.url).toBe(`${server.base}/story?id=7`);
    expect(res.body.toString()).toBe('final');
  });

  it('refuses to follow more than maxRedirects redirects', async () => {
    const server = await serve({ '/a': redirect(302, '/b'), '/b': redirect(302, '/a') });
    const error = await refusal(createFetcher({ allowPrivate: true, maxRedirects: 3, respectRobots: false })(`${server.base}/a`));
    expect(error.message).toBe(`fetch: ${server.base}/a redirected more than 3 times; give the final address instead`);
    expect(server.hits).toHaveLength(4);
  });

  it('refuses a redirect hop to a private address, whether named or literal', async () => {
    const server = await serve({
      '/to-name': redirect(302, 'http://intranet.test/secret'),
      '/to-literal': (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${server.port}/secret` }).end(),
      '/to-mapped': (_req, res) => res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${server.port}/secret` }).end(),
      '/secret': page('internal'),
    });
    const dns = fakeDns({ 'news.test': ['93.184.216.34'], 'intranet.test': ['10.0.0.7'] });
    const fetchUrl = createFetcher({ lookup: dns.lookup, agents: { http: new Internet(server.port) }, respectRobots: false });

    const named = await refusal(fetchUrl('http://news.test/to-name'));
    expect(named.message).toContain('intranet.test resolves to the private address 10.0.0.7');
    const literal = await refusal(fetchUrl('http://news.test/to-literal'));
    expect(literal.message).toContain('points at the private address 127.0.0.1');
    const mapped = await refusal(fetchUrl('http://news.test/to-mapped'));
    expect(mapped.code).toBe('forbidden-address');
    expect(server.hits.map((h) => h.path)).toEqual(['/to-name', '/to-literal', '/to-mapped']);
  });

  it('refuses a redirect to another scheme', async () => {
    const server = await serve({ '/story': redirect(302, 'file:///etc/passwd') });
    const error = await refusal(createFetcher({ allowPrivate: true })(`${server.base}/story`));
    expect(error.message).toContain('uses file:; only http and https addresses can be fetched');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('decompresses a %s-encoded page', async (coding, compress) => {
    const html = '<p>Compressed story</p>'.repeat(50);
    const server = await serve({
      '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': coding }).end(compress(Buffer.from(html))),
    });
    const res = await createFetcher({ allowPrivate: true })(`${server.base}/story`);
    expect(res.body.toString()).toBe(html);
    expect(server.hits.at(-1)?.headers['accept-encoding']).toContain(coding);
  });

  it('applies the size limit to the decompressed bytes', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 'a'));
    expect(bomb.length).toBeLessThan(10_000);
    const server = await serve({
      '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb),
    });
    const error = await refusal(createFetcher({ allowPrivate: true, maxBytes: 1_000_000 })(`${server.base}/story`));
    expect(error.code).toBe('too-large');
  });

  it('refuses a body in a content coding it cannot undo, and one that does not decompress', async () => {
    const server = await serve({
      '/zstd': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'zstd' }).end('xx'),
      '/broken': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end('not gzip at all'),
    });
    const fetchUrl = createFetcher({ allowPrivate: true, retries: 0 });
    expect((await refusal(fetchUrl(`${server.base}/zstd`))).message).toContain('"zstd" content coding');
    expect((await refusal(fetchUrl(`${server.base}/broken`))).message).toContain('sent a gzip body that does not decompress');
  });

  it('refuses a page whose declared length is over the limit without reading it', async () => {
    const server = await serve({ '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-length': 5000 }).end('x'.repeat(5000)) });
    const error = await refusal(createFetcher({ allowPrivate: true, maxBytes: 1000 })(`${server.base}/big`));
    expect(error.message).toBe(`fetch: ${server.base}/big is 5000 bytes, over the 1000-byte limit; raise --max-bytes if you trust it`);
  });

  it('stops reading a chunked page once it passes the limit', async () => {
    const server = await serve({
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('x'.repeat(1000)), 1);
        res.on('close', () => clearInterval(timer));
      },
    });
    const error = await refusal(createFetcher({ allowPrivate: true, maxBytes: 10_000 })(`${server.base}/endless`));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('over the 10000-byte limit');
  });

  it('obeys robots.txt: a disallowed path is refused, an allowed one fetched, the file read once', async () => {
    const server = await serve({
      '/robots.txt': page('User-agent: *\nDisallow: /private/\n', 'text/plain'),
      '/private/memo': page('memo'),
      '/news/story': page('story'),
    });
    const fetchUrl = createFetcher({ allowPrivate: true });
    const error = await refusal(fetchUrl(`${server.base}/private/memo`));
    expect(error.code).toBe('robots-disallowed');
    expect(error.message).toContain('robots.txt of 127.0.0.1');
    expect((await fetchUrl(`${server.base}/news/story`)).body.toString()).toBe('story');
    expect(server.hits.map((h) => h.path)).toEqual(['/robots.txt', '/news/story']);
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const server = await serve({ '/hang': () => {} });
    const started = Date.now();
    const error = await refusal(createFetcher({ allowPrivate: true, timeoutMs: 300, retries: 0, respectRobots: false })(`${server.base}/hang`));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toBe(`fetch: ${server.base}/hang failed: timed out after 300 ms; check the address and your connection, then try again`);
  });

  it('times out a server that sends its page a trickle at a time', async () => {
    const server = await serve({
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
      },
    });
    const error = await refusal(createFetcher({ allowPrivate: true, timeoutMs: 400, retries: 0, respectRobots: false })(`${server.base}/trickle`));
    expect(error.message).toContain('timed out after 400 ms');
  });

  it('retries a 5xx answer and reports it once the retries are spent', async () => {
    let calls = 0;
    const server = await serve({
      '/flaky': (_req, res) => (++calls < 2 ? res.writeHead(503).end() : page('recovered')(_req, res)),
      '/down': (_req, res) => res.writeHead(502).end(),
    });
    const fetchUrl = createFetcher({ allowPrivate: true, retries: 2, respectRobots: false });
    expect((await fetchUrl(`${server.base}/flaky`)).body.toString()).toBe('recovered');
    const error = await refusal(fetchUrl(`${server.base}/down`));
    expect(error.message).toBe(`fetch: ${server.base}/down failed after 3 attempts: the server answered HTTP 502; check the address and your connection, then try again`);
    expect(server.hits.filter((h) => h.path === '/down')).toHaveLength(3);
  });

  it('reports a 404 without retrying', async () => {
    const server = await serve({});
    const error = await refusal(createFetcher({ allowPrivate: true, respectRobots: false })(`${server.base}/gone`));
    expect(error.message).toBe(`fetch: ${server.base}/gone answered HTTP 404; check the address`);
    expect(server.hits).toHaveLength(1);
  });

  it.each(['ftp://example.org/story', 'file:///etc/passwd', 'javascript:alert(1)'])('refuses the non-http address %s', async (address) => {
    const error = await refusal(createFetcher()(address));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('only http and https addresses can be fetched');
  });

  it('refuses limits that are not numbers instead of lifting them', () => {
    expect(() => createFetcher({ maxBytes: Number('lots') })).toThrow('fetch: maxBytes must be a number of at least 1, got NaN');
    expect(() => createFetcher({ timeoutMs: 0 })).toThrow('timeoutMs must be a number of at least 1');
  });
});

const STORY_1252 = 'Café owners in Zoë’s street paid €5 more — “a disgrace”, one said.';
const STORY_LATIN1 = 'Café owners in Zoë\'s street in Malmö paid 5 more: «a disgrace», one said.';

/** Text in windows-1252, which TextEncoder cannot produce. */
function encode1252(text: string): Buffer {
  const high: Record<string, number> = { '€': 0x80, '’': 0x92, '“': 0x93, '”': 0x94, '—': 0x97 };
  return Buffer.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}
