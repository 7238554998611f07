import { describe, expect, it } from 'vitest';
import { CRANE, day, harbourPile as pile, rewrite } from './fixtures.ts';
import { groupArticles, readTerms, type GroupArticle } from './index.ts';

function storiesOf(articles: GroupArticle[]): Map<string, string[]> {
  const groups = groupArticles(articles);
  const stories = new Map<string, string[]>();
  articles.forEach((a, i) => stories.set(String(groups[i]), [...(stories.get(String(groups[i])) ?? []), a.id]));
  return stories;
}

const storyWith = (stories: Map<string, string[]>, id: string) => [...stories.values()].find((ids) => ids.includes(id))!.sort();

describe('same-event grouping', () => {
  it('keeps rewrites of a report in one story', () => {
    expect(storyWith(storiesOf(pile()), 'crane-1')).toEqual(['crane-1', 'crane-2', 'crane-3']);
  });

  it('keeps a later story apart from the one whose sentences it repeats as background', () => {
    const stories = storiesOf(pile());
    expect(storyWith(stories, 'council-1')).toEqual(['council-1', 'council-2']);
  });

  it('still joins a report that shares a few sentences with a story when the rest of it is about the same event', () => {
    // An outlet that quotes two of the wire's sentences and tells the rest in its own words.
    const own = [
      'Four dock workers were hurt when a crane toppled across the main quay at Port Wellam on Tuesday, and two lorries were flattened beneath its boom.',
      CRANE[1]!,
      CRANE[4]!,
      'Rescuers from Wellam and Ostrand needed six hours to cut a trapped lorry driver from his cab at berth seven.',
      'Berths six to eight are shut until engineers say the quay is safe, and the dockers union wants the other Halvorsen cranes stopped.',
      'The maritime safety board will lead the inquiry; police see no sign of sabotage.',
    ].join(' ');
    const stories = storiesOf([...pile(), { id: 'crane-own', title: 'Harbour crane topples in Port Wellam', text: own, published: day(1) }]);
    expect(storyWith(stories, 'crane-own')).toContain('crane-1');
  });
});

describe('a pile swept through time', () => {
  it('places an undated rewrite into the story it belongs to, though that story lies weeks before the last dated article', () => {
    // Weeks later, a report on the same quay: it meets the crane story in the index, which a sweep then drops as out of time.
    const later = { id: 'quay-reopens', title: 'Port Wellam quay reopens', text: 'Berth seven on the main quay of Port Wellam reopened on Monday, six weeks after the crane collapse, with a new crane from Halvorsen Lifting. The dockers union said the inspections had been thorough.', published: day(42) };
    const undated = { id: 'crane-undated', title: 'Crane collapse at Port Wellam', text: rewrite(CRANE, 5), published: null };
    const stories = storiesOf([...pile(), later, undated]);
    expect(storyWith(stories, 'crane-undated')).toEqual(['crane-1', 'crane-2', 'crane-3', 'crane-undated']);
  });
});

describe('readTerms', () => {
  it('gives sentences that differ only in their figures the same fingerprint, and short sentences none', () => {
    const a = readTerms({ title: null, text: 'The council spent 3.2 million on the new covered market hall. He agreed.' });
    const b = readTerms({ title: null, text: 'The council spent 4.5 million on the new covered market hall.' });
    expect(a.fingerprints[0]).not.toBe(0);
    expect(a.fingerprints[0]).toBe(b.fingerprints[0]);
    expect(a.fingerprints[1]).toBe(0);
  });
});
