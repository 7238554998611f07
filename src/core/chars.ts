/**
 * Character facts per UTF-16 unit, built once on first use: the hand-written scanners of the
 * grouping and signal stages read these instead of running a regular expression per word, which
 * on large piles was most of their cost.
 */
export interface CharTables {
  /** 1 for letters and digits (Unicode \p{L} and \p{N}), else 0. */
  alnum: Uint8Array;
  /** 1 for upper-case letters (\p{Lu}), else 0. */
  upper: Uint8Array;
  /** The lower-case unit (one unit to one unit; the rare longer mappings keep the unit). */
  lower: Uint16Array;
}

let tables: CharTables | null = null;

export function charTables(): CharTables {
  if (tables) return tables;
  const alnum = new Uint8Array(65536);
  const upper = new Uint8Array(65536);
  const lower = new Uint16Array(65536);
  const isAlnum = /[\p{L}\p{N}]/u;
  const isUpper = /\p{Lu}/u;
  for (let c = 0; c < 65536; c++) {
    lower[c] = c;
    // Lone surrogates are halves of characters outside the basic plane: never word characters here.
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    const l = ch.toLowerCase();
    if (l.length === 1) lower[c] = l.charCodeAt(0);
    if (isAlnum.test(ch)) alnum[c] = 1;
    if (isUpper.test(ch)) upper[c] = 1;
  }
  tables = { alnum, upper, lower };
  return tables;
}

/** FNV-1a's starting state; `fnv1aLower` continues from any state it returned. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a over the lower-cased units of text[start, end), continuing from `state`; the result is
 * the running state (a signed 32-bit integer: `>>> 0` gives the hash). Scanners hash words in
 * place with it, so no string is built per word.
 */
export function fnv1aLower(text: string, start: number, end: number, state = FNV_OFFSET): number {
  const { lower } = charTables();
  let h = state;
  for (let p = start; p < end; p++) h = Math.imul(h ^ lower[text.charCodeAt(p)]!, 0x01000193);
  return h;
}

/** C0 controls but tab and line feed, DEL, and the C1 controls (U+0080–U+009F, which some terminals obey like ESC). */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Untrusted text (a title, a file name, an outlet name) made safe to print to a terminal: an ESC
 * in an article could otherwise recolour, retitle or clear the reader's terminal, and a carriage
 * return could print over the line before it. Tab and line feed stay; every other control goes.
 */
export function safeForTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, '');
}
