/**
 * A synthetic pile of news whose gold does not depend on any grouper, grown from the real
 * articles of ../shared/data/scale (never copied into the repository).
 *
 * - **Stories.** Each real article is the new content of one story: its lead, facts, figures and
 *   quotes. No article seeds two stories.
 * - **Siblings.** A share of the stories are follow-ups of an earlier story published one to four
 *   days before: a block of the earlier story's sentences (never its lead) comes back as
 *   background, a third of the follow-up's sentences, with some of its figures changed, after the
 *   follow-up's first paragraph or at its end. Siblings are different stories that share text.
 * - **Families.** Every story is published as several articles: the base text and rewrites of it
 *   (sentences dropped, two swapped, reporting verbs changed, the title sometimes left out),
 *   published up to a day and a half later, as wire copy and syndication are.
 * - **Time.** Stories come out at a steady rate (STORIES_PER_DAY) in a random order of their
 *   sources, not at the real articles' dates: two real reports of the same event (the scale set
 *   has many) then fall within each other's time window only by chance, so the gold's "different
 *   stories" are different events, while the number of stories competing for each article
 *   stays that of a busy news day at every pile size.
 *
 * The pile is generated as it is read, in a shuffled order: only the sources and a plan of small
 * numbers per article are held, never all the texts.
 */
import { groupArticles, type GroupArticle } from '../../src/cluster/group/index.ts';
import type { ScaleArticle } from '../common.ts';

export interface PileOptions {
  /** Articles in the pile. */
  size: number;
  /** Mean articles per story when there are enough sources (fewer stories are never made up). */
  meanFamily?: number;
  /** Share of stories that are follow-ups of an earlier one, sharing its background. */
  siblingShare?: number;
  seed?: number;
}

const STORIES_PER_DAY = 40;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');

/** Deterministic pseudo-random numbers (xorshift32), so every run builds the same pile. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split(/(?<=[.!?][”"’']?)\s+(?=[“"‘'(]?[A-Z0-9])/));

interface StoryPlan {
  source: number;
  /** The story it follows up, or -1. */
  parent: number;
  time: number;
  /** Background: where in the parent's sentences it starts and how many; where it goes. */
  backgroundFrom: number;
  backgroundCount: number;
  backgroundAtEnd: boolean;
  seed: number;
}

export interface Pile {
  /** Stories in the pile, and how many of them are follow-ups sharing background. */
  stories: number;
  siblings: number;
  articles(): Generator<GroupArticle & { story: string; follows: string | null }>;
}

/** Changes about half of the figures of a sentence: a follow-up's background is updated, not copied. */
function changeFigures(sentence: string, rand: () => number): string {
  return sentence.replace(/\b\d+(?:[.,]\d+)?\b/g, (n) => {
    if (rand() < 0.5) return n;
    const value = Number(n.replace(/,/g, ''));
    if (!Number.isFinite(value)) return n;
    const changed = Math.max(1, Math.round(value * (1.1 + rand())));
    return changed === value ? String(value + 1) : String(changed);
  });
}

const VERBS: [RegExp, string[]][] = [
  [/\bsaid\b/g, ['said', 'stated', 'told reporters', 'added']],
  [/\bsays\b/g, ['says', 'states', 'notes']],
  [/\baccording to\b/g, ['according to', 'as reported by']],
];

/** A rewrite of a story's text as another outlet or a later edition would carry it. */
function rewrite(paragraphs: string[][], rand: () => number): string[][] {
  const out = paragraphs
    .map((sentences, p) => sentences.filter((_, i) => (p === 0 && i === 0 ? rand() > 0.1 : rand() > 0.2)))
    .filter((sentences) => sentences.length);
  const flat = out.flat();
  if (flat.length > 3 && rand() < 0.5) {
    const p = out.findIndex((s) => s.length > 1);
    if (p >= 0) [out[p]![0], out[p]![1]] = [out[p]![1]!, out[p]![0]!];
  }
  return out.map((sentences) =>
    sentences.map((s) => {
      let t = s;
      for (const [pattern, options] of VERBS) t = t.replace(pattern, () => options[Math.floor(rand() * options.length)]!);
      return t;
    }),
  );
}

