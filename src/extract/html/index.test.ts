import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, articleBodyText, boilerplateWord, chooseCandidate, classWords, extractHtml, isDateLine, type Candidate } from './index.ts';

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
    expect(result?.source).toBe('json-ld');
  });
});

describe('extractHtml: generic rules of issue 15', () => {
  it('prunes boxes whose class or id names boilerplate before Readability, even when the class also says "article"', () => {
    const html = page(`<article>${story}
<div class="article-share-bar"><p>Share this story with friends and family on every network you use today.</p></div>
<div class="articleRelatedStories"><p>Storm damage closes the old pier for a second winter running, officials say.</p></div>
</article>`);
    const result = extractHtml(html)!;
    expect(result.text).toBe(P.join('\n\n'));
    expect(result.removed.map((r) => r.reason)).toEqual(expect.arrayContaining(['page-boilerplate-share', 'page-boilerplate-related']));
    // Left out, the box stays in Readability's text (the article-body container, read before Readability rewrites the page, would still lose it by step 3).
    expect(extractHtml(html, { without: ['page-boilerplate', 'container-inside'] })!.text).toContain('Share this story');
  });

  it('keeps a page-wide wrapper whose class happens to hold a boilerplate word', () => {
    const result = extractHtml(page(`<div class="layout has-sidebar"><article>${story}</article></div>`))!;
    expect(result.text).toBe(P.join('\n\n'));
  });

  it('keeps the author of a pruned byline box as the byline', () => {
    const result = extractHtml(page(`<article><div class="byline">Mara Quill</div>${story}</article>`))!;
    expect(result.byline).toBe('Mara Quill');
    expect(result.text).not.toContain('Mara Quill');
  });

  it('drops figures, their captions and the article\'s own header', () => {
    const html = page(`<article><header><span>Harbour</span><h1>Quay reopens after repairs</h1><p>By Mara Quill</p></header>
<p>${P[0]}</p><figure><img src="q.jpg"><figcaption>Cranes on the north quay, where repairs ended this week. Photo: Port authority</figcaption></figure>
${P.slice(1).map((p) => `<p>${p}</p>`).join('')}</article>`);
    const result = extractHtml(html)!;
    expect(result.text).toBe(P.join('\n\n'));
    expect(result.removed.map((r) => r.reason)).toEqual(expect.arrayContaining(['figure', 'header']));
    expect(extractHtml(html, { without: ['figures'] })!.text).toContain('Cranes on the north quay');
    expect(extractHtml(html, { without: ['headers'] })!.text).toContain('By Mara Quill');
  });

  it('drops lines that only say when the article appeared, and keeps sentences that mention a date', () => {
    for (const line of ['Updated 3 April 2025, 14:05', 'Published: March 27, 2025', 'The Associated Press Published Monday, November 18, 2019 8:22AM EST', 'March 27, 2025']) {
      const result = extractHtml(page(`<article><p>${line}</p>${story}</article>`))!;
      expect(result.text, line).toBe(P.join('\n\n'));
      expect(result.removed.map((r) => r.reason)).toContain('date-line');
      expect(extractHtml(page(`<article><p>${line}</p>${story}</article>`), { without: ['date-lines'] })!.text, line).toContain(line);
    }
    const dated = 'The quay first opened on March 27, 1925, and was rebuilt in 1960.';
    expect(extractHtml(page(`<article>${story}<p>${dated}</p></article>`))!.text).toContain(dated);
  });

  it('drops runs of link-only paragraphs, and keeps a single linked line', () => {
    const links = ['Ferry fares to rise in spring', 'New lighthouse keeper named', 'Fish market moves to the quay'].map((t) => `<p><a href="/x">${t}</a></p>`).join('');
    const result = extractHtml(page(`<article>${story}${links}</article>`))!;
    expect(result.text).toBe(P.join('\n\n'));
    expect(result.removed.filter((r) => r.reason === 'link-run')).toHaveLength(3);
    expect(extractHtml(page(`<article>${story}${links}</article>`), { without: ['link-runs'] })!.text).toContain('New lighthouse keeper named');
    const single = '<p><a href="/report">The full report on the repairs</a></p>';
    expect(extractHtml(page(`<article>${P.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}${single}${P.slice(2).map((p) => `<p>${p}</p>`).join('')}</article>`))!.text).toContain('The full report on the repairs');
  });

  it('keeps the text of an embedded post, which the plain-text rule drops', () => {
    const post = 'We are proud of our port workers. pic.twitter.com/AbC123 Port Minister (@port_min) April 1, 2025';
    const result = extractHtml(page(`<article>${story}<blockquote class="twitter-tweet"><p>${post}</p></blockquote></article>`))!;
    expect(result.text).toContain('We are proud of our port workers.');
    expect(extractHtml(page(`<article>${story}<blockquote class="twitter-tweet"><p>${post}</p></blockquote></article>`), { without: ['embedded-posts'] })!.text).not.toContain('proud');
  });
});

