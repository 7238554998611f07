/**
 * Words that say what role a quoted speaker plays in a story, read by the comparison's framing
 * profile (src/compare): the words around a quote's speaker are matched against each role in
 * turn, and the first role with a match names the voice; a speaker matching none is "other".
 * Chosen by hand from how news describes officials, their critics and the people affected.
 *
 * Entries are lower case, separated by commas, matched as whole words or phrases in any case.
 * Each role lists every form it matches (singular and plural, British and American spelling).
 */
import { phrases, type WordList } from './list.ts';

export const OFFICIAL_VOICES = phrases(
  'official voices',
  `president, secretary, minister, official, officials, spokesman, spokeswoman, spokesperson, governor, mayor, senator, ambassador,
  police, department, ministry, government, administration, authority, authorities, director, chief, commissioner, judge`,
);

export const CRITIC_VOICES = phrases(
  'critic voices',
  `critic, critics, activist, activists, advocate, advocates, rights group, human rights, lawyer, lawyers, attorney, attorneys,
  opposition, protester, protesters, union`,
);

export const AFFECTED_VOICES = phrases(
  'affected voices',
  `resident, residents, family, families, relative, relatives, victim, victims, survivor, survivors, detainee, detainees, inmate,
  inmates, worker, workers, parent, parents, mother, father, witness, witnesses, neighbour, neighbor`,
);

const wholeWords = (list: WordList) => new RegExp(`\\b(${[...list].join('|')})\\b`, 'i');

/** Roles in the order they are tried: a speaker described as both an official and a critic is an official. */
export const VOICE_ROLES: [string, RegExp][] = [
  ['official', wholeWords(OFFICIAL_VOICES)],
  ['critic', wholeWords(CRITIC_VOICES)],
  ['affected', wholeWords(AFFECTED_VOICES)],
];
