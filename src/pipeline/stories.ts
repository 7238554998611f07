import { createHash } from 'node:crypto';
import { ParallaxError } from '../core/errors.ts';
import type { Article, Story, StoryCorrection } from '../core/types.ts';
import { findReuse, GROUP_DEFAULTS, StoryIndex, readTerms, termCounts, type ArticleTerms, type GroupOptions } from '../cluster/index.ts';
import type { Store } from '../core/store.ts';

/** Publication time only: when an article was stored says nothing about when its event happened. */
const timeOf = (a: Pick<Article, 'published'>) => {
  const t = a.published ? Date.parse(a.published) : NaN;
  return Number.isFinite(t) ? t : null;
};

/** Stored articles read at a time when placing new ones (see assignStories). */
const MEMBER_PAGE = 500;

/** A story id derived from its first article, so the same pile always gets the same ids. */
export function storyIdFor(firstArticleId: string): string {
  return `s${createHash('sha256').update(firstArticleId).digest('hex').slice(0, 11)}`;
}

/**
 * The id for a new story seeded by `firstArticleId`: `storyIdFor` of it unless `taken` says that
 * id is in use (the article may have seeded the story it is leaving), then the same hash of the
 * article id with a counter, so the same store state always yields the same id.
 */
export async function newStoryId(firstArticleId: string, taken: (id: string) => boolean | Promise<boolean>): Promise<string> {
  let id = storyIdFor(firstArticleId);
  for (let n = 1; await taken(id); n++) id = storyIdFor(`${firstArticleId}#${n}`);
  return id;
}

/** Story ids a correction names: reusing one for a new story would make that correction apply to it. */
const correctedStories = (corrections: StoryCorrection[]) =>
  new Set(corrections.flatMap((c) => (c.kind === 'merge' ? [c.into, c.from] : c.kind === 'split' ? [c.story, c.newStory] : [c.story])));

/** The most representative headline: the title of the article closest to the story's other articles. */
function storyTitle(articles: Article[]): string {
  if (articles.length <= 2) return articles.find((a) => a.title)?.title ?? articles[0]?.title ?? articles[0]?.input ?? 'Untitled story';
  const counts = articles.map((a) => termCounts({ title: a.title, text: a.title ? `${a.title}` : a.text.slice(0, 300) }));
  let best = 0;
  let bestScore = -1;
  counts.forEach((c, i) => {
    let score = 0;
    counts.forEach((d, j) => {
      if (i === j) return;
      for (const t of c.keys()) if (d.has(t)) score++;
    });
    if (articles[i]!.title && score > bestScore) [best, bestScore] = [i, score];
  });
  return articles[best]!.title ?? articles[best]!.input;
}

export interface AssignResult {
  /** Story id of each article placed, in the order asked. */
  placed: { articleId: string; storyId: string; isNew: boolean }[];
}

/**
 * Places new articles into stories without re-clustering the rest: the index is rebuilt from the
 * stored stories (their articles' term vectors), then each new article, in publication order,
 * joins the story it resembles most or starts one. A person's corrections stay: an article split
 * out of a story is never put back into it, and merged stories stay merged.
 * Runs in one store transaction, so concurrent workers place related articles one after the other.
 * Only articles still marked "to place" (Store.pendingPlacement) are placed, and their marks are
 * cleared in the same transaction: placing the same ids twice (a retried job, two processes
 * finishing the same interrupted run) places them once.
 */
