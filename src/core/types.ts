/**
 * Shared types every stage speaks. A stage's own internal types live in its folder;
 * only what crosses a stage boundary belongs here.
 */

/** One piece of text that cleaning took out, and why (shown by `parallax show`). */
export interface Removal {
  text: string;
  /** Short machine-friendly reason, e.g. "newsletter-promo", "comment-prompt", "credit-line", "social-embed-tail". */
  reason: string;
}

/** The input formats ingest understands. */
export type InputFormat =
  | 'text'
  | 'markdown'
  | 'html'
  | 'feed'
  | 'jsonl'
  | 'json'
  | 'csv'
  | 'warc'
  | 'url';

/**
 * A clean article as produced by ingest, before it is stored.
 * `text` is already cleaned: Unicode NFC, paragraphs separated by a blank line ("\n\n"),
 * boilerplate removed and listed in `removed`.
 */
export interface ArticleDraft {
  /** The path, URL or "-" exactly as the user gave it (for records inside a file: "file.jsonl:12"). */
  input: string;
  format: InputFormat;
  /** The record's own id (JSONL/CSV/JSON records), kept verbatim. */
  externalId: string | null;
  url: string | null;
  canonicalUrl: string | null;
  /** Outlet display name (site name, domain, record field or --outlet). */
  outlet: string | null;
  title: string | null;
  byline: string | null;
  /** ISO 8601 or null when unknown. */
  published: string | null;
  /** ISO 639-1 when known (franc gives ISO 639-3; convert). */
  language: string | null;
  /** Credit line such as "AP" from "(With AP Input)". */
  wire: string | null;
  text: string;
  removed: Removal[];
  /** For a web page: where its text was taken from (Readability's choice of container, the page's article-body container, or its JSON-LD articleBody). Not stored. */
  extractedBy?: ExtractSource;
  /** For a web page: the candidates its text was chosen from and the rule that chose (`extract --explain`). Not stored. */
  extraction?: ExtractionDecision;
}

/** Where a web page's text came from: Readability's container, the page's article-body container (`itemprop="articleBody"` or its one `<article>`), or JSON-LD articleBody. */
export type ExtractSource = 'readability' | 'body-container' | 'json-ld';

/** How extraction chose among a page's candidate texts: the measured features and the rule that decided. */
export interface ExtractionDecision {
  source: ExtractSource;
  /** The rule that decided (a name of src/extract/html's chooseCandidate rules). */
  rule: string;
  /** The deciding features in words, e.g. "JSON-LD articleBody has 1.80× the words of Readability's container (420 against 233; chosen above 1.3×)". */
  because: string;
  candidates: { source: ExtractSource; what: string; words: number; linkDensity: number }[];
  /** Share of one candidate's words (with repeats) that another holds, for each ordered pair. */
  overlaps: { of: ExtractSource; in: ExtractSource; share: number }[];
}

/** A stored article (latest revision unless asked otherwise). */
export interface Article extends ArticleDraft {
  /** Stable id: short hex derived from the first revision's content hash. */
  id: string;
  /** sha256 (hex) of the normalised text + title; the dedupe key. */
  contentHash: string;
  /** 1 for the first version; a changed text under the same URL adds a revision. */
  revision: number;
  /** ISO 8601 time the article (this revision) was stored. */
  ingestedAt: string;
  wordCount: number;
}

/** What happened when ingest tried to store one draft. */
export type PutStatus = 'new' | 'unchanged' | 'revised';

export interface PutResult {
  status: PutStatus;
  article: Article;
}

/** Outlet with the user's own grouping labels (lean, country, owner, wire…). No built-in ratings. */
export interface Outlet {
  name: string;
  domains: string[];
  /** Free-form labels by dimension, e.g. { lean: "left", country: "US" }. */
  groups: Record<string, string>;
}

/** A story: a set of articles about one real-world event. */
export interface Story {
  id: string;
  title: string;
  articleIds: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  updatedAt: string;
}

/** A manual correction a person made; later automatic assignment must respect it. */
export type StoryCorrection =
  | { kind: 'merge'; into: string; from: string; at: string }
  | { kind: 'split'; story: string; articleIds: string[]; newStory: string; at: string }
  | { kind: 'pin'; articleId: string; story: string; at: string };
