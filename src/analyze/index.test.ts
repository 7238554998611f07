import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFolder } from '../../test/shared.ts';
import { cleanText } from '../extract/text/index.ts';
import { createAnalyzer } from './index.ts';

const analyze = createAnalyzer();

describe('analyzer on articles we wrote', () => {
  const text = [
    'Harbour Master Lena Okafor said on Tuesday that the port would reopen within days.',
    '“We will not let one storm close Eastport,” Okafor said. “The cranes are being inspected now.”',
    'Between 300 and 450 residents were evacuated, and up to 40 boats were damaged, according to the Eastport Port Authority (EPA).',
    'The EPA said repairs would cost about $2 million. Okafor has run the port since 2019.',
    'Sending Crews to the Coast',
    'It is crucial that the council must act now: this disastrous neglect is a shameful scandal.',
  ].join('\n\n');
  const a = analyze({ text, input: 'fixture', published: '2025-04-02' });

  it('finds sentences with offsets, keeping a heading on its own', () => {
    for (const s of a.sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(a.sentences.map((s) => s.text)).toContain('Sending Crews to the Coast');
  });

  it('merges a person’s full name, surname and title into one entity, and an acronym with its expansion', () => {
    const okafor = a.entities.find((e) => e.name === 'Lena Okafor');
    expect(okafor?.type).toBe('person');
    expect(okafor?.aliases).toContain('Okafor');
    const authority = a.entities.find((e) => e.name === 'Eastport Port Authority');
    expect(authority?.aliases).toContain('EPA');
    expect(authority?.type).toBe('organization');
  });

  it('reads ranges, bounds, approximations and money, and skips years', () => {
    const q = (t: string) => a.quantities.find((x) => x.text === t);
    expect(q('Between 300 and 450')).toMatchObject({ min: 300, max: 450, about: 'residents' });
    expect(q('up to 40')).toMatchObject({ min: null, max: 40, about: 'boats' });
    expect(q('about $2 million')).toMatchObject({ value: 2_000_000, approx: true, unit: 'USD' });
    expect(a.quantities.some((x) => x.text.includes('2019'))).toBe(false);
  });

  it('gives the quote interrupted by its attribution to the harbour master, as one quotation', () => {
    const direct = a.quotes.filter((x) => x.direct);
    expect(direct.map((x) => x.speaker)).toEqual(['Lena Okafor']);
    expect(direct[0]!.text).toMatch(/^“We will not let one storm close Eastport,” Okafor said\. “The cranes are being inspected now\.”$/);
  });

  it('flags the writer’s prescription and loaded words as opinion, not the reporting', () => {
    const opinion = a.sentences.filter((s) => s.opinion).map((s) => s.text);
    expect(opinion).toEqual(['It is crucial that the council must act now: this disastrous neglect is a shameful scandal.']);
    expect(a.signals.filter((s) => s.category === 'loaded').map((s) => s.text)).toEqual(expect.arrayContaining(['disastrous', 'shameful']));
  });

  it('resolves "on Tuesday" to the Tuesday before publication', () => {
    expect(a.dates.find((d) => d.text === 'on Tuesday')?.date).toBe('2025-04-01');
  });

  it('keeps a sentence whole across an abbreviation that ends in a full stop', () => {
    const doc = analyze({ text: 'Ferry crews met the council on Monday. Rep. Ana Ruiz (D-Wash.), who chairs the harbour panel, said the vote would wait.', input: 'fixture' });
    expect(doc.sentences.map((s) => s.text)).toEqual(['Ferry crews met the council on Monday.', 'Rep. Ana Ruiz (D-Wash.), who chairs the harbour panel, said the vote would wait.']);
  });

  it('does not take how long something lasted for a date', () => {
    const undated = analyze({ text: 'The ferry sat on the reef for about 41 minutes before tugs reached it on March 3, 2025.', input: 'fixture' });
    expect(undated.dates.map((d) => d.text)).toEqual(['March 3, 2025']);
  });
});

const seed = sharedFolder('corpus', 'cecot');
const cecot = seed.path;
describe.skipIf(!seed.present)('analyzer on the seed reports', () => {
  // vitest runs a skipped suite's body to list its tests, so the body must not read an absent folder.
  const results = Object.fromEntries(
    (seed.present ? readdirSync(cecot) : []).map((f) => {
      const c = cleanText(readFileSync(path.join(cecot, f), 'utf8'));
      return [f.slice(0, 3), analyze({ text: c.text, input: f, published: c.published })];
    }),
  );

  it('finds every quote with the right speaker', () => {
    const speakers = (id: string) => results[id]!.quotes.filter((q) => q.direct && q.text.split(/\s+/).length > 4).map((q) => q.speaker);
    expect(speakers('000')).toEqual(['Gustavo Villatoro', 'Kristi Noem']);
    expect(speakers('001')).toEqual(['Kristi Noem', 'Nayib Bukele']);
    expect(speakers('003')).toEqual(['Kristi Noem']);
    expect(speakers('004')).toEqual([
      'Kristi Noem',
      null, // "the worst of the worst": the administration, not a named person
      'Kristi Noem', // “If an immigrant commits a crime…,” Noem said. “First of all…” — one quotation
      'Gustavo Villatoro',
      'Kristi Noem',
    ]);
  });

  it('scores 000 clearly highest on loaded words and opinion', () => {
    const others = ['001', '002', '003', '004'].map((id) => results[id]!.scores);
    const top = results['000']!.scores;
    expect(top.loadedPer1k).toBeGreaterThan(1.5 * Math.max(...others.map((s) => s.loadedPer1k)));
    expect(top.opinionShare).toBeGreaterThan(2 * Math.max(...others.map((s) => s.opinionShare)));
  });

  it('reads the disputed numbers', () => {
    const q = (id: string) => results[id]!.quantities;
    expect(q('001').find((x) => x.text === '65 to 70')).toMatchObject({ min: 65, max: 70, about: 'men per cell' });
    expect(q('001').find((x) => x.text === 'up to 40,000')).toMatchObject({ max: 40000 });
    expect(q('000').find((x) => x.text === 'up to 70')).toMatchObject({ max: 70, about: 'inmates' });
    expect(q('002').find((x) => x.text === 'hundreds')).toMatchObject({ min: 200, approx: true });
  });

  it('merges Villatoro’s three names across reports', async () => {
    const { mergeEntities } = await import('../text/names.ts');
    const merged = mergeEntities(Object.entries(results).map(([source, r]) => ({ source, entities: r.entities })));
    const villatoro = merged.find((e) => e.name === 'Héctor Gustavo Villatoro');
    expect(villatoro?.sources).toEqual(['000', '001', '004']);
    expect(merged.find((e) => e.name === 'Terrorism Confinement Center')?.aliases).toContain('CECOT');
  });
});
