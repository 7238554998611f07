import { describe, expect, it } from 'vitest';
import { createPairScorer, fitLinear, fitLogistic, longestCommonRun, pairUnit } from './pairs.ts';

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

  it('tells a paraphrase from a sentence that says more, and grades closeness of meaning 0 to 5', () => {
    const fuller = pairUnit('The Skerry ferry company will add three evening crossings to its winter timetable from 4 November, and fares will rise by a fifth.', 5);
    const fullerScorer = createPairScorer([...story, fuller]);
    const paraphrase = fullerScorer.equivalence(story[0]!, story[1]!);
    expect(paraphrase).toBeGreaterThan(0.5);
    expect(fullerScorer.equivalence(story[0]!, story[2]!)).toBeLessThan(0.2);
    // The same words and a fare rise besides: it shares the fact, but does not say only that.
    expect(fullerScorer.equivalence(story[1]!, fuller)).toBeLessThan(paraphrase);
    expect(fullerScorer.probability(story[1]!, fuller)).toBeGreaterThan(0.3);
    const close = fullerScorer.similarity(story[0]!, story[1]!);
    const apart = fullerScorer.similarity(story[0]!, story[4]!);
    expect(close).toBeGreaterThan(3);
    expect(apart).toBeLessThan(2);
    for (const x of [close, apart]) expect(x >= 0 && x <= 5).toBe(true);
    const why = fullerScorer.explain(story[0]!, story[1]!);
    expect(why.closeness).toBeCloseTo(close, 1);
    expect(why.sameMeaning).toBeCloseTo(paraphrase, 2);
  });

  it('fits a line through points on one', () => {
    const X = [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1]];
    const y = X.map(([a, b]) => 2 * a! - b! + 0.5);
    const { weights, bias } = fitLinear(X, y, 0);
    expect(weights[0]).toBeCloseTo(2, 6);
    expect(weights[1]).toBeCloseTo(-1, 6);
    expect(bias).toBeCloseTo(0.5, 6);
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
