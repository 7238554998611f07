import type { ParallaxError } from './errors.ts';
import type { Article, ArticleDraft, Outlet, PutResult, Story, StoryCorrection } from './types.ts';

/** One draft's outcome in `putArticles`: what `putArticle` would have returned, or why it was not stored. */
export type PutOutcome = PutResult | { status: 'error'; error: ParallaxError };

export interface ArticleQuery {
  limit?: number;
  offset?: number;
  outlet?: string;
  /** ISO dates, inclusive. Articles without a published date use their ingest time. */
  since?: string;
  until?: string;
  /** Full-text query over title and text. */
  text?: string;
}

/** Orders of `listStories`: latest publication first, most outlets first, or most disagreement first. */
export const STORY_SORTS = ['latest', 'outlets', 'disagreement'] as const;
export type StorySort = (typeof STORY_SORTS)[number];

export interface StoryQuery {
  limit?: number;
  offset?: number;
  text?: string;
  outlet?: string;
  /** "dimension:label", e.g. "lean:left". */
  group?: string;
  since?: string;
  until?: string;
  /**
   * At least this many outlets. A story's outlets are counted as its summary counts them: an
   * article the reuse links mark as a copy does not count, and one without an outlet counts under
   * its input.
   */
  minOutlets?: number;
  /** "dimension" or "dimension:label": stories with a blindspot there (see `BLINDSPOT`); with a label, that side is the one missing. */
  blindspot?: string;
  /** Only stories whose current digest (see `StoryDigest`) counts a number conflict. */
  conflicts?: boolean;
  /**
   * "latest" (the default): latest publication date first (ingest time for undated articles).
   * "outlets": most outlets first, then latest. "disagreement": most omission claims and number
   * conflicts in the current digest first; stories never compared (no current digest) come last,
   * latest first.
   */
  sort?: StorySort;
  /** A digest counts (for `conflicts` and `sort: "disagreement"`) only when made by this analyzer version; any when absent. */
  analyzerVersion?: string;
}

/**
 * What a story's comparison found, kept so the story list can sort and filter by disagreement
 * without comparing every story (seconds each). Written whenever a comparison is made (the story
 * page); it counts only while the story is unchanged (`storyUpdatedAt`).
 */
export interface StoryDigest {
  storyId: string;
  /** The story's `updatedAt` the comparison was made for. */
  storyUpdatedAt: string;
  analyzerVersion: string;
  /** Facts reported by two or more outlets. */
  sharedFacts: number;
  /** Omission claims: facts an outlet is said to leave out, summed over outlets. */
  omissions: number;
  /** Figures two or more outlets give inconsistently. */
  conflicts: number;
  createdAt: string;
}

/**
 * When a story has a blindspot in a dimension of outlet labels: some side covers it with at most
 * `fewest` outlets while another covers it with `most` or more. Labels that say an outlet has no
 * side (`noSide`) are never the missing side.
 */
export const BLINDSPOT = { fewest: 1, most: 3, noSide: /^(none|n\/a|unlabell?ed|unknown|-)$/i } as const;

export interface StoredAnalysis<T = unknown> {
  articleId: string;
  contentHash: string;
  analyzerVersion: string;
  result: T;
  createdAt: string;
}

/** A near-duplicate / reuse link between two articles of a story. */
export interface ReuseLink {
  /** The earlier article (the original). */
  from: string;
  /** The later article (the copy or rewrite). */
  to: string;
  /** Share of `to`'s text found in `from`, 0..1. */
  share: number;
  /** True when `to` is a copy collapsed under `from` in counts. */
  copy: boolean;
}

/** What `parallax stats` shows: the store's size and the work still owed to it. */
export interface StoreCounts {
  articles: number;
  stories: number;
  outlets: number;
  /** Articles stored new or revised whose placement into a story has not committed yet. */
  pendingPlacement: number;
  /** Articles whose latest content has no analysis by the analyzer version asked about. */
  pendingAnalysis: number;
}

/** One line of `outletArticleCounts`. */
export interface OutletCount {
  outlet: string | null;
  articles: number;
}

/**
 * The one persistence interface. SQLite (embedded default) and PostgreSQL implement it and
 * both pass `runStoreContract` in `contract.ts`. Every method is async so backends are
 * interchangeable. Ids accept a unique prefix wherever a person may type them.
 */
export interface Store {
  /** Which backend this is, for messages ("sqlite:parallax.db", "postgres://host/db"). */
  readonly description: string;

