/**
 * What the HTTP API answers, as types: the server builds its answers to them and the web app
 * (web/src) reads them, so neither restates the other's shapes.
 */
import type { ArticleAnalysis, ComparisonDetail, Fact, QuoteLedgerEntry, WordChange } from './analysis.ts';
import type { Article, Outlet } from './types.ts';

/** One summary line of a story for lists: coverage by the user's own outlet groups. */
export interface StorySummary {
  id: string;
  title: string;
  /** Earliest and latest publication date of its articles (null when none gives one: never the ingest time). */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Articles that give no publication date. */
  undated: number;
  articles: number;
  copies: number;
  outlets: string[];
  /** dimension → label → number of outlets (copies collapsed); every label of the dimension, in sorted order. */
  coverage: Record<string, Record<string, number>>;
  /** dimension → number of the story's outlets with no label in it. */
  unlabelled: Record<string, number>;
  /**
   * At most one per dimension: the labels (never "none") that cover the story with at most one
   * outlet while another covers it with three or more; `label` is the first of `labels`.
   */
  blindspots: { dimension: string; label: string; labels: string[] }[];
  /**
   * What the story's comparison found, from the last time it was compared (its page opened) since
   * it last changed; null when it has not been compared since. `omissions`: facts an outlet is
   * said to leave out, summed over outlets; `conflicts`: figures outlets give inconsistently.
   */
  disagreement: { omissions: number; conflicts: number; sharedFacts: number } | null;
}

/** An article in lists and beside a story: everything stored but its text and what cleaning removed. */
export type ArticleMeta = Omit<Article, 'text' | 'removed'>;

/** A quote as the story page shows it: each wording word by word against the first (null for the first). */
export type PageQuote = Omit<QuoteLedgerEntry, 'variants'> & { variants: (QuoteLedgerEntry['variants'][number] & { diff: WordChange[] | null })[] };

/** A story's comparison, whole (`GET /api/stories/:id`): facts without each link's per-measure breakdown. */
export type StoryComparison = Omit<ComparisonDetail, 'facts' | 'quotes'> & {
  facts: (Omit<Fact, 'links'> & { links?: Omit<NonNullable<Fact['links']>[number], 'measures'>[] })[];
  quotes: PageQuote[];
};

/**
 * What the story page reads (`GET /api/stories/:id?view=page`): the comparison without what the
 * page never shows (see server/pages.ts).
 */
export type StoryPageComparison = Omit<StoryComparison, 'conflicts' | 'entities' | 'unique' | 'facts'> & { facts: Omit<Fact, 'links'>[] };

/** `GET /api/stories/:id` (`comparison` is a StoryPageComparison with `?view=page`). */
export interface StoryResponse<C = StoryComparison> {
  story: StorySummary;
  articles: ArticleMeta[];
  comparison: C;
}

/** `GET /api/articles/:id`. */
export interface ArticleResponse {
  article: Article;
  story: string | null;
  analysis: ArticleAnalysis;
}

/** `GET /api/outlets`: the outlets list, and the names only articles carry (no sites, no labels), by name. */
/** An outlet as `GET /api/outlets` lists it: its entry (empty when only articles carry the name) and how many articles carry its name. */
export interface OutletSummary extends Outlet {
  articles: number;
}

/** `GET /api/outlets`: every outlet of the outlets list and every name an article carries, by name. */
export interface OutletsResponse {
  outlets: OutletSummary[];
}

/** `POST /api/outlets/:name/rename`: the outlet under its new name (null when only articles carried the old one) and how many articles moved. */
export interface OutletRenameResponse {
  from: string;
  to: string;
  outlet: Outlet | null;
  moved: number;
}
