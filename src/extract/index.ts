/**
 * The extract stage: an article's text and metadata out of an HTML page or a plain-text file.
 * Plain-text cleaning is here; the HTML extractor (Readability and linkedom, heavy to load) is its
 * own entry, src/extract/html/index.ts, loaded on demand; its types are here.
 */
export { cleanText, datelineDate, normalise, type CleanTextOptions, type CleanTextResult } from './text/index.ts';
export type { ExtractRule, ExtractTuning, HtmlExtractOptions, HtmlExtractResult } from './html/index.ts';
export type { HtmlExtractTask } from './html/task.ts';