  // -- articles ------------------------------------------------------------
  /**
   * Store a draft in its own transaction. Same content (hash) as an existing article → "unchanged".
   * Same URL (or same externalId from the same input) with different content → "revised": a new
   * revision of the same article id; older revisions are kept.
   */
  putArticle(draft: ArticleDraft): Promise<PutResult>;
  /**
   * Store many drafts in one transaction, in order, with the same rules as `putArticle` (a later
   * draft sees the earlier ones: a repeat in the batch is "unchanged"). Each draft gets its own
   * outcome; one that fails is rolled back alone and reported as an error, the others are stored.
   * One transaction instead of one per draft is what makes bulk ingest fast (SQLite pays its
   * commit and full-text index flush once per batch).
   */
  putArticles(drafts: ArticleDraft[]): Promise<PutOutcome[]>;
  /** Latest revision by id or unique id prefix; null when none. Throws `conflict` on an ambiguous prefix. */
  getArticle(idOrPrefix: string): Promise<Article | null>;
  /** Every revision of one article, oldest first. */
  getRevisions(id: string): Promise<Article[]>;
  listArticles(query?: ArticleQuery): Promise<Article[]>;
  countArticles(query?: ArticleQuery): Promise<number>;
  /** Articles by id (latest revisions), in the order asked; unknown ids are left out. */
  getArticles(ids: string[]): Promise<Article[]>;

  // -- work owed to stored articles -------------------------------------------
  // An article is not "stored" until it has a story: `putArticle(s)` marks every new or revised
  // article "to place" in the transaction that stores it, and only placement (`markPlaced`, in the
  // transaction that saves its story) clears the mark. A process killed in between leaves the mark,
  // and whoever runs next (an ingest, a worker, `parallax repair`) finds it here.
  /**
   * Ids of articles marked to place, in publication order (ingest time when unpublished), then id.
   * `among`: only these ids (still marked ones, in the same order).
   */
  pendingPlacement(options?: { limit?: number; among?: string[] }): Promise<string[]>;
  /** Clear the "to place" mark of these articles; unknown or unmarked ids are ignored. */
  markPlaced(articleIds: string[]): Promise<void>;
  /**
   * Ids of articles whose latest content has no stored analysis by `analyzerVersion`, in id order;
   * `after` continues from an id (so work that keeps failing on one article cannot loop).
   */
  pendingAnalysis(analyzerVersion: string, options?: { limit?: number; after?: string }): Promise<string[]>;
  /** Sizes and pending work in one call. */
  counts(analyzerVersion: string): Promise<StoreCounts>;

  // -- analyses (versioned, so a changed analyzer reruns only what changed) --
  putAnalysis(analysis: StoredAnalysis): Promise<void>;
  /** The stored analysis for this article's current content and this analyzer version, or null. */
  getAnalysis<T = unknown>(articleId: string, analyzerVersion: string): Promise<StoredAnalysis<T> | null>;

  // -- outlets -------------------------------------------------------------
  upsertOutlet(outlet: Outlet): Promise<void>;
  listOutlets(): Promise<Outlet[]>;
  getOutlet(name: string): Promise<Outlet | null>;
  /**
   * How many articles each outlet name is on (their latest revisions), most first, then by name;
   * names that appear only on articles are included, and `outlet: null` counts articles with none.
   */
  outletArticleCounts(): Promise<OutletCount[]>;
  /**
   * Set the outlet of each article (on every revision, so an older revision does not say otherwise);
   * unknown ids are ignored. Returns how many articles had a different outlet before.
   */
  setArticleOutlets(changes: { id: string; outlet: string | null }[]): Promise<number>;
  /**
   * Rename an outlet everywhere, in one transaction: its entry in the outlets list (merged into
   * `to`'s entry when there is one: domains joined, `to`'s labels winning) and every article under
   * it. Returns how many articles moved.
   */
  renameOutlet(from: string, to: string): Promise<number>;

  // -- stories -------------------------------------------------------------
  /** Create or replace a story's membership and title. Articles move out of any other story. */
  saveStory(story: { id: string; title: string; articleIds: string[] }): Promise<Story>;
  getStory(idOrPrefix: string): Promise<Story | null>;
  listStories(query?: StoryQuery): Promise<Story[]>;
  countStories(query?: StoryQuery): Promise<number>;
  /** The story an article belongs to, or null. */
  storyOfArticle(articleId: string): Promise<string | null>;
  deleteStory(id: string): Promise<void>;
  /** Replace the reuse links of one story. */
  saveReuse(storyId: string, links: ReuseLink[]): Promise<void>;
  getReuse(storyId: string): Promise<ReuseLink[]>;
  addCorrection(correction: StoryCorrection): Promise<void>;
  /** Keep what a story's comparison found (replacing its earlier digest). An unknown story id is ignored. */
  putStoryDigest(digest: StoryDigest): Promise<void>;
  /** The digests of these stories, current or not (compare `storyUpdatedAt` with the story's `updatedAt`). */
  getStoryDigests(storyIds: string[]): Promise<StoryDigest[]>;
  listCorrections(): Promise<StoryCorrection[]>;

  /**
   * Run `work` atomically: all writes inside commit together or not at all. Backends that support
   * it also take an exclusive lock so concurrent workers place related articles consistently.
   */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;

  close(): Promise<void>;
}
