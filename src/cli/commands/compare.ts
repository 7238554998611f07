import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { compareInputs, compareStory, type ComparisonDetail } from '../../pipeline/compare.ts';
import { loadOutletsFile } from '../../pipeline/ingest.ts';
import { CSV_TABLES, renderCsv, type CsvTable, renderHtml, renderMarkdown, renderTerminal, toJson } from '../../report/index.ts';
import { safeForTerminal } from '../../core/chars.ts';
import { addDbOption, warn, withStore, type DbOptions } from '../common.ts';
import { Output, colourFor } from '../output.ts';

interface CompareFlags extends DbOptions {
  format: (typeof COMPARE_FORMATS)[number];
  table?: CsvTable;
  json?: boolean;
  output?: string;
  outlets?: string;
  outlet?: [string, string][];
  allowPrivate?: boolean;
  explain?: boolean;
}

/** "a.txt=Harbour Gazette" → ["a.txt", "Harbour Gazette"]. */
function inputOutlet(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.lastIndexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError('Expected input=outlet, e.g. a.txt="Harbour Gazette".');
  return [...previous, [value.slice(0, at), value.slice(at + 1).trim()]];
}

/** `md` and `markdown` are one format. */
const COMPARE_FORMATS = ['terminal', 'md', 'markdown', 'html', 'json', 'csv'] as const;

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description('what each outlet reports, leaves out, counts and quotes differently — with a cited neutral brief')
    .argument('<refs...>', 'two or more files/URLs, "-" for articles on standard input, or one stored story id')
    .addOption(new Option('--format <format>', 'output format (md and markdown are the same)').choices(COMPARE_FORMATS).default('terminal'))
    .addOption(new Option('--table <table>', 'with --format csv, which table: facts (the outlet × fact matrix), numbers or quotes; default facts').choices(CSV_TABLES))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--outlets <file>', 'name the sources of files and URLs by an outlets file (domains, site names, file names), as ingest does')
    .option('--outlet <input=name>', 'the outlet of one input, e.g. a.txt="Harbour Gazette" (repeatable)', inputOutlet)
    .option('--allow-private', 'allow fetching from loopback and private network addresses')
    .option('--explain', 'show why each fact\'s sentences were linked (shared words and their weights, names, figures, verbatim runs, different words matched by meaning); JSON always has it under facts[].links');
  addDbOption(command);
  command.addHelpText('after', `
Sources are named by their outlet when the input says it (a site name, an outlet field, a known
domain), else by their file name. A stored story's articles keep the outlets they were stored under.

Examples:
  $ parallax compare examples/eastport-flood/harbour-gazette.txt examples/eastport-flood/coast-daily.html --outlets examples/outlets.yaml
  $ parallax compare a.txt b.txt --outlet a.txt="Harbour Gazette" --outlet b.txt="Coast Daily"
  $ parallax compare s4c078f07597 --explain                          (why each fact's sentences are one fact)
  $ parallax compare s4c078f07597 --format md -o report.md
  $ parallax compare s4c078f07597 --format html -o report.html      (one self-contained file)
  $ parallax compare s4c078f07597 --format csv -o facts.csv          (one row per fact, one column per outlet)
  $ parallax compare s4c078f07597 --format csv --table numbers       (or quotes)
  $ cat reports.jsonl | parallax compare -                       (one article per line)`);
  command.action(async (refs: string[], flags: CompareFlags) => {
    const format = flags.json ? 'json' : flags.format;
    if (flags.table && format !== 'csv') {
      command.error(`error: --table chooses the table of --format csv (${CSV_TABLES.join(', ')}); drop it or add --format csv`, { exitCode: 2 });
    }
    // Why each fact's sentences link is worked out only where it is shown: JSON and --explain.
    const explain = format === 'json' || !!flags.explain;
    let result: ComparisonDetail;
    // A stored story's title heads the Markdown report.
    let title: string | undefined;
    if (refs.length === 1 && refs[0] !== '-' && !existsSync(refs[0]!) && !/^https?:/.test(refs[0]!)) {
      if (flags.outlets || flags.outlet) {
        command.error('error: --outlets and --outlet name the sources of files and URLs; a stored story\'s sources are its articles\' outlets (change them with "parallax outlets apply" or "parallax outlets rename")', { exitCode: 2 });
      }
      result = await withStore(flags, async (store) => {
        title = (await store.getStory(refs[0]!))?.title;
        return compareStory(store, refs[0]!, {}, { explain });
      });
    } else {
      for (const [input] of flags.outlet ?? []) {
        if (!refs.includes(input)) command.error(`error: --outlet names "${input}", which is not one of the inputs (${refs.join(', ')})`, { exitCode: 2 });
      }
      result = await compareInputs(
        refs,
        { allowPrivate: flags.allowPrivate, outlets: flags.outlets ? await loadOutletsFile(flags.outlets) : undefined, outletOf: new Map(flags.outlet ?? []), explain },
        (m) => warn(safeForTerminal(`skipped: ${m}`)),
      );
    }
    const out = new Output({ output: flags.output });
    if (format === 'json') out.write(`${JSON.stringify(toJson(result), null, 2)}\n`);
    else if (format === 'md' || format === 'markdown') out.write(renderMarkdown(result, { title }));
    else if (format === 'csv') out.write(renderCsv(result, { table: flags.table }));
    else if (format === 'html') out.write(renderHtml(result));
    else out.write(renderTerminal(result, { width: out.width, explain: flags.explain, heading: colourFor(process.stdout, { output: flags.output }).bold }));
    out.close();
  });
}
