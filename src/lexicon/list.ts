/**
 * How a word list is written and read. Every list in src/lexicon/ is built with `words` or
 * `phrases` below, so the lexicon test (index.test.ts) can check each one the same way.
 */

/** How a list's entries are separated where it is written. */
export type ListForm = 'words' | 'phrases';

/**
 * A word list: a Set for the stages' lookups (iteration keeps the written order, first copy of an
 * entry wins) that also keeps the entries exactly as parsed, duplicates included, so a test can
 * see what a Set would silently fold.
 */
export class WordList extends Set<string> {
  constructor(
    /** The name the lexicon test reports it by. */
    readonly name: string,
    readonly form: ListForm,
    /** The entries as parsed, in order, with any duplicates. */
    readonly written: readonly string[],
    /** The list as written in its module. */
    readonly text: string,
  ) {
    super(written);
  }
}

/** Single words separated by white space (spaces or line ends): `president vice-president sen …`. */
export function words(name: string, text: string): WordList {
  return new WordList(name, 'words', text.split(/\s+/).filter(Boolean), text);
}

/**
 * Entries separated by commas or line ends; an entry may hold several words, written with one
 * space between them: `el salvador, new zealand, north korea`. A line end always ends an entry,
 * so a long list is wrapped after a comma, never inside an entry.
 */
export function phrases(name: string, text: string): WordList {
  return new WordList(name, 'phrases', splitPhrases(text), text);
}

/** The entries of a `phrases` list: split at commas and line ends, trimmed, inner white space one space. */
export function splitPhrases(text: string): string[] {
  return text
    .split(/,|\n/)
    .map((entry) => entry.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}
