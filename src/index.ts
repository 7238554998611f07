/**
 * Library entry point (`import { createParallax } from 'parallax-news'`): the same work as the
 * command line, as typed functions over one store. Each method calls the service its CLI command
 * calls (src/pipeline/*, src/ingest, src/cluster), so a result here is what `parallax <command>
 * --json` prints.
 *
 *   const parallax = createParallax({ db: 'news.db' });
 *   await parallax.ingest(['examples/']);          // stores articles and places them into stories
 *   const [story] = await parallax.stories();
 *   const comparison = await parallax.compare(story.id);
 *   await parallax.close();
 */
import { existsSync } from 'node:fs';
import type { ArticleAnalysis } from './core/analysis.ts';
import { ParallaxError } from './core/errors.ts';
import type { Article, ArticleDraft, Outlet, Story } from './core/types.ts';
import { readInputs, type IngestOptions } from './ingest/index.ts';
import { analyzeArticle, analyzeStored } from './pipeline/analyze.ts';
import { compareInputs, compareStory, type ComparisonDetail } from './pipeline/compare.ts';
import { ingestIntoStore, loadOutletsFile, type IngestProgress, type IngestSummary } from './pipeline/ingest.ts';
import { clusterStream, extractedArticle, type ClusteredArticle, type ExtractedArticle } from './pipeline/oneoff.ts';
import { DEFAULT_DB, openStore } from './store/index.ts';
import type { Store, StoryQuery } from './core/store.ts';

export * from './core/types.ts';
export * from './core/analysis.ts';
export * from './core/errors.ts';
export type * from './core/store.ts';
export type { ComparisonDetail } from './pipeline/compare.ts';
export type { IngestProgress, IngestResult, IngestSummary } from './pipeline/ingest.ts';
export type { ClusteredArticle, ExtractedArticle } from './pipeline/oneoff.ts';
export { extractHtml } from './extract/html/index.ts';
export { CSV_TABLES, renderCsv, renderHtml, renderMarkdown, renderTerminal, toJson, type CsvOptions, type CsvTable } from './report/index.ts';
export { openStore } from './store/index.ts';

export interface ParallaxOptions {
  /** The store: a SQLite file (default ./parallax.db, as for the CLI), ":memory:", or a postgres:// URL. */
  db?: string;
}

/** Options of the methods that read files, folders, globs, URLs or "-" (standard input). */
export interface ReadOptions {
  /** Allow fetching from loopback and private network addresses. */
  allowPrivate?: boolean;
  /** Ask robots.txt before fetching (default true). */
  respectRobots?: boolean;
  /** Largest file or download accepted, in bytes (default 20 MB); for a JSONL file, read a line at a time, the largest line (one record). */
  maxBytes?: number;
  /** Called for each problem that did not stop an input, such as an unreadable date. */
  onWarning?: (warning: { input: string; message: string }) => void;
}

export interface IngestCallOptions extends ReadOptions {
  /** Outlet name for every article read (wins over what the input says). */
  outlet?: string;
  /** Outlets to record first, as `parallax ingest --outlets`: a YAML or JSON file, or the list itself. */
  outlets?: string | Outlet[];
  /** Place new articles into stories (default true; false is `--no-stories`). */
  stories?: boolean;
  /** Worker threads extracting HTML pages (default one per core; 1 = none). */
  threads?: number;
  onProgress?: (progress: IngestProgress) => void;
}

export interface StoriesOptions {
  /** Only stories whose title or articles contain these words. */
  search?: string;
  /** Only stories covered by this outlet. */
  outlet?: string;
  /** Only stories covered by outlets in this group, e.g. "lean:left". */
  group?: string;
  /** How many, newest first (default 50). */
  limit?: number;
}

/** A story as `parallax stories --json` lists it. */
export interface StoryListing extends Story {
  /** Outlets with an article of their own in the story (copies of another article not counted). */
  outlets: string[];
  articles: number;
  /** Articles that are copies of another article in the story. */
  copies: number;
}

/** An input that gave no article, and why. */
export interface Skipped {
  input: string;
  reason: string;
}

export interface Parallax {
  /** The store's description (path or URL); the store opens on first use. */
  readonly db: string;
  /** Reads inputs into the store, then places the new and revised articles into stories, as `parallax ingest`. */
  ingest(inputs: string[], options?: IngestCallOptions): Promise<IngestSummary>;
  /** Stored stories, newest first, as `parallax stories`. */
  stories(options?: StoriesOptions): Promise<StoryListing[]>;
  /** The comparison of a stored story (one id or unique prefix), or of two or more inputs read without storing, as `parallax compare`. */
  compare(refs: string | string[], options?: ReadOptions & { onSkip?: (reason: string) => void }): Promise<ComparisonDetail>;
  /** Groups the articles of some inputs into stories without storing anything, as `parallax cluster`. */
  cluster(inputs: string[], options?: ReadOptions): Promise<{ articles: ClusteredArticle[]; skipped: Skipped[] }>;
  /** Clean text and metadata of inputs, nothing stored, as `parallax extract`. */
  extract(inputs: string[], options?: ReadOptions & { outlet?: string }): Promise<{ articles: ExtractedArticle[]; skipped: Skipped[] }>;
  /** Entities, numbers, dates, quotes, signals and scores of inputs or stored article ids, as `parallax analyze`. */
  analyze(refs: string[], options?: ReadOptions): Promise<{ analyses: ArticleAnalysis[]; skipped: Skipped[] }>;
  /** Closes the store, if it was opened. */
  close(): Promise<void>;
}

