import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ParallaxError } from '../core/errors.ts';

/**
 * The server's guards, in the order they run: the Host header (DNS rebinding), the access token
 * (when the server is reachable from other machines), and, for requests that change anything,
 * the origin and content type (cross-site request forgery). Each answers with a JSON error that
 * says what to do.
 */

/** Host names that always mean this machine. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

/** Addresses that bind every interface: the server is then reachable from the network. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export function isLoopbackHost(host: string): boolean {
  const h = stripBrackets(host.toLowerCase());
  return LOOPBACK_HOSTS.includes(h) || /^127\.\d+\.\d+\.\d+$/.test(h) || h.endsWith('.localhost');
}

const stripBrackets = (h: string) => h.replace(/^\[|\]$/g, '');

/** "example.org:8080" → "example.org"; "[::1]:8080" → "::1". */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

const forbidden = (message: string) => new ParallaxError('forbidden', message, { status: 403 });

/**
 * Answers only requests addressed to a name the server was started for: a page on another site
 * that re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name as Host and is
 * refused. `allowed` null accepts any name (a server bound to every interface, behind a token).
 */
export function hostGuard(allowed: Set<string> | null): MiddlewareHandler {
  return async (c, next) => {
    if (!allowed) return next();
    const header = c.req.header('host') ?? new URL(c.req.url).host;
    const name = hostName(header);
    if (!allowed.has(name) && !isLoopbackHost(name)) {
      throw forbidden(`server: this server does not answer for the host name "${name}"; open it at one of ${[...allowed].join(', ')} (or start it with --allow-host ${name})`);
    }
    return next();
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const TOKEN_COOKIE = 'parallax_token';

/**
 * With a token set, every request must carry it: `Authorization: Bearer <token>` from scripts, or
 * the cookie the browser gets by opening the address printed at start (`/?token=…`), which is
 * then taken out of the address bar. Without a token (loopback only) everything passes.
 */
export function tokenGuard(token: string | null): MiddlewareHandler {
  if (!token) return async (_c, next) => next();
  const expected = digest(token);
  const matches = (given: string | undefined) => !!given && timingSafeEqual(digest(given), expected);
  return async (c, next) => {
    const fromQuery = c.req.query('token');
    if (fromQuery !== undefined && c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
      if (!matches(fromQuery)) throw forbidden('server: wrong token; use the address `parallax serve` printed, or PARALLAX_TOKEN');
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      return c.redirect(c.req.path, 303);
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    if (matches(bearer) || matches(getCookie(c, TOKEN_COOKIE))) return next();
    if (!c.req.path.startsWith('/api/') && c.req.method === 'GET') {
      return c.html(
        '<!doctype html><meta charset="utf-8"><title>Parallax: token needed</title><p>This Parallax server needs its access token. Open the address that <code>parallax serve</code> printed (it ends in <code>?token=…</code>).</p>',
        401,
      );
    }
    throw new ParallaxError('unauthorized', 'server: this server needs its token: send "Authorization: Bearer <token>" (the value of --token or PARALLAX_TOKEN)', { status: 401 });
  };
}

const UNSAFE = /^(POST|PUT|PATCH|DELETE)$/;

/**
 * Requests that change the store must come from the server's own pages or from a program, never
 * from another site open in the same browser: a browser names the site in `Origin` and
 * `Sec-Fetch-Site`, and cannot send `application/json` to another origin without a preflight this
 * server never grants. So: a foreign origin is refused, and the body must be JSON (or, on the
 * routes that take files, multipart) — the types an HTML form or a no-cors fetch can send
 * (form-urlencoded, text/plain) are refused.
 */
export function csrfGuard(options: { multipartRoutes: (path: string) => boolean }): MiddlewareHandler {
  return async (c, next) => {
    if (!UNSAFE.test(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') {
      throw forbidden(`server: a ${site} request cannot change this store; use the Parallax web app or a program on this machine`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin.toLowerCase() !== ownOrigin(c)) {
      throw forbidden(`server: requests from ${origin} cannot change this store; use the Parallax web app or a program on this machine`);
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const multipart = type === 'multipart/form-data' && options.multipartRoutes(c.req.path);
    if (type !== 'application/json' && !multipart) {
      throw new ParallaxError('bad-input', `server: send the body as application/json${options.multipartRoutes(c.req.path) ? ' (or a file as multipart/form-data)' : ''}; got ${type || 'no content type'}`, {
        status: 415,
      });
    }
    return next();
  };
}

function ownOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  return `${url.protocol}//${host}`.toLowerCase();
}
