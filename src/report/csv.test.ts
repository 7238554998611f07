import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareTexts } from '../pipeline/compare.ts';
import { renderCsv, writeCsv } from './csv.ts';
import { handmade } from './fixtures/comparison.ts';

const rowsOf = (csv: string) => parse(csv, { bom: true }) as string[][];

describe('CSV of a comparison', () => {
  it('facts: one row per fact, one column per source with its sentences, RFC 4180 quoting and CRLF', () => {
    const csv = renderCsv(handmade);
    const rows = rowsOf(csv);
    expect(rows[0]).toEqual(['fact', 'text', 'sources', 'left out by', 'Harbour Gazette', `'=HYPERLINK("http://evil.example","Coast Daily")`, 'Valley, "Times"']);
    expect(rows.map((r) => r.length)).toEqual([7, 7, 7, 7]);
    expect(rows[1]).toEqual([
      'f1',
      'The harbour wall gave way on Tuesday, officials said.',
      '2',
      'Valley, "Times"',
      'The harbour wall gave way on Tuesday, officials said.\nOfficials said the wall "simply broke".',
      "'=1+1 and the wall gave way on Tuesday.",
      '',
    ]);
    // Quotes doubled inside quoted fields; every record ends in CRLF, a line break inside a field stays LF.
    expect(csv).toContain('"Valley, ""Times"""');
    expect(csv.split('\r\n')).toHaveLength(5);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.startsWith('\uFEFF')).toBe(false);
    expect(renderCsv(handmade, { bom: true }).startsWith('\uFEFFfact,')).toBe(true);
  });

  it('never starts a cell with = + - @ : such a cell is prefixed with a single quote', () => {
    const cells = (['facts', 'numbers', 'quotes'] as const).flatMap((table) => rowsOf(renderCsv(handmade, { table })).flat());
    expect(cells.filter((cell) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell))).toEqual([]);
    const facts = rowsOf(renderCsv(handmade));
    expect(facts[2]![1]).toBe("'-5 degrees were measured overnight.");
    expect(facts[3]![1]).toBe("'@council said repairs start in May.");
    // Counts are numbers, not text: never prefixed.
    expect(facts.slice(1).map((r) => r[2])).toEqual(['2', '1', '1']);
  });

  it('numbers: about, verdict, note, then each source\'s figure and sentence', () => {
    const rows = rowsOf(renderCsv(handmade, { table: 'numbers' }));
    expect(rows[0]).toEqual([
      'about', 'verdict', 'note',
      'Harbour Gazette', 'Harbour Gazette: sentence',
      `'=HYPERLINK("http://evil.example","Coast Daily")`, `'=HYPERLINK("http://evil.example","Coast Daily"): sentence`,
      'Valley, "Times"', 'Valley, "Times": sentence',
    ]);
    expect(rows[1]).toEqual(['residents', 'conflict', 'about 300 and more than 450 do not overlap', 'about 300', 'About 300 residents left.', '', '', 'more than 450', 'More than 450 residents left.']);
    expect(rows[2]!.slice(0, 5)).toEqual(['boats', 'one outlet only', '', '40', 'Forty boats sank.']);
  });

  it('quotes: speaker, quote, flags, then each source\'s wording and whom it gives the words to', () => {
    const rows = rowsOf(renderCsv(handmade, { table: 'quotes' }));
    expect(rows[0]!.slice(0, 6)).toEqual(['speaker', 'quote', 'flags', 'sources', 'Harbour Gazette', 'Harbour Gazette: speaker']);
    expect(rows[1]).toEqual(['Ines Falk', 'We were not ready', 'speaker-mismatch', '2', '“We were not ready”', 'Ines Falk', '', '', '"We were simply not ready"', 'Oskar Lind']);
  });

  it('one writer for every CSV: spaces at either end kept by quoting, formulas defused, empty cells empty', () => {
    expect(writeCsv([[' padded', '=SUM(A1:A9)', 3, -2, null, 'a "b", c']])).toBe(`" padded",'=SUM(A1:A9),3,-2,,"a ""b"", c"\r\n`);
  });

  it('refuses a table it does not know, naming the ones it does', () => {
    expect(() => renderCsv(handmade, { table: 'people' as never })).toThrow('renderCsv: table must be one of facts, numbers, quotes, not "people"');
  });

  it('has one column per source on a real comparison, each fact\'s sentence in its sources\' columns only', () => {
    const opening = 'The harbour board voted on Tuesday to close the north quay for repairs. Ferries will use the south pier until spring.';
    const c = compareTexts([
      { id: 'a', input: 'a.txt', outlet: 'Harbour Gazette', title: null, published: null, text: `${opening} The mayor said the repairs would cost 2 million euros.` },
      { id: 'b', input: 'b.txt', outlet: 'Coast Daily', title: null, published: null, text: `${opening} Fishermen on the quay said they had not been asked.` },
      { id: 'c', input: 'c.txt', outlet: 'Valley Times', title: null, published: null, text: 'The harbour board voted on Tuesday to close the north quay for repairs. A storm is expected on Friday.' },
    ]);
    const rows = rowsOf(renderCsv(c));
    expect(rows[0]!.slice(4)).toEqual(['Harbour Gazette', 'Coast Daily', 'Valley Times']);
    expect(rows).toHaveLength(c.facts.length + 1);
    for (const f of c.facts) {
      const row = rows.find((r) => r[0] === f.id)!;
      expect(row[2]).toBe(String(f.sources.length));
      c.sources.forEach((s, i) => expect(row[4 + i] !== '', `${f.id} in ${s.id}`).toBe(f.sources.includes(s.id)));
    }
  });
});
