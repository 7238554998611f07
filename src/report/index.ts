/** The report stage: a comparison as a brief, in the terminal, Markdown, HTML, JSON and CSV. */
export { buildBrief, type BriefOptions } from './brief.ts';
export { CSV_TABLES, renderCsv, writeCsv, type CsvOptions, type CsvTable } from './csv.ts';
export { escapeHtml, renderHtml, renderMarkdown, renderTerminal, toJson, type MarkdownOptions, type ReportComparison, type TerminalOptions } from './render.ts';
