import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFolder } from '../../../test/shared.ts';
import { cleanText, datelineDate } from './index.ts';

const story = [
  'Eastport Dockers Walk Out Over Crane Safety',
  'Published April 2, 2025',
  'Dock workers in Eastport stopped work on Tuesday after a crane failed during a storm.',
  'The union said 140 members joined the walkout, which halted three container ships.',
  '“We will not go back until the cranes are inspected,” said union steward Ana Ribeiro.',
  'Port managers said an inspection team would arrive on Thursday and that they would download the crane logs for investigators.',
  '(With Reuters inputs)',
  'Read more: Five things to know about Eastport harbour',
  'Sign up for our morning newsletter to get the day’s top stories in your inbox.',
  'Download the Harbour Gazette app for breaking news alerts.',
  'Be the first to comment',
].join('\n');

describe('cleanText', () => {
  it('takes the headline and date line out of a text file', () => {
    const r = cleanText(story);
    expect(r.title).toBe('Eastport Dockers Walk Out Over Crane Safety');
    expect(r.published).toBe('2025-04-02');
    expect(r.text.startsWith('Dock workers in Eastport')).toBe(true);
  });

  it('removes the boilerplate tail with a reason each, and keeps every reporting paragraph', () => {
    const r = cleanText(story);
    expect(r.removed.map((x) => x.reason)).toEqual([
      'dateline',
      'credit-line',
      'read-more-link',
      'newsletter-promo',
      'app-promo',
      'comment-prompt',
    ]);
    expect(r.wire).toBe('Reuters');
    const paragraphs = r.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    // A reporting paragraph that happens to say "download" stays.
    expect(r.text).toContain('download the crane logs for investigators');
  });

  it('keeps a promotion-like paragraph that sits inside the reporting', () => {
    const text = [
      'The council voted on Monday to close the ferry terminal for repairs.',
      'Sign up for the consultation is open until May, the council said in its newsletter.',
      'Repairs are expected to take six weeks and cost about 2 million euros.',
    ].join('\n\n');
    const r = cleanText(text, { format: 'body' });
    expect(r.removed).toEqual([]);
    expect(r.text.split('\n\n')).toHaveLength(3);
  });

  it('strips Markdown syntax and keeps the words', () => {
    const r = cleanText('# Ferry Terminal Closes\n\nThe **council** voted to close the [terminal](https://x.example).\n\n![photo](a.jpg)\n\n- Repairs take *six weeks*.', {
      format: 'markdown',
    });
    expect(r.title).toBe('Ferry Terminal Closes');
    expect(r.text).toBe('The council voted to close the terminal.\n\nRepairs take six weeks.');
  });

  it('removes the repeated text of an embedded post', () => {
    const r = cleanText(
      'The minister posted a video on Tuesday.\n\nWe are proud of our port workers. pic.twitter.com/AbC123 Port Minister (@port_min) April 1, 2025\n\nThe video was viewed widely.',
      { format: 'body' },
    );
    expect(r.removed.map((x) => x.reason)).toEqual(['social-embed-tail']);
    // Text read from HTML keeps the post: there it is part of the article.
    const kept = cleanText('The minister posted a video on Tuesday.\n\nWe are proud of our port workers. pic.twitter.com/AbC123 Port Minister (@port_min) April 1, 2025', {
      format: 'body',
      embeddedPosts: 'keep',
    });
    expect(kept.removed).toEqual([]);
  });

  it('reads dates only from lines that are dates', () => {
    expect(datelineDate('| Published March 27, 2025')).toBe('2025-03-27');
    expect(datelineDate('Updated: 3 April 2025, 14:05')).toMatch(/^2025-04-03T14:05/);
    expect(datelineDate('The bridge opened on March 27, 2025 after years of delay and protests.')).toBeNull();
  });
});

const seed = sharedFolder('corpus', 'cecot');
const cecot = seed.path;
describe.skipIf(!seed.present)('cleanText on the seed reports', () => {
  const read = (f: string) => cleanText(readFileSync(path.join(cecot, f), 'utf8'));

  it('removes the promotions, the embed repeat and the credit line from 004, keeping its reporting', () => {
    const r = read('004_b9b093abca9d6c56.txt');
    expect(r.wire).toBe('AP');
    expect(r.text).not.toMatch(/Moneycontrol|curated for you|startup news|pic\.twitter|With AP Input/);
    expect(r.text).toContain('In a post on X, Noem issued a stark warning');
    expect(r.text).toContain('legal and human rights questions loom');
    expect(r.text.split('\n\n')).toHaveLength(10);
  });

  it('takes 003’s date line and comment prompt out, and keeps its section headings', () => {
    const r = read('003_4d12e22949542b7c.txt');
    expect(r.published).toBe('2025-03-27');
    expect(r.text).not.toContain('Be the first to comment');
    expect(r.text).toContain('Sending a Strong Message');
    expect(r.text).toContain('For now, Noem’s visit to CECOT sends a clear message');
  });

  it('takes 001’s headline as its title and removes nothing from reports without boilerplate', () => {
    expect(read('001_0503b226f6eae02d.txt').title).toMatch(/^Kristi Noem Visits/);
    for (const f of ['000_fc683ca72a943fd2.txt', '001_0503b226f6eae02d.txt', '002_81c7063e54f7e4b5.txt']) {
      expect(read(f).removed).toEqual([]);
    }
  });
});

describe('markdown with unclosed brackets and emphasis', () => {
  it('keeps link text, drops images, and leaves stray brackets and asterisks as they are', () => {
    const md = 'The [harbour wall](https://example.org/wall) failed ![photo](wall.jpg) on **Tuesday** night. [[[ unclosed ** marks stay.';
    const { text } = cleanText(md, { format: 'markdown' });
    expect(text).toContain('The harbour wall failed');
    expect(text).not.toContain('wall.jpg');
    expect(text).toContain('on Tuesday night.');
    expect(text).toContain('[[[ unclosed ** marks stay.');
  });
});
