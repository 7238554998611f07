import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { safeForTerminal } from '../core/chars.ts';
import { ParallaxError, errorMessage } from '../core/errors.ts';
import { writeCsv } from '../report/index.ts';

/**
 * How list commands print, in one place: `--format table|json|jsonl|csv|md` (`--json` is
 * `--format json`), `-o FILE`, tables fitted to the terminal, a line saying when a list was cut,
 * and colour only for a person at a terminal.
 */
export const FORMATS = ['table', 'json', 'jsonl', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputFlags {
  format?: Format;
  json?: boolean;
  output?: string;
}

export function addOutputOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('table'))
    .option('--json', 'same as --format json: one JSON document')
    .option('-o, --output <file>', 'write the output to this file instead of standard output');
}

export function formatOf(flags: OutputFlags): Format {
  return flags.json ? 'json' : (flags.format ?? 'table');
}

/** Where a table must fit: the terminal's width on a terminal, 100 columns in a pipe or a file (a pager or an editor shows those). */
export function outputWidth(flags: OutputFlags = {}): number {
  if (!flags.output && process.stdout.isTTY) return Math.max(40, process.stdout.columns || 80);
  return 100;
}

/**
 * Colour for a person at a terminal: never in a pipe or a file, and never when NO_COLOR is set
 * (https://no-color.org) or the terminal says it cannot (TERM=dumb).
 */
export function colourFor(stream: NodeJS.WriteStream, flags: OutputFlags = {}): Colours {
  const on = !flags.output && !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled: on, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}

export interface Colours {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export type Cell = string | number | boolean | null | undefined;

export interface Column<T> {
  header: string;
  /** What a table, CSV or Markdown shows. */
  cell: (row: T) => Cell;
}

const text = (c: Cell) => (c === null || c === undefined ? '' : String(c));
/** One line of untrusted text for a terminal: controls shown, not obeyed; line breaks become spaces first. */
const oneLine = (s: string) => safeForTerminal(s.replace(/\s*[\r\n]+\s*/g, ' '));

/** "2444" → "2,444": counts people read. */
export const count = (n: number) => n.toLocaleString('en-US');

/**
 * A plain-text table no wider than `width`: columns padded to their widest cell, and while the
 * table is too wide the widest column gives up a character at a time (down to its header's width,
 * or 6), its cells cut with an ellipsis. Empty cells show "—".
 */
export function fitTable(headers: string[], rows: string[][], width: number, colours?: Colours): string {
  const cells = rows.map((r) => headers.map((_, i) => oneLine(r[i] ?? '') || '—'));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => [...r[i]!].length)));
  const floor = headers.map((h) => Math.max(Math.min(h.length, 12), 6));
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest]!--;
  }
  const clip = (s: string, w: number) => {
    const chars = [...s];
    return chars.length > w ? `${chars.slice(0, w - 1).join('')}…` : s;
  };
  const line = (r: string[], style?: (s: string) => string) =>
    r
      .map((c, i) => {
        const clipped = clip(c, widths[i]!);
        const padded = i === r.length - 1 ? clipped : clipped.padEnd(widths[i]! + (clipped.length - [...clipped].length));
        return style ? style(padded) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => clip(h, widths[headers.indexOf(h)]!)), colours?.bold), ...cells.map((r) => line(r))].join('\n');
}