export async function assignStories(store: Store, articleIds: string[], options: GroupOptions = {}): Promise<AssignResult> {
  return store.transaction(async (tx) => {
    articleIds = await tx.pendingPlacement({ among: articleIds });
    if (!articleIds.length) return { placed: [] };
    const corrections = await tx.listCorrections();
    const want = new Set(articleIds);
    const fresh = (await tx.getArticles(articleIds)).sort((a, b) => (timeOf(a) ?? Infinity) - (timeOf(b) ?? Infinity));
    // Only stories within the time window of the new articles can take them, so only those are
    // read: placing a day's articles into a year of stories must not read the whole year.
    const windowMs = (options.windowDays ?? GROUP_DEFAULTS.windowDays) * 86_400_000;
    const times = fresh.map(timeOf);
    const dated = times.every((t) => t !== null) && times.length > 0;
    const stories = await tx.listStories({
      limit: 1_000_000,
      ...(dated
        ? {
            since: new Date(Math.min(...(times as number[])) - windowMs).toISOString(),
            until: new Date(Math.max(...(times as number[])) + windowMs).toISOString(),
          }
        : {}),
    });
    const index = new StoryIndex(options);
    const storyIds: string[] = [];
    // The stored articles are read a page at a time and reduced to what placing needs (term
    // counts, sentence fingerprints, publication time): a window of a large store holds more
    // text than should sit in memory at once. The index keeps the terms of sentences met twice,
    // so that a new article sharing only background sentences with a story is scored without them.
    const allCounts = new Map<string, Pick<ArticleTerms, 'counts' | 'fingerprints'>>();
    const timeOfMember = new Map<string, number | null>();
    const read = (a: Article) => {
      const terms = readTerms(a);
      index.observe(terms);
      allCounts.set(a.id, { counts: terms.counts, fingerprints: terms.fingerprints });
    };
    const memberIds = stories.flatMap((s) => s.articleIds).filter((id) => !want.has(id));
    for (let at = 0; at < memberIds.length; at += MEMBER_PAGE) {
      for (const a of await tx.getArticles(memberIds.slice(at, at + MEMBER_PAGE))) {
        read(a);
        timeOfMember.set(a.id, timeOf(a));
      }
    }
    for (const a of fresh) read(a);
    for (const story of stories) {
      const ids = story.articleIds.filter((id) => timeOfMember.has(id));
      if (!ids.length) continue;
      const cluster = storyIds.length;
      storyIds.push(story.id);
      for (const id of ids) index.add(cluster, index.vector(allCounts.get(id)!), timeOfMember.get(id)!);
    }

    // Articles a person split out may not go back to the story they left.
    const forbiddenFor = new Map<string, Set<string>>();
    for (const c of corrections) {
      if (c.kind === 'split') for (const id of c.articleIds) forbiddenFor.set(id, new Set([...(forbiddenFor.get(id) ?? []), c.story]));
    }

    const touched = new Map<string, string[]>();
    const placed: AssignResult['placed'] = [];
    const usedIds = new Set([...storyIds, ...stories.map((s) => s.id)]);
    const named = correctedStories(corrections);
    for (const a of fresh) {
      const current = await tx.storyOfArticle(a.id);
      const pinned = corrections.find((c) => c.kind === 'pin' && c.articleId === a.id);
      let storyId: string;
      let isNew = false;
      if (pinned && pinned.kind === 'pin') {
        storyId = pinned.story;
      } else if (current && corrections.some((c) => c.kind === 'split' && c.newStory === current && c.articleIds.includes(a.id))) {
        storyId = current;
      } else {
        const forbidden = new Set([...(forbiddenFor.get(a.id) ?? [])].map((s) => storyIds.indexOf(s)).filter((i) => i >= 0));
        const cluster = index.assign(index.vector(allCounts.get(a.id)!), timeOf(a), forbidden);
        if (cluster === storyIds.length) {
          // Not a story read here, one a correction names, or the one the article is in now (it seeded it).
          storyIds.push(await newStoryId(a.id, (id) => usedIds.has(id) || named.has(id) || id === current));
          usedIds.add(storyIds.at(-1)!);
          isNew = true;
        }
        storyId = storyIds[cluster]!;
      }
      placed.push({ articleId: a.id, storyId, isNew });
      touched.set(storyId, [...(touched.get(storyId) ?? []), a.id]);
    }

    for (const [storyId, added] of touched) {
      // A pinned or split-off story may lie outside the window that was read.
      const existing = (stories.find((s) => s.id === storyId) ?? (await tx.getStory(storyId)))?.articleIds ?? [];
      const ids = [...new Set([...existing, ...added])];
      await saveWithReuse(tx, storyId, ids);
    }
    await tx.markPlaced(articleIds);
    return { placed };
  });
}

