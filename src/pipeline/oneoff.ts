import { groupArticlesAsync, type GroupArticle } from '../cluster/index.ts';
import { ParallaxError } from '../core/errors.ts';
import type { ArticleDraft, Removal } from '../core/types.ts';
import type { IngestItem } from '../ingest/index.ts';
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
 * Groups the articles read from some inputs into stories without storing anything. Each text goes
 * to the grouper as it arrives and is dropped there (reduced to term counts); only what the output
 * names is kept, so a pile of any size costs what grouping keeps. Inputs that cannot be read go to
 * `onSkip` as they come. A story is named after its first article (its id or position, and its
 * input), so the same pile gets the same names.
 */
export async function clusterStream(items: AsyncIterable<IngestItem>, onSkip: (item: { input: string; error: ParallaxError }) => void = () => {}): Promise<ClusteredArticle[]> {
  const kept: Omit<ClusteredArticle, 'story'>[] = [];
  async function* articles(): AsyncIterable<GroupArticle> {
    for await (const item of items) {
      if ('error' in item) {
        onSkip(item);
        continue;
      }
      const d = item.draft;
      const id = d.externalId ?? `${kept.length + 1}`;
      kept.push({ id, input: d.input, outlet: d.outlet, title: d.title });
      yield { id, title: d.title, text: d.text, published: d.published };
    }
  }
  const groups = await groupArticlesAsync(articles());
  if (!kept.length) throw new ParallaxError('bad-input', 'cluster: no articles could be read from the inputs');
  const first = new Map<number, number>();
  groups.forEach((g, i) => first.has(g) || first.set(g, i));
  const storyOf = (g: number) => storyIdFor(`${kept[first.get(g)!]!.id}|${kept[first.get(g)!]!.input}`);
  return kept.map((a, i) => ({ id: a.id, input: a.input, story: storyOf(groups[i]!), outlet: a.outlet, title: a.title }));
}