/** A ref that `compare` and `analyze` read as an input rather than as a stored id (the CLI's rule). */
const isInput = (ref: string) => ref === '-' || /^https?:\/\//.test(ref) || existsSync(ref) || /[*?[]/.test(ref);

const readOptions = (options: ReadOptions = {}): IngestOptions => ({
  allowPrivate: options.allowPrivate,
  respectRobots: options.respectRobots,
  maxBytes: options.maxBytes,
  onWarning: options.onWarning,
});

/**
 * Parallax over one store. Nothing is opened until a method needs the store: `ingest` creates it
 * when it does not exist; every other method, like the CLI, refuses a SQLite path with no file.
 */
export function createParallax(options: ParallaxOptions = {}): Parallax {
  const db = options.db ?? DEFAULT_DB;
  let opened: Promise<Store> | null = null;

  const store = (create = false): Promise<Store> => {
    if (!opened) {
      if (!create && db !== ':memory:' && !/^postgres(ql)?:\/\//i.test(db) && !existsSync(db)) {
        return Promise.reject(new ParallaxError('not-found', `no store at "${db}"; create one with ingest(inputs) first, or pass the path of an existing store as { db }`));
      }
      opened = openStore(db);
      opened.catch(() => (opened = null));
    }
    return opened;
  };

  async function read(inputs: string[], options: IngestOptions): Promise<{ drafts: ArticleDraft[]; skipped: Skipped[] }> {
    const drafts: ArticleDraft[] = [];
    const skipped: Skipped[] = [];
    for await (const item of readInputs(inputs, options)) {
      if ('error' in item) skipped.push({ input: item.input, reason: item.error.message });
      else drafts.push(item.draft);
    }
    return { drafts, skipped };
  }

  return {
    db,

    async ingest(inputs, options = {}) {
      const s = await store(true);
      const outlets = typeof options.outlets === 'string' ? await loadOutletsFile(options.outlets) : (options.outlets ?? []);
      for (const outlet of outlets) await s.upsertOutlet(outlet);
      return ingestIntoStore(s, inputs, {
        ...readOptions(options),
        outlet: options.outlet,
        threads: options.threads,
        onProgress: options.onProgress,
        stories: options.stories !== false,
      });
    },

    async stories(options = {}) {
      const s = await store();
      const query: StoryQuery = { text: options.search, outlet: options.outlet, group: options.group, limit: options.limit ?? 50 };
      const listings: StoryListing[] = [];
      for (const story of await s.listStories(query)) {
        const articles = await s.getArticles(story.articleIds);
        const copies = new Set((await s.getReuse(story.id)).filter((r) => r.copy).map((r) => r.to));
        const outlets = new Set(articles.filter((a) => !copies.has(a.id)).map((a) => a.outlet ?? a.input));
        listings.push({ ...story, outlets: [...outlets], articles: articles.length, copies: copies.size });
      }
      return listings;
    },

    async compare(refs, options = {}) {
      const list = typeof refs === 'string' ? [refs] : refs;
      if (list.length === 1 && !isInput(list[0]!)) return compareStory(await store(), list[0]!);
      return compareInputs(list, readOptions(options), options.onSkip);
    },

    async cluster(inputs, options = {}) {
      const skipped: Skipped[] = [];
      const articles = await clusterStream(readInputs(inputs, readOptions(options)), (item) => skipped.push({ input: item.input, reason: item.error.message }));
      return { articles, skipped };
    },

    async extract(inputs, options = {}) {
      const { drafts, skipped } = await read(inputs, { ...readOptions(options), outlet: options.outlet });
      const articles = drafts.map(extractedArticle);
      return { articles, skipped };
    },

    async analyze(refs, options = {}) {
      const { drafts, skipped } = await read(refs.filter(isInput), readOptions(options));
      const analyses = drafts.map((d) => analyzeArticle({ ...d, id: d.externalId ?? null } as never));
      const ids = refs.filter((r) => !isInput(r));
      if (ids.length) {
        const s = await store();
        const articles: Article[] = [];
        for (const id of ids) {
          const article = await s.getArticle(id);
          if (article) articles.push(article);
          else skipped.push({ input: id, reason: `"${id}" is neither a readable path nor a stored article id` });
        }
        const results = await analyzeStored(s, articles);
        for (const a of articles) analyses.push({ ...results.get(a.id)!, input: a.id, id: a.externalId ?? a.id });
      }
      if (!analyses.length) throw new ParallaxError('bad-input', 'analyze: nothing could be analysed; check the paths or ids given');
      return { analyses, skipped };
    },

    async close() {
      const s = opened;
      opened = null;
      if (s) await (await s).close();
    },
  };
}
