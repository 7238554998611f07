import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Removal } from '../../core/types.ts';

export interface HtmlExtractOptions {
  /** The page's URL, used to resolve links and as a date/outlet hint. */
  url?: string | null;
}

export interface HtmlExtractResult {
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  language: string | null;
  /** Clean body text, paragraphs separated by a blank line. */
  text: string;
  removed: Removal[];
}

/**
 * HTML page → article body and metadata.
 * First pass only (Readability over linkedom); the extraction issue refines this.
 */
export function extractHtml(html: string, options: HtmlExtractOptions = {}): HtmlExtractResult | null {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as Document).parse();
  if (!article || !article.textContent?.trim()) return null;
  const text = (article.textContent ?? '')
    .split(/\n\s*\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
  return {
    title: article.title ?? null,
    byline: article.byline ?? null,
    published: article.publishedTime ?? null,
    siteName: article.siteName ?? null,
    canonicalUrl: options.url ?? null,
    language: article.lang ?? null,
    text,
    removed: [],
  };
}
