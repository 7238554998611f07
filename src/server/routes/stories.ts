import { Hono } from 'hono';
import { ANALYZER_VERSION } from '../../analyze/index.ts';
import type { StoryComparison, StoryPageComparison, StoryResponse, StorySummary } from '../../core/api.ts';
import { ParallaxError, errorMessage } from '../../core/errors.ts';
import type { ReuseLink, Store, StoryDigest } from '../../core/store.ts';
import type { Article, Outlet, Story } from '../../core/types.ts';
import { mergeStories, splitStory } from '../../pipeline/stories.ts';
import { renderCsv, renderMarkdown, type ReportComparison } from '../../report/index.ts';
import { BLINDSPOT } from '../../core/store.ts';
import { articleMeta, parse, readJson, sendAnswer, serialise, serialiseText, type ServerContext } from '../context.ts';
import { attachment } from '../download.ts';
import { comparisonVersion, digestOf, pageView } from '../pages.ts';
import * as schemas from '../schemas.ts';

/** `/api/stories`: the list with its filters and sorts, a story with its comparison, its exports, merge and split. */
export function storyRoutes(ctx: ServerContext): Hono {
  const { store } = ctx;
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parse(schemas.storyQuery, c.req.query(), 'query');
    const query = {
      text: q.q,
      outlet: q.outlet,
      group: q.group,
      since: q.since,
      until: q.until,
      minOutlets: q.minOutlets,
      blindspot: q.blindspot,
      conflicts: q.conflicts,
      sort: q.sort,
      analyzerVersion: ANALYZER_VERSION,
    };
    // Keyed by the parsed query, so "?limit=50" and "?limit=50&offset=0" share an answer.
    const body = await ctx.storyLists.get(JSON.stringify(q), async () => {
      const [stories, total, outlets] = await Promise.all([
        store.listStories({ ...query, limit: q.limit, offset: q.offset }),
        store.countStories(query),
        store.listOutlets(),
      ]);
      const summaries = await summariseAll(store, stories, outlets);
      return serialise('', { stories: summaries, total, limit: q.limit, offset: q.offset });
    });
    return sendAnswer(c, body);
  });

  /** A story with its comparison, whole or (view "page") as the story page reads it: computed once per version, shared by every reader. */
  const storyAnswer = (ref: string, view?: 'page') =>
    ctx.storyPages.get(view ? `${ref}?view=${view}` : ref, async (previous) => {
      const story = await store.getStory(ref);
      if (!story) throw new ParallaxError('not-found', `no story "${ref}"; list stories at /api/stories`);
      const [articles, outlets] = await Promise.all([store.getArticles(story.articleIds), store.listOutlets()]);
      // What the page is made of: the story's articles and their texts, and the outlets' groups.
      const compared = comparisonVersion(story, articles);
      const version = `${compared}|${JSON.stringify(outlets)}`;
      if (previous?.version === version) return previous;
      const comparison = await ctx.pageWork.story(story.id, compared);
      // Kept for the story list's disagreement sort and conflicts filter (a failure there never costs the page).
      const digest = digestOf(story, comparison);
      await store.putStoryDigest(digest).then(
        () => ctx.storyLists.clear(),
        (error) => console.error(`parallax serve: could not keep the digest of story ${story.id}: ${errorMessage(error)}`),
      );
      const [summary] = await summariseAll(store, [story], outlets);
      const answer: StoryResponse<StoryComparison | StoryPageComparison> = { story: summary!, articles: articles.map(articleMeta), comparison: view ? pageView(comparison) : comparison };
      return serialise(version, answer);
    });

  app.get('/:id', async (c) => {
    const view = c.req.query('view');
    if (view !== undefined && view !== 'page') throw new ParallaxError('bad-input', `view must be "page" (what the story page shows) or absent (the full comparison), not "${view}"`);
    return sendAnswer(c, await storyAnswer(c.req.param('id'), view));
  });

  // A download of the story's comparison: the same JSON as GET /api/stories/:id, or the CLI's CSV
  // (`compare --format csv --table …`) and Markdown reports rendered from it.
  app.get('/:id/export', async (c) => {
    const ref = c.req.param('id');
    const q = parse(schemas.exportQuery, c.req.query(), 'export');
    const full = await storyAnswer(ref);
    const story = await store.getStory(ref);
    const title = story?.title ?? null;
    const id = story?.id ?? ref;
    if (q.format === 'json') return sendAnswer(c, full, { 'Content-Disposition': attachment(title, id, '.json').header });
    const table = q.table ?? 'facts';
    const answer = await ctx.storyExports.get(`${ref}|${q.format}|${table}`, async (previous) => {
      if (previous?.version === full.version) return previous;
      const { comparison } = JSON.parse(new TextDecoder().decode(full.body)) as { comparison: ReportComparison };
      // A download is opened in a spreadsheet more often than read by a script: the CSV starts with a byte order mark (see renderCsv).
      return serialiseText(full.version, q.format === 'csv' ? renderCsv(comparison, { table, bom: true }) : renderMarkdown(comparison, { title }));
    });
    const [type, suffix] = q.format === 'csv' ? ['text/csv; charset=utf-8; header=present', `-${table}.csv`] : ['text/markdown; charset=utf-8', '.md'];
    return sendAnswer(c, answer, { 'Content-Type': type, 'Content-Disposition': attachment(title, id, suffix).header });
  });

  app.post('/:id/merge', async (c) => {
    const body = parse(schemas.mergeBody, await readJson(c, 'merge'), 'merge');
    const story = await mergeStories(store, c.req.param('id'), body.from);
    ctx.forgetAnswers();
    return c.json({ story });
  });

  app.post('/:id/split', async (c) => {
    const body = parse(schemas.splitBody, await readJson(c, 'split'), 'split');
    const result = await splitStory(store, c.req.param('id'), body.articleIds);
    ctx.forgetAnswers();
    return c.json(result);
  });
  return app;
}

