import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/types.ts';
import { createApp, type AppOptions } from './app.ts';

export { createApp, CONTENT_SECURITY_POLICY } from './app.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the API and web UI; binds loopback unless a host is given. Port 0 picks a free port. */
export function startServer(store: Store, options: Omit<AppOptions, 'store'> & { host?: string; port?: number } = {}): Promise<RunningServer> {
  const app = createApp({ ...options, store });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve) => {
    const server: ServerType = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, (info) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
