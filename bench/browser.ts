/**
 * `npm run bench -- browser [--store FILE] [--limit N] [--rounds N]`: how soon the web app shows
 * something, in headless Chromium (Debian's, /usr/bin/chromium or PARALLAX_CHROMIUM). Builds a
 * SQLite store of the first 3,000 scale articles with stories placed (or reuses --store FILE if it
 * exists, building it there if not), starts the server on a free port as `parallax serve` does,
 * and times, for --rounds rounds (5 by default):
 *
 * - cold: a new browser context (empty cache) navigates to the story list (#/) until the first
 *   story row (`li.story-row`) is visible;
 * - warm: a new page in that same context (assets cached) does it again;
 * - story: a new page in that context opens the page of the largest story (#/story/<id>) until its
 *   first outlet column (`article.col`) is visible (and reports when the outlet × fact matrix's
 *   first row was). The very first open of the story, when the server computes its comparison, is
 *   reported on its own; the rounds then get the server's cached answer, as a reader would.
 *
 * Times are from just before the navigation (Node's clock) until Playwright sees the element
 * visible; "where the time went" comes from the page's own Performance API: the document's and the
 * scripts' responseEnd, the API call's responseEnd, and the first row in the DOM and painted (the
 * frame after it was inserted), all from navigation start. Target (issue 14): first story row
 * visible in under 1 s. Skips (exit 0) without Chromium, the built web UI or the scale data.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer } from '../src/server/index.ts';
import { openStore } from '../src/store/index.ts';
import { option, repoRoot } from './common.ts';
import { buildScaleStore } from './lib/scale-store.ts';

const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
const ROW = 'li.story-row';
const COLUMN = 'article.col';
const MATRIX_ROW = 'table.matrix tbody tr';
const TARGET_MS = 1000;

/**
 * Set in every page before its scripts run: when each watched selector first enters the DOM, and
 * the frame after (painted). A string, not a function: tsx's helpers would not exist in the page.
 */
const watch = (selectors: string[]) => `(() => {
  const selectors = ${JSON.stringify(selectors)};
  const marks = (window.__bench = {});
  // Chromium's Element Timing: the real paint time of an element marked before its first paint.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (marks[e.identifier] && !marks[e.identifier].rendered) marks[e.identifier].rendered = e.renderTime || e.loadTime;
  }).observe({ type: 'element', buffered: true });
  const visible = (el) => el.isConnected && el.checkVisibility() && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const check = () => {
    for (const sel of selectors) {
      const el = marks[sel] ? null : document.querySelector(sel);
      if (!el) continue;
      const mark = (marks[sel] = { inDom: performance.now() });
      el.setAttribute('elementtiming', sel);
      for (const child of el.querySelectorAll('*')) child.setAttribute('elementtiming', sel);
      // Each frame until it is visible; the task after that frame has painted it.
      const frame = () => {
        if (!visible(el)) return requestAnimationFrame(frame);
        mark.visible = performance.now();
        setTimeout(() => (mark.painted = performance.now()), 0);
      };
      requestAnimationFrame(frame);
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
})();`;

interface Timing {
  /** From Node's request to navigate until the element was painted. */
  visible: number;
  /** When the page's navigation started, after Node asked for it (Playwright and browser overhead, not the app's). */
  navStart: number;
  /** From the page's navigation start. */
  documentEnd: number;
  scriptsEnd: number;
  apiStart: number | null;
  apiEnd: number | null;
  apiKiB: number | null;
  inDom: number | null;
  /** The first frame in which it was laid out with a size. */
  visibleAt: number | null;
  /** The task after that frame. */
  painted: number | null;
  /** Element Timing's renderTime (Chromium): when it was painted. */
  rendered: number | null;
  extra: number | null;
}

