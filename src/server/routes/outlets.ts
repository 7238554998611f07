import { Hono } from 'hono';
import type { OutletRenameResponse, OutletSummary, OutletsResponse } from '../../core/api.ts';
import { ParallaxError } from '../../core/errors.ts';
import type { Store } from '../../core/store.ts';
import type { Outlet } from '../../core/types.ts';
import { parse, readJson, type ServerContext } from '../context.ts';
import * as schemas from '../schemas.ts';

/** `/api/outlets`: the outlets and their group labels (lean, country, owner…), the user's own; set or rename one. */
export function outletRoutes(ctx: ServerContext): Hono {
  const { store } = ctx;
  const app = new Hono();
  app.get('/', async (c) => {
    // Every name an article carries, counted by the store over all articles (not a first page of
    // them: an outlet whose articles are all older than the newest few thousand is still listed).
    const counts = new Map((await store.outletArticleCounts()).filter((r) => r.outlet !== null).map((r) => [r.outlet!, r.articles]));
    const outlets: OutletSummary[] = (await store.listOutlets()).map((o) => ({ ...o, articles: counts.get(o.name) ?? 0 }));
    const listed = new Set(outlets.map((o) => o.name));
    for (const [name, articles] of counts) if (!listed.has(name)) outlets.push({ name, domains: [], groups: {}, articles });
    return c.json({ outlets: outlets.sort((a, b) => a.name.localeCompare(b.name)) } satisfies OutletsResponse);
  });

  app.put('/:name', async (c) => {
    const body = parse(schemas.outletBody, await readJson(c, 'outlet'), 'outlet');
    const outlet: Outlet = { name: c.req.param('name'), domains: body.domains ?? [], groups: body.groups ?? {} };
    await store.upsertOutlet(outlet);
    ctx.forgetAnswers();
    return c.json({ outlet });
  });

  // A rename moves the outlet's entry (sites and labels) and its articles to the new name. Onto a
  // name already in use it would merge two outlets, which renaming back cannot take apart: refused
  // here, so a rename is always undone by the rename back (the CLI's `outlets rename` merges).
  app.post('/:name/rename', async (c) => {
    const from = c.req.param('name');
    const { to } = parse(schemas.renameBody, await readJson(c, 'rename'), 'rename');
    if (to === from) throw new ParallaxError('bad-input', `rename: to: "${to}" is already this outlet's name; give it a new one`);
    const answer = await store.transaction(async (tx): Promise<OutletRenameResponse> => {
      if (!(await inUse(tx, from))) throw new ParallaxError('not-found', `rename: no outlet "${from}"; list them at /api/outlets`);
      if (await inUse(tx, to)) {
        throw new ParallaxError(
          'conflict',
          `rename: to: an outlet "${to}" already exists, and renaming "${from}" onto it would merge the two, which cannot be undone here; choose a name not in use, or merge them with: parallax outlets rename "${from}" "${to}"`,
        );
      }
      const moved = await tx.renameOutlet(from, to);
      return { from, to, outlet: await tx.getOutlet(to), moved };
    });
    ctx.forgetAnswers();
    return c.json(answer);
  });
  return app;
}

/** A name is in use when the outlets list has it or an article carries it. */
async function inUse(store: Store, name: string): Promise<boolean> {
  return (await store.getOutlet(name)) !== null || (await store.countArticles({ outlet: name })) > 0;
}
