/** The only way the UI talks to Parallax: the HTTP API. Errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => null)) as (T & { error?: { code: string; message: string }; results?: { reason?: string | null }[] }) | null;
  if (!res.ok || !body) {
    // The server's own words: its error, else the reasons it gave for what it refused (an ingest that stored nothing).
    const reasons = (body?.results ?? []).flatMap((r) => (r.reason ? [r.reason] : []));
    throw new ApiError(body?.error?.code ?? 'http', body?.error?.message ?? (reasons.length ? reasons.join('; ') : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`));
  }
  return body;
}

// The server's own shape of a story in lists (a type only: nothing of the server is bundled).
import type { StorySummary } from '../../src/server/app.ts';
export type { StorySummary };

export interface Scores {
  loadedPer1k: number;
  hedgesPer1k: number;
  opinionShare: number;
  attributedShare: number;
  words: number;
}

export interface Comparison {
  sources: { id: string; input: string; outlet: string | null; title: string | null; published: string | null; scores: Scores }[];
  facts: { id: string; text: string; sources: string[]; detailOf?: string; detailWords?: string[]; support: { source: string; text: string; start?: number }[] }[];
  numbers: { about: string; consistent: boolean; note?: string; values: { source: string; text: string; sentence?: string }[] }[];
  quotes: { speaker: string | null; text: string; sources: string[]; flags?: string[]; variants: { source: string; text: string; diff: { text: string; op: string }[] | null }[] }[];
  omissions: { source: string; facts: string[]; evidence?: { fact: string; leaves: 'fact' | 'detail'; closest: string | null; score: number; speaker?: string }[] }[];
  consensus: string[];
  unique: string[];
  reuse: { from: string; to: string; share: number }[];
  brief: { text: string; sources: string[]; facts?: string[] }[];
  framing: { source: string; scores: Scores; voices: { speaker: string; role: string; quotes: number }[]; labels: { text: string; count: number }[]; loaded: string[] }[];
}

export interface StoryResponse {
  story: StorySummary;
  articles: { id: string; outlet: string | null; title: string | null; published: string | null; input: string; url: string | null }[];
  comparison: Comparison;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface ArticleResponse {
  article: { id: string; title: string | null; outlet: string | null; published: string | null; byline: string | null; url: string | null; text: string; removed: { text: string; reason: string }[] };
  story: string | null;
  analysis: {
    entities: { name: string; type: string; mentions: Span[] }[];
    quantities: (Span & { about: string | null })[];
    quotes: (Span & { speaker: string | null })[];
    signals: (Span & { category: string })[];
    scores: Scores;
  };
}
