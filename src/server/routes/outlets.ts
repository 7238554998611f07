import { Hono } from 'hono';
import type { Outlet } from '../../core/types.ts';
import { parse, readJson, type ServerContext } from '../context.ts';
import * as schemas from '../schemas.ts';

/** `/api/outlets`: the outlets and their group labels (lean, country, owner…), the user's own. */
export function outletRoutes(ctx: ServerContext): Hono {
  const { store } = ctx;
  const app = new Hono();
  app.get('/', async (c) => {
    const outlets = await store.listOutlets();
    const seen = new Set(outlets.map((o) => o.name));
    const fromArticles = await store.listArticles({ limit: 5000 });
    for (const a of fromArticles) if (a.outlet && !seen.has(a.outlet)) {
      seen.add(a.outlet);
      outlets.push({ name: a.outlet, domains: [], groups: {} });
    }
    return c.json({ outlets: outlets.sort((a, b) => a.name.localeCompare(b.name)) });
  });

  app.put('/:name', async (c) => {
    const body = parse(schemas.outletBody, await readJson(c, 'outlet'), 'outlet');
    const outlet: Outlet = { name: c.req.param('name'), domains: body.domains ?? [], groups: body.groups ?? {} };
    await store.upsertOutlet(outlet);
    ctx.forgetAnswers();
    return c.json({ outlet });
  });
  return app;
}