async function measure(context: BrowserContext, url: string, selector: string, api: string, extra?: string): Promise<Timing> {
  const page = await context.newPage();
  try {
    const t0 = performance.now();
    const epoch0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    // Watched in the page, frame by frame (Playwright's own waits retry up to 500 ms apart).
    await page.waitForFunction((sel) => (globalThis as unknown as { __bench: Record<string, { painted?: number }> }).__bench[sel]?.painted !== undefined, selector, { timeout: 60_000, polling: 'raf' });
    const waited = performance.now() - t0;
    const got = await page.evaluate(
      ({ selector, api, extra }) => {
        const marks = (globalThis as unknown as { __bench: Record<string, { inDom: number; visible?: number; painted?: number; rendered?: number }> }).__bench;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        const scripts = resources.filter((r) => r.initiatorType === 'script' || /\.m?js(\?|$)/.test(r.name));
        const call = resources.find((r) => {
          const u = new URL(r.name);
          return `${u.pathname}${u.search}`.startsWith(api);
        });
        return {
          timeOrigin: performance.timeOrigin,
          documentEnd: nav.responseEnd,
          scriptsEnd: Math.max(0, ...scripts.map((s) => s.responseEnd)),
          apiStart: call ? call.requestStart || call.startTime : null,
          apiEnd: call ? call.responseEnd : null,
          apiKiB: call && call.transferSize ? call.transferSize / 1024 : null,
          inDom: marks[selector]?.inDom ?? null,
          visibleAt: marks[selector]?.visible ?? null,
          painted: marks[selector]?.painted ?? null,
          rendered: marks[selector]?.rendered ?? null,
          extra: extra ? (marks[extra]?.inDom ?? null) : null,
        };
      },
      { selector, api, extra },
    );
    const { timeOrigin, ...rest } = got;
    const navStart = timeOrigin - epoch0;
    // From Node's request to navigate until the element's paint (Element Timing, else the task after its first visible frame).
    const visible = navStart + (rest.rendered ?? rest.painted ?? waited);
    return { visible, navStart, ...rest };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const ms = (x: number | null) => (x === null ? '—' : `${Math.round(x)} ms`);
const kib = (x: number | null) => (x === null ? '' : ` (${x.toFixed(0)} KiB over the wire)`);

function report(label: string, runs: Timing[], extraLabel?: string): void {
  const visible = runs.map((r) => r.visible);
  const mid = (pick: (t: Timing) => number | null) => {
    const xs = runs.map(pick).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  console.log(`browser ${label}: visible after median ${ms(median(visible))}, worst ${ms(Math.max(...visible))} (${runs.length} rounds: ${visible.map((v) => Math.round(v)).join(', ')} ms)`);
  console.log(
    `  where the time went (medians): navigation started ${ms(mid((t) => t.navStart))} after the request to navigate; then, from navigation start: document ${ms(mid((t) => t.documentEnd))} · scripts loaded ${ms(mid((t) => t.scriptsEnd))} · API call sent ${ms(mid((t) => t.apiStart))}, answered ${ms(mid((t) => t.apiEnd))}${kib(mid((t) => t.apiKiB))} · in the DOM ${ms(mid((t) => t.inDom))} · laid out ${ms(mid((t) => t.visibleAt))} · painted ${ms(mid((t) => t.rendered))} (element timing; task after the frame ${ms(mid((t) => t.painted))})${extraLabel ? ` · ${extraLabel} in the DOM ${ms(mid((t) => t.extra))}` : ''}`,
  );
}

export async function run(args: string[]): Promise<void> {
  const limit = Number(option(args, '--limit') ?? 3000);
  const rounds = Math.max(1, Number(option(args, '--rounds') ?? 5));
  if (!existsSync(CHROMIUM)) return console.log(`bench browser: skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set PARALLAX_CHROMIUM)`);
  if (!existsSync(path.join(repoRoot, 'web/dist/index.html'))) return console.log('bench browser: skipped: the web UI is not built (npm run build:web)');
  const keep = option(args, '--store');
  const tmp = await mkdtemp(path.join(tmpdir(), 'parallax-bench-browser-'));
  const dbFile = keep ?? path.join(tmp, 'browser.db');
  const reuse = keep !== undefined && existsSync(keep);
  const store = await openStore(dbFile);
  let browser: Browser | undefined;
  try {
    if (reuse) console.log(`reusing ${dbFile}: ${await store.countArticles()} articles, ${await store.countStories()} stories`);
    else if (!(await buildScaleStore(store, limit, tmp))) return console.log('bench browser: skipped: ../shared/data/scale/articles.jsonl.gz not found (set PARALLAX_DATA_DIR to the folder holding scale/)');
    const stories = await store.listStories({ limit: 1_000_000 });
    const largest = [...stories].sort((a, b) => b.articleIds.length - a.articleIds.length)[0];
    if (!largest) return console.log('bench browser: skipped: the store has no stories');
    console.log(`largest story: ${largest.id} (${largest.articleIds.length} articles)`);
    const server = await startServer(store, { port: 0, storeSpec: dbFile });
    try {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      });
      const watched = [ROW, COLUMN, MATRIX_ROW];
      const listUrl = `${server.url}/#/`;
      const storyUrl = `${server.url}/#/story/${encodeURIComponent(largest.id)}`;
      const storyApi = `/api/stories/${largest.id}`;
      const newContext = async () => {
        const context = await browser!.newContext();
        await context.addInitScript({ content: watch(watched) });
        return context;
      };
      // The story's first open: the server computes its comparison (a cold server cache), in a fresh context.
      {
        const context = await newContext();
        const first = await measure(context, storyUrl, COLUMN, storyApi, MATRIX_ROW);
        await context.close();
        report('story page, first open (server computes the comparison, empty browser cache)', [first], 'first matrix row');
      }
      const cold: Timing[] = [];
      const warm: Timing[] = [];
      const story: Timing[] = [];
      for (let i = 0; i < rounds; i++) {
        const context = await newContext();
        try {
          cold.push(await measure(context, listUrl, ROW, '/api/stories?'));
          warm.push(await measure(context, listUrl, ROW, '/api/stories?'));
          story.push(await measure(context, storyUrl, COLUMN, storyApi, MATRIX_ROW));
        } finally {
          await context.close();
        }
      }
      report('story list, cold (new context, empty cache)', cold);
      report('story list, warm (same context, cached assets)', warm);
      report(`story page of ${largest.id} (${largest.articleIds.length} articles), warm context`, story, 'first matrix row');
      const worst = Math.max(...cold.map((t) => t.visible), ...warm.map((t) => t.visible));
      const coldMedian = median(cold.map((t) => t.visible));
      console.log(`browser: target (first story row visible in under ${TARGET_MS} ms): ${coldMedian < TARGET_MS ? 'met' : 'NOT met'} on the cold median (${Math.round(coldMedian)} ms); worst of cold and warm ${Math.round(worst)} ms`);
    } finally {
      await browser?.close();
      await server.close();
    }
  } finally {
    await store.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
