import { Command, CommanderError } from 'commander';
import { errorMessage, isParallaxError } from '../core/errors.ts';
import { commands, type CommandEntry } from './commands/index.ts';

/**
 * The program, with the commands `argv` needs: none for `--version`, the one named for
 * `parallax <command> …` (its --help included), and every one for the program's own help, a
 * mistyped command (so the suggestion can name the right one) or no `argv` at all.
 */
export async function buildProgram(argv?: string[]): Promise<Command> {
  const program = new Command('parallax')
    .description(
      'Reads the news the way a careful editor would: ingests articles, groups them into stories,\n' +
        'and shows outlet by outlet what each reports, omits, quotes and words differently.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  $ parallax ingest examples/                  store every article under a folder
  $ parallax articles                          list stored articles
  $ parallax stories                           list stories (groups of articles about one event)
  $ parallax compare <story id>                what each outlet reports, omits and words differently
  $ parallax serve                             open the web app on http://127.0.0.1:8080

Every command takes --help. The store is ./parallax.db unless --db or PARALLAX_DB says otherwise.

Exit codes: 0 done; 3 done, but some inputs or records were skipped (the reasons are on standard
error, or in the JSON output); 1 failed; 2 usage error (a mistyped command, option or value).`,
    );
  for (const register of await Promise.all(commandsFor(argv).map((c) => c.load()))) register(program);
  return program;
}

function commandsFor(argv: string[] | undefined): CommandEntry[] {
  if (!argv) return commands;
  // The program itself takes no option with a value, so the first word that is not an option names the command.
  const args = argv.slice(2);
  const word = args.find((a) => !a.startsWith('-'));
  const named = commands.filter((c) => c.name === word || (word !== undefined && c.alongside?.includes(word)));
  if (named.length) return named;
  if (word === undefined && args.some((a) => a === '-V' || a === '--version') && !args.some((a) => a === '-h' || a === '--help')) return [];
  return commands;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
  // Commands report failure through process.exitCode; a previous in-process run must not leak into this one.
  process.exitCode = undefined;
  program.exitOverride();
  // Subcommands copy settings only when created, so they need the override too (else --help exits the process).
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message. Help asked for is success; help shown because the
      // command line was incomplete, and every other commander error, is a usage error: exit 2,
      // so a script can tell "you called it wrong" from "it ran and failed" (exit 1).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help' && error.exitCode === 0) return 0;
      return 2;
    }
    const prefix = isParallaxError(error) ? `parallax: ${error.code}:` : 'parallax: error:';
    process.stderr.write(`${prefix} ${errorMessage(error)}\n`);
    return 1;
  }
}
