/**
 * Stop lists: words that say nothing about what a text reports, dropped before texts are compared.
 * Two stages use them, and one is built from the other:
 *
 * - FUNCTION_WORDS: the comparison (src/compare) drops these before it matches sentences word by
 *   word. English function words (articles, pronouns, auxiliaries, prepositions, conjunctions) and
 *   pieces of contractions ("don", "t"), chosen by hand.
 * - STORY_STOP: story grouping (src/cluster/group) drops FUNCTION_WORDS and STORY_WORDS before it
 *   weighs terms, because to tell one event from another the words every news text uses (reporting
 *   verbs, days, "people", "year", agency and photo credits) are noise too. STORY_WORDS holds only
 *   what FUNCTION_WORDS lacks.
 *
 * Entries are lower case single words, matched against lower-cased words. Both stages ignore words
 * shorter than three letters (without digits) before they look here, so short entries only
 * document. The thresholds of both stages were fitted with these lists: a change to either can move
 * the compare and stories evaluations (`npm run eval -- compare`, `npm run eval -- stories`).
 */
import { WordList, words } from './list.ts';

export const FUNCTION_WORDS = words(
  'function words',
  `a an the and or but if of to in on at by for from with as into onto about over after before during while than then that this these those
  it its is are was were be been being has have had do does did will would can could should may might must shall not no nor so such
  he she they we i you his her their our my your him them us who whom whose which what when where why how also just only very more most
  there here up out down off again once all any both each few other some own same too s t don now new one two`,
);

/** Words news texts share whatever the event: reporting verbs, time words, credits. */
export const STORY_WORDS = words(
  'story words',
  `above against am aren't because below between doing further having hers herself himself itself me myself ours ourselves through
  under until yours yourself theirs themselves another among around back even still well way going including since however
  said say says told tell according added mr mrs ms people like get got make made many much
  year years time week day days last first monday tuesday wednesday thursday friday saturday sunday
  reuters ap associated press image photo caption copyright rights reserved read`,
);

/** What story grouping drops: FUNCTION_WORDS, then STORY_WORDS. */
export const STORY_STOP = new WordList('story stop', 'words', [...FUNCTION_WORDS.written, ...STORY_WORDS.written], '');
