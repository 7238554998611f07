import { describe, expect, it } from 'vitest';
import { FEATURES, createPairScorer, editDistance, fitLinear, fitLogistic, longestCommonRun, meteor, pairUnit } from './pairs.ts';

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

  describe("the pairs heads' own measures", () => {
    /** The named measure of `first` against each of `others`, word weights taken over all of them (a story of these sentences). */
    const measure = (name: (typeof FEATURES)[number], first: string, ...others: string[]) => {
      const units = [first, ...others].map((text, i) => pairUnit(text, i));
      const scorer = createPairScorer(units);
      return units.slice(1).map((u) => scorer.features(units[0]!, u)[FEATURES.indexOf(name)]!);
    };

    it('sees the same word in another form through shared letters ("deportation" and "deported")', () => {
      const [deported, arrested] = measure('charTrigramCosine', 'Police said the deportation of the families began on Friday.', 'Police said the families were deported on Friday.', 'Police said the families were arrested on Friday.');
      expect(deported).toBeGreaterThan(arrested! * 3);
      const [same, other] = measure('charTrigramsMin', 'Police said the deportation of the families began on Friday.', 'Police said the families were deported on Friday.', 'Police said the families were arrested on Friday.');
      expect(same).toBeGreaterThan(other!);
    });

    it('aligns words one to one by meaning: "visited" and "toured" come closer than "visited" and "painted"', () => {
      const [toured, painted] = measure('alignment', 'The minister visited the new prison on Tuesday.', 'The minister toured the new prison on Tuesday.', 'The minister painted the new prison on Tuesday.');
      expect(toured).toBeGreaterThan(painted!);
      expect(measure('alignment', 'The minister visited the new prison on Tuesday.', 'On Tuesday the new prison was visited by the minister.')[0]).toBe(1);
    });

    it('counts the words to change to turn one sentence into the other', () => {
      expect(editDistance('the council approved the plan'.split(' '), 'the council rejected the plan'.split(' '))).toBe(1);
      expect(editDistance([], ['a', 'b'])).toBe(2);
      const [oneWord, reordered] = measure('editDistance', 'The council approved the plan on Monday.', 'The council rejected the plan on Monday.', 'On Monday the plan was approved by the council.');
      expect(oneWord).toBeLessThan(reordered!);
    });

    it('scores words matched in one piece above the same words scattered (METEOR)', () => {
      const words = ['the', 'council', 'approve', 'the', 'plan'];
      expect(meteor(words, words)).toBeGreaterThan(0.99);
      expect(meteor(words, ['plan', 'the', 'approve', 'council', 'the'])).toBeLessThan(0.7);
      expect(meteor(words, ['a', 'b'])).toBe(0);
    });

    it('notices a name one sentence gives and the other lacks, the first word too', () => {
      const [same, other] = measure('capitalsAbsent', 'Rivera visited the new prison on Tuesday.', 'On Tuesday Rivera visited the new prison.', 'Moreno visited the new prison on Tuesday.');
      expect(same).toBe(0);
      expect(other).toBeGreaterThan(0);
    });

    it('weighs what only one of the two says, and whether one gives every figure of the other', () => {
      const [paraphrase, more] = measure('unsharedWeight', 'The minister visited the new prison on Tuesday.', 'On Tuesday the new prison was visited by the minister.', 'The minister visited the new prison on Tuesday and promised more guards for its wings.');
      expect(paraphrase).toBe(0);
      expect(more).toBeGreaterThan(0.2);
      const figures = measure('figuresContained', 'The chain was sold to Safeway for $1,800 million in 1998.', 'Safeway bought the chain in 1998.', 'Safeway bought the chain in 1995.', 'Safeway bought the chain.');
      expect(figures).toEqual([1, 0, 0]);
    });

    it('counts none of them in the link model, which reads as it did', () => {
      const units = ['The ferry company will add three crossings.', 'Three crossings will be added by the ferry company.'].map((t, i) => pairUnit(t, i));
      const scorer = createPairScorer(units);
      const why = scorer.explain(units[0]!, units[1]!);
      for (const m of why.measures) if (['charTrigramsMin', 'charTrigramCosine', 'editDistance', 'meteor', 'capitalsAbsent', 'alignment', 'unsharedWeight', 'figuresContained'].includes(m.name)) expect(m.adds).toBe(0);
    });
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
