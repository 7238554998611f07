import { compareArticles, type CompareItem, type CompareOptions } from '../compare/index.ts';
import type { ComparisonDetail } from '../core/analysis.ts';
import { ParallaxError } from '../core/errors.ts';
import type { Outlet } from '../core/types.ts';
import { readInputs, type IngestOptions } from '../ingest/index.ts';
import { findReuse } from '../cluster/index.ts';
import { buildBrief } from '../report/index.ts';
import type { ReuseLink, Store } from '../core/store.ts';
import { analyzeArticle, analyzeStored, type AnalyzeStoredOptions } from './analyze.ts';
import { outletMatcher, outletOfDraft } from './outlets.ts';

export interface CompareInputsOptions extends IngestOptions, Pick<CompareOptions, 'explain'> {
  /** An outlets list (as in an outlets file): sources are named by it, as ingest would name them. */
  outlets?: Outlet[];
  /** The outlet of particular inputs, by the input as given ("a.txt" → "Harbour Gazette"); wins over everything. */
  outletOf?: Map<string, string>;
}

export type { ComparisonDetail } from '../core/analysis.ts';

/** Compare articles already read (text + metadata); analyses are computed here. */
export function compareTexts(items: Omit<CompareItem, 'analysis'>[], options: CompareOptions = {}): ComparisonDetail {
  const withAnalysis = items.map((item) => ({
    ...item,
    analysis: analyzeArticle({ text: item.text, title: item.title, published: item.published, input: item.input, externalId: null, id: item.id }),
  }));
  return finish(withAnalysis, compareArticles(withAnalysis, options));
}

/**
 * The comparison, then what other stages find in the same articles: which copies which (cluster
 * stage, by the sources' labels) and the brief (report stage), which reads the rest. A stored
 * story's copy links were found when it was last saved (pipeline/stories.ts) and are read, not
 * found again; articles read from files have them found here.
 */
function finish(items: CompareItem[], detail: ComparisonDetail, stored?: ReuseLink[]): ComparisonDetail {
  if (stored) {
    const label = new Map(items.map((item, i) => [item.id, detail.sources[i]!.id]));
    detail.reuse = stored.filter((r) => label.has(r.from) && label.has(r.to)).map(({ from, to, share }) => ({ from: label.get(from)!, to: label.get(to)!, share }));
  } else {
    detail.reuse = findReuse(items.map((item, i) => ({ id: detail.sources[i]!.id, text: item.text, published: item.published, ingestedAt: item.ingestedAt ?? null, wire: item.wire ?? null }))).map(
      ({ from, to, share }) => ({ from, to, share }),
    );
  }
  detail.brief = buildBrief(detail);
  return detail;
}

/** Compare the articles of files, folders or URLs without storing them. */
export async function compareInputs(inputs: string[], options: CompareInputsOptions = {}, onSkip?: (message: string) => void): Promise<ComparisonDetail> {
  const items: Omit<CompareItem, 'analysis'>[] = [];
  const match = outletMatcher(options.outlets ?? []);
  for await (const item of readInputs(inputs, options)) {
    if ('error' in item) {
      onSkip?.(item.error.message);
      continue;
    }
    const d = item.draft;
    // A record of a JSONL file is "pile.jsonl:3"; --outlet names the file it came from.
    const outlet = options.outletOf?.get(d.input) ?? options.outletOf?.get(d.input.replace(/:\d+$/, '')) ?? outletOfDraft(d, match);
    items.push({ id: d.externalId ?? d.input, input: d.input, outlet, title: d.title, published: d.published, wire: d.wire, text: d.text });
  }
  if (items.length < 2) {
    throw new ParallaxError('bad-input', `compare: need at least two articles to compare, could read ${items.length}; give more files or a story id`);
  }
  return compareTexts(items, { explain: options.explain });
}

/** Compare the articles of a stored story, using cached analyses (`analysis`: how the missing ones are made). */
export async function compareStory(store: Store, storyRef: string, analysis: AnalyzeStoredOptions = {}, options: CompareOptions = {}): Promise<ComparisonDetail> {
  const story = await store.getStory(storyRef);
  if (!story) throw new ParallaxError('not-found', `compare: no story "${storyRef}"; list them with: parallax stories`);
  const articles = await store.getArticles(story.articleIds);
  const analyses = await analyzeStored(store, articles, analysis);
  const stored = await store.getReuse(story.id);
  const items: CompareItem[] = articles.map((a) => ({
    id: a.id,
    input: a.input,
    outlet: a.outlet,
    title: a.title,
    published: a.published,
    ingestedAt: a.ingestedAt,
    wire: a.wire,
    text: a.text,
    analysis: analyses.get(a.id)!,
  }));
  return finish(items, compareArticles(items, options), stored);
}
