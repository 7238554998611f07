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

  it('still drops the tail of a role or an organisation after "of" or "and"', () => {
    const names = findEntities(readDocument('The Minister of Fisheries and Coastal Affairs spoke. The secretary of State left. The Department of Harbours and Inland Waters agreed.')).map((e) => e.name);
    expect(names).not.toContain('Coastal Affairs');
    expect(names).not.toContain('State');
    expect(names).not.toContain('Inland Waters');
  });

  it('types a one-word name that is the subject of a said-verb as a person, but not a noun after a determiner', () => {
    const types = typesOf('The ferry will stop in May, Quellmalz said on Friday. One senior Islander said the decision was rushed, and the Northerner told reporters it was fair.');
    expect(types.Quellmalz).toBe('person');
    expect(types.Islander).not.toBe('person');
    expect(types.Northerner).not.toBe('person');
  });
});
