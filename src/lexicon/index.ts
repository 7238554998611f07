/**
 * Every word list Parallax reads, grouped by the stage that reads them together, with what
 * happens to an entry two lists of a group share. The stages import the list modules directly
 * (boilerplate.ts, names.ts, places.ts, signals.ts, stop.ts, quotes.ts, voices.ts); this index is what the lexicon
 * test (index.test.ts) walks, and the place to register a new list.
 */
import { BOILERPLATE_CLASS_WORDS } from './boilerplate.ts';
import type { WordList } from './list.ts';
import { NAME_CONNECTORS, NOT_NAMES, ORG_HEADS, PERSON_TITLES, PLACE_HEADS, THING_HEADS } from './names.ts';
import { PLACES } from './places.ts';
import {
  CALLING_VERBS,
  FEMALE_KIN,
  FEMALE_TITLES,
  LABEL_WORDS,
  MAKING_VERBS,
  MALE_KIN,
  MALE_TITLES,
  NOT_SOURCE_WORDS,
  PRAISE_BLAME_VERBS,
  SHOWING_VERBS,
  SPEAKER_ROLES,
  SPEECH_VERBS,
  TITLE_PREPOSITIONS,
  WORK_NOUNS,
} from './quotes.ts';
import { EVALUATIVE, SIGNAL_LISTS } from './signals.ts';
import { FUNCTION_WORDS, STORY_WORDS } from './stop.ts';
import { AFFECTED_VOICES, CRITIC_VOICES, OFFICIAL_VOICES } from './voices.ts';

export { WordList, phrases, splitPhrases, words } from './list.ts';

export interface ListGroup {
  /** The stage that reads these lists together. */
  reader: string;
  lists: WordList[];
  /**
   * What decides an entry two of the lists share:
   * - `first`: the lists are tried in the order given, and the first that holds the entry decides;
   * - `separate`: each list answers its own question, so a shared entry is an answer to both; the
   *   entries the lists may share are named in `shared`, and any other shared entry is a mistake.
   */
  overlap: 'first' | 'separate';
  /** For `separate` groups: each entry two lists may share, with why. */
  shared?: Record<string, string>;
}

export const LIST_GROUPS: ListGroup[] = [
  {
    reader: 'analyze/entities',
    lists: [PLACES, THING_HEADS, ORG_HEADS, PLACE_HEADS, PERSON_TITLES, NOT_NAMES, NAME_CONNECTORS],
    overlap: 'separate',
    shared: {
      mr: 'not a name on its own, and a title in front of one',
      mrs: 'not a name on its own, and a title in front of one',
      ms: 'not a name on its own, and a title in front of one',
      of: 'not a name when capitalised, and joins two names when lower case',
      for: 'not a name when capitalised, and joins two names when lower case',
    },
  },
  { reader: 'analyze/quotes', lists: [SPEECH_VERBS, PERSON_TITLES], overlap: 'separate' },
  // Words dropped from a capitalised run before it is read as a speaker's name.
  { reader: 'analyze/quotes (not a source)', lists: [NOT_SOURCE_WORDS], overlap: 'separate' },
  // Titles and kin words for men and for women share no entry, and a role (one entry: all the words that name it) is none of them.
  { reader: 'analyze/quotes (speakers)', lists: [MALE_TITLES, FEMALE_TITLES, MALE_KIN, FEMALE_KIN, SPEAKER_ROLES], overlap: 'separate' },
  // What comes before a title or a label (notAQuotation): a kind of work, a verb making or showing one, a preposition, a label word.
  { reader: 'analyze/quotes (titles and labels)', lists: [WORK_NOUNS, MAKING_VERBS, SHOWING_VERBS, TITLE_PREPOSITIONS, LABEL_WORDS], overlap: 'separate' },
  // Verbs before quoted words that give them to a subject who calls a thing so, or make them the name of a thing praised or criticised (notAQuotation).
  { reader: 'analyze/quotes (calling and praising)', lists: [CALLING_VERBS, PRAISE_BLAME_VERBS], overlap: 'separate' },
  { reader: 'analyze/signals (signals)', lists: SIGNAL_LISTS.map(([, list]) => list), overlap: 'first' },
  { reader: 'analyze/signals (opinion adjectives, counted on top of any signal)', lists: [EVALUATIVE], overlap: 'separate' },
  // Story grouping reads both (STORY_STOP); the comparison reads FUNCTION_WORDS alone.
  { reader: 'cluster/group and compare', lists: [FUNCTION_WORDS, STORY_WORDS], overlap: 'separate' },
  { reader: 'compare (voices)', lists: [OFFICIAL_VOICES, CRITIC_VOICES, AFFECTED_VOICES], overlap: 'first' },
  { reader: 'extract/html (class and id words of boilerplate)', lists: [BOILERPLATE_CLASS_WORDS], overlap: 'separate' },
];

/** Every list once. */
export const LISTS: WordList[] = [...new Set(LIST_GROUPS.flatMap((g) => g.lists))];
