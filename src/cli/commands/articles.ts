import type { Command } from 'commander';
import { addDbOption, describeFilters, print, printJsonLine, table, warn, wholeNumber, withStore, type DbOptions } from '../common.ts';

interface ArticlesFlags extends DbOptions {
  outlet?: string;
  since?: string;
  until?: string;
  search?: string;
  limit: number;
  offset: number;
  json?: boolean;
}

export function registerArticles(program: Command): void {
  const command = program
    .command('articles')
    .description('list stored articles, newest first: id, outlet, published, title, words')
    .option('--outlet <name>', 'only this outlet')
    .option('--since <date>', 'published on or after this date (YYYY-MM-DD)')
    .option('--until <date>', 'published on or before this date (YYYY-MM-DD)')
    .option('--search <words>', 'only articles whose title or text contain all these words')
    .option('--limit <n>', 'how many to show', wholeNumber(1), 50)
    .option('--offset <n>', 'skip this many first', wholeNumber(0), 0)
    .option('--json', 'one JSON object per article (without the text)');
  addDbOption(command);
  command.addHelpText('after', `
Examples:
  $ parallax articles
  $ parallax articles --outlet "Harbour Gazette" --since 2025-03-01
  $ parallax articles --search "crane collapse" --json`);
  command.action(async (flags: ArticlesFlags) => {
    await withStore(flags, async (store) => {
      const query = { outlet: flags.outlet, since: flags.since, until: flags.until, text: flags.search };
      const [articles, total] = await Promise.all([
        store.listArticles({ ...query, limit: flags.limit, offset: flags.offset }),
        store.countArticles(query),
      ]);
      if (!articles.length) {
        // Standard error under --json, so a script still reads an empty list on standard output.
        const say = flags.json ? warn : print;
        if (total) say(`No articles past --offset ${flags.offset}: ${total} match`);
        else if (!(await store.countArticles())) say(`The store is empty (${store.description}): add articles with: parallax ingest <files or URLs>`);
        else say(`No articles match ${describeFilters({ outlet: flags.outlet, since: flags.since, until: flags.until, search: flags.search })}`);
        return;
      }
      if (flags.json) {
        for (const a of articles) {
          const { text: _text, removed: _removed, ...rest } = a;
          printJsonLine(rest);
        }
        return;
      }
      print(
        table(
          ['ID', 'OUTLET', 'PUBLISHED', 'WORDS', 'TITLE'],
          articles.map((a) => [a.id, a.outlet, a.published?.slice(0, 10) ?? null, a.wordCount, a.title ?? a.input]),
          [12, 24, 10, 6, 70],
        ),
      );
      if (total > articles.length) print(`\n${articles.length} of ${total} shown; use --limit and --offset for more`);
    });
  });
}