export function buildPile(sources: ScaleArticle[], options: PileOptions): Pile {
  const { size, meanFamily = 7, siblingShare = 0.4, seed = 7 } = options;
  const rand = rng(seed);
  const usable = sources
    .map((a, i) => ({ i, sentences: paragraphsOf(a.text).flat().length }))
    .filter((s) => s.sentences >= 6)
    .map((s) => ({ ...s, r: rand() }))
    .sort((a, b) => a.r - b.r);
  const storyCount = Math.max(1, Math.min(usable.length, Math.round(size / meanFamily), size));
  // Split again when needed rather than kept: the sentences of 10,000 articles are a lot of small strings.
  const parsed = (k: number) => paragraphsOf(sources[usable[k]!.i]!.text);

  // The stories in order of publication, each a sibling of a story of the days before or not.
  const plans: StoryPlan[] = [];
  let siblings = 0;
  for (let k = 0; k < storyCount; k++) {
    const time = START + (k / STORIES_PER_DAY) * DAY + rand() * DAY * 0.5;
    let parent = -1;
    const earliest = Math.max(0, k - 4 * STORIES_PER_DAY);
    if (k - earliest >= STORIES_PER_DAY && rand() < siblingShare) parent = earliest + Math.floor(rand() * (k - STORIES_PER_DAY - earliest + 1));
    const own = usable[k]!.sentences;
    let backgroundFrom = 0;
    let backgroundCount = 0;
    if (parent >= 0) {
      const parentSentences = usable[parent]!.sentences + plans[parent]!.backgroundCount;
      // A third of the follow-up's sentences: half as many as its own, never the parent's lead.
      backgroundCount = Math.max(2, Math.min(parentSentences - 1, Math.round(own / 2)));
      backgroundFrom = 1 + Math.floor(rand() * Math.max(1, parentSentences - backgroundCount));
      siblings++;
    }
    plans.push({ source: k, parent, time: parent >= 0 ? plans[parent]!.time + DAY * (1 + rand() * 3) : time, backgroundFrom, backgroundCount, backgroundAtEnd: rand() < 0.5, seed: Math.floor(rand() * 2 ** 31) });
  }

  // Family sizes: one article each, then the rest spread with uneven weights (a few big stories).
  const family = new Array<number>(storyCount).fill(1);
  const weights = plans.map(() => (-Math.log(1 - rand())) ** 1.5);
  const total = weights.reduce((a, b) => a + b, 0);
  let left = size - storyCount;
  const extra = weights.map((w) => Math.floor((w / total) * (size - storyCount)));
  extra.forEach((e, k) => {
    family[k]! += e;
    left -= e;
  });
  for (let k = 0; left > 0; k = (k + 1) % storyCount, left--) family[k]!++;

  // The plan of every article: its story and its place in the family, shuffled.
  const order = new Uint32Array(size);
  const member = new Uint32Array(size);
  let at = 0;
  family.forEach((count, k) => {
    for (let m = 0; m < count; m++, at++) [order[at], member[at]] = [k, m];
  });
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
    [member[i], member[j]] = [member[j]!, member[i]!];
  }

  const baseText = (k: number): string[][] => {
    const plan = plans[k]!;
    const own = parsed(k);
    if (plan.parent < 0) return own;
    const r = rng(plan.seed);
    const background = [baseText(plan.parent).flat().slice(plan.backgroundFrom, plan.backgroundFrom + plan.backgroundCount).map((s) => changeFigures(s, r))];
    return plan.backgroundAtEnd ? [...own, ...background] : [own[0]!, ...background, ...own.slice(1)];
  };

  return {
    stories: storyCount,
    siblings,
    *articles() {
      for (let i = 0; i < size; i++) {
        const k = order[i]!;
        const m = member[i]!;
        const plan = plans[k]!;
        const source = sources[usable[k]!.i]!;
        const r = rng(plan.seed + m * 7919);
        const text = m === 0 ? baseText(k) : rewrite(baseText(k), r);
        yield {
          id: `${source.id}~${m}`,
          story: source.id,
          follows: plan.parent >= 0 ? sources[usable[plan.parent]!.i]!.id : null,
          title: m === 0 || r() < 0.7 ? source.title : null,
          text: text.map((p) => p.join(' ')).join('\n\n'),
          published: new Date(plan.time + (m === 0 ? 0 : r() * DAY * 1.5)).toISOString(),
        };
      }
    },
  };
}

/**
 * Groups a pile in one go as `groupArticles` does, reading it as it is generated; returns each
 * article's id, its story in the gold, and the story number the grouping gave it.
 */
export function groupPile(pile: Pile): { ids: string[]; gold: Map<string, string>; groups: number[] } {
  const gold = new Map<string, string>();
  const ids: string[] = [];
  const groups = groupArticles(
    (function* (): Generator<GroupArticle> {
      for (const { story, follows: _, ...a } of pile.articles()) {
        ids.push(a.id);
        gold.set(a.id, story);
        yield a;
      }
    })(),
  );
  return { ids, gold, groups };
}
