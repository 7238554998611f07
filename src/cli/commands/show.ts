import type { Command } from 'commander';
import { safeForTerminal } from '../../core/chars.ts';
import { ParallaxError } from '../../core/errors.ts';
import { addDbOption, print, printJson, withStore, type DbOptions } from '../common.ts';

export function registerShow(program: Command): void {
  const command = program
    .command('show')
    .description('show one stored article: metadata, clean text, and what cleaning removed and why')
    .argument('<id>', 'article id (a unique prefix is enough)')
    .option('--json', 'the article as one JSON object, with its revisions');
  addDbOption(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ parallax show 3f9a1c          a unique prefix of the id is enough (ids from: parallax articles)
  $ parallax show 3f9a1c --json   the article with its revisions, for scripts`,
  );
  command.action(async (id: string, flags: DbOptions & { json?: boolean }) => {
    await withStore(flags, async (store) => {
      const article = await store.getArticle(id);
      if (!article) throw new ParallaxError('not-found', `show: no article with id "${id}"; list ids with: parallax articles`);
      const revisions = await store.getRevisions(article.id);
      const story = await store.storyOfArticle(article.id);
      if (flags.json) {
        printJson({ ...article, story, revisions: revisions.map((r) => ({ revision: r.revision, contentHash: r.contentHash, ingestedAt: r.ingestedAt })) });
        return;
      }
      // Everything below comes from the article: shown, never obeyed, by the terminal.
      const title = safeForTerminal(article.title ?? '(no title)');
      print(title);
      print('='.repeat(Math.min(80, title.length)));
      const meta: [string, string | number | null][] = [
        ['id', article.id],
        ['outlet', article.outlet],
        ['published', article.published],
        ['byline', article.byline],
        ['url', article.canonicalUrl ?? article.url],
        ['language', article.language],
        ['wire', article.wire],
        ['words', article.wordCount],
        ['input', `${article.input} (${article.format})`],
        ['story', story],
        ['revision', `${article.revision} of ${revisions.length}, stored ${article.ingestedAt}`],
      ];
      for (const [k, v] of meta) if (v !== null && v !== undefined) print(`${k.padEnd(10)} ${safeForTerminal(String(v))}`);
      print();
      print(article.text.split('\n').map((l) => safeForTerminal(l)).join('\n'));
      print();
      if (article.removed.length) {
        print(`Removed during cleaning (${article.removed.length}):`);
        for (const r of article.removed) print(safeForTerminal(`  [${r.reason}] ${r.text.length > 160 ? `${r.text.slice(0, 159)}…` : r.text}`));
      } else {
        print('Removed during cleaning: nothing.');
      }
    });
  });
}
