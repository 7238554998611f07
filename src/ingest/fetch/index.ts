import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { pipeline, type Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';
import robotsParserModule from 'robots-parser';
import { ParallaxError, errorMessage } from '../../core/errors.ts';

export interface FetchOptions {
  timeoutMs?: number;
  maxRedirects?: number;
  /** Largest body accepted, counted after decompression. */
  maxBytes?: number;
  userAgent?: string;
  allowPrivate?: boolean;
  respectRobots?: boolean;
  perHostConcurrency?: number;
  retries?: number;
  /** Accepted media types (prefix match); anything else is refused before the body is read. */
  acceptTypes?: string[];
  /** Name resolution under the private-address guard (default: node:dns lookup); tests give names fixed addresses. */
  lookup?: typeof dnsLookup;
  /** Agents the requests go through (default: Node's global ones); tests stand in for the network with one. */
  agents?: { http?: http.Agent; https?: https.Agent };
}

export interface FetchedResource {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** As the server sent it, charset included: the bytes are decoded downstream (ingest/decode.ts). */
  contentType: string | null;
  /** Decompressed, not yet decoded to text. */
  body: Buffer;
}

// robots-parser ships CommonJS typings that NodeNext resolution reads as a namespace.
type Robots = { isAllowed(url: string, ua?: string): boolean | undefined };
const robotsParser = robotsParserModule as unknown as (url: string, body: string) => Robots;

export const USER_AGENT = 'Parallax/0.1 (+https://github.com/parallax-news/parallax; news comparison research tool)';

const DEFAULTS: Required<FetchOptions> = {
  timeoutMs: 20_000,
  maxRedirects: 5,
  maxBytes: 20 * 1024 * 1024,
  userAgent: USER_AGENT,
  allowPrivate: false,
  respectRobots: true,
  perHostConcurrency: 2,
  retries: 2,
  acceptTypes: ['text/html', 'application/xhtml', 'application/xml', 'text/xml', 'application/rss', 'application/atom', 'application/feed+json', 'application/json', 'text/plain', 'text/markdown', 'application/warc', 'application/gzip', 'application/octet-stream'],
  lookup: dnsLookup,
  agents: {},
};

/**
 * Options over the defaults. Callers pass their own optional settings straight through
 * (`{ userAgent: flags.userAgent }`), so an undefined value means "not given", never "unset the default".
 */
function withDefaults(options: FetchOptions): Required<FetchOptions> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== null));
  const config: Required<FetchOptions> = { ...DEFAULTS, ...given };
  const counts = { timeoutMs: 1, maxBytes: 1, perHostConcurrency: 1, maxRedirects: 0, retries: 0 } as const;
  for (const [name, least] of Object.entries(counts) as [keyof typeof counts, number][]) {
    const value = config[name];
    // A NaN limit would compare false against everything and so silently lift the limit.
    if (typeof value !== 'number' || !Number.isFinite(value) || value < least) {
      throw new ParallaxError('config', `fetch: ${name} must be a number of at least ${least}, got ${String(value)}; fix the option or leave it out for the default (${DEFAULTS[name]})`);
    }
  }
  if (typeof config.userAgent !== 'string' || !config.userAgent.trim() || /[\r\n]/.test(config.userAgent)) {
    throw new ParallaxError('config', `fetch: userAgent must be a one-line, non-empty string, got ${JSON.stringify(config.userAgent)}; leave it out for the default`);
  }
  return config;
}

const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Whether a URL fetched on a user's behalf must not reach this address without --allow-private.
 * Only what ipaddr.js classifies as 'unicast' is public. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, IPv4-translated, NAT64 64:ff9b::/96, 6to4, Teredo's server and client) are
 * judged by that IPv4 address: a DNS64 resolver hands out 64:ff9b::8.8.8.8 for public hosts,
 * while ::ffff:127.0.0.1 or 2002:7f00:1:: lead to this machine. Anything unparsable is private.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) {
    // isIP accepts only dotted quads; ipaddr.js would also read '127.1' or '0x7f.1'.
    return ipaddr.IPv4.parse(address).range() !== 'unicast';
  }
  if (family !== 6) return true;
  let canonical: string;
  try {
    // The WHATWG parser reads '::127.0.0.1' as IPv4-compatible ::7f00:1, as the network stack
    // does; ipaddr.js alone would take it for IPv4-mapped. A zone id ('fe80::1%eth0') fails here.
    canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return true;
  }
  const ip = ipaddr.IPv6.parse(canonical);
  const p = ip.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const publicV4 = (...embedded: ipaddr.IPv4[]) => embedded.every((a) => a.range() === 'unicast');
  switch (ip.range()) {
    case 'unicast':
      // Only 2000::/3 is allocated for global unicast; the rest of what ipaddr.js leaves as
      // 'unicast' is IETF-reserved, including the deprecated IPv4-compatible ::a.b.c.d.
      return (p[0]! & 0xe000) !== 0x2000;
    case 'ipv4Mapped':
    case 'rfc6145':
      return !publicV4(v4(p[6]!, p[7]!));
    case 'rfc6052':
      // 64:ff9b::/96 embeds the IPv4 address at the end; the local-use 64:ff9b:1::/48 is a site's own.
      return !(ip.match(NAT64_WELL_KNOWN) && publicV4(v4(p[6]!, p[7]!)));
    case '6to4':
      return !publicV4(v4(p[1]!, p[2]!));
    case 'teredo':
      // 2001:0:SERVER:flags:port:CLIENT, the client's address with every bit inverted.
      return !publicV4(v4(p[2]!, p[3]!), v4(~p[6]! & 0xffff, ~p[7]! & 0xffff));
    default:
      return true;
  }
}

