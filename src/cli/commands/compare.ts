import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { compareInputs, compareStory, type ComparisonDetail } from '../../pipeline/compare.ts';
import { renderHtml, renderMarkdown, renderTerminal, toJson } from '../../report/render.ts';
import { addDbOption, printJson, warn, withStore, type DbOptions } from '../common.ts';

interface CompareFlags extends DbOptions {
  format: 'terminal' | 'md' | 'html' | 'json';
  json?: boolean;
  allowPrivate?: boolean;
}

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description('what each outlet reports, leaves out, counts and quotes differently — with a cited neutral brief')
    .argument('<refs...>', 'two or more files/URLs, "-" for articles on standard input, or one stored story id')
    .addOption(new Option('--format <format>', 'output format').choices(['terminal', 'md', 'html', 'json']).default('terminal'))
    .option('--json', 'same as --format json')
    .option('--allow-private', 'allow fetching from loopback and private network addresses');
  addDbOption(command);
  command.addHelpText('after', `
Examples:
  $ parallax compare ../shared/corpus/cecot/*.txt
  $ parallax compare s4c078f07597 --format md > report.md
  $ parallax compare s4c078f07597 --format html > report.html     (one self-contained file)
  $ cat reports.jsonl | parallax compare -                  (one article per line)`);
  command.action(async (refs: string[], flags: CompareFlags) => {
    const format = flags.json ? 'json' : flags.format;
    let result: ComparisonDetail;
    if (refs.length === 1 && refs[0] !== '-' && !existsSync(refs[0]!) && !/^https?:/.test(refs[0]!)) {
      result = await withStore(flags, (store) => compareStory(store, refs[0]!));
    } else {
      result = await compareInputs(refs, { allowPrivate: flags.allowPrivate }, (m) => warn(`skipped: ${m}`));
    }
    if (format === 'json') printJson(toJson(result));
    else process.stdout.write(format === 'md' ? renderMarkdown(result) : format === 'html' ? renderHtml(result) : renderTerminal(result));
  });
}
