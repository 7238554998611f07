import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import type { Outlet, PutStatus } from '../core/types.ts';
import { outletFromUrl, readInputs, type IngestOptions } from '../ingest/index.ts';
import type { Store } from '../store/types.ts';

export interface IngestResult {
  input: string;
  status: PutStatus | 'skipped';
  id: string | null;
  title: string | null;
  outlet: string | null;
  reason: string | null;
}

export interface IngestSummary {
  results: IngestResult[];
  new: number;
  revised: number;
  unchanged: number;
  skipped: number;
  warnings: { input: string; message: string }[];
}

export interface IngestProgress {
  done: number;
  input: string;
  status: PutStatus | 'skipped';
}

export interface IngestIntoStoreOptions extends IngestOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Called with the ids of new and revised articles once the batch is stored (story placement). */
  afterStore?: (articleIds: string[]) => Promise<void>;
}

/**
 * Reads the inputs and stores each article in its own transaction, so a crash mid-batch keeps
 * everything stored before it. Outlets named in the store's outlets list (by domain) are applied.
 */
export async function ingestIntoStore(store: Store, inputs: string[], options: IngestIntoStoreOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { results: [], new: 0, revised: 0, unchanged: 0, skipped: 0, warnings: [] };
  const byDomain = domainIndex(await store.listOutlets());
  const changed: string[] = [];
  let done = 0;
  for await (const item of readInputs(inputs, {
    ...options,
    onWarning: (w) => {
      summary.warnings.push(w);
      options.onWarning?.(w);
    },
  })) {
    let result: IngestResult;
    if ('error' in item) {
      result = { input: item.input, status: 'skipped', id: null, title: null, outlet: null, reason: item.error.message };
    } else {
      const draft = item.draft;
      if (!options.outlet) {
        // A name the outlets file knows wins; else the file's owner of the article's domain (a page
        // calling itself "The Lantern Courier" on a domain the user filed under "Lantern Courier").
        const domain = outletFromUrl(draft.canonicalUrl ?? draft.url);
        draft.outlet = (draft.outlet && byDomain.get(draft.outlet.toLowerCase())) ?? (domain && byDomain.get(domain)) ?? draft.outlet;
      }
      // A text file named after a known outlet ("harbour-gazette.txt") belongs to it.
      if (!draft.outlet && /^(text|markdown)$/.test(draft.format)) draft.outlet = byDomain.get(slug(path.basename(draft.input).replace(/\.[^.]+$/, ''))) ?? null;
      try {
        const put = await store.putArticle(draft);
        result = { input: item.input, status: put.status, id: put.article.id, title: put.article.title, outlet: put.article.outlet, reason: null };
        if (put.status !== 'unchanged') changed.push(put.article.id);
      } catch (error) {
        result = { input: item.input, status: 'skipped', id: null, title: draft.title, outlet: draft.outlet, reason: `store: ${errorMessage(error)}` };
      }
    }
    summary.results.push(result);
    summary[result.status]++;
    options.onProgress?.({ done: ++done, input: result.input, status: result.status });
  }
  if (changed.length && options.afterStore) await options.afterStore(changed);
  return summary;
}

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Outlet names by domain (and by name, so a site name maps to the user's spelling). */
function domainIndex(outlets: Outlet[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of outlets) {
    map.set(o.name.toLowerCase(), o.name);
    map.set(slug(o.name), o.name);
    for (const d of o.domains) map.set(d.toLowerCase().replace(/^www\./, ''), o.name);
  }
  return map;
}

/**
 * Reads an outlets file (YAML or JSON): a list, or a map by name, of
 * `{ name, domains: [...], groups: { lean: ..., country: ... } }`. Labels are the user's own.
 */
export async function loadOutletsFile(file: string): Promise<Outlet[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ParallaxError('unreadable', `outlets: cannot read ${file}: ${errorMessage(error)}`);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new ParallaxError('bad-input', `outlets: ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${errorMessage(error)}`);
  }
  const root = (data as { outlets?: unknown })?.outlets ?? data;
  const entries: [string | null, unknown][] = Array.isArray(root)
    ? root.map((v) => [null, v])
    : root && typeof root === 'object'
      ? Object.entries(root as Record<string, unknown>)
      : [];
  if (!entries.length) throw new ParallaxError('bad-input', `outlets: ${file} lists no outlets; see docs/outlets.md for the format`);
  return entries.map(([key, value], i) => {
    const v = (value ?? {}) as { name?: unknown; domains?: unknown; domain?: unknown; groups?: unknown };
    const name = typeof v.name === 'string' ? v.name : key;
    if (!name) throw new ParallaxError('bad-input', `outlets: entry ${i + 1} of ${file} has no "name"; add one`);
    const domains = ([] as unknown[]).concat(v.domains ?? [], v.domain ?? []).filter((d): d is string => typeof d === 'string');
    const groups: Record<string, string> = {};
    if (v.groups !== undefined) {
      if (!v.groups || typeof v.groups !== 'object' || Array.isArray(v.groups)) {
        throw new ParallaxError('bad-input', `outlets: "groups" of ${name} in ${file} must map a dimension to a label, e.g. { lean: left }`);
      }
      for (const [dim, label] of Object.entries(v.groups)) groups[dim] = String(label);
    }
    return { name, domains, groups };
  });
}
