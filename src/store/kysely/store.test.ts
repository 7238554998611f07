import { describe, expect, it } from 'vitest';
import { contentHash, countWords } from './store.ts';

describe('countWords', () => {
  it('counts a word with inner apostrophes, dots and hyphens once, and punctuation alone as nothing', () => {
    expect(countWords("The port's 4.5-metre crane — well-known since 1998 — fell.")).toBe(8);
    expect(countWords('Don’t ... -- \'quoted\' U.S. officials')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(countWords('  ... — !! ')).toBe(0);
  });

  it('counts words in any script, including letters outside the Basic Multilingual Plane', () => {
    expect(countWords('Привет мир, 東京 and café')).toBe(5);
    expect(countWords('𝐁𝐨𝐥𝐝 text and 😀 alone')).toBe(4);
  });
});

describe('contentHash', () => {
  it('ignores how whitespace is laid out but not the words', () => {
    const base = contentHash({ title: 'Crane falls', text: 'A crane fell.\n\nNo one was hurt.' });
    expect(contentHash({ title: ' Crane  falls ', text: 'A crane\tfell. \r\n No one\u00a0was hurt.  ' })).toBe(base);
    expect(contentHash({ title: 'Crane falls', text: 'A crane fell. No one was hurt!' })).not.toBe(base);
  });
});
