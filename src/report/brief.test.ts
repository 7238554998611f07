import { describe, expect, it } from 'vitest';
import { compareTexts } from '../pipeline/compare.ts';
import { buildBrief } from './brief.ts';

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

describe('speaker disputes in the brief: only outlets that name the speaker', () => {
  const opening = 'The harbour board voted on Tuesday to close the north quay for repairs. Ferries will use the south pier until spring.';
  const words = 'We cannot keep patching a wall that is falling into the sea';

  it('states no dispute when one outlet gives the words to a role noun, not a name', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} “${words},” Mayor Ines Falk said after the vote.`),
      item('b', 'Coast Daily', `${opening} Board chair Oskar Lind and Mayor Ines Falk met the crews. “${words},” the chair said.`),
    ]);
    expect(disputes(c.brief)).toEqual([]);
  });

  it('cites only the outlets in dispute, each once, and not one that names nobody', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} “${words},” Mayor Ines Falk said after the vote.`),
      item('b', 'Coast Daily', `${opening} “${words},” board chair Oskar Lind said after the vote.`),
      item('c', 'Island Post', `${opening} “${words},” one speaker said after the vote.`),
    ]);
    const [line, ...rest] = disputes(c.brief);
    expect(rest).toEqual([]);
    expect(line!.sources.sort()).toEqual(['Coast Daily', 'Harbour Gazette']);
    expect(line!.text.match(/attributes it to/g)).toHaveLength(2);
  });
});

describe('brief citations', () => {
  it('cites an outlet for a shared sentence only when its own sentence comes close to saying it', () => {
    const c = compareTexts([
      item('a', 'Harbour Gazette', 'The harbour board voted on Tuesday to close the north quay for repairs until the spring. Ferries will use the south pier meanwhile.'),
      item('b', 'Coast Daily', 'On Tuesday the harbour board voted to close the north quay for repairs until spring. The ferries move to the south pier.'),
      item('c', 'Island Post', 'Closing the north quay will cost the harbour board its busiest berth, fishermen warned on Tuesday. Skippers fear the repairs will run past spring.'),
    ]);
    // Each sentence of a fact says how close it comes to the fact as stated.
    const vote = c.facts.find((f) => /voted/.test(f.text))!;
    const closeness = (source: string) => Math.max(...vote.support.filter((x) => x.source === source).map((x) => x.closeness ?? 0));
    expect(closeness('Coast Daily')).toBeGreaterThan(3.5);
    expect(closeness('Island Post')).toBeLessThan(2.2);
    // Stated as shared, the same fact cites the two outlets that say it, not the one that only touches it.
    const sure = { ...c, consensus: [vote.id], facts: c.facts.map((f) => (f === vote ? { ...f, confidence: 0.9 } : f)) };
    const line = buildBrief(sure).find((b) => b.facts?.includes(vote.id));
    expect(line?.text).toBe(vote.text);
    expect(line?.sources.sort()).toEqual(['Coast Daily', 'Harbour Gazette']);
    // A fact only one outlet comes close to saying is not stated as shared.
    const alone = { ...sure, facts: sure.facts.map((f) => (f.id === vote.id ? { ...f, support: f.support.map((x) => (x.text === f.text ? x : { ...x, closeness: 1 })) } : f)) };
    expect(buildBrief(alone).some((b) => b.facts?.includes(vote.id))).toBe(false);
  });
});

describe('brief sentences stand alone', () => {
  it('states a shared fact in the outlet sentence that names its subject, never one that opens with a pronoun', () => {
    const opening = 'Mayor Ines Falk met the harbour board on Tuesday.';
    const c = compareTexts([
      item('a', 'Harbour Gazette', `${opening} He said the north quay would close for repairs until the spring and that the ferries would use the south pier meanwhile.`),
      item('b', 'Coast Daily', `${opening} The north quay will close for repairs until the spring, the board said.`),
    ]);
    const quay = c.facts.find((f) => f.sources.length === 2 && /north quay/.test(f.text))!;
    expect(quay.text).toMatch(/^The north quay/);
    for (const b of c.brief) expect(b.text).not.toMatch(/^(He|She|They|It|This)\b/);
  });
});
