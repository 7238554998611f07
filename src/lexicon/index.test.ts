import { describe, expect, it } from 'vitest';
import { readDocument, type Doc } from '../analyze/document/index.ts';
import { findEntities } from '../analyze/entities/index.ts';
import { findSignals } from '../analyze/signals/index.ts';
import { LIST_GROUPS, LISTS, splitPhrases, type WordList } from './index.ts';
import { PERSON_TITLES } from './names.ts';
import { PLACES } from './places.ts';
import { SIGNAL_LISTS } from './signals.ts';
import { FUNCTION_WORDS, STORY_STOP, STORY_WORDS } from './stop.ts';
import { VOICE_ROLES } from './voices.ts';

const duplicates = (entries: readonly string[]) => entries.filter((e, i) => entries.indexOf(e) !== i);

/** Entries two lists share, as "a & b: entry". */
function sharedEntries(lists: WordList[]): Map<string, string[]> {
  const shared = new Map<string, string[]>();
  lists.forEach((a, i) =>
    lists.slice(i + 1).forEach((b) => {
      for (const entry of a) if (b.has(entry)) shared.set(entry, [...(shared.get(entry) ?? []), `${a.name} & ${b.name}`]);
    }),
  );
  return shared;
}

describe.each(LISTS.map((list) => ({ name: list.name, list })))('word list $name', ({ list }) => {
  it('lists each entry once', () => {
    expect(duplicates(list.written)).toEqual([]);
  });

  it('is written as the stages match it: lower case, one space between words, straight apostrophes', () => {
    expect(list.written.filter((e) => e !== e.toLowerCase() || /^\s|\s$|\s\s|[’‘,]/.test(e))).toEqual([]);
    if (list.form === 'words') expect(list.written.filter((e) => /\s/.test(e))).toEqual([]);
  });

  it.runIf(list.form === 'phrases')('keeps every entry whole: a line end falls between entries, never inside one', () => {
    expect(splitPhrases(list.text.replace(/\n/g, ' '))).toEqual(list.written);
  });
});

describe.each(LIST_GROUPS)('lists read by $reader', (group) => {
  it('share entries only where the group says what decides them', () => {
    const shared = sharedEntries(group.lists);
    if (group.overlap === 'first') return; // the lists' order decides: see the stage checks below
    expect([...shared.keys()].sort()).toEqual(Object.keys(group.shared ?? {}).sort());
  });
});

describe('places', () => {
  it('are whole: a word of a multi-word place is a place only when listed on its own', () => {
    // The list once split every entry at its spaces, so "bank" (of "west bank"), "new", "city" and
    // "united" were places, and "the Bank" came out as one.
    const words = new Set([...PLACES].filter((p) => p.includes(' ')).flatMap((p) => p.split(' ')));
    expect([...words].filter((w) => PLACES.has(w)).sort()).toEqual(['africa', 'america', 'britain', 'delhi', 'mexico', 'sudan', 'virginia', 'washington']);
  });

  it('are written without "the", which never starts a name the entity finder reads', () => {
    expect([...PLACES].filter((p) => p.startsWith('the '))).toEqual([]);
  });

  it('type whole names only: "the Bank" is an organisation; "the West Bank" and "New York" (though "New" is no name) are places', () => {
    const doc = readDocument('Officials at the Bank said on Monday that rates would rise in the West Bank. The mayor of New York disagreed.');
    const types = Object.fromEntries(findEntities(doc).map((e) => [e.name, e.type]));
    expect(types).toMatchObject({ Bank: 'organization', 'West Bank': 'place', 'New York': 'place' });
  });
});

describe('person titles', () => {
  it('are written without a final full stop, which the stages drop before they look a word up', () => {
    expect([...PERSON_TITLES].filter((t) => t.endsWith('.'))).toEqual([]);
  });
});

describe('signal lists', () => {
  const onlyText = (text: string) => ({ text, tokens: [], sentences: [] }) as unknown as Doc;

  it('name a phrase in two lists by the earlier list, as the signal finder reads them', () => {
    const categoryOf = (phrase: string) => SIGNAL_LISTS.find(([, list]) => list.has(phrase))![0];
    const shared = [...sharedEntries(SIGNAL_LISTS.map(([, list]) => list)).keys()];
    expect(shared).toContain('so-called');
    for (const phrase of shared) expect(findSignals(onlyText(phrase))[0], phrase).toMatchObject({ text: phrase, category: categoryOf(phrase) });
  });

  it('match every multi-word entry as one phrase', () => {
    const multiWord = SIGNAL_LISTS.flatMap(([, list]) => [...list].filter((p) => p.includes(' ')));
    for (const phrase of multiWord) expect(findSignals(onlyText(phrase)), phrase).toMatchObject([{ text: phrase, start: 0 }]);
  });
});

describe('voice roles', () => {
  it('match every entry of their list, trying the roles in the lists\' order', () => {
    const group = LIST_GROUPS.find((g) => g.reader === 'compare (voices)')!;
    group.lists.forEach((list, i) => {
      for (const entry of list) {
        const first = group.lists.findIndex((l) => l.has(entry));
        expect(VOICE_ROLES.findIndex(([, re]) => re.test(`the ${entry} said`)), entry).toBe(first);
      }
      expect(VOICE_ROLES[i]![0]).toBe(list.name.split(' ')[0]);
    });
  });
});

describe('stop lists', () => {
  it('story grouping drops the function words the comparison drops, and STORY_WORDS on top', () => {
    expect([...STORY_STOP].sort()).toEqual([...new Set([...FUNCTION_WORDS, ...STORY_WORDS])].sort());
    expect(duplicates(STORY_STOP.written)).toEqual([]);
  });
});
