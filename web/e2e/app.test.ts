import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/index.ts';
import type { Store } from '../../src/core/store.ts';
import { canRun, missingForBrowser, root, startBrowserFixture, type BrowserFixture } from './fixture.ts';

if (!canRun) console.warn(`Browser tests skipped: ${missingForBrowser()}`);

/** Article text an attacker controls: none of it may run in the page. */
const HOSTILE = [
  'Harbour wall repair plan announced <script>window.__pwned = "script"</script> in Eastport after the storm floods.',
  'The council said <img src=x onerror="window.__pwned=\'onerror\'"> repairs would take six weeks and cost about 2 million euros.',
  'Residents can read the plan <a href="javascript:window.__pwned=\'link\'">here</a> and comment until May.',
].join('\n\n');

describe.skipIf(!canRun)('the web app in a real browser', () => {
  let fixture: BrowserFixture;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fixture = await startBrowserFixture();
    ({ store, server, browser } = fixture);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('dialog', (d) => {
      throw new Error(`a dialog opened: ${d.message()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('lists stories newest first with coverage by the user’s groups', async () => {
    const scripts: string[] = [];
    const seeRequest = (r: { url(): string }) => void scripts.push(r.url());
    page.on('request', seeRequest);
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('.story-row');
    page.off('request', seeRequest);
    // The chart library is fetched only where a chart is shown, not for the list.
    expect(scripts.filter((u) => u.endsWith('.js')).length).toBeGreaterThan(0);
    expect(scripts.some((u) => /charts-[\w-]+\.js$/.test(u))).toBe(false);
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
    const lit = page.locator(`.sentence.lit[data-facts~="${fact}"]`);
    // A sentence that states several facts is shown once in its column.
    const repeats = await page.locator('.columns .col').evaluateAll((cols) =>
      cols.map((col) => [...col.querySelectorAll('.sentence')].map((b) => b.textContent)).filter((texts) => new Set(texts).size !== texts.length).length,
    );
    expect(repeats).toBe(0);
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

  // -- issue 14: finding a story, coverage, the story page, state ------------------------------

  /** Adds pasted text and waits for it to be stored; returns where it went. */
  const paste = async (body: { title: string; text: string; outlet: string }) => {
    const res = await fetch(`${server.url}/api/ingest?wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return ((await res.json()) as { results: { id: string; story: string }[] }).results[0]!;
  };
  const flood = async () => ((await (await fetch(`${server.url}/api/stories?q=Eastport`)).json()) as { stories: { id: string; title: string }[] }).stories.find((s) => /Storm floods/.test(s.title))!;
  const ferry = async () => ((await (await fetch(`${server.url}/api/stories?q=ferry`)).json()) as { stories: { id: string; title: string }[] }).stories[0]!;

  it('pages through stories with a total, keeps the search and page in the address, and counts in words', async () => {
    // An undated article from an outlet nobody labelled, alone in its story.
    await paste({ title: 'Lighthouse keeper retires after forty years on Gull Rock', text: 'The last keeper of the Gull Rock lighthouse retired on Sunday after forty years of service, the maritime museum said. The light has been automatic since 1998.', outlet: 'Lone Observer' });
    const total = ((await (await fetch(`${server.url}/api/stories`)).json()) as { total: number }).total;
    expect(total).toBeGreaterThan(2);
    await page.goto(`${server.url}/#/?per=1`);
    await page.waitForSelector('.paging .range');
    expect(await page.locator('.paging .range').first().textContent()).toBe(`1–1 of ${total} stories`);
    await page.getByRole('link', { name: 'Older →' }).first().click();
    await page.waitForFunction(() => document.querySelector('.paging .range')?.textContent?.startsWith('2–2 of'));
    expect(page.url()).toMatch(/page=2/);
    expect(await page.locator('.story-row').count()).toBe(1);

    await page.goto(`${server.url}/#/`);
    await page.fill('#q', 'ferry');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => location.hash.includes('q=ferry') && document.querySelectorAll('.story-row').length === 1);
    await page.locator('.story-link').first().click();
    await page.waitForSelector('.columns .col');
    await page.goBack();
    await page.waitForSelector('.story-row');
    expect(await page.inputValue('#q')).toBe('ferry');
    expect(await page.locator('.story-link').allTextContents()).toEqual([expect.stringMatching(/Ferry/)]);

    await page.goto(`${server.url}/#/?q=lighthouse`);
    await page.waitForSelector('.story-row');
    const meta = await page.locator('.story-row .meta').first().textContent();
    expect(meta).toMatch(/^undated · 1 outlet · 1 article\b/);
    await page.goto(`${server.url}/#/?q=ferry`);
    await page.waitForSelector('.story-row');
    expect(await page.locator('.story-row .meta').first().textContent()).toMatch(/^2025-03-18 · 2 outlets · 2 articles/);
  });

  it('colours coverage by label, the same on every row and page, with widths by outlet count and unlabelled outlets in grey', async () => {
    // A story of one "right" outlet: its only segment must not take the colour of the first label of other rows.
    await paste({ title: 'Ledger calls for audit of the port authority accounts', text: 'The Patriot Ledger called on Wednesday for an independent audit of the port authority accounts, citing missing invoices from 2023. The authority did not respond.', outlet: 'The Patriot Ledger' });
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('.coverage .seg');
    const segments = async () =>
      page.locator('.coverage .seg').evaluateAll((els) =>
        els.map((el) => ({ label: el.textContent ?? '', colour: getComputedStyle(el).backgroundColor, width: el.getBoundingClientRect().width, row: el.closest('li')?.querySelector('.story-link')?.textContent ?? 'story page' })),
      );
    const listed = await segments();
    const colours = new Map<string, Set<string>>();
    for (const s of listed) colours.set(s.label, (colours.get(s.label) ?? new Set()).add(s.colour));
    for (const [label, set] of colours) expect([...set], label).toHaveLength(1);
    const byColour = new Map<string, string>();
    for (const [label, set] of colours) {
      const colour = [...set][0]!;
      expect(byColour.get(colour) ?? label, `${label} shares a colour`).toBe(label);
      byColour.set(colour, label);
    }
    expect(colours.has('right') && colours.has('centre')).toBe(true);
    expect(listed.find((s) => /Lighthouse/.test(s.row))?.label).toBe('unlabelled');
    // The flood story: two centre outlets, one of each other lean.
    const floodRow = listed.filter((s) => /Storm floods/.test(s.row));
    const centre = floodRow.find((s) => s.label === 'centre')!;
    const right = floodRow.find((s) => s.label === 'right')!;
    expect(centre.width / right.width).toBeCloseTo(2, 1);
    expect(await page.locator('.coverage-legend').count()).toBe(1);

    await page.goto(`${server.url}/#/story/${(await flood()).id}`);
    await page.waitForSelector('.columns .col');
    const onPage = await segments();
    expect(onPage.length).toBe(floodRow.length);
    for (const s of onPage) expect(s.colour, s.label).toBe([...colours.get(s.label)!][0]);
    const badges = await page.locator('.blindspot').allTextContents();
    expect(badges.filter((b) => /none|unlabelled/.test(b))).toEqual([]);
  });

  it('story page: omissions and figures in words, outlets by name with their original article, every citation leads somewhere, its own title', async () => {
    const story = await flood();
    await page.goto(`${server.url}/#/story/${story.id}`);
    await page.waitForSelector('.columns .col');
    expect(await page.title()).toBe(`${story.title} — Parallax`);
    // Omissions name the fact by its text; the id lights it up.
    const omitted = page.locator('.col .fact-named').first();
    expect((await omitted.locator('.fact-text').textContent())!.length).toBeGreaterThan(20);
    const fid = await omitted.locator('.fact-ref').textContent();
    await omitted.locator('.fact-ref').click();
    expect(await page.locator(`.sentence.lit[data-facts~="${fid}"]`).count()).toBeGreaterThan(0);
    // The fact is in the address: a shared link opens the story with it lit.
    expect(page.url()).toMatch(new RegExp(`/story/${story.id}/${fid}$`));
    await page.reload();
    await page.waitForSelector(`.sentence.lit[data-facts~="${fid}"]`);
    // A conflicting figure shows its sentence under it, without hovering.
    const sentence = page.locator('.numbers tr.conflict .figure-sentence').first();
    expect(await sentence.isVisible()).toBe(true);
    expect((await sentence.textContent())!.length).toBeGreaterThan(20);
    // Columns are named by outlet, never by file path, and link to the original article.
    const heads = await page.locator('.col h3').allTextContents();
    expect(heads).toContain('Valley Times');
    expect(heads.filter((h) => /[\\/]|\.(txt|md|html|jsonl)/.test(h))).toEqual([]);
    // An outlet said to report a fact in part at most is shown the fact's sentence its closest one
    // comes nearest to, and whose it is, by outlet name.
    const nearest = page.locator('.col .evidence .nearest');
    expect(await nearest.count()).toBeGreaterThan(0);
    for (const text of await nearest.allTextContents()) {
      expect(text).toMatch(/^nearest to [^“]+’s “.{20,}”$/);
      expect(text).not.toMatch(/\.(txt|md|html|jsonl)’s/);
    }
    const originals = page.locator('.col a.original');
    expect(await originals.count()).toBeGreaterThanOrEqual(3);
    for (const a of await originals.all()) {
      expect(await a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(await a.getAttribute('target')).toBe('_blank');
      expect((await a.getAttribute('rel'))!.split(' ').sort()).toEqual(['noopener', 'noreferrer']);
    }
    // A brief line no single fact backs: its chips go to the outlet's column.
    const chip = page.locator('.brief button.cite[title^="no single sentence"]').last();
    expect(await chip.count()).toBe(1);
    const outlet = await chip.textContent();
    await chip.click();
    await page.waitForFunction((name) => document.activeElement?.closest('.col')?.getAttribute('aria-label') === name, outlet);
  });

  it('moving to another story shows only that story, with nothing of the last one lit; the placeholder is gone; a refused add says why', async () => {
    await page.goto(`${server.url}/#/story/${(await flood()).id}`);
    await page.waitForSelector('.columns .col');
    expect(await page.getByText('Loading Parallax').count()).toBe(0);
    await page.locator('.sentence[data-fact="f1"]').first().click();
    expect(await page.locator('.sentence.lit').count()).toBeGreaterThan(0);
    const next = await ferry();
    // Record every heading the page shows on the way.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __h1s: string[] }).__h1s = seen;
      new MutationObserver(() => seen.push(document.querySelector('h1')?.textContent ?? '')).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.evaluate((id) => (location.hash = `#/story/${id}`), next.id);
    await page.waitForFunction((title) => document.querySelector('h1')?.textContent === title && document.querySelector('.columns .col'), next.title);
    const headings = await page.evaluate(() => (window as unknown as { __h1s: string[] }).__h1s);
    expect(headings.filter((h) => /Storm floods/.test(h))).toEqual([]);
    expect(await page.locator('.sentence.lit').count()).toBe(0);
    expect(await page.title()).toBe(`${next.title} — Parallax`);

    await page.goto(`${server.url}/#/add`);
    expect(await page.getByText('Loading Parallax').count()).toBe(0);
    await page.fill('input[name="url"]', 'http://127.0.0.1:9/secret');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForSelector('.results li, .error');
    expect(await page.locator('.results, .error').first().textContent()).toMatch(/private address 127\.0\.0\.1/);
  });

  it('exports a story: its comparison downloads as JSON, CSV (facts, numbers, quotes) and Markdown, named after the story', async () => {
    const story = await flood();
    const stem = story.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    await page.goto(`${server.url}/#/story/${story.id}`);
    await page.waitForSelector('.columns .col');
    const exports = page.getByRole('navigation', { name: 'export this story' });
    expect(await exports.getByRole('link').allTextContents()).toEqual(['JSON', 'CSV: facts', 'CSV: numbers', 'CSV: quotes', 'Markdown']);
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), exports.getByRole('link', { name, exact: true }).click()]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    };
    const full = (await (await fetch(`${server.url}/api/stories/${story.id}`)).json()) as { comparison: { sources: { id: string }[]; facts: unknown[] } };

    const facts = await download('CSV: facts');
    expect(facts.name).toBe(`${stem}-facts.csv`);
    expect([...facts.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(facts.bytes, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['fact', 'text', 'sources', 'left out by', ...full.comparison.sources.map((s) => s.id)]);
    expect(rows).toHaveLength(full.comparison.facts.length + 1);
    expect(rows[0]).toContain('Valley Times');

    const numbers = await download('CSV: numbers');
    expect(numbers.name).toBe(`${stem}-numbers.csv`);
    expect(numbers.bytes.toString('utf8')).toMatch(/^\uFEFFabout,verdict,note,/);
    expect((await download('CSV: quotes')).name).toBe(`${stem}-quotes.csv`);

    const md = await download('Markdown');
    expect(md.name).toBe(`${stem}.md`);
    const report = md.bytes.toString('utf8');
    expect(report.startsWith(`# Story comparison: ${story.title}\n`)).toBe(true);
    for (const heading of ['## Brief', '## Coverage', '### Omissions', '## Numbers', '## Quotes']) expect(report).toContain(`\n${heading}\n`);

    const json = await download('JSON');
    expect(json.name).toBe(`${stem}.json`);
    expect((JSON.parse(json.bytes.toString('utf8')) as typeof full).comparison.facts).toHaveLength(full.comparison.facts.length);
    // Downloading leaves the reader where they were.
    expect(page.url()).toContain(`#/story/${story.id}`);
  });

  it('finds a story by a filter and a sort, and the address keeps them across Back', async () => {
    const story = await flood();
    // Its comparison, made as its page opens, is what the disagreement sort and the conflicts filter read.
    const page1 = (await (await fetch(`${server.url}/api/stories/${story.id}?view=page`)).json()) as { comparison: { numbers: { consistent: boolean }[] } };
    expect(page1.comparison.numbers.some((n) => !n.consistent)).toBe(true);
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('.story-row');
    await page.selectOption('select[name="sort"]', 'outlets');
    await page.waitForFunction(() => location.hash.includes('sort=outlets'));
    await page.waitForSelector(`.story-row[data-story="${story.id}"]:first-child`);
    await page.check('input[name="minOutlets"]');
    await page.waitForFunction(() => location.hash.includes('minOutlets=2'));
    await page.check('input[name="conflicts"]');
    await page.waitForFunction(() => location.hash.includes('conflicts=1') && document.querySelectorAll('.story-row').length === 1);
    await page.selectOption('select[name="outlet"]', 'Coast Daily');
    await page.waitForFunction(() => location.hash.includes('outlet=Coast+Daily') && !document.querySelector('.loading'));
    const rows = page.locator('.story-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-story')).toBe(story.id);
    expect(await rows.first().locator('.meta').textContent()).toMatch(/\d+ number conflicts?/);
    expect(await page.locator('.paging .range').first().textContent()).toBe('1–1 of 1 story');
    const address = page.url();
    expect(address).toMatch(/sort=outlets/);
    await rows.first().locator('.story-link').click();
    await page.waitForSelector('.columns .col');
    await page.goBack();
    await page.waitForSelector('.story-row');
    expect(page.url()).toBe(address);
    expect(await page.inputValue('select[name="sort"]')).toBe('outlets');
    expect(await page.inputValue('select[name="outlet"]')).toBe('Coast Daily');
    expect(await page.isChecked('input[name="minOutlets"]')).toBe(true);
    expect(await page.isChecked('input[name="conflicts"]')).toBe(true);
    expect(await page.locator('.story-row').count()).toBe(1);
    // A blindspot nobody has and a date range before the story: nothing, said in words; clearing the filters keeps the sort.
    await page.selectOption('select[name="blindspot"]', 'lean');
    await page.waitForFunction(() => location.hash.includes('blindspot=lean') && !document.querySelector('.loading'));
    expect(await page.locator('.empty').textContent()).toMatch(/No story matches/);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForFunction(() => location.hash === '#/?sort=outlets' && document.querySelectorAll('.story-row').length > 1);
    const counts = await page.locator('.story-row .outlet-count').allTextContents();
    const numbers = counts.map((t) => Number.parseInt(t, 10));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('story page: the outlet × fact matrix shows each shared fact by outlet, sorts by outlets, and a click lights the fact up in the columns', async () => {
    const story = await flood();
    const { comparison } = (await (await fetch(`${server.url}/api/stories/${story.id}?view=page`)).json()) as {
      comparison: { sources: { id: string }[]; facts: { id: string; text: string; sources: string[]; detailOf?: string }[]; omissions: { source: string; facts: string[] }[] };
    };
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`${server.url}/#/story/${story.id}`);
    await page.waitForSelector('.matrix tbody tr');
    const shared = comparison.facts.filter((f) => f.sources.length > 1);
    expect(await page.locator('.matrix tbody tr').count()).toBe(shared.length);
    expect(await page.locator('.matrix thead .outlet-col').count()).toBe(comparison.sources.length);
    const fact = shared.find((f) => f.sources.length > 2 && !f.detailOf)!;
    const row = page.locator(`.matrix tr[data-fact="${fact.id}"]`);
    expect(await row.locator('.fact-pick').textContent()).toContain(fact.text.slice(0, 40));
    const cells = await row.locator('td.cell').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.cell));
    comparison.sources.forEach((s, i) => {
      const claimed = comparison.omissions.some((o) => o.source === s.id && o.facts.includes(fact.id));
      expect(cells[i]).toEqual(fact.sources.includes(s.id) ? expect.stringMatching(/^(reports|detail)$/) : claimed ? 'omits' : 'not');
    });
    // Every claimed omission of a shared fact is an "omits" cell.
    const omits = comparison.omissions.flatMap((o) => o.facts.filter((f) => shared.some((x) => x.id === f)).map((f) => `${f}|${o.source}`));
    expect(await page.locator('.matrix td.omits').count()).toBe(omits.length);

    // Usable when wide: the matrix scrolls inside its box, not the page.
    const widths = await page.evaluate(() => {
      const wrap = document.querySelector('.matrix-wrap')!;
      return { inner: wrap.scrollWidth, box: wrap.clientWidth, right: wrap.getBoundingClientRect().right, viewport: innerWidth };
    });
    expect(widths.inner).toBeGreaterThan(widths.box);
    expect(widths.right).toBeLessThanOrEqual(widths.viewport);

    await page.locator('.matrix thead button.sort').click();
    expect(await page.locator('.matrix thead .count-col').getAttribute('aria-sort')).toBe('descending');
    const counts = (await page.locator('.matrix tbody tr:not(.detail-row) td.count-col').allTextContents()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    await row.locator('.fact-pick').click();
    expect(await row.getAttribute('class')).toContain('lit');
    expect(await row.locator('.fact-pick').getAttribute('aria-pressed')).toBe('true');
    const lit = page.locator(`.sentence.lit[data-facts~="${fact.id}"]`);
    await lit.first().waitFor();
    expect(await lit.count()).toBe(fact.sources.length);
    await page.setViewportSize({ width: 1400, height: 1000 });
  });
});
