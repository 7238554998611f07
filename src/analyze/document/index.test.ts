import { describe, expect, it } from 'vitest';
import { readDocument } from './index.ts';

const sentences = (text: string) => readDocument(text).sentences.map((s) => s.text);

describe('sentences split where a reader would', () => {
  it('keeps a party-and-state label in brackets inside its sentence', () => {
    expect(sentences('Rep. Ana Ruiz (D-N.C.) called the vote a disgrace. She said more.')).toEqual(['Rep. Ana Ruiz (D-N.C.) called the vote a disgrace.', 'She said more.']);
    expect(sentences('Sen. Tom Hale (R-N.C.) Tuesday called for an inquiry.')).toEqual(['Sen. Tom Hale (R-N.C.) Tuesday called for an inquiry.']);
  });

  it('ends a sentence after "p.m." or "D.C." when a new one begins', () => {
    expect(sentences('The vigil began at 9 p.m. Police closed the street an hour later.')).toEqual(['The vigil began at 9 p.m.', 'Police closed the street an hour later.']);
    expect(sentences('She moved to Washington, D.C. The city welcomed her.')).toEqual(['She moved to Washington, D.C.', 'The city welcomed her.']);
  });

  it('does not split where the abbreviation runs on into the sentence', () => {
    for (const text of ['The vote was held at 9 p.m. Tuesday, officials said.', 'He spoke with D.C. Mayor Lena Ortiz on Monday.', 'He moved to Washington, D.C. in 2009 to work for the senator.', 'The meeting is at 10 a.m. on Friday in the council hall.']) {
      expect(sentences(text)).toEqual([text]);
    }
  });
});
