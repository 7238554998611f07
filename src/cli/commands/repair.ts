import type { Command } from 'commander';
import { repairStore } from '../../pipeline/repair.ts';
import { addDbOption, print, printJson, warn, withStore, type DbOptions } from '../common.ts';

interface RepairFlags extends DbOptions {
  analyze: boolean;
  json?: boolean;
  quiet?: boolean;
}

export function registerRepair(program: Command): void {
  const command = program
    .command('repair')
    .description('finish the work an interrupted run left: place articles waiting for a story, analyse what has no analysis')
    .option('--no-analyze', 'only place articles into stories; leave analysis to when it is first needed')
    .option('--json', 'print { placed, analysed } as JSON')
    .option('-q, --quiet', 'no progress lines (on standard error) while it works');
  addDbOption(command);
  command.addHelpText(
    'after',
    `
Every stored article is marked "to place" in the commit that stores it, and the mark goes in the
commit that places it, so nothing a killed ingest, a "database is locked" or a dead worker left is
lost: every later ingest and worker finishes it too, and this command does it on demand. Placing
recomputes the reuse links of the stories the articles join. Safe to run at any time, as often as
you like (a second run finds nothing to do); "parallax stats" shows what is pending.

Examples:
  $ parallax repair
  $ parallax repair --no-analyze --db postgres://parallax@db/parallax
  $ parallax stats && parallax repair --json`,
  );
  command.action(async (flags: RepairFlags) => {
    await withStore(flags, async (store) => {
      const result = await repairStore(store, {
        analyze: flags.analyze,
        onProgress: flags.json || flags.quiet ? undefined : (step, n) => n > 0 && step === 'analysed' && n % 2000 === 0 && warn(`… ${n} analysed`),
      });
      if (flags.json) printJson(result);
      else print(`repair: ${result.placed} placed into stories, ${result.analysed} analysed — store: ${store.description}`);
    });
  });
}
