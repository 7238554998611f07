import { z } from 'zod';

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
