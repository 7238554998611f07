import { describe, expect, it } from 'vitest';
import { handmade } from './fixtures/comparison.ts';
import { renderMarkdown } from './render.ts';

/** The cells of a Markdown table row, split at its unescaped pipes. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('Markdown report', () => {
  const md = renderMarkdown(handmade, { title: 'Storm floods | Eastport' });
  const lines = md.split('\n');

  it('is headed by the story title, escaped', () => {
    expect(lines[0]).toBe('# Story comparison: Storm floods \\| Eastport');
    expect(renderMarkdown(handmade).startsWith('# Story comparison\n')).toBe(true);
  });

  it('gives the brief with the sources behind each line', () => {
    expect(md).toContain('## Brief\n\n- The harbour wall gave way on Tuesday, officials said. — *Harbour Gazette, =HYPERLINK("http://evil.example","Coast Daily")*\n');
  });

  it('has the outlet × fact matrix, one column per source, rows of equal width', () => {
    const at = lines.indexOf('## Coverage');
    const table = lines.slice(at + 2, lines.indexOf('', at + 2));
    expect(cells(table[0]!).map((c) => c.trim())).toEqual(['fact', 'Harbour Gazette', '=HYPERLINK("http://evil.example","Coast Daily")', 'Valley, "Times"', 'text']);
    for (const row of table) expect(cells(row)).toHaveLength(5);
    expect(table[2]).toBe('| f1 | ● | ● |  | The harbour wall gave way on Tuesday, officials said. |');
  });

  it('names each omission by the fact\'s text, with the outlet\'s closest sentence and its score, escaped', () => {
    expect(md).toContain('- **Valley, "Times"** leaves out: f1\n');
    expect(md).toContain('  - leaves out f1 (“The harbour wall gave way on Tuesday, officials said.”); closest in Valley, "Times" (0.08): Rain fell \\| all \\<b\\>night\\</b\\>.\n');
  });

  it('gives numbers with their verdict and each outlet\'s sentence, and quotes with each outlet\'s wording and speaker', () => {
    expect(md).toContain('- **residents** — **conflict** (about 300 and more than 450 do not overlap)\n  - Harbour Gazette: “about 300” — About 300 residents left.\n  - Valley, "Times": “more than 450” — More than 450 residents left.\n');
    // A figure only one outlet gives is not a comparison.
    expect(md).not.toContain('**boats**');
    expect(md).toContain('- **Ines Falk** (Harbour Gazette, Valley, "Times") — speaker-mismatch\n  - Harbour Gazette: “We were not ready”\n  - Valley, "Times" (gives it to Oskar Lind): "We were simply not ready"\n');
  });

  it('keeps a line break inside article text from ending a table row or a list item', () => {
    const broken = { ...handmade, facts: handmade.facts.map((f) => (f.id === 'f1' ? { ...f, text: 'The harbour wall\ngave way.' } : f)) };
    const out = renderMarkdown(broken);
    expect(out).toContain('| f1 | ● | ● |  | The harbour wall gave way. |\n');
    expect(out).toContain('leaves out f1 (“The harbour wall gave way.”)');
  });
});
