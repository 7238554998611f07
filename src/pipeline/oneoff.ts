import { groupArticles } from '../cluster/group/index.ts';
import type { ArticleDraft, Removal } from '../core/types.ts';
import { storyIdFor } from './stories.ts';

/** An article as `parallax extract --json` prints it (and the library's `extract` returns it). */
export interface ExtractedArticle {
  input: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  text: string;
  removed: Removal[];
}

export function extractedArticle(d: ArticleDraft): ExtractedArticle {
  return {
    input: d.input,
    title: d.title,
    byline: d.byline,
    published: d.published,
    outlet: d.outlet,
    url: d.canonicalUrl ?? d.url,
    language: d.language,
    text: d.text,
    removed: d.removed,
  };
}

/** One article of a one-off grouping and the story it falls in, as `parallax cluster --json` prints it. */
export interface ClusteredArticle {
  id: string;
  input: string;
  story: string;
  outlet: string | null;
  title: string | null;
}

/**
 * Groups articles read from inputs into stories without storing anything. A story is named after
 * its first article (its id or position, and its input), so the same pile gets the same names.
 */
export function clusterDrafts(drafts: ArticleDraft[]): ClusteredArticle[] {
  const ids = drafts.map((d, i) => d.externalId ?? `${i + 1}`);
  const groups = groupArticles(drafts.map((d, i) => ({ id: ids[i]!, title: d.title, text: d.text, published: d.published })));
  const first = new Map<number, number>();
  groups.forEach((g, i) => first.has(g) || first.set(g, i));
  const storyOf = (g: number) => storyIdFor(`${ids[first.get(g)!]}|${drafts[first.get(g)!]!.input}`);
  return drafts.map((d, i) => ({ id: ids[i]!, input: d.input, story: storyOf(groups[i]!), outlet: d.outlet, title: d.title }));
}
