import { z } from 'zod';
import * as schemas from './schemas.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const query = (schema: z.ZodObject) =>
  Object.entries(schema.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: z.toJSONSchema(s as z.ZodType, { io: 'input', unrepresentable: 'any' }) }));
const error = { description: 'error', content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } } };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const idParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

/** The OpenAPI 3.1 document of the API, built from the same zod schemas the routes validate with. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Parallax API', version: '0.1.0', description: 'Stories, articles, comparisons and ingest. Errors are { error: { code, message } }. Requests that change the store take application/json (or multipart/form-data for uploads) and are refused from other origins; a server started with a token needs "Authorization: Bearer <token>" on every request.' },
    paths: {
      '/api/stories': {
        get: {
          summary: 'List, search, filter and sort stories (latest publication first unless sort says otherwise)',
          description:
            'Answers { stories, total, limit, offset }. Each story has its publication span, outlets (copies not counted), coverage by each dimension of outlet labels with the unlabelled outlets, at most one blindspot per dimension, and disagreement: { omissions, conflicts, sharedFacts } from the last comparison of the story (made when its page is opened) since it last changed, or null when it has not been compared since. Filters combine (all must hold). sort=disagreement and conflicts=1 use those comparisons, so a story never opened sorts last and never counts as having conflicts.',
          parameters: query(schemas.storyQuery),
          responses: { 200: ok('stories with coverage by outlet group'), 400: error },
        },
      },
      '/api/stories/{id}': {
        get: {
          summary: 'A story with its comparison (the JSON of `compare --format json`); with view=page, only what the web story page shows (no link explanations, conflicts, entities or single-source figures)',
          parameters: [idParam('id'), { name: 'view', in: 'query', required: false, schema: { type: 'string', enum: ['page'] } }],
          responses: { 200: ok('story, articles, comparison'), 400: error, 404: error },
        },
      },
      '/api/stories/{id}/export': {
        get: {
          summary: 'Download a story’s comparison: JSON (the same as GET /api/stories/{id}), CSV (one table: the outlet × fact matrix, numbers or quotes) or Markdown (the report of `compare --format md`)',
          description:
            'Answers with Content-Disposition: attachment and a file name made from the story title (e.g. storm-floods-in-eastport-facts.csv). CSV is RFC 4180 with CRLF line ends and a UTF-8 byte order mark; a cell starting with = + - or @ is prefixed with a single quote so a spreadsheet never runs it as a formula.',
          parameters: [idParam('id'), ...query(schemas.exportQuery)],
          responses: {
            200: {
              description: 'the file',
              content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } }, 'text/markdown': { schema: { type: 'string' } } },
            },
            400: error,
            404: error,
          },
        },
      },
      '/api/stories/{id}/merge': { post: { summary: 'Merge another story into this one', parameters: [idParam('id')], requestBody: { content: { 'application/json': { schema: json(schemas.mergeBody) } } }, responses: { 200: ok('merged story'), 404: error } } },
      '/api/stories/{id}/split': { post: { summary: 'Move articles out into a new story', parameters: [idParam('id')], requestBody: { content: { 'application/json': { schema: json(schemas.splitBody) } } }, responses: { 200: ok('both stories'), 400: error } } },
      '/api/articles': { get: { summary: 'List and search articles', parameters: query(schemas.articleQuery), responses: { 200: ok('articles'), 400: error } } },
      '/api/articles/{id}': { get: { summary: 'An article with its analysis', parameters: [idParam('id')], responses: { 200: ok('article, story id, analysis'), 404: error } } },
      '/api/ingest': {
        post: {
          summary: 'Add an article by http(s) address, pasted text, or an uploaded file; it is queued as a job and joins a story',
          description: 'Answers 202 at once with the job (poll /api/jobs/{id}); with ?wait the answer comes when the job has finished, with its results. Only http:// and https:// addresses are taken.',
          parameters: [{ name: 'wait', in: 'query', required: false, schema: { type: 'string' }, description: 'present: answer when the job has finished' }],
          requestBody: {
            content: {
              'application/json': { schema: json(schemas.ingestBody) },
              'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, outlet: { type: 'string' } }, required: ['file'] } },
            },
          },
          responses: { 202: ok('the queued job'), 200: ok('with ?wait: the finished job and one result per article'), 400: error, 403: error, 413: error, 415: error, 422: error },
        },
      },
      '/api/jobs': { get: { summary: 'Recent web ingest jobs, newest first', responses: { 200: ok('jobs') } } },
      '/api/jobs/{id}': { get: { summary: 'One ingest job: queued, running, done or failed, with its results', parameters: [idParam('id')], responses: { 200: ok('job'), 404: error } } },
      '/api/outlets': { get: { summary: 'Outlets and their user-defined groups', description: 'Answers { outlets }: every outlet of the outlets list and every name an article carries, by name, each with its domains, groups and articles (how many articles carry the name).', responses: { 200: ok('outlets') } } },
      '/api/outlets/{name}': { put: { summary: 'Set an outlet’s domains and groups', parameters: [idParam('name')], requestBody: { content: { 'application/json': { schema: json(schemas.outletBody) } } }, responses: { 200: ok('outlet'), 400: error } } },
      '/api/outlets/{name}/rename': {
        post: {
          summary: 'Rename an outlet: its articles, sites and labels follow the new name',
          description:
            'Answers { from, to, outlet, moved }: the outlet under its new name (null when only articles carried the old name) and how many articles moved. The new name must not be in use (409): renaming onto another outlet would merge the two, which a rename back cannot undo (`parallax outlets rename` merges). Renaming back undoes a rename.',
          parameters: [idParam('name')],
          requestBody: { content: { 'application/json': { schema: json(schemas.renameBody) } } },
          responses: { 200: ok('the renamed outlet and how many articles moved'), 400: error, 404: error, 409: error },
        },
      },
    },
  };
}