describe('class words and date lines', () => {
  it('splits a class or id into words at punctuation, digits and case changes, and finds whole boilerplate words only', () => {
    expect(classWords('article-share__bar articleRelatedStories col-2')).toEqual(['article', 'share', 'bar', 'article', 'related', 'stories', 'col']);
    expect(boilerplateWord('article-share__bar')).toBe('share');
    expect(boilerplateWord('header-ad-slot')).toBe('ad');
    // "shadow", "loading", "navy" and "readable" hold boilerplate words only as parts of words.
    expect(boilerplateWord('shadow loading navy readable')).toBeNull();
  });

  it('tells a line that only dates the article from a sentence with a date', () => {
    expect(isDateLine('Last updated: 12:30 PM ET, Tue April 1, 2025')).toBe(true);
    expect(isDateLine('The harbour reopened on April 1, 2025.')).toBe(false);
    expect(isDateLine('Officials said on Tuesday, April 1, 2025 that the quay had been updated to modern standards')).toBe(false);
  });
});

/** A candidate as extraction makes one, from a text of our own. */
function cand(source: Candidate['source'], text: string, linkDensity = 0): Candidate {
  return { source, what: source, text, words: text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0, linkDensity, removed: [] };
}

describe('choosing among candidates by measured features (issue 15, item 4)', () => {
  const body = P.join('\n\n');
  const standfirst = 'The port is open again after a winter of work, and the shipping lines are already booking their slots for spring.';

  it('takes the article-body container when it lies inside Readability\'s text and Readability holds more around it', () => {
    const html = page(`<div class="story-wrap"><p>${standfirst}</p><div itemprop="articleBody">${story}</div></div>`);
    const result = extractHtml(html)!;
    expect(result.text).toBe(body);
    expect(result.source).toBe('body-container');
    expect(result.decision.rule).toBe('container-inside');
    expect(result.decision.candidates.map((c) => c.what)).toEqual(["Readability's container", '[itemprop=articleBody]']);
    expect(result.decision.overlaps).toContainEqual({ of: 'body-container', in: 'readability', share: 1 });
    expect(result.removed).toContainEqual({ text: standfirst, reason: 'outside-article-body-container' });
    // Left out, Readability's wrapper is kept with the standfirst.
    expect(extractHtml(html, { without: ['container-inside'] })!.text).toContain(standfirst);
  });

  it('keeps Readability\'s text when the container gives the same text, is the larger one, or is not inside it', () => {
    const same = chooseCandidate([cand('readability', body), cand('body-container', body)], DEFAULT_TUNING);
    expect([same.source, same.rule]).toEqual(['readability', 'readability']);
    expect(same.because).toContain('gives the same text');
    const larger = chooseCandidate([cand('readability', body), cand('body-container', `${body}\n\nPrevious post\n\nNext post`)], DEFAULT_TUNING);
    expect(larger.source).toBe('readability');
    expect(larger.because).toContain('is not inside it');
    // Inside, but Readability's text has next to nothing around it (one word in about a hundred).
    const close = chooseCandidate([cand('readability', `${body}\n\nPhoto`), cand('body-container', body)], { ...DEFAULT_TUNING, readabilityInContainer: 0.98 });
    expect(close.source).toBe('readability');
    expect(close.because).toContain('nothing around');
    const elsewhere = chooseCandidate([cand('readability', `${standfirst}\n\n${body}`), cand('body-container', 'A different list of harbour notices for the week, with tide tables and berth numbers.')], DEFAULT_TUNING);
    expect(elsewhere.source).toBe('readability');
    expect(elsewhere.because).toContain('is not inside it');
  });

  it('takes JSON-LD articleBody when it has more than jsonLdRatio times the words of Readability\'s text', () => {
    const teaser = cand('readability', P[0]!);
    const full = cand('json-ld', body);
    const chosen = chooseCandidate([teaser, full], DEFAULT_TUNING);
    expect([chosen.source, chosen.rule]).toEqual(['json-ld', 'json-ld-fuller']);
    expect(chosen.because).toMatch(/has \d\.\d\d× the words/);
    // The threshold is a tunable: above the ratio the two have, Readability's text stays.
    expect(chooseCandidate([teaser, full], { ...DEFAULT_TUNING, jsonLdRatio: 5 }).source).toBe('readability');
    expect(chooseCandidate([cand('readability', ''), full], DEFAULT_TUNING).source).toBe('json-ld');
  });

  it('reads the share of one candidate\'s words found in another, with repeats', () => {
    const decision = chooseCandidate([cand('readability', 'quay quay crane'), cand('body-container', 'quay crane')], { ...DEFAULT_TUNING, containerInside: 2 });
    expect(decision.overlaps).toEqual([
      { of: 'body-container', in: 'readability', share: 1 },
      { of: 'readability', in: 'body-container', share: 0.667 },
    ]);
  });
});
