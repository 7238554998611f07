import type { Command } from 'commander';
import { ANALYZER_VERSION } from '../../analyze/index.ts';
import { addDbOption, withStore, type DbOptions } from '../common.ts';
import { Output, addOutputOptions, type OutputFlags } from '../output.ts';

export function registerStats(program: Command): void {
  const command = program
    .command('stats')
    .description('counts: articles, stories, outlets, and articles waiting for a story or an analysis');
  addOutputOptions(command);
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
  command.action(async (flags: DbOptions & OutputFlags) => {
    await withStore(flags, async (store) => {
      const counts = await store.counts(ANALYZER_VERSION);
      const out = new Output(flags);
      // One object, not a list, in JSON: the counts are one record (jsonl gives it on one line).
      if (out.format === 'json' || out.format === 'jsonl') {
        const json = { ...counts, analyzerVersion: ANALYZER_VERSION };
        out.write(out.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : `${JSON.stringify(json)}\n`);
      } else {
        const rows: [string, number][] = [
          ['articles', counts.articles],
          ['stories', counts.stories],
          ['outlets', counts.outlets],
          ['waiting for a story', counts.pendingPlacement],
          [`waiting for analysis (analyzer ${ANALYZER_VERSION})`, counts.pendingAnalysis],
        ];
        out.rows(rows, [
          { header: 'WHAT', cell: (r) => r[0] },
          { header: 'COUNT', cell: (r) => r[1] },
        ]);
        out.note(`store: ${store.description}`);
        if (counts.pendingPlacement || counts.pendingAnalysis) out.note('finish what is waiting with: parallax repair');
      }
      out.close();
    });
  });
}
