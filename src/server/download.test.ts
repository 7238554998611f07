import { describe, expect, it } from 'vitest';
import { attachment } from './download.ts';

describe('download file names', () => {
  it('are made from the title, lower case, words joined by hyphens', () => {
    expect(attachment('Storm floods: Eastport’s harbour wall gives way', 's1', '-facts.csv')).toEqual({
      header: `attachment; filename="storm-floods-eastport-s-harbour-wall-gives-way-facts.csv"; filename*=UTF-8''storm-floods-eastport-s-harbour-wall-gives-way-facts.csv`,
      fileName: 'storm-floods-eastport-s-harbour-wall-gives-way-facts.csv',
    });
  });

  it('never carry a path, a quote, a line break or a control into the header', () => {
    const { header } = attachment('../../etc/passwd"\r\nSet-Cookie: x=1\u202Egnp.exe', 's1', '.md');
    expect(header).toBe(`attachment; filename="etc-passwd-set-cookie-x-1-gnp-exe.md"; filename*=UTF-8''etc-passwd-set-cookie-x-1-gnp-exe.md`);
  });

  it('keep other scripts in filename*, with an ASCII filename beside it', () => {
    expect(attachment('Café in Århus', 's1', '.json').header).toBe(`attachment; filename="cafe-in-arhus.json"; filename*=UTF-8''cafe-in-arhus.json`);
    expect(attachment('Шторм в Истпорте', 's4c078f07597', '.md').header).toBe(
      `attachment; filename="story-s4c078f07597.md"; filename*=UTF-8''${encodeURIComponent('шторм-в-истпорте.md')}`,
    );
  });

  it('fall back to the story id, cut long titles at a word, and avoid names Windows keeps for devices', () => {
    expect(attachment('', 's1', '.md').fileName).toBe('story-s1.md');
    expect(attachment(null, 's1', '.md').fileName).toBe('story-s1.md');
    expect(attachment('!!!', 's1', '.md').fileName).toBe('story-s1.md');
    expect(attachment('CON', 's1', '.json').fileName).toBe('story-con.json');
    const long = attachment('word '.repeat(40), 's1', '.md').fileName;
    expect(long).toMatch(/^(word-)+word\.md$/);
    expect(long.length).toBeLessThanOrEqual(83);
  });
});
