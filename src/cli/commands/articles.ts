import type { Command } from 'commander';
import { addDbOption, describeFilters, wholeNumber, withStore, type DbOptions } from '../common.ts';
import { Output, addOutputOptions, type OutputFlags } from '../output.ts';

interface ArticlesFlags extends DbOptions, OutputFlags {
  outlet?: string;
  since?: string;
  until?: string;
  search?: string;
  limit: number;
  offset: number;
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
    .option('--offset <n>', 'skip this many first', wholeNumber(0), 0);
  addOutputOptions(command);
  addDbOption(command);
  command.addHelpText('after', `
Examples:
  $ parallax articles
  $ parallax articles --outlet "Harbour Gazette" --since 2025-03-01
  $ parallax articles --search "crane collapse" --json          (one JSON array; --format jsonl for one object per line)
  $ parallax articles --limit 10000 --format csv -o articles.csv

JSON, JSONL and CSV leave out the text (see: parallax show <id> --json).`);
  command.action(async (flags: ArticlesFlags) => {
    await withStore(flags, async (store) => {
      const query = { outlet: flags.outlet, since: flags.since, until: flags.until, text: flags.search };
      const [articles, total] = await Promise.all([
        store.listArticles({ ...query, limit: flags.limit, offset: flags.offset }),
        store.countArticles(query),
      ]);
      const out = new Output(flags);
      // An empty list is still a list: "[]" for JSON, a header for CSV. The reason goes beside it (see Output.note).
      if (articles.length || out.format !== 'table') {
        out.rows(
          articles,
          [
            { header: 'ID', cell: (a) => a.id },
            { header: 'OUTLET', cell: (a) => a.outlet },
            { header: 'PUBLISHED', cell: (a) => a.published?.slice(0, 10) },
            { header: 'WORDS', cell: (a) => a.wordCount },
            { header: 'TITLE', cell: (a) => a.title ?? a.input },
          ],
          ({ text: _text, removed: _removed, ...rest }) => rest,
        );
      }
      if (!articles.length) {
        if (total) out.note(`No articles past --offset ${flags.offset}: ${total} match`);
        else if (!(await store.countArticles())) out.note(`The store is empty (${store.description}): add articles with: parallax ingest <files or URLs>`);
        else out.note(`No articles match ${describeFilters({ outlet: flags.outlet, since: flags.since, until: flags.until, search: flags.search })}`);
      }
      out.cut(articles.length, total, flags.offset, '--limit and --offset to see more');
      out.close();
    });
  });
}
