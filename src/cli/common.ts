import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { ParallaxError } from '../core/errors.ts';
import { DEFAULT_DB, openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';

export interface DbOptions {
  db: string;
}

/** The store is named by --db, then the PARALLAX_DB environment variable, then ./parallax.db; this is the only place it is read. */
export function addDbOption(command: Command): Command {
  return command.addOption(
    new Option('--db <path>', 'store: SQLite file, ":memory:", or postgres://… URL').env('PARALLAX_DB').default(DEFAULT_DB),
  );
}

/**
 * The store options of a subcommand whose parent takes --db too (`story merge`): the nearest
 * command on which --db was typed wins, so `story --db x merge a b` and `story merge a b --db x`
 * both change x. The parent must use enablePositionalOptions(), or it takes the subcommand's --db
 * for itself and the subcommand silently falls back to ./parallax.db.
 */
export function dbOptionsOf(command: Command): DbOptions {
  for (let c: Command | null = command; c; c = c.parent) {
    if (c.getOptionValueSource('db') === 'cli') return { db: c.getOptionValue('db') as string };
  }
  return { db: command.getOptionValue('db') as string };
}

/**
 * Parser for a numeric flag. A bad value is a usage error (exit 2) that names the flag and the
 * value, instead of reaching the database as a string and failing there with "datatype mismatch".
 * Commander prints it as: option '--limit <n>' argument 'abc' is invalid. Expected a whole number ≥ 1.
 */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min) throw new InvalidArgumentError(`Expected a whole number ≥ ${min}.`);
    return n;
  };
}

export interface StoreAccess {
  /** Create the store when it does not exist yet: only for commands that add articles. */
  create?: boolean;
}

/**
 * Opens the store, runs the action, and always closes the store. Opening a SQLite path creates
 * the file, so a mistyped --db would otherwise give a new empty store that answers "nothing
 * here"; every command but the ones that add articles refuses a path with no file behind it.
 */
export async function withStore<T>(options: DbOptions, action: (store: Store) => Promise<T>, access: StoreAccess = {}): Promise<T> {
  if (!access.create) assertStoreExists(options.db);
  const store = await openStore(options.db);
  try {
    return await action(store);
  } finally {
    await store.close();
  }
}

/** Throws unless `spec` names a store that is already there (":memory:" and PostgreSQL URLs always are). */
export function assertStoreExists(spec: string): void {
  if (spec === ':memory:' || /^postgres(ql)?:\/\//i.test(spec)) return;
  if (spec && existsSync(spec)) return;
  throw new ParallaxError(
    'not-found',
    `no store at ${spec ? `"${spec}"` : 'an empty --db path'}; create one with "parallax ingest <files or URLs>" first, ` +
      'or pass --db (or set PARALLAX_DB) with the path of an existing store',
  );
}

/** The filters of a list command in words, for "no stories match outlet "X" and search "y"". */
export function describeFilters(filters: Record<string, string | undefined>): string {
  return Object.entries(filters)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} "${v}"`)
    .join(' and ');
}

/** One JSON document, what `--json` prints everywhere (lists and `--format` are in output.ts). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Exit codes, the same for every command (listed in `parallax --help` and the README), so a
 * script can tell "done, but look at what was skipped" from "failed" and "called it wrong".
 * Usage errors (2) are set in main.ts, where commander reports them.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, someSkipped: 3 } as const;

/**
 * Ends a command that read many inputs: exit 1 when none gave anything, 3 when some were skipped.
 * Skips are announced with a last line on standard error saying how many and `where` their reasons
 * are, because the per-input lines above may have scrolled away or gone into a JSON document.
 */
export function endOfInputs(counts: { done: number; skipped: number }, where: string): void {
  if (counts.skipped) warn(`parallax: ${counts.skipped} of ${counts.done + counts.skipped} inputs or records skipped; ${where}`);
  if (!counts.done) process.exitCode = EXIT.failed;
  else if (counts.skipped && !process.exitCode) process.exitCode = EXIT.someSkipped;
}

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** Shortest time between two progress lines written to a log (not a terminal). */
const PROGRESS_GAP_MS = 5000;

/**
 * Progress for long work: a bar with count, rate and ETA on a terminal; otherwise a plain line
 * every `every` items, at most one per `gapMs` (5 s); nothing when output is JSON.
 */
export function createProgress(options: { total?: number | null; quiet?: boolean; noun?: string; every?: number; gapMs?: number }): Progress {
  const noun = options.noun ?? 'items';
  if (options.quiet) return { tick() {}, stop() {} };
  if (process.stderr.isTTY) {
    const total = options.total ?? 0;
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: total
          ? `{bar} {value}/{total} ${noun} | {rate}/s | ETA {eta_formatted} | {label}`
          : `{value} ${noun} | {rate}/s | {label}`,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(total || 1, 0, { rate: '0', label: '' });
    let n = 0;
    return {
      tick(label) {
        n++;
        if (!total) bar.setTotal(n + 1);
        bar.update(n, { rate: (n / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1), label: label.slice(-40) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  const every = options.every ?? 100;
  const gapMs = options.gapMs ?? PROGRESS_GAP_MS;
  let n = 0;
  const started = Date.now();
  let last = -Infinity;
  return {
    tick() {
      n++;
      // In a log, one line per `every` items is a thousand lines for a large pile: at most one per gap.
      if (n % every === 0 && Date.now() - last >= gapMs) {
        last = Date.now();
        const rate = n / Math.max(0.001, (Date.now() - started) / 1000);
        process.stderr.write(`… ${n}${options.total ? `/${options.total}` : ''} ${noun} (${rate.toFixed(1)}/s)\n`);
      }
    },
    stop() {},
  };
}