/**
 * Articles per placement transaction when finishing what is pending. Each call rebuilds the index
 * of nearby stories, so small chunks cost: 4,000 articles placed 1,000 at a time took 55 % more CPU
 * (14.6 s against 9.3 s for the whole ingest) than at once. A chunk still bounds how long another
 * process's writer waits for the lock on a very large run.
 */
const PLACE_CHUNK = 5000;

/**
 * Places every article marked "to place", oldest first, a chunk per transaction, and returns how
 * many were handed to `place` (default `assignStories`). Marks a concurrent process clears first
 * are skipped by `assignStories` itself. Stops when `place` leaves a chunk marked (a hook that
 * only records), instead of handing it the same ids forever.
 */
export async function placePending(store: Store, place: (articleIds: string[]) => Promise<unknown> = (ids) => assignStories(store, ids)): Promise<number> {
  const handed = new Set<string>();
  for (;;) {
    const ids = await store.pendingPlacement({ limit: PLACE_CHUNK });
    if (!ids.length || ids.some((id) => handed.has(id))) return handed.size;
    for (const id of ids) handed.add(id);
    await place(ids);
  }
}

async function saveWithReuse(store: Store, storyId: string, ids: string[]): Promise<Story> {
  const articles = await store.getArticles(ids);
  const story = await store.saveStory({ id: storyId, title: storyTitle(articles), articleIds: ids });
  const links = findReuse(articles.map((a) => ({ id: a.id, text: a.text, published: a.published, ingestedAt: a.ingestedAt, wire: a.wire })));
  await store.saveReuse(storyId, links.map(({ from, to, share, copy }) => ({ from, to, share, copy })));
  return story;
}

/** A person merges two stories; later assignments keep them together. */
export async function mergeStories(store: Store, intoRef: string, fromRef: string): Promise<Story> {
  return store.transaction(async (tx) => {
    const into = await tx.getStory(intoRef);
    const from = await tx.getStory(fromRef);
    if (!into) throw new ParallaxError('not-found', `story merge: no story "${intoRef}"; list them with: parallax stories`);
    if (!from) throw new ParallaxError('not-found', `story merge: no story "${fromRef}"; list them with: parallax stories`);
    if (into.id === from.id) throw new ParallaxError('bad-input', 'story merge: both ids name the same story');
    const story = await saveWithReuse(tx, into.id, [...into.articleIds, ...from.articleIds]);
    await tx.deleteStory(from.id);
    await tx.addCorrection({ kind: 'merge', into: into.id, from: from.id, at: new Date().toISOString() });
    return story;
  });
}

/** A person moves articles out of a story into a new one; they never return on their own. */
export async function splitStory(store: Store, storyRef: string, articleRefs: string[]): Promise<{ kept: Story; split: Story }> {
  return store.transaction(async (tx) => {
    const story = await tx.getStory(storyRef);
    if (!story) throw new ParallaxError('not-found', `story split: no story "${storyRef}"; list them with: parallax stories`);
    const ids: string[] = [];
    for (const ref of articleRefs) {
      const article = await tx.getArticle(ref);
      if (!article || !story.articleIds.includes(article.id)) {
        throw new ParallaxError('bad-input', `story split: article "${ref}" is not in story ${story.id}; see its articles with: parallax story ${story.id}`);
      }
      ids.push(article.id);
    }
    const rest = story.articleIds.filter((id) => !ids.includes(id));
    if (!rest.length) throw new ParallaxError('bad-input', 'story split: that would leave the story empty; leave at least one article in it');
    // The article that seeded this story has the story's own id as its storyIdFor.
    const named = correctedStories(await tx.listCorrections());
    const newId = await newStoryId(ids[0]!, async (id) => named.has(id) || (await tx.getStory(id)) !== null);
    const split = await saveWithReuse(tx, newId, ids);
    const kept = await saveWithReuse(tx, story.id, rest);
    await tx.addCorrection({ kind: 'split', story: story.id, articleIds: ids, newStory: newId, at: new Date().toISOString() });
    return { kept, split };
  });
}
