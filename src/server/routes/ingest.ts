import { Hono } from 'hono';
import { ParallaxError } from '../../core/errors.ts';
import { parse, readJson, type ServerContext } from '../context.ts';
import { webAddress, type IngestJobInput } from '../ingest-job.ts';
import * as schemas from '../schemas.ts';

/** `/api/ingest` and `/api/jobs`: adding articles (a URL, pasted text, an upload) as jobs, and the jobs. */
export function ingestRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  app.post('/ingest', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let input: IngestJobInput;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) throw new ParallaxError('bad-input', 'ingest: the form needs a "file" field with the article to add');
      const outlet = typeof form.outlet === 'string' && form.outlet ? form.outlet.slice(0, 200) : undefined;
      input = { name: `upload: ${file.name || 'file'}`, fileName: file.name || undefined, bytes: new Uint8Array(await file.arrayBuffer()), outlet, maxBytes: ctx.maxUpload };
    } else {
      const body = parse(schemas.ingestBody, await readJson(c, 'ingest'), 'ingest');
      input = body.url
        ? { name: webAddress(body.url), url: webAddress(body.url), outlet: body.outlet, allowPrivate: ctx.allowPrivate, maxBytes: ctx.maxUpload }
        : { name: body.title ? `pasted: ${body.title}` : 'pasted text', bytes: Buffer.from(body.title ? `${body.title}\n\n${body.text}` : body.text!, 'utf8'), outlet: body.outlet, maxBytes: ctx.maxUpload };
    }
    const job = ctx.ingestQueue.submit(input);
    if (c.req.query('wait') === undefined) return c.json({ job }, 202, { Location: `/api/jobs/${job.id}` });
    const done = (await ctx.ingestQueue.wait(job.id))!;
    const ok = done.state === 'done' && done.results.some((r) => r.status !== 'skipped');
    return c.json({ job: done, results: done.results }, ok ? 200 : 422);
  });

  app.get('/jobs', (c) => c.json({ jobs: ctx.ingestQueue.list() }));
  app.get('/jobs/:id', (c) => {
    const job = ctx.ingestQueue.get(c.req.param('id'));
    if (!job) throw new ParallaxError('not-found', `no ingest job "${c.req.param('id')}" (finished jobs are kept for a while, then forgotten); list jobs at /api/jobs`);
    return c.json({ job });
  });
  return app;
}