/**
 * A dns.lookup that refuses names resolving to a private address. It resolves every address of
 * the name (so a public answer cannot hide a private one) and then answers in the shape asked:
 * a list when called with all:true (as net does when it tries both families), else the first.
 */
export function guardLookup(lookup: typeof dnsLookup, allowPrivate: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions | number | undefined, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    const asked: LookupOptions = typeof options === 'number' ? { family: options } : typeof options === 'object' && options ? options : {};
    lookup(hostname, { ...asked, all: true }, (err, addresses) => {
      if (err) return callback(err, asked.all ? [] : '');
      const list = addresses as LookupAddress[];
      if (!list.length) {
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), asked.all ? [] : '');
      }
      const blocked = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (blocked) {
        return callback(
          new ParallaxError('forbidden-address', `fetch: ${hostname} resolves to the private address ${blocked.address}; pass --allow-private to fetch from your own network`),
          asked.all ? [] : '',
        );
      }
      if (asked.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

class Limiter {
  #active = new Map<string, number>();
  #waiting = new Map<string, (() => void)[]>();
  constructor(private readonly limit: number) {}
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if ((this.#active.get(key) ?? 0) >= this.limit) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(key) ?? [];
        queue.push(resolve);
        this.#waiting.set(key, queue);
      });
    }
    this.#active.set(key, (this.#active.get(key) ?? 0) + 1);
    try {
      return await work();
    } finally {
      this.#active.set(key, (this.#active.get(key) ?? 1) - 1);
      this.#waiting.get(key)?.shift()?.();
    }
  }
}

class RetryableError extends Error {}

type Answer = { status: number; location: string | null; contentType: string | null; body: Buffer };

/** Decompressors for the content codings we ask for; a body in any other coding is refused. */
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * A fetcher for article and feed URLs.
 * 1. Refuses non-http(s) URLs and, unless allowPrivate, any host resolving to a private address
 *    (checked at connect time on the resolved address, for every redirect hop).
 * 2. Asks robots.txt first (cached per origin) unless respectRobots is false.
 * 3. Follows redirects by hand, up to maxRedirects.
 * 4. Streams the body, decompressing gzip, deflate and br, and stops once the decompressed
 *    bytes pass maxBytes; refuses unexpected content types.
 * 5. Retries network errors, timeouts, 429 and 5xx with exponential backoff.
 */
