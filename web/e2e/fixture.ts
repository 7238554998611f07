import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ingestIntoStore, loadOutletsFile } from '../../src/pipeline/ingest.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/core/store.ts';

/** What the browser tests run against: Debian's Chromium and the built web UI. */
export const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
export const root = path.resolve(import.meta.dirname, '../..');
const built = existsSync(path.join(root, 'web/dist/index.html'));
export const canRun = existsSync(CHROMIUM) && built;

/** Why the browser tests cannot run here, or null when they can. */
export const missingForBrowser = (): string | null =>
  canRun ? null : `${existsSync(CHROMIUM) ? '' : `no Chromium at ${CHROMIUM} (apt-get install chromium); `}${built ? '' : 'web UI not built (npm run build:web)'}`;

export interface BrowserFixture {
  store: Store;
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** A store of the bundled example articles with their outlets, a server over it on a free port, and a headless Chromium. */
export async function startBrowserFixture(): Promise<BrowserFixture> {
  const store = await openStore(':memory:');
  for (const o of await loadOutletsFile(path.join(root, 'examples/outlets.yaml'))) await store.upsertOutlet(o);
  await ingestIntoStore(store, [path.join(root, 'examples')]);
  const server = await startServer(store, { port: 0 });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    store,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await store.close();
    },
  };
}
