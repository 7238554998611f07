import { Hono } from 'hono';
import type { ArticleResponse } from '../../core/api.ts';
import { ParallaxError } from '../../core/errors.ts';
import { articleMeta, parse, type ServerContext } from '../context.ts';
import * as schemas from '../schemas.ts';

/** `/api/articles`: the stored articles, and one with its analysis. */
export function articleRoutes(ctx: ServerContext): Hono {
  const { store } = ctx;
  const app = new Hono();
  app.get('/', async (c) => {
    const q = parse(schemas.articleQuery, c.req.query(), 'query');
    const query = { text: q.q, outlet: q.outlet, since: q.since, until: q.until };
    const [articles, total] = await Promise.all([store.listArticles({ ...query, limit: q.limit, offset: q.offset }), store.countArticles(query)]);
    return c.json({ articles: articles.map(articleMeta), total, limit: q.limit, offset: q.offset });
  });

  app.get('/:id', async (c) => {
    const article = await store.getArticle(c.req.param('id'));
    if (!article) throw new ParallaxError('not-found', `no article "${c.req.param('id')}"; list articles at /api/articles`);
    const analysis = await ctx.pageWork.article(article);
    const answer: ArticleResponse = { article, story: await store.storyOfArticle(article.id), analysis };
    return c.json(answer);
  });
  return app;
}
