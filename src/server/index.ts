import { serve, type ServerType } from '@hono/node-server';
import { ParallaxError } from '../core/errors.ts';
import type { Store } from '../core/store.ts';
import { createApp, type AppOptions } from './app.ts';
import type { WarmReport } from './pages.ts';
import { isLoopbackHost, isWildcardHost } from './security.ts';

export { createApp, CONTENT_SECURITY_POLICY } from './app.ts';
export type { WarmReport } from './pages.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** The newest stories prepared in the background (`warmStories`: analyses and comparisons): what it did once done, null when it did not run. */
  warming: Promise<WarmReport | null>;
}

export interface ServerOptions extends Omit<AppOptions, 'store' | 'allowedHosts'> {
  /** Address to bind: loopback unless given. Anything else needs a token. */
  host?: string;
  port?: number;
  /** More host names to answer for (a name in /etc/hosts, a reverse proxy's name). */
  allowHosts?: string[];
}

/**
 * Starts the API and web UI; binds loopback unless a host is given. Port 0 picks a free port.
 * A server other machines can reach refuses to start without a token: the store holds whatever
 * its owner collected, and the API can add to it.
 */
export function startServer(store: Store, options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? null;
  if (!isLoopbackHost(host) && !token) {
    throw new ParallaxError(
      'config',
      `serve: --host ${host} makes the server reachable from other machines; give it a token (--token or PARALLAX_TOKEN, e.g. $(openssl rand -hex 16)) so only you can use it`,
    );
  }
  // A wildcard bind answers any name the machine is reached by; the token guards it then.
  const allowedHosts = isWildcardHost(host) && !options.allowHosts?.length ? null : [host, ...(options.allowHosts ?? [])];
  const app = createApp({ ...options, store, allowedHosts });
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        warming: app.warming,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await app.close();
        },
      });
    });
  });
}
