import { describe, expect, it } from 'vitest';
import { readDocument } from '../document/index.ts';
import { findEntities } from './index.ts';

const typesOf = (text: string) => Object.fromEntries(findEntities(readDocument(text)).map((e) => [e.name, e.type]));

describe('findEntities: people', () => {
  it('reads a name with a capital inside a word as a person (a prefix, an apostrophe), not a hyphenated modifier', () => {
    const types = typesOf('Talia McCready met Ronan O’Dwyer and Ines DuPlessis at the dock. Anti-Tarrow Campaigners gathered outside.');
    expect(types).toMatchObject({ 'Talia McCready': 'person', 'Ronan O’Dwyer': 'person', 'Ines DuPlessis': 'person' });
    expect(types['Anti-Tarrow Campaigners']).not.toBe('person');
  });

  it('keeps a person named after another person and "and", or after "of" and a word that is no title', () => {
    const types = typesOf('The ferry plan of Wendell Haskins was argued over by Mirela Dunst and Oskar Brenn on Monday.');
    expect(types).toMatchObject({ 'Wendell Haskins': 'person', 'Mirela Dunst': 'person', 'Oskar Brenn': 'person' });
  });

  it('reads the person after a title and its complement (`Secretary of State …`)', () => {
    const types = typesOf('Secretary of Harbours Ines F. Marlow spoke first. Minister of Fisheries Tomas Quist followed.');
    expect(types).toMatchObject({ 'Ines F. Marlow': 'person', 'Tomas Quist': 'person' });
  });

  it('still drops the tail of a role or an organisation after "of" or "and"', () => {
    const names = findEntities(
      readDocument('The Minister of Fisheries and Coastal Affairs spoke. The secretary of State left. The Department of Harbours and Inland Waters agreed. The Renewal and Harbour Project wrote to Brenn and Dunst.'),
    ).map((e) => e.name);
    expect(names).not.toContain('Coastal Affairs');
    expect(names).not.toContain('State');
    expect(names).not.toContain('Inland Waters');
    expect(names).not.toContain('Harbour Project');
  });

  it('types a one-word name as a person when its clause refers back to it as a man or a woman, or a relative clause for people follows it', () => {
    const types = typesOf('Haskins launched his bid on Friday. Later, Marlow opened her campaign office. Brenn, who runs the ferry, stayed home. Eastco raised its fares.');
    expect(types).toMatchObject({ Haskins: 'person', Marlow: 'person', Brenn: 'person' });
    expect(types.Eastco).not.toBe('person');
  });

  it('types a one-word name that is the subject of a said-verb as a person, but not a noun after a determiner', () => {
    const types = typesOf('The ferry will stop in May, Quellmalz said on Friday. One senior Islander said the decision was rushed, and the Northerner told reporters it was fair.');
    expect(types.Quellmalz).toBe('person');
    expect(types.Islander).not.toBe('person');
    expect(types.Northerner).not.toBe('person');
  });
});
