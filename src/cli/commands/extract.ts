import type { Command } from 'commander';
import { readInputs } from '../../ingest/index.ts';
import { extractedArticle } from '../../pipeline/oneoff.ts';
import { safeForTerminal } from '../../core/chars.ts';
import type { ArticleDraft, ExtractSource } from '../../core/types.ts';
import { endOfInputs, warn } from '../common.ts';
import { Results, addStreamOptions, type StreamFlags } from '../output.ts';

/** Untrusted text of many lines, each made safe to print (see safeForTerminal). */
const safeLines = (text: string) => text.split('\n').map((l) => safeForTerminal(l)).join('\n');

const WHAT: Record<ExtractSource, string> = {
  readability: "Readability's choice of container, after pruning",
  'body-container': "the page's article-body container, after pruning",
  'json-ld': "the page's JSON-LD articleBody",
};

/** What --explain prints before a page's text: the winning candidate, the rule and the features that decided. */
export function explainLines(d: ArticleDraft): string[] {
  const x = d.extraction;
  if (!x) return [`text from: the ${d.format} input as given`];
  const name = (s: ExtractSource) => x.candidates.find((c) => c.source === s)?.what ?? s;
  const out = [`text from: ${WHAT[x.source]}${x.source === 'body-container' ? ` (${name(x.source)})` : ''}`, `  rule ${x.rule}: ${x.because}`];
  if (x.candidates.length) {
    out.push('candidates:');
    const width = Math.max(...x.candidates.map((c) => c.what.length));
    for (const c of x.candidates) out.push(`  ${c.source === x.source ? '*' : ' '} ${c.what.padEnd(width)}  ${String(c.words).padStart(6)} words  link density ${c.linkDensity.toFixed(2)}`);
  }
  if (x.overlaps.length) {
    out.push("overlap (share of one candidate's words found in another's):");
    for (const o of x.overlaps) out.push(`    ${name(o.of)} in ${name(o.in)}: ${(o.share * 100).toFixed(1)} %`);
  }
  return out;
}

interface ExtractFlags extends StreamFlags {
  outlet?: string;
  allowPrivate?: boolean;
  robots: boolean;
  explain?: boolean;
}

export function registerExtract(program: Command): void {
  const command = program
    .command('extract')
    .description('extract clean text and metadata from pages, files or URLs without storing anything')
    .argument('<inputs...>', 'HTML/text files, feeds, records, URLs, or "-" for standard input');
  addStreamOptions(command, 'an array of {input, title, byline, published, outlet, url, language, text, removed}, or {input, error}');
  command
    .option('--outlet <name>', 'outlet name to report')
    .option('--allow-private', 'allow fetching from loopback and private network addresses')
    .option('--no-robots', 'do not ask robots.txt before fetching')
    .option('--explain', "say for each page which candidate its text was taken from (Readability's choice of container, the page's article-body container, its JSON-LD articleBody), the rule and measured features that chose it (words, link density, the share of one candidate's words found in another), and what was removed, with the reason (with --json: an \"extraction\" field)")
    .addHelpText('after', `
Examples:
  $ parallax extract page.html --json
  $ parallax extract pages/*.html --format jsonl -o pages.jsonl
  $ parallax extract https://example.org/story`)
    .action(async (inputs: string[], flags: ExtractFlags) => {
      const results = new Results(flags);
      let ok = 0;
      let skipped = 0;
      for await (const item of readInputs(inputs, {
        outlet: flags.outlet,
        allowPrivate: flags.allowPrivate,
        respectRobots: flags.robots,
        onWarning: (w) => warn(safeForTerminal(`warning: ${w.input}: ${w.message}`)),
      })) {
        if ('error' in item) {
          skipped++;
          if (results.machine) results.item({ input: item.input, error: item.error.message });
          else warn(safeForTerminal(`skipped: ${item.error.message}`));
          continue;
        }
        ok++;
        const d = item.draft;
        if (results.machine) {
          results.item(flags.explain && d.extraction ? { ...extractedArticle(d), extraction: d.extraction } : extractedArticle(d));
        } else {
          results.text(safeForTerminal(`# ${d.title ?? '(no title)'}`));
          results.text(safeForTerminal(`outlet: ${d.outlet ?? '—'} | published: ${d.published ?? '—'} | byline: ${d.byline ?? '—'} | language: ${d.language ?? '—'}`));
          results.text();
          if (flags.explain) {
            for (const line of explainLines(d)) results.text(safeForTerminal(line));
            results.text();
          }
          results.text(safeLines(d.text));
          if (d.removed.length) {
            results.text('\nRemoved:');
            for (const r of d.removed) results.text(safeForTerminal(`  [${r.reason}] ${r.text.slice(0, 140)}`));
          }
          results.text();
        }
      }
      results.close();
      endOfInputs({ done: ok, skipped }, results.machine ? `their reasons are the "error" fields in ${flags.output ?? 'the output'}` : 'their reasons are listed above');
    });
}
