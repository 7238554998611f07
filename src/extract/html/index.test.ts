import { describe, expect, it } from 'vitest';
import { articleBodyText, extractHtml } from './index.ts';

/** A page of our own: `body` inside an ordinary layout with a site header and footer. */
function page(body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><title>Quay reopens after repairs</title>${head}</head><body>
<div class="site-header"><a href="/">Harbour Post</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
${body}
<div class="site-footer"><p>© Harbour Post. All rights reserved.</p></div></body></html>`;
}

const P = [
  'The harbour authority said on Monday that the north quay would reopen after repairs to its crane rails, which cracked in the winter storms.',
  'Traffic will return in stages over the next fortnight, starting with the ferries and then the container ships that were sent to the south basin.',
  'Dock workers, who had been moved to the south basin during the repairs, welcomed the news but asked for clearer shift rotas in the coming weeks.',
  'The authority expects the full cost of the work to be covered by its insurers, a spokeswoman said, though the final bill is not yet known.',
];
const story = P.map((p) => `<p>${p}</p>`).join('\n');

describe('extractHtml: bugs of issue 15', () => {
  it('reads a <br> inside a paragraph as a space instead of running the words together', () => {
    const result = extractHtml(page(`<article>${story}<p>The first line of a poem<br>and its second line, read at the reopening by a local schoolgirl who won the harbour prize.</p></article>`));
    expect(result?.text).toContain('The first line of a poem and its second line');
  });

  it('reads a JSON-LD articleBody that holds markup, escaped or not, as text', () => {
    expect(articleBodyText('<p>One &amp; two.</p><p>Three.</p>')).toBe('One & two.\n\nThree.');
    expect(articleBodyText('&lt;p&gt;One &amp;amp; two.&lt;/p&gt;&lt;p&gt;Three.&lt;/p&gt;')).toBe('One & two.\n\nThree.');
    expect(articleBodyText('Plain first line.\nPlain second line.')).toBe('Plain first line.\n\nPlain second line.');
    const ld = { '@type': 'NewsArticle', headline: 'Quay reopens after repairs', articleBody: P.map((p) => `&lt;p&gt;${p}&lt;/p&gt;`).join('') };
    const result = extractHtml(page('<div><p>Loading…</p></div>', `<script type="application/ld+json">${JSON.stringify(ld)}</script>`));
    expect(result?.text).toBe(P.join('\n\n'));
  });
});
