import { describe, expect, it } from 'vitest';
import { compareTexts } from '../pipeline/compare.ts';

const item = (id: string, outlet: string, text: string) => ({ id, input: `${id}.txt`, outlet, title: null, published: null, text });
const disputes = <T extends { text: string }>(brief: T[]) => brief.filter((b) => /who said/i.test(b.text));

describe('speaker disputes in the brief, on articles we wrote', () => {
  const opening = 'The harbour board voted on Tuesday to close the north quay for repairs. Ferries will use the south pier until spring.';

  it('states no dispute when one outlet only implies its speaker (a pronoun after another person)', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} “We cannot keep patching a wall that is falling into the sea,” Mayor Ines Falk said after the vote.`),
      item(
        'b',
        'Coast Daily',
        `${opening} Board chair Oskar Lind opened the meeting with a minute's silence for the drowned fisherman, and then Mayor Ines Falk spoke. “We cannot keep patching a wall that is falling into the sea,” he said.`,
      ),
    ]);
    expect(disputes(c.brief)).toEqual([]);
  });

  it('states no dispute when one outlet carries the words on from an earlier speaker', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} “The quay has been unsafe for a decade and everyone on the board knew it,” Mayor Ines Falk said.`),
      item(
        'b',
        'Coast Daily',
        `${opening} “The repairs will take until spring,” said engineer Pavel Ostrow.\n\n“The quay has been unsafe for a decade and everyone on the board knew it.”`,
      ),
    ]);
    expect(disputes(c.brief)).toEqual([]);
  });

  it('states a dispute, neutrally and citing both, when both outlets name different people with a said-verb', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} “We cannot keep patching a wall that is falling into the sea,” Mayor Ines Falk said after the vote.`),
      item('b', 'Coast Daily', `${opening} “We cannot keep patching a wall that is falling into the sea,” board chair Oskar Lind said after the vote.`),
    ]);
    const [line, ...rest] = disputes(c.brief);
    expect(rest).toEqual([]);
    expect(line!.sources.sort()).toEqual(['Coast Daily', 'Harbour Gazette']);
    expect(line!.text).toContain('Ines Falk');
    expect(line!.text).toContain('Oskar Lind');
    expect(line!.text).not.toMatch(/\b(?:wrong|error|misattribut|false)/i);
  });
});
