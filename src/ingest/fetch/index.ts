import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import robotsParserModule from 'robots-parser';
import { ParallaxError, errorMessage } from '../../core/errors.ts';

export interface FetchOptions {
  timeoutMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
  userAgent?: string;
  allowPrivate?: boolean;
  respectRobots?: boolean;
  perHostConcurrency?: number;
  retries?: number;
  /** Accepted media types (prefix match); anything else is refused before the body is read. */
  acceptTypes?: string[];
}

export interface FetchedResource {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string | null;
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
};

/** Addresses a URL fetched on a user's behalf must never reach without --allow-private. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return true;
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

/**
 * A fetcher for article and feed URLs.
 * 1. Refuses non-http(s) URLs and, unless allowPrivate, any host resolving to a private address
 *    (checked at connect time on the resolved address, for every redirect hop).
 * 2. Asks robots.txt first (cached per origin) unless respectRobots is false.
 * 3. Follows redirects by hand, up to maxRedirects.
 * 4. Streams the body and stops at maxBytes; refuses unexpected content types.
 * 5. Retries network errors, 429 and 5xx with exponential backoff.
 */
export function createFetcher(options: FetchOptions = {}): (url: string) => Promise<FetchedResource> {
  const config = { ...DEFAULTS, ...options };
  const limiter = new Limiter(config.perHostConcurrency);
  const robotsCache = new Map<string, Promise<Robots | null>>();

  const guardedLookup: typeof dnsLookup = ((hostname: string, opts: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...opts, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const blocked = list.find((a) => isPrivateAddress(a.address));
      if (blocked && !config.allowPrivate) {
        return callback(
          new ParallaxError('forbidden-address', `fetch: ${hostname} resolves to the private address ${blocked.address}; pass --allow-private to fetch from your own network`),
          [],
        );
      }
      if ((opts as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  }) as typeof dnsLookup;

  function once(url: URL, accept: boolean): Promise<{ status: number; location: string | null; contentType: string | null; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && isPrivateAddress(literal) && !config.allowPrivate) {
        reject(new ParallaxError('forbidden-address', `fetch: ${url.href} points at the private address ${literal}; pass --allow-private to fetch from your own network`));
        return;
      }
      const client = url.protocol === 'https:' ? https : http;
      const req = client.request(
        url,
        {
          method: 'GET',
          lookup: guardedLookup,
          timeout: config.timeoutMs,
          headers: { 'user-agent': config.userAgent, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.8,*/*;q=0.5', 'accept-encoding': 'identity' },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const contentType = res.headers['content-type'] ?? null;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.resume();
            resolve({ status, location: res.headers.location, contentType, body: Buffer.alloc(0) });
            return;
          }
          if (accept && status < 300 && contentType && !config.acceptTypes.some((t) => contentType.toLowerCase().startsWith(t))) {
            res.destroy();
            reject(new ParallaxError('fetch-failed', `fetch: ${url.href} is ${contentType}, not a web page, feed or text; give the address of an article or feed`));
            return;
          }
          const declared = Number(res.headers['content-length'] ?? 0);
          if (declared > config.maxBytes) {
            res.destroy();
            reject(new ParallaxError('too-large', `fetch: ${url.href} is ${declared} bytes, over the ${config.maxBytes}-byte limit; raise --max-bytes if you trust it`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > config.maxBytes) {
              res.destroy();
              reject(new ParallaxError('too-large', `fetch: ${url.href} is over the ${config.maxBytes}-byte limit; raise --max-bytes if you trust it`));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve({ status, location: null, contentType, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new RetryableError(`timed out after ${config.timeoutMs} ms`)));
      req.on('error', (error) => reject(error instanceof ParallaxError ? error : new RetryableError(errorMessage(error))));
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
          throw new ParallaxError('fetch-failed', `fetch: ${url} failed: ${errorMessage(error)}; check the address and your connection, then try again`, { cause: error });
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
          if (r.status === 429 || r.status >= 500) throw new RetryableError(`server answered ${r.status}`);
          return r;
        }, current.href),
      );
      if (res.location) {
        if (hop >= config.maxRedirects) {
          throw new ParallaxError('fetch-failed', `fetch: ${address} redirected more than ${config.maxRedirects} times; give the final address instead`);
        }
        url = new URL(res.location, current);
        continue;
      }
      if (res.status >= 400) {
        throw new ParallaxError('fetch-failed', `fetch: ${current.href} answered HTTP ${res.status}; check the address`);
      }
      return { url: current.href, status: res.status, contentType: res.contentType, body: res.body };
    }
  };
}
