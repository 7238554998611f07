import type { Command } from 'commander';
import { readInputs } from '../../ingest/index.ts';
import { print, printJsonLine, warn } from '../common.ts';

interface ExtractFlags {
  json?: boolean;
  outlet?: string;
  allowPrivate?: boolean;
  robots: boolean;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract clean text and metadata from pages, files or URLs without storing anything')
    .argument('<inputs...>', 'HTML/text files, feeds, records, URLs, or "-" for standard input')
    .option('--json', 'one JSON object per article: input, title, byline, published, outlet, url, language, text, removed')
    .option('--outlet <name>', 'outlet name to report')
    .option('--allow-private', 'allow fetching from loopback and private network addresses')
    .option('--no-robots', 'do not ask robots.txt before fetching')
    .addHelpText('after', `
Examples:
  $ parallax extract page.html --json
  $ parallax extract https://example.org/story`)
    .action(async (inputs: string[], flags: ExtractFlags) => {
      let ok = 0;
      for await (const item of readInputs(inputs, {
        outlet: flags.outlet,
        allowPrivate: flags.allowPrivate,
        respectRobots: flags.robots,
        onWarning: (w) => warn(`warning: ${w.input}: ${w.message}`),
      })) {
        if ('error' in item) {
          if (flags.json) printJsonLine({ input: item.input, error: item.error.message });
          else warn(`skipped: ${item.error.message}`);
          continue;
        }
        ok++;
        const d = item.draft;
        if (flags.json) {
          printJsonLine({
            input: d.input,
            title: d.title,
            byline: d.byline,
            published: d.published,
            outlet: d.outlet,
            url: d.canonicalUrl ?? d.url,
            language: d.language,
            text: d.text,
            removed: d.removed,
          });
        } else {
          print(`# ${d.title ?? '(no title)'}`);
          print(`outlet: ${d.outlet ?? '—'} | published: ${d.published ?? '—'} | byline: ${d.byline ?? '—'} | language: ${d.language ?? '—'}`);
          print();
          print(d.text);
          if (d.removed.length) {
            print('\nRemoved:');
            for (const r of d.removed) print(`  [${r.reason}] ${r.text.slice(0, 140)}`);
          }
          print();
        }
      }
      if (!ok) process.exitCode = 1;
    });
}
