import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ingestIntoStore, loadOutletsFile } from '../../src/pipeline/ingest.ts';
import { assignStories } from '../../src/pipeline/stories.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';

const CHROMIUM = process.env.PARALLAX_CHROMIUM ?? '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const built = existsSync(path.join(root, 'web/dist/index.html'));
const canRun = existsSync(CHROMIUM) && built;
if (!canRun) {
  console.warn(
    `Browser tests skipped: ${existsSync(CHROMIUM) ? '' : `no Chromium at ${CHROMIUM} (apt-get install chromium); `}${built ? '' : 'web UI not built (npm run build:web)'}`,
  );
}

/** Article text an attacker controls: none of it may run in the page. */
const HOSTILE = [
  'Harbour wall repair plan announced <script>window.__pwned = "script"</script> in Eastport after the storm floods.',
  'The council said <img src=x onerror="window.__pwned=\'onerror\'"> repairs would take six weeks and cost about 2 million euros.',
  'Residents can read the plan <a href="javascript:window.__pwned=\'link\'">here</a> and comment until May.',
].join('\n\n');

describe.skipIf(!canRun)('the web app in a real browser', () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    store = await openStore(':memory:');
    for (const o of await loadOutletsFile(path.join(root, 'examples/outlets.yaml'))) await store.upsertOutlet(o);
    await ingestIntoStore(store, [path.join(root, 'examples')], { afterStore: async (ids) => void (await assignStories(store, ids)) });
    server = await startServer(store, { port: 0 });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
  });

  it('lists stories newest first with coverage by the user’s groups', async () => {
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('.story-row');
    const titles = await page.locator('.story-link').allTextContents();
    expect(titles[0]).toMatch(/Eastport|flood|harbour/i);
    expect(await page.locator('.coverage').count()).toBeGreaterThan(0);
  });

  it('opens a story and lights up a fact in every column that reports it', async () => {
    await page.locator('.story-link').first().click();
    await page.waitForSelector('.columns .col');
    const columns = await page.locator('.columns .col').count();
    expect(columns).toBeGreaterThanOrEqual(5);
    const consensus = page.locator('.sentence.consensus').first();
    const fact = await consensus.getAttribute('data-fact');
    await consensus.click();
    const lit = page.locator(`.sentence.lit[data-fact="${fact}"]`);
    expect(await lit.count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.numbers tr.conflict').count()).toBeGreaterThan(0);
    expect(await page.locator('.quote ins').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
    // The README's picture: the outlets' names at the top, the lit fact below them.
    await page.locator('.columns').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 56));
    await page.screenshot({ path: path.join(root, 'docs/screenshot.png'), fullPage: false });
  });

  it('adds a pasted article and shows where it went', async () => {
    await page.goto(`${server.url}/#/add`);
    await page.getByRole('tab', { name: 'Paste text' }).click();
    await page.fill('input[name="title"]', 'Eastport harbour wall to be rebuilt after storm flood');
    await page.fill(
      'textarea[name="text"]',
      'Eastport will rebuild the harbour wall that gave way in Tuesday night’s storm floods, Mayor Ines Falk said on Thursday. The town council will hold an emergency meeting on Friday to decide how to repair the wall. About 300 residents left their homes in the lower town.',
    );
    await page.fill('input[name="outlet"]', 'Test Bulletin');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForSelector('.results li');
    expect(await page.locator('.results').textContent()).toMatch(/new/);
    expect(await page.locator('.results a', { hasText: 'its story' }).count()).toBe(1);
  });

  it('never runs script from article text', async () => {
    const res = await fetch(`${server.url}/api/ingest?wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Repair <script>window.__pwned="title"</script> plan', text: HOSTILE, outlet: '<img src=x onerror="window.__pwned=1">' }),
    });
    const body = (await res.json()) as { results: { id: string; story: string }[] };
    const { id, story } = body.results[0]!;
    for (const hash of [`#/article/${id}`, `#/story/${story}`]) {
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector('h1');
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    }
    const link = page.locator('a[href^="javascript:"]');
    expect(await link.count()).toBe(0);
    const headers = (await fetch(server.url)).headers;
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  });
  it('refuses changes planted by a page from another site', async () => {
    const before = await store.countArticles();
    const stories = (await (await fetch(`${server.url}/api/stories`)).json()) as { stories: { id: string }[] };
    const [a, b] = stories.stories;
    const target = server.url;
    // A page on another origin (localhost vs 127.0.0.1, another port) tries every way a browser allows without CORS.
    const evil = `<!doctype html><meta charset="utf-8"><title>cute cats</title>
      <form id="f" method="post" action="${target}/api/ingest" enctype="text/plain" target="sink"><input name='{"text":"Planted by a form. The harbour was sold to a stranger for one euro, officials did not say.","outlet":"Planted","x":"' value='"}'></form>
      <iframe name="sink"></iframe>
      <script>
        fetch(${JSON.stringify(`${target}/api/ingest`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ text: 'Planted by fetch. The harbour was sold to a stranger for one euro, officials did not say.', outlet: 'Planted' }) });
        fetch(${JSON.stringify(`${target}/api/stories/${a!.id}/merge`)}, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ from: ${JSON.stringify(b!.id)} }) });
        fetch(${JSON.stringify(`${target}/api/stories/${a!.id}/merge`)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: ${JSON.stringify(b!.id)} }) }).catch(() => {});
        document.getElementById('f').submit();
        setTimeout(() => (document.title = 'done'), 800);
      </script>`;
    const site = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(evil));
    await new Promise<void>((r) => site.listen(0, 'localhost', r));
    try {
      const port = (site.address() as { port: number }).port;
      const attacker = await browser.newPage();
      await attacker.goto(`http://localhost:${port}/`);
      await attacker.waitForFunction(() => document.title === 'done', null, { timeout: 10_000 });
      await attacker.waitForTimeout(500);
      await attacker.close();
    } finally {
      site.close();
    }
    expect(await store.countArticles()).toBe(before);
    expect(await store.listArticles({ outlet: 'Planted' })).toEqual([]);
    expect((await store.getStory(b!.id))?.id).toBe(b!.id);
  });

  it('keeps someone else\'s direction controls and long words from disturbing the page', async () => {
    const rlo = '\u202E';
    const res = await fetch(`${server.url}/api/ingest?wait`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Harbour fees ${rlo}raised again`,
        text: `The port board raised harbour fees by 4 percent on Monday ${rlo}and fishermen said they would protest. ${'Unbrokenword'.repeat(40)} appeared in the notice.`,
        outlet: `${rlo}Gazette of the Coast`,
      }),
    });
    const { results } = (await res.json()) as { results: { id: string; story: string }[] };
    for (const hash of [`#/article/${results[0]!.id}`, `#/story/${results[0]!.story}`]) {
      await page.goto(`${server.url}/${hash}`);
      await page.waitForSelector('h1 bdi');
      // The control is shown, not obeyed, and every string holding one is isolated from the app's own words.
      const marks = await page.locator('.ctl').allTextContents();
      expect(marks.length, hash).toBeGreaterThan(0);
      expect(new Set(marks)).toEqual(new Set(['U+202E']));
      const unisolated = await page.evaluate(() =>
        [...document.querySelectorAll('.ctl')].filter((el) => {
          for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).unicodeBidi === 'isolate') return false;
          return true;
        }).length,
      );
      expect(unisolated, hash).toBe(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, hash).toBeLessThanOrEqual(0);
    }
  });
});