const mdCell = (s: string) => oneLine(s).replace(/([\\|`*_[\]<>])/g, '\\$1');

/** The rows in `format`; `json` is what `--format json` prints for them (by default the row itself). */
export function renderRows<T>(format: Format, rows: T[], columns: Column<T>[], options: { json?: (row: T) => unknown; width?: number; colours?: Colours } = {}): string {
  const json = options.json ?? ((r: T) => r);
  const cellsOf = (r: T) => columns.map((c) => text(c.cell(r)));
  switch (format) {
    case 'json':
      return `${JSON.stringify(rows.map(json), null, 2)}\n`;
    case 'jsonl':
      return rows.map((r) => `${JSON.stringify(json(r))}\n`).join('');
    case 'csv':
      // Formula-safe: a title starting with "=" is not run by the spreadsheet it is opened in (see writeCsv).
      return writeCsv([columns.map((c) => c.header), ...rows.map(cellsOf)]);
    case 'md':
      return `${[
        `| ${columns.map((c) => mdCell(c.header)).join(' | ')} |`,
        `|${columns.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${cellsOf(r).map(mdCell).join(' | ')} |`),
      ].join('\n')}\n`;
    case 'table':
      return `${fitTable(columns.map((c) => c.header), rows.map(cellsOf), options.width ?? 100, options.colours)}\n`;
  }
}

/**
 * Writes a command's output where -o says (a file, written whole), else to standard output.
 * Messages about the output (a cut list, an empty one) go with a table to standard output, and
 * to standard error otherwise, so a script reading JSON, CSV or a file gets only the data.
 */
export class Output {
  readonly format: Format;
  readonly width: number;
  readonly colours: Colours;
  readonly #file?: string;
  readonly #chunks: string[] = [];

  constructor(flags: OutputFlags) {
    this.format = formatOf(flags);
    this.#file = flags.output;
    this.width = outputWidth(flags);
    this.colours = colourFor(process.stdout, flags);
  }

  write(chunk: string): void {
    if (this.#file) this.#chunks.push(chunk);
    else process.stdout.write(chunk);
  }

  rows<T>(rows: T[], columns: Column<T>[], json?: (row: T) => unknown): void {
    this.write(renderRows(this.format, rows, columns, { json, width: this.width, colours: this.colours }));
  }

  /** A line for the person reading: after a table on standard output, else on standard error. */
  note(line: string): void {
    if (this.format === 'table' && !this.#file) process.stdout.write(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  }

  /** "50 of 2,444; --limit to see more" when a list was cut short. */
  cut(shown: number, total: number, offset = 0, more = '--limit to see more'): void {
    if (offset + shown >= total) return;
    const range = offset ? `${count(offset + 1)}–${count(offset + shown)}` : count(shown);
    this.note(`${this.format === 'table' && !this.#file ? '\n' : ''}${range} of ${count(total)}; ${more}`);
  }

  /** Writes the file -o named; call once when the command is done. */
  close(): void {
    if (!this.#file) return;
    try {
      writeFileSync(this.#file, this.#chunks.join(''));
    } catch (error) {
      throw new ParallaxError('unreadable', `cannot write ${this.#file}: ${errorMessage(error)}`);
    }
  }
}

/** Formats of commands that print one result per input as they go (ingest, extract, analyze, cluster). */
export const STREAM_FORMATS = ['text', 'json', 'jsonl'] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];

export interface StreamFlags {
  format?: StreamFormat;
  json?: boolean;
  output?: string;
}

export function addStreamOptions(command: Command, what: string): Command {
  return command
    .addOption(new Option('--format <format>', `text, json (one JSON document: ${what}) or jsonl (one JSON object per line, as each is done)`).choices(STREAM_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the output to this file instead of standard output');
}

/**
 * Results printed as they come: text lines, or JSON objects one per line (jsonl), or kept until
 * the end and printed as one JSON array (json), so `--json` is one document in every command.
 */
export class Results {
  readonly format: StreamFormat;
  readonly #out: Output;
  readonly #items: unknown[] = [];

  constructor(flags: StreamFlags) {
    this.format = flags.json ? 'json' : (flags.format ?? 'text');
    this.#out = new Output({ output: flags.output });
  }

  /** True when output is JSON of either kind: text-only lines (progress, summaries) stay off standard output. */
  get machine(): boolean {
    return this.format !== 'text';
  }

  get width(): number {
    return this.#out.width;
  }

  item(value: unknown): void {
    if (this.format === 'jsonl') this.#out.write(`${JSON.stringify(value)}\n`);
    else if (this.format === 'json') this.#items.push(value);
  }

  text(line = ''): void {
    if (this.format === 'text') this.#out.write(`${line}\n`);
  }

  /** Prints the JSON document (`document`, else the items as an array) and writes the -o file. */
  close(document?: unknown): void {
    if (this.format === 'json') this.#out.write(`${JSON.stringify(document ?? this.#items, null, 2)}\n`);
    this.#out.close();
  }
}