export function createFetcher(options: FetchOptions = {}): (url: string) => Promise<FetchedResource> {
  const config = withDefaults(options);
  const limiter = new Limiter(config.perHostConcurrency);
  const robotsCache = new Map<string, Promise<Robots | null>>();
  const guardedLookup = guardLookup(config.lookup, config.allowPrivate);

  function once(url: URL, accept: boolean): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      // 1. net connects to a literal address without a lookup, so the guard looks at it here.
      if (isIP(literal) && isPrivateAddress(literal) && !config.allowPrivate) {
        reject(new ParallaxError('forbidden-address', `fetch: ${url.href} points at the private address ${literal}; pass --allow-private to fetch from your own network`));
        return;
      }
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        outcome();
      };
      const fail = (error: unknown) =>
        settle(() => {
          reject(error instanceof ParallaxError || error instanceof RetryableError ? error : new RetryableError(errorMessage(error)));
          req.destroy();
        });

      const client = url.protocol === 'https:' ? https : http;
      const agent = url.protocol === 'https:' ? config.agents.https : config.agents.http;
      const req = client.request(
        url,
        {
          method: 'GET',
          lookup: guardedLookup,
          ...(agent ? { agent } : {}),
          headers: { 'user-agent': config.userAgent, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const contentType = res.headers['content-type'] ?? null;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            settle(() => resolve({ status, location: res.headers.location!, contentType, body: Buffer.alloc(0) }));
            return;
          }
          if (accept && status < 300 && contentType && !config.acceptTypes.some((t) => contentType.toLowerCase().startsWith(t))) {
            fail(new ParallaxError('fetch-failed', `fetch: ${url.href} is ${contentType}, not a web page, feed or text; give the address of an article or feed`));
            return;
          }
          const declared = Number(res.headers['content-length'] ?? 0);
          if (declared > config.maxBytes) {
            fail(new ParallaxError('too-large', `fetch: ${url.href} is ${declared} bytes, over the ${config.maxBytes}-byte limit; raise --max-bytes if you trust it`));
            return;
          }
          const body = decoded(res, url, fail);
          if (!body) return;
          const chunks: Buffer[] = [];
          let size = 0;
          body.on('data', (chunk: Buffer) => {
            size += chunk.length;
            // 4. Counted after decompression: a few kilobytes of gzip can inflate to gigabytes.
            if (size > config.maxBytes) {
              fail(new ParallaxError('too-large', `fetch: ${url.href} is over the ${config.maxBytes}-byte limit; raise --max-bytes if you trust it`));
              body.destroy();
              return;
            }
            chunks.push(chunk);
          });
          body.on('end', () => settle(() => resolve({ status, location: null, contentType, body: Buffer.concat(chunks) })));
          res.on('error', fail);
          res.on('close', () => {
            if (!res.complete) fail(new RetryableError('the connection closed before the whole page arrived'));
          });
        },
      );
      // One deadline for the whole exchange: a socket idle timeout alone never ends a server
      // that sends a byte every few seconds.
      const deadline = setTimeout(() => fail(new RetryableError(`timed out after ${config.timeoutMs} ms`)), config.timeoutMs);
      req.on('error', fail);
      req.end();
    });
  }

  async function withRetries<T>(work: () => Promise<T>, url: string): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof RetryableError) || attempt >= config.retries) {
          if (error instanceof ParallaxError) throw error;
          const tries = attempt === 0 ? '' : ` after ${attempt + 1} attempts`;
          throw new ParallaxError('fetch-failed', `fetch: ${url} failed${tries}: ${errorMessage(error)}; check the address and your connection, then try again`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  async function robotsAllow(url: URL): Promise<boolean> {
    if (!config.respectRobots) return true;
    let robots = robotsCache.get(url.origin);
    if (!robots) {
      const robotsUrl = new URL('/robots.txt', url.origin);
      robots = withRetries(() => once(robotsUrl, false), robotsUrl.href)
        .then((r) => (r.status >= 200 && r.status < 300 ? robotsParser(robotsUrl.href, r.body.toString('utf8')) : null))
        .catch((error: unknown) => {
          if (error instanceof ParallaxError && error.code === 'forbidden-address') throw error;
          return null;
        });
      robotsCache.set(url.origin, robots);
    }
    const parsed = await robots;
    return parsed ? parsed.isAllowed(url.href, config.userAgent) !== false : true;
  }

  return async function fetchUrl(address: string): Promise<FetchedResource> {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new ParallaxError('bad-input', `fetch: "${address}" is not a valid URL; give a full address such as https://example.org/story`);
    }
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new ParallaxError('bad-input', `fetch: ${url.href} uses ${url.protocol}; only http and https addresses can be fetched`);
      }
      const current = url;
      if (!(await robotsAllow(current))) {
        throw new ParallaxError('robots-disallowed', `fetch: robots.txt of ${current.host} disallows ${current.pathname}; pass --no-robots only if you have the right to fetch it`);
      }
      const res = await limiter.run(current.host, () =>
        withRetries(async () => {
          const r = await once(current, true);
          if (r.status === 429 || r.status >= 500) throw new RetryableError(`the server answered HTTP ${r.status}`);
          return r;
        }, current.href),
      );
      if (res.location) {
        if (hop >= config.maxRedirects) {
          throw new ParallaxError('fetch-failed', `fetch: ${address} redirected more than ${config.maxRedirects} times; give the final address instead`);
        }
        try {
          url = new URL(res.location, current);
        } catch {
          throw new ParallaxError('fetch-failed', `fetch: ${current.href} redirects to "${res.location}", which is not a valid address; give the final address instead`);
        }
        continue;
      }
      if (res.status >= 400) {
        throw new ParallaxError('fetch-failed', `fetch: ${current.href} answered HTTP ${res.status}; check the address`);
      }
      return { url: current.href, status: res.status, contentType: res.contentType, body: res.body };
    }
  };
}

/**
 * The response body with its content codings undone (innermost last in the header, so undone
 * first), or null after `fail` when a coding is one we cannot undo.
 */
function decoded(res: http.IncomingMessage, url: URL, fail: (error: unknown) => void): Readable | null {
  const codings = (res.headers['content-encoding'] ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  if (!codings.length) return res;
  const unknown = codings.find((c) => !DECODERS[c]);
  if (unknown) {
    fail(new ParallaxError('fetch-failed', `fetch: ${url.href} is sent in the "${unknown}" content coding, which Parallax cannot decompress; save the page and ingest the file instead`));
    return null;
  }
  const stages = codings.map((coding) => {
    const stage = DECODERS[coding]!();
    // Registered before pipeline's own listener, so the message names the coding.
    stage.on('error', (error) => fail(new ParallaxError('fetch-failed', `fetch: ${url.href} sent a ${coding} body that does not decompress (${errorMessage(error)}); try again later or save the page and ingest the file`)));
    return stage;
  });
  return pipeline([res, ...stages], (error) => {
    if (error) fail(error);
  }) as unknown as Readable;
}
