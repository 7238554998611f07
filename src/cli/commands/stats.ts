import type { Command } from 'commander';
import { ANALYZER_VERSION } from '../../analyze/index.ts';
import { addDbOption, print, printJson, table, withStore, type DbOptions } from '../common.ts';

export function registerStats(program: Command): void {
  const command = program
    .command('stats')
    .description('counts: articles, stories, outlets, and articles waiting for a story or an analysis')
    .option('--json', 'print the counts as JSON');
  addDbOption(command);
  command.addHelpText(
    'after',
    `
"waiting for a story" counts articles stored but not yet placed (an interrupted or --no-stories
ingest); "waiting for analysis" counts articles with no analysis by the current analyzer version
(analysis otherwise runs when an article is first compared). "parallax repair" finishes both.

Examples:
  $ parallax stats
  $ parallax stats --json --db postgres://parallax@db/parallax`,
  );
  command.action(async (flags: DbOptions & { json?: boolean }) => {
    await withStore(flags, async (store) => {
      const counts = await store.counts(ANALYZER_VERSION);
      if (flags.json) {
        printJson({ ...counts, analyzerVersion: ANALYZER_VERSION });
        return;
      }
      print(
        table(
          ['', 'count'],
          [
            ['articles', counts.articles],
            ['stories', counts.stories],
            ['outlets', counts.outlets],
            ['waiting for a story', counts.pendingPlacement],
            [`waiting for analysis (analyzer ${ANALYZER_VERSION})`, counts.pendingAnalysis],
          ],
        ),
      );
      print(`store: ${store.description}`);
      if (counts.pendingPlacement || counts.pendingAnalysis) print('finish what is waiting with: parallax repair');
    });
  });
}
