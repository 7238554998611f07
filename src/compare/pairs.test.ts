import { describe, expect, it } from 'vitest';
import { createPairScorer, fitLogistic, longestCommonRun, pairUnit } from './pairs.ts';

describe('the sentence-pair model', () => {
  const story = [
    'The Skerry ferry company will add three evening crossings to its winter timetable from 4 November.',
    'From 4 November, three more crossings each evening will be added to the Skerry ferry winter timetable.',
    'Fishermen on the island say the harbour needs dredging before the spring.',
    'The council said on Monday that it had no money for dredging this year.',
    'Island shops welcomed the later sailings.',
  ].map((text, i) => pairUnit(text, i));
  const scorer = createPairScorer(story);

  it('rates the same fact in other words far above two facts of the same story', () => {
    const same = scorer.probability(story[0]!, story[1]!);
    const different = scorer.probability(story[0]!, story[2]!);
    expect(same).toBeGreaterThan(0.5);
    expect(different).toBeLessThan(0.2);
    expect(scorer.probability(story[2]!, story[3]!)).toBeLessThan(same);
  });

  it('is symmetric', () => {
    expect(scorer.probability(story[1]!, story[0]!)).toBeCloseTo(scorer.probability(story[0]!, story[1]!), 10);
  });

  it('finds the longest run of words two sentences share verbatim', () => {
    expect(longestCommonRun('we were not ready for this'.split(' '), 'she said we were not ready at all'.split(' '))).toBe(4);
    expect(longestCommonRun([], ['a'])).toBe(0);
  });

  it('fits a logistic model that separates what can be separated', () => {
    const X = [[0], [0.1], [0.2], [0.8], [0.9], [1]];
    const y = [0, 0, 0, 1, 1, 1];
    const { weights, bias } = fitLogistic(X, y);
    const p = (x: number) => 1 / (1 + Math.exp(-(bias + weights[0]! * x)));
    expect(p(0.05)).toBeLessThan(0.1);
    expect(p(0.95)).toBeGreaterThan(0.9);
  });
});
