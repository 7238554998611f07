import { describe, expect, it } from 'vitest';
import { extractHtml } from './index.ts';
import { flattenDeepMarkup } from './flatten.ts';

const story = '<p>The harbour authority said on Monday that the north quay would reopen after repairs to its crane rails, which cracked in the winter storms. Traffic will return in stages over the next fortnight, starting with the ferries.</p>';

describe('pages that would stall extraction (issue 19, item 4)', () => {
  it('extracts the article from a 1.1 MB page of 100,000 nested <div> in seconds (it took about 17 minutes)', () => {
    const n = 100_000;
    const html = `<html><head><title>Quay reopens</title></head><body>${'<div>'.repeat(n)}${story}${story}${'</div>'.repeat(n)}</body></html>`;
    const started = performance.now();
    const page = extractHtml(html);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(page?.text).toContain('The harbour authority said on Monday that the north quay would reopen');
  }, 30_000);

  it('refuses in well under a second a page whose text breaks into hundreds of thousands of pieces (a line of "<" took 20 s)', () => {
    for (const junk of ['<'.repeat(660_000), '&nbsp;'.repeat(200_000), '< '.repeat(300_000)]) {
      const started = performance.now();
      expect(() => extractHtml(`<html><body><article>${story}<p>${junk}</p></article></body></html>`)).toThrow(/breaks its text into over 50000 pieces/);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // An ordinary article with its entities and a comparison or two is read as before.
    const page = extractHtml(`<html><body><article>${story.replace('Monday', 'Monday&nbsp;&mdash; 3 &lt; 4 —')}${story}</article></body></html>`);
    expect(page?.text).toContain('Monday — 3 < 4');
  });

  it('returns no article, instead of throwing, for a fragment such as <script>… or bare text', () => {
    expect(extractHtml('<script>alert(1)</script>')).toBeNull();
    expect(extractHtml('just a line')).toBeNull();
  });

  it('leaves ordinary markup untouched, and keeps a deep page\'s text and its line breaks', () => {
    const ordinary = `<html><body><div><script>if (a < b) document.write("<div>")</script><p>a<p>b<ul><li>c<li>d</ul></div></body></html>`;
    expect(flattenDeepMarkup(ordinary, 6)).toBe(ordinary);
    expect(flattenDeepMarkup('<div><div><div><p>one</p><p>two <b>bold</b></p></div></div></div>', 2)).toBe('<div><div><br><br>one<br><br>two bold<br><br></div></div>');
  });
});