/** Summaries of several stories: their articles are read in one call, not one per story. */
async function summariseAll(store: Store, stories: Story[], outlets: Outlet[]): Promise<StorySummary[]> {
  const [articles, digests] = await Promise.all([store.getArticles(stories.flatMap((s) => s.articleIds)), store.getStoryDigests(stories.map((s) => s.id))]);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const digestOfStory = new Map(digests.map((d) => [d.storyId, d]));
  const reuse = await Promise.all(stories.map((s) => store.getReuse(s.id)));
  return stories.map((s, i) => summarise(s, s.articleIds.flatMap((id) => byId.get(id) ?? []), reuse[i]!, outlets, digestOfStory.get(s.id)));
}

/** One story's summary line (exported for its tests). A digest counts only when made for this version of the story by this analyzer. */
export function summarise(s: Story, articles: Article[], reuse: ReuseLink[], outlets: Outlet[], digest?: StoryDigest): StorySummary {
  const copies = new Set(reuse.filter((r) => r.copy).map((r) => r.to));
  const names = [...new Set(articles.filter((a) => !copies.has(a.id)).map((a) => a.outlet ?? a.input))];
  const coverage: StorySummary['coverage'] = {};
  const unlabelled: StorySummary['unlabelled'] = {};
  const byName = new Map(outlets.map((o) => [o.name, o]));
  const dimensions = new Map<string, Set<string>>();
  for (const o of outlets) for (const [d, l] of Object.entries(o.groups)) dimensions.set(d, new Set([...(dimensions.get(d) ?? []), l]));
  for (const [d, labels] of dimensions) {
    coverage[d] = Object.fromEntries([...labels].sort().map((l) => [l, 0]));
    unlabelled[d] = 0;
    for (const name of names) {
      const label = byName.get(name)?.groups[d];
      if (label) coverage[d]![label]! += 1;
      else unlabelled[d]! += 1;
    }
  }
  const blindspots: StorySummary['blindspots'] = [];
  for (const [d, counts] of Object.entries(coverage)) {
    const max = Math.max(...Object.values(counts));
    const missing = Object.entries(counts).filter(([label, n]) => max >= BLINDSPOT.most && n <= BLINDSPOT.fewest && !BLINDSPOT.noSide.test(label));
    const fewest = Math.min(...missing.map(([, n]) => n));
    const labels = missing.filter(([, n]) => n === fewest).map(([label]) => label);
    if (labels.length) blindspots.push({ dimension: d, label: labels[0]!, labels });
  }
  // Publication dates only: an undated article's ingest time says when it was added, not when it ran.
  const dates = articles.flatMap((a) => (a.published ? [a.published] : [])).sort();
  return {
    id: s.id,
    title: s.title,
    firstSeen: dates[0] ?? null,
    lastSeen: dates[dates.length - 1] ?? null,
    undated: articles.length - dates.length,
    articles: articles.length,
    copies: copies.size,
    outlets: names,
    coverage,
    unlabelled,
    blindspots,
    disagreement:
      digest && digest.storyUpdatedAt === s.updatedAt && digest.analyzerVersion === ANALYZER_VERSION
        ? { omissions: digest.omissions, conflicts: digest.conflicts, sharedFacts: digest.sharedFacts }
        : null,
  };
}
