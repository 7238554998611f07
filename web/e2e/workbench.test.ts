import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/index.ts';
import type { Store } from '../../src/core/store.ts';
import { canRun, missingForBrowser, startBrowserFixture, type BrowserFixture } from './fixture.ts';

if (!canRun) console.warn(`Workbench browser tests skipped: ${missingForBrowser()}`);

/** axe-core, the accessibility engine, run inside the page as its own script. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}` : ''}`));
}

describe.skipIf(!canRun)('the workbench in a real browser: keyboard, errors, corrections, and axe-core on every page (WCAG 2.1 A and AA)', () => {
  let fixture: BrowserFixture;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    fixture = await startBrowserFixture();
    ({ store, server, browser } = fixture);
    const story = (await store.listStories()).sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
    Object.assign(pages, {
      'story list': '#/',
      'story page': `#/story/${story.id}`,
      'article page': `#/article/${story.articleIds[0]}`,
      'add page': '#/add',
      'outlets page': '#/outlets',
      'error page': '#/story/nosuchstory',
    });
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it('lets a keyboard user skip to the content and starts each new page at its heading', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/#/`);
    await page.waitForSelector('.story-link');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('H1 Stories');
    // Into a story by keyboard alone: the story's heading has the focus once it is shown.
    const title = (await page.locator('.story-link').first().textContent())!;
    await page.locator('.story-link').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((t) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === t, title, { timeout: 15_000 });
    await page.close();
  }, 60_000);

  it('shows a page that cannot be found with the reason and a way back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/#/story/nosuchstory`);
    await page.waitForSelector('main h1');
    expect(await page.locator('main h1').textContent()).toBe('This story cannot be shown');
    expect(await page.locator('main [role=alert]').textContent()).toMatch(/nosuchstory/);
    expect(await page.title()).toMatch(/story not found/i);
    await page.locator('main a', { hasText: 'Back to the stories' }).click();
    await page.waitForSelector('.story-link');
    await page.close();
  }, 60_000);

  it('moves an article out of a story and merges a story in, each undone at once', async () => {
    const stories = (await store.listStories()).sort((a, b) => b.articleIds.length - a.articleIds.length);
    const story = stories[0]!;
    const other = stories.find((x) => x.id !== story.id)!;
    const count = async (storyId: string) => (await store.getStory(storyId))?.articleIds.length ?? 0;
    const before = await count(story.id);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/#/story/${story.id}`);
    await page.locator('summary', { hasText: 'Correct this story' }).click();
    await page.locator('.corrections .pick input').first().check();
    await page.locator('.corrections button', { hasText: 'Move 1 article out' }).click();
    await page.locator('.corrections .done', { hasText: 'Moved 1 article to a new story.' }).waitFor();
    expect(await count(story.id)).toBe(before - 1);
    await page.locator('.corrections .done button', { hasText: 'Undo' }).click();
    await page.locator('.corrections .done', { hasText: 'Undone.' }).waitFor();
    expect(await count(story.id)).toBe(before);
    const otherCount = await count(other.id);
    await page.locator('.corrections input[placeholder]').fill(other.id);
    await page.locator('.corrections button', { hasText: 'Merge' }).click();
    await page.locator('.corrections .done', { hasText: `Merged story ${other.id}` }).waitFor();
    expect(await count(story.id)).toBe(before + otherCount);
    await page.locator('.corrections .done button', { hasText: 'Undo' }).click();
    await page.locator('.corrections .done', { hasText: 'Undone.' }).waitFor();
    expect(await count(story.id)).toBe(before);
    // A story that does not exist: the server's reason, nothing changed.
    await page.locator('.corrections input[placeholder]').fill('nosuchstory');
    await page.locator('.corrections button', { hasText: 'Merge' }).click();
    await page.locator('.corrections [role=alert]', { hasText: 'nosuchstory' }).waitFor();
    expect(await count(story.id)).toBe(before);
    await page.close();
  }, 60_000);

  it('sets an outlet\'s labels, undoes it, and explains a label it cannot read', async () => {
    const outlet = (await store.listOutlets()).find((o) => Object.keys(o.groups).length)!;
    const before = outlet.groups;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${server.url}/#/outlets`);
    const row = page.locator(`tr[data-outlet="${outlet.name}"]`);
    await row.locator('input').fill('lean:centre, country:NO');
    await row.locator('button', { hasText: 'Save' }).click();
    await page.locator('.done', { hasText: `Saved the labels of ${outlet.name}.` }).waitFor();
    expect((await store.listOutlets()).find((o) => o.name === outlet.name)!.groups).toEqual({ lean: 'centre', country: 'NO' });
    await page.locator('.done button', { hasText: 'Undo' }).click();
    await page.locator('.done', { hasText: `Put back the labels of ${outlet.name}.` }).waitFor();
    expect((await store.listOutlets()).find((o) => o.name === outlet.name)!.groups).toEqual(before);
    await row.locator('input').fill('centre');
    await row.locator('button', { hasText: 'Save' }).click();
    await page.locator('[role=alert]', { hasText: 'is not dimension:label' }).waitFor();
    expect((await store.listOutlets()).find((o) => o.name === outlet.name)!.groups).toEqual(before);
    await page.close();
  }, 60_000);

  for (const [device, viewport] of [
    ['desktop', { width: 1400, height: 1000 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const) {
    it(`has no serious or critical violations on ${device}`, async () => {
      // The app's own policy forbids inline scripts; the test lets its checker in.
      const page = await browser.newPage({ viewport, bypassCSP: true });
      const found: string[] = [];
      for (const [name, hash] of Object.entries(pages)) {
        await page.goto(`${server.url}/${hash}`);
        await page.waitForSelector('main h1, main [role=alert]', { timeout: 15_000 });
        await page.waitForLoadState('networkidle');
        found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
      }
      await page.close();
      expect(found).toEqual([]);
    }, 120_000);
  }
});
