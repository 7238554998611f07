import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import type { ArticleDraft, Outlet, PutStatus } from '../core/types.ts';
import { readInputs, type IngestOptions } from '../ingest/index.ts';
import type { PutOutcome, Store } from '../core/store.ts';
import { outletMatcher, outletOfDraft } from './outlets.ts';
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
  /** Unchanged articles given a new outlet by this run (a corrected outlets file, or --outlet). */
  outletChanged: number;
  /** Ids of those articles. */
  relabelled: string[];
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
   * Step 4 of the pipeline, placing stored articles in stories (on by default). False leaves them
   * marked as waiting: the worker places them in a job of their own, and `parallax ingest
   * --no-stories` places them at the next run that does.
   */
  stories?: boolean;
  /**
   * How step 4 places (default `assignStories`), called once every input is stored with the ids of
   * the articles waiting for a story (a chunk at a time): this run's new and revised ones, and any
   * an interrupted earlier run stored but never placed, which a re-run otherwise reports
   * "unchanged" and passes by. For progress reports and tests.
   */
  place?: (articleIds: string[]) => Promise<unknown>;
}

/**
 * Items per batch (one transaction): enough to spread SQLite's commit and full-text flush thin
 * (1,000 stores plain text ~8 % faster than 250), few enough to lose little to a crash, which the
 * time limit below bounds too.
 */
const BATCH_SIZE = 1000;
/**
 * A batch is also stored once its first item has waited this long, on a timer: a slow input (a
 * stalled URL, a pipe that waits) must not keep the articles read before it uncommitted.
 */
const BATCH_WAIT_MS = 1000;

/**
 * Reads the inputs and stores the articles in batches, one transaction each (see `Store.putArticles`):
 * a crash mid-run keeps every batch stored before it, and one article that fails to store is
 * reported as skipped without losing the rest of its batch. Outlets named in the store's outlets
 * list (by domain) are applied.
 */
export async function ingestIntoStore(store: Store, inputs: string[], options: IngestIntoStoreOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { results: [], new: 0, revised: 0, unchanged: 0, outletChanged: 0, relabelled: [], skipped: 0, warnings: [] };
  const match = outletMatcher(await store.listOutlets());
  let done = 0;
  // Results in input order; a draft's slot is filled when its batch is stored.
  let pending: { result: IngestResult | null; draft: ArticleDraft | null }[] = [];
  let timer: NodeJS.Timeout | null = null;
  // Flushes run one after another (the timer's and the loop's): each takes the batch pending when
  // it starts, so results stay in input order and two transactions never interleave.
  let flushing: Promise<void> = Promise.resolve();
  const queueFlush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    flushing = flushing.then(flush);
    return flushing;
  };

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
    const relabelled = await relabelUnchanged(store, toStore, outcomes);
    summary.outletChanged += relabelled.length;
    summary.relabelled.push(...relabelled);
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

  try {
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
        if (!options.outlet) draft.outlet = outletOfDraft(draft, match);
        pending.push({ result: null, draft });
      }
      // Skipped inputs wait in the batch too, so their results stay in input order.
      if (pending.length >= BATCH_SIZE) await queueFlush();
      else if (!timer) {
        // Its failure reaches the loop when it next awaits `flushing` (a full batch, or the end).
        timer = setTimeout(() => void queueFlush().catch(() => {}), BATCH_WAIT_MS);
      }
    }
  } finally {
    // A failed run must not leave a timer to write into a store its caller is about to close.
    if (timer) clearTimeout(timer);
  }
  await queueFlush();
  // What is pending, not what this run changed: the store's marks are what survives a kill.
  if (options.stories !== false) await placePending(store, options.place);
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

/**
 * Content already stored comes back "unchanged" with the outlet it was stored under; when this run
 * names another (a corrected outlets file, or --outlet), the stored article takes it, or re-running
 * with the fixed file would change nothing. Only for the same source (input or address): the same
 * text read from another outlet's page is a copy, and must not move the original. Outcomes are
 * updated in place; returns the ids of the articles that changed outlet.
 */
async function relabelUnchanged(store: Store, drafts: ArticleDraft[], outcomes: PutOutcome[]): Promise<string[]> {
  const changes: { id: string; outlet: string }[] = [];
  outcomes.forEach((put, i) => {
    const draft = drafts[i]!;
    if (put.status !== 'unchanged' || !draft.outlet || draft.outlet === put.article.outlet) return;
    const a = put.article;
    const urls = [draft.canonicalUrl, draft.url].filter(Boolean);
    const sameSource = a.input === draft.input || urls.includes(a.canonicalUrl) || urls.includes(a.url);
    if (!sameSource) return;
    changes.push({ id: a.id, outlet: draft.outlet });
    a.outlet = draft.outlet;
  });
  if (changes.length) await store.setArticleOutlets(changes);
  return [...new Set(changes.map((c) => c.id))];
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
  if (!entries.length) throw new ParallaxError('bad-input', `outlets: ${file} lists no outlets; see examples/outlets.yaml for the format`);
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
