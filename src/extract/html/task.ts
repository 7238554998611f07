/** extractHtml as a worker-thread task (see src/core/threads). */
import { extractHtml, type HtmlExtractResult } from './index.ts';

export interface HtmlExtractTask {
  html: string;
  url: string | null;
}

export function runTask({ html, url }: HtmlExtractTask): HtmlExtractResult | null {
  return extractHtml(html, { url });
}
