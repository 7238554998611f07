import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/index.ts';
import type { Store } from '../../src/core/store.ts';
import { mergeStories, splitStory } from '../../src/pipeline/stories.ts';
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

  it('moves an article out of a story, and merges a story found by its title, each undone at once', async () => {
    const stories = (await store.listStories()).sort((a, b) => b.articleIds.length - a.articleIds.length);
    const story = stories[0]!;
    const other = stories.find((x) => x.id !== story.id)!;
    const count = async (storyId: string) => (await store.getStory(storyId))?.articleIds.length ?? 0;
    const before = await count(story.id);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${server.url}/#/story/${story.id}`);
    await page.locator('summary', { hasText: 'Correct this story' }).click();
    await page.locator('.corrections .pick input').first().check();
    await page.locator('.corrections button', { hasText: 'Move 1 article out' }).click();
    await page.locator('.corrections .done', { hasText: 'Moved 1 article to a new story.' }).waitFor();
    expect(await count(story.id)).toBe(before - 1);
    await page.locator('.corrections .done button', { hasText: 'Undo' }).click();
    await page.locator('.corrections .done', { hasText: 'Undone: the 1 article are back in this story.' }).waitFor();
    expect(await count(story.id)).toBe(before);

    // The other story is found by a word of its title, not by its id; this story is never offered.
    const otherCount = await count(other.id);
    const word = other.title.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;
    const find = page.getByLabel('Find the other story');
    await find.fill(word.toLowerCase());
    const offered = page.locator(`.picks label[data-story="${other.id}"]`);
    await offered.waitFor();
    expect(await page.locator('#merge-found').textContent()).toMatch(/^1 story matching/);
    expect(await page.locator(`.picks label[data-story="${story.id}"]`).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await offered.getByRole('radio').check();
    const merge = page.locator('.corrections button.merge');
    expect(await merge.textContent()).toBe(`Merge “${other.title}” into this story`);
    await merge.click();
    await page.locator('.corrections .done', { hasText: `Merged “${other.title}” into this story (${otherCount} article` }).waitFor();
    expect(await count(story.id)).toBe(before + otherCount);
    expect(await store.getStory(other.id)).toBeNull();
    // The keyboard is at what was done, and Undo is the next stop.
    await page.waitForFunction(() => document.activeElement?.className === 'outcome');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await page.keyboard.press('Enter');
    await page.locator('.corrections .done', { hasText: `Undone: the ${otherCount} article` }).waitFor();
    expect(await page.locator('.corrections .done').textContent()).toContain(`of “${other.title}” are a story of their own again.`);
    expect(await count(story.id)).toBe(before);
    const apart = (await store.listStories()).find((s) => s.articleIds.includes(other.articleIds[0]!))!;
    expect([...apart.articleIds].sort()).toEqual([...other.articleIds].sort());
    expect(await page.locator('.corrections .done button', { hasText: 'Undo' }).count()).toBe(0);

    // Chosen, then merged elsewhere (another window) before Merge is pressed: the server's reason, nothing changed.
    await find.fill(word.toLowerCase());
    await page.locator(`.picks label[data-story="${apart.id}"]`).getByRole('radio').check();
    await mergeStories(store, story.id, apart.id);
    await merge.click();
    await page.locator('.corrections [role=alert]', { hasText: `no story "${apart.id}"` }).waitFor();
    await splitStory(store, story.id, apart.articleIds);
    expect(await count(story.id)).toBe(before);
    await page.close();
  }, 60_000);

  it('renames an outlet from the Outlets page and undoes it, and explains a name already in use', async () => {
    const outlet = (await store.listOutlets()).find((o) => Object.keys(o.groups).length && o.domains.length)!;
    const taken = (await store.listOutlets()).find((o) => o.name !== outlet.name)!;
    const articles = await store.countArticles({ outlet: outlet.name });
    expect(articles).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${server.url}/#/outlets`);
    const row = page.locator(`tr[data-outlet="${outlet.name}"]`);
    // Each outlet's row says how many articles carry its name.
    expect(await row.locator('td.count').textContent()).toBe(String(articles));
    await row.locator('.rename-start').click();
    // The new name's box has the focus, filled with the old name; Escape leaves it and returns to its button.
    const box = row.getByLabel(`new name for ${outlet.name}`);
    await box.evaluate((el) => new Promise((done) => (function wait() { if (el === document.activeElement) done(null); else requestAnimationFrame(wait); })()));
    expect(await box.inputValue()).toBe(outlet.name);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await row.locator('form.rename').count()).toBe(0);
    await page.waitForFunction(() => document.activeElement?.classList.contains('rename-start'));

    // Onto a name in use: the server's reason, nothing renamed.
    await page.keyboard.press('Enter');
    await box.fill(taken.name);
    await box.press('Enter');
    await page.locator('.outcome [role=alert]', { hasText: `an outlet "${taken.name}" already exists` }).waitFor();
    expect(await store.getOutlet(outlet.name)).toEqual(outlet);

    await box.fill(`${outlet.name} Online`);
    await row.locator('form.rename button[type=submit]').click();
    await page.locator('.done', { hasText: `Renamed ${outlet.name} to ${outlet.name} Online (${articles} article` }).waitFor();
    expect(await store.getOutlet(outlet.name)).toBeNull();
    expect(await store.getOutlet(`${outlet.name} Online`)).toEqual({ ...outlet, name: `${outlet.name} Online` });
    expect(await store.countArticles({ outlet: `${outlet.name} Online` })).toBe(articles);
    await page.locator(`tr[data-outlet="${outlet.name} Online"]`).waitFor();
    expect(await page.locator('.outcome [role=alert]').count()).toBe(0);

    await page.locator('.done button', { hasText: 'Undo' }).click();
    await page.locator('.done', { hasText: `Undone: ${outlet.name} Online is ${outlet.name} again (${articles} article` }).waitFor();
    expect(await store.getOutlet(outlet.name)).toEqual(outlet);
    expect(await store.getOutlet(`${outlet.name} Online`)).toBeNull();
    expect(await store.countArticles({ outlet: outlet.name })).toBe(articles);
    await row.waitFor();
    expect(await page.locator('.done button', { hasText: 'Undo' }).count()).toBe(0);
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
