import { z } from 'zod';
import { CSV_TABLES } from '../report/csv.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date like 2025-04-02');
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const storyQuery = z.object({
  q: z.string().max(200).optional().describe('words in the story title or its articles'),
  outlet: z.string().max(200).optional(),
  group: z.string().regex(/^[^:]+:.+$/, 'expected "dimension:label", e.g. lean:left').optional(),
  since: date.optional(),
  until: date.optional(),
  ...paging,
});

export const articleQuery = z.object({
  q: z.string().max(200).optional(),
  outlet: z.string().max(200).optional(),
  since: date.optional(),
  until: date.optional(),
  ...paging,
});

export const ingestBody = z
  .object({
    url: z
      .string()
      .max(4000)
      .refine((u) => /^https?:\/\/[^/]/i.test(u), 'expected a full http:// or https:// address (web input never names a file)')
      .optional()
      .describe('a page or feed on the web (http or https only)'),
    text: z.string().min(1).max(2_000_000).optional(),
    title: z.string().max(500).optional(),
    outlet: z.string().max(200).optional(),
  })
  .refine((b) => !!b.url !== !!b.text, { message: 'give either "url" or "text" (not both)' });

export const mergeBody = z.object({ from: z.string().min(1).max(100).describe('id of the story to merge into this one') });
export const splitBody = z.object({ articleIds: z.array(z.string().min(1).max(100)).min(1).max(10_000).describe('articles to move into a new story') });
export const outletBody = z.object({
  domains: z.array(z.string().max(253)).max(100).optional(),
  groups: z.record(z.string().max(100), z.string().max(100)).optional().describe('your own labels, e.g. { "lean": "left", "country": "NO" }'),
});

/** The formats of GET /api/stories/:id/export. */
export const EXPORT_FORMATS = ['json', 'csv', 'markdown'] as const;
const listed = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
export const exportQuery = z
  .object({
    format: z
      .enum(EXPORT_FORMATS, { error: (issue) => `expected ${listed(EXPORT_FORMATS)}, not ${JSON.stringify(issue.input)}` })
      .default('json')
      .describe('json (the full comparison, as GET /api/stories/{id}), csv (one table: see table) or markdown (the report)'),
    table: z
      .enum(CSV_TABLES, { error: (issue) => `expected ${listed(CSV_TABLES)}, not ${JSON.stringify(issue.input)}` })
      .optional()
      .describe('with format=csv: facts (the outlet × fact matrix, the default), numbers or quotes'),
  })
  .refine((q) => !q.table || q.format === 'csv', { path: ['table'], message: 'table chooses the table of format=csv; drop it or ask for format=csv' });
