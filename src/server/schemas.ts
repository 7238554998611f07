import { z } from 'zod';
import { CSV_TABLES } from '../report/index.ts';
import { STORY_SORTS } from '../core/store.ts';

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}($|T)/, 'expected a date like 2025-04-02')
  .refine(realDay, 'expected a date that exists, like 2025-04-02');

/** "2025-02-30" is no day (Date would roll it over into March). */
function realDay(text: string): boolean {
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text.slice(0, 10) && !Number.isNaN(Date.parse(text));
}
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

const listed = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
const flag = (what: string) =>
  z
    .enum(['1', 'true', '0', 'false'], { error: (issue) => `expected 1 or true (${what}), 0 or false, not ${JSON.stringify(issue.input)}` })
    .transform((v) => v === '1' || v === 'true');

export const storyQuery = z
  .object({
    q: z.string().max(200).optional().describe('words in the story title or its articles'),
    outlet: z.string().max(200).optional().describe('stories with an article from this outlet'),
    group: z.string().regex(/^[^:]+:.+$/, 'expected "dimension:label", e.g. lean:left').optional().describe('stories with an article from an outlet with this label, e.g. lean:left'),
    since: date.optional().describe('stories with an article published on or after this date'),
    until: date.optional().describe('stories with an article published on or before this date'),
    minOutlets: z.coerce
      .number({ error: 'expected a whole number of outlets, 1 to 1000' })
      .int('expected a whole number of outlets, 1 to 1000')
      .min(1, 'expected a whole number of outlets, 1 to 1000')
      .max(1000, 'expected a whole number of outlets, 1 to 1000')
      .optional()
      .describe('stories told by at least this many outlets (copies not counted)'),
    blindspot: z
      .string()
      .max(200)
      .regex(/^[^:]+(:.+)?$/, 'expected "dimension" or "dimension:label", e.g. lean or lean:right')
      .optional()
      .describe('stories with a blindspot in this dimension (one side at most 1 outlet while another has 3 or more); with a label, that side is the one missing'),
    conflicts: flag('only stories whose comparison found a number conflict').optional().describe('1: only stories whose comparison (made when the story was last opened) found outlets giving a figure differently'),
    sort: z
      .enum(STORY_SORTS, { error: (issue) => `expected ${listed(STORY_SORTS)}, not ${JSON.stringify(issue.input)}` })
      .default('latest')
      .describe('latest (latest publication first), outlets (most outlets first) or disagreement (most omission claims and number conflicts first; stories not compared since they last changed come last)'),
    ...paging,
  })
  .refine((q) => !q.since || !q.until || q.since.slice(0, 10) <= q.until.slice(0, 10), { path: ['until'], message: 'until is before since; swap them or drop one' });

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

const NEW_NAME = 'expected the new name, e.g. { "to": "New York Times" }';
export const renameBody = z.object({
  to: z
    .string({ error: NEW_NAME })
    .trim()
    .min(1, NEW_NAME)
    .max(200, 'expected a name of at most 200 characters')
    .describe('the outlet\'s new name; its articles, sites and labels follow it'),
});

/** The formats of GET /api/stories/:id/export. */
export const EXPORT_FORMATS = ['json', 'csv', 'markdown'] as const;
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
