import type { Command } from 'commander';
import { safeForTerminal } from '../../core/chars.ts';
import { ingestIntoStore, loadOutletsFile, type IngestResult } from '../../pipeline/ingest.ts';
import { addDbOption, createProgress, endOfInputs, warn, wholeNumber, withStore, type DbOptions } from '../common.ts';
import { Results, addStreamOptions, type StreamFlags } from '../output.ts';

interface IngestFlags extends DbOptions, StreamFlags {
  outlet?: string;
  outlets?: string;
  allowPrivate?: boolean;
  robots: boolean;
  maxBytes: number;
  threads?: number;
  quiet?: boolean;
  verbose?: boolean;
  stories: boolean;
}

export function registerIngest(program: Command): void {
  const command = program
    .command('ingest')
    .description('read articles from files, folders, globs, URLs, feeds, OPML, JSONL/CSV or WARC into the store')
    .argument('<inputs...>', 'paths, folders, globs, http(s) URLs, or "-" for standard input')
    .option('--outlet <name>', 'outlet name for every article read (overrides what the input says)')
    .option('--outlets <file>', 'YAML or JSON file naming outlets, their domains and your grouping labels')
    .option('--allow-private', 'allow fetching from loopback and private network addresses')
    .option('--no-robots', 'do not ask robots.txt before fetching (only where you have the right)')
    .option('--max-bytes <n>', 'largest file or download accepted, in bytes; in a JSONL file, read a line at a time, the largest line (one record), so the file may be any size', wholeNumber(1), 20 * 1024 * 1024)
    .option('--no-stories', 'store only; do not place new articles into stories')
    .option('--threads <n>', 'worker threads extracting HTML pages when a run has many (default: one per core; 1 = none)', wholeNumber(1))
    .option('-q, --quiet', 'no progress and no lines on standard output: only what was skipped, on standard error')
    .option('-v, --verbose', 'a line for every article, unchanged ones too');
  addStreamOptions(command, '{new, revised, unchanged, outletChanged, skipped, store, results: [{input, status, id, title, outlet, reason}]}; jsonl: one result per line');
  addDbOption(command);
  command.addHelpText(
    'after',
    `
Articles are committed in batches (up to 1,000, and at least once a second from slow inputs): an
article that cannot be stored is skipped with its reason without undoing the others, and a crash
keeps every batch committed before it. Content already stored is reported "unchanged"; the same
URL with new content is kept as a new revision; an unchanged article takes the outlet this run
gives it (a corrected --outlets file or --outlet). One line is printed per new, revised or
re-named article (--verbose: every article; --quiet: none). Bad inputs are skipped with a reason and the rest
goes on; the exit code is 3 when some inputs or records were skipped, 1 when nothing could be ingested.

Examples:
  $ parallax ingest examples/
  $ parallax ingest feeds.opml --outlets outlets.yaml
  $ parallax ingest dump.jsonl crawl.warc.gz 'pages/**/*.html'
  $ curl -s https://example.org/story | parallax ingest - --outlet "Example News"`,
  );
  command.action(async (inputs: string[], flags: IngestFlags) => {
    const results = new Results(flags);
    await withStore(flags, async (store) => {
      if (flags.outlets) {
        const outlets = await loadOutletsFile(flags.outlets);
        for (const outlet of outlets) await store.upsertOutlet(outlet);
        if (!results.machine && !flags.quiet) results.text(`outlets: ${outlets.length} named from ${flags.outlets}`);
      }
      const progress = createProgress({ quiet: results.machine || flags.quiet, noun: 'articles' });
      const summary = await ingestIntoStore(store, inputs, {
        outlet: flags.outlet,
        allowPrivate: flags.allowPrivate,
        respectRobots: flags.robots,
        maxBytes: flags.maxBytes,
        threads: flags.threads,
        onWarning: (w) => warn(safeForTerminal(`warning: ${w.input}: ${w.message}`)),
        onProgress: (p) => progress.tick(p.input),
        stories: flags.stories,
      });
      progress.stop();
      if (results.machine) {
        for (const r of summary.results) results.item(r);
        const { results: list, warnings: _warnings, relabelled: _relabelled, ...counts } = summary;
        results.close({ ...counts, store: store.description, results: list });
      } else {
        const relabelled = new Set(summary.relabelled);
        const show = (r: IngestResult) => !flags.quiet && r.status !== 'skipped' && (flags.verbose || r.status !== 'unchanged' || relabelled.has(r.id!));
        for (const r of summary.results) if (show(r)) results.text(line(r, relabelled.has(r.id!)));
        const skipped = summary.results.filter((r) => r.status === 'skipped');
        if (skipped.length) {
          warn(`\nskipped ${skipped.length}:`);
          for (const r of skipped) warn(`  ${safeForTerminal(r.reason ?? r.input)}`);
        }
        const ingested = summary.new + summary.revised;
        const renamed = summary.outletChanged ? ` (${summary.outletChanged} given a new outlet)` : '';
        if (!flags.quiet) {
          results.text(
            `\n${ingested} ingested (${summary.new} new, ${summary.revised} revised), ${summary.unchanged} unchanged${renamed}, ${summary.skipped} skipped — store: ${store.description}`,
          );
        }
        results.close();
      }
      endOfInputs(
        { done: summary.new + summary.revised + summary.unchanged, skipped: summary.skipped },
        results.machine ? `their reasons are the "skipped" results in ${flags.output ?? 'the output'}` : 'their reasons are listed above',
      );
    }, { create: true });
  });
}

function line(r: IngestResult, relabelled: boolean): string {
  const status = relabelled ? 'outlet' : r.status;
  return safeForTerminal(`${status.padEnd(9)} ${r.id ?? ''}  ${r.outlet ?? '—'}  ${r.title ?? r.input}`);
}
