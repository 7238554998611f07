/**
 * Table shapes shared by the SQLite and PostgreSQL backends. JSON columns are stored as text in
 * both so the same queries serve both dialects.
 */
export interface ArticlesTable {
  id: string;
  latest_revision: number;
  created_at: string;
}

export interface RevisionsTable {
  article_id: string;
  revision: number;
  content_hash: string;
  input: string;
  format: string;
  external_id: string | null;
  url: string | null;
  canonical_url: string | null;
  outlet: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  language: string | null;
  wire: string | null;
  text: string;
  removed: string;
  word_count: number;
  ingested_at: string;
  /** published when known, else ingested_at: what date filters and ordering use. */
  sort_date: string;
}

export interface AnalysesTable {
  article_id: string;
  content_hash: string;
  analyzer_version: string;
  result: string;
  created_at: string;
}

export interface OutletsTable {
  name: string;
  domains: string;
  groups: string;
}

export interface StoriesTable {
  id: string;
  title: string;
  updated_at: string;
}

export interface StoryArticlesTable {
  article_id: string;
  story_id: string;
}

export interface ReuseTable {
  story_id: string;
  from_id: string;
  to_id: string;
  share: number;
  copy: number;
}

export interface CorrectionsTable {
  seq: number;
  at: string;
  body: string;
}

/** An article stored new or revised and not yet placed into a story (written in the same transaction as its revision). */
export interface PendingPlacementTable {
  article_id: string;
  marked_at: string;
}

/** What a story's comparison found (Store.putStoryDigest), for sorting and filtering lists. */
export interface StoryDigestsTable {
  story_id: string;
  story_updated_at: string;
  analyzer_version: string;
  shared_facts: number;
  omissions: number;
  conflicts: number;
  created_at: string;
}

export interface Database {
  articles: ArticlesTable;
  revisions: RevisionsTable;
  analyses: AnalysesTable;
  outlets: OutletsTable;
  stories: StoriesTable;
  story_articles: StoryArticlesTable;
  reuse: ReuseTable;
  corrections: CorrectionsTable;
  pending_placement: PendingPlacementTable;
  story_digests: StoryDigestsTable;
}
