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

// The API's answers as the server builds them (types only: nothing of the server is bundled).
import type { ArticleResponse, OutletRenameResponse, OutletsResponse, StoryPageComparison, StoryResponse as StoryAnswer, StorySummary } from '../../src/core/api.ts';
import type { ArticleScores } from '../../src/core/analysis.ts';
import type { Outlet } from '../../src/core/types.ts';

export type { ArticleResponse, Outlet, OutletRenameResponse, OutletsResponse, StorySummary };
export type Scores = ArticleScores;
/** The story page asks for the page view of a comparison (`?view=page`). */
export type Comparison = StoryPageComparison;
export type StoryResponse = StoryAnswer<Comparison>;
