import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import type { ArticleDraft, Outlet, PutStatus } from '../core/types.ts';
import { outletFromUrl, readInputs, type IngestOptions } from '../ingest/index.ts';
import type { PutOutcome, Store } from '../store/types.ts';
import { placePending } from './stories.ts';

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
  /**
   * Story placement, called once every input is stored with the ids of the articles waiting for a
   * story (a chunk at a time): this run's new and revised ones, and any an interrupted earlier run
   * stored but never placed, which a re-run otherwise reports "unchanged" and passes by.
   */
  afterStore?: (articleIds: string[]) => Promise<void>;
}

/**
 * Items per batch (one transaction): enough to spread SQLite's commit and full-text flush thin
 * (1,000 stores plain text ~8 % faster than 250), few enough to lose little to a crash, which the
 * time limit below bounds too.
 */
const BATCH_SIZE = 1000;
/** A batch is also stored when an item arrives after its first item has waited this long, so slow inputs (URLs, stdin) land promptly. */
const BATCH_WAIT_MS = 1000;

/**
 * Reads the inputs and stores the articles in batches, one transaction each (see `Store.putArticles`):
 * a crash mid-run keeps every batch stored before it, and one article that fails to store is
 * reported as skipped without losing the rest of its batch. Outlets named in the store's outlets
 * list (by domain) are applied.
 */
export async function ingestIntoStore(store: Store, inputs: string[], options: IngestIntoStoreOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { results: [], new: 0, revised: 0, unchanged: 0, skipped: 0, warnings: [] };
  const byDomain = domainIndex(await store.listOutlets());
  let done = 0;
  // Results in input order; a draft's slot is filled when its batch is stored.
  let pending: { result: IngestResult | null; draft: ArticleDraft | null }[] = [];
  let batchStarted = 0;

  const report = (result: IngestResult) => {
    summary.results.push(result);
    summary[result.status]++;
    options.onProgress?.({ done: ++done, input: result.input, status: result.status });
  };
  const flush = async () => {
    const batch = pending;
    pending = [];
    const toStore = batch.flatMap((p) => p.draft ?? []);
    const outcomes = toStore.length ? await putBatch(store, toStore) : [];
    let next = 0;
    for (const slot of batch) {
      if (slot.result) {
        report(slot.result);
        continue;
      }
      const draft = slot.draft!;
      const put = outcomes[next++]!;
      if (put.status === 'error') {
        report({ input: draft.input, status: 'skipped', id: null, title: draft.title, outlet: draft.outlet, reason: put.error.message });
      } else {
        report({ input: draft.input, status: put.status, id: put.article.id, title: put.article.title, outlet: put.article.outlet, reason: null });
      }
    }
  };

  for await (const item of readInputs(inputs, {
    ...options,
    onWarning: (w) => {
      summary.warnings.push(w);
      options.onWarning?.(w);
    },
  })) {
    if ('error' in item) {
      pending.push({ result: { input: item.input, status: 'skipped', id: null, title: null, outlet: null, reason: item.error.message }, draft: null });
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
      pending.push({ result: null, draft });
    }
    // Skipped inputs wait in the batch too, so their results stay in input order.
    if (pending.length === 1) batchStarted = performance.now();
    if (pending.length >= BATCH_SIZE || performance.now() - batchStarted >= BATCH_WAIT_MS) await flush();
  }
  await flush();
  // What is pending, not what this run changed: the store's marks are what survives a kill.
  if (options.afterStore) await placePending(store, options.afterStore);
  return summary;
}

/**
 * `store.putArticles`, and when the batch as a whole fails (the database refused the transaction
 * itself), each draft alone, so every draft still gets its own outcome.
 */
async function putBatch(store: Store, drafts: ArticleDraft[]): Promise<PutOutcome[]> {
  try {
    return await store.putArticles(drafts);
  } catch {
    const outcomes: PutOutcome[] = [];
    for (const draft of drafts) {
      try {
        outcomes.push(await store.putArticle(draft));
      } catch (error) {
        outcomes.push({ status: 'error', error: new ParallaxError('store', `store: cannot store ${draft.input}: ${errorMessage(error)}`, { cause: error }) });
      }
    }
    return outcomes;
  }
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
