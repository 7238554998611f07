/**
 * Word lists the entity finder (src/analyze/entities) reads to type a run of capitalised words, and
 * the quote finder reads to strip a title off a speaker's name. Written for Parallax from general
 * newsroom usage, not from any evaluation data: an entry only needs to tip the balance where the
 * shape of a name does not say what it is, and anything not listed still becomes an entity.
 *
 * Entries are lower case single words (the stages compare one lower-cased word of a name at a
 * time). To type a name, the entity finder tries, in order: PLACES (places.ts) for the whole name,
 * THING_HEADS for its last word, ORG_HEADS for any word, PLACE_HEADS for its last word; the lists
 * share no entry, so that order only matters for names holding words of two lists.
 */
import { words } from './list.ts';

/**
 * Words that, in front of a name, say the name is a person ("Sen. Tilde Okafor", "Mayor Ruiz").
 * Matched without a final full stop, so abbreviations are written without one.
 */
export const PERSON_TITLES = words(
  'person titles',
  `president vice-president secretary minister senator sen rep representative congressman congresswoman governor gov mayor judge justice
  chancellor premier king queen prince princess pope bishop archbishop rev reverend dr doctor professor prof mr mrs ms miss sir dame lord lady
  general gen colonel col major maj captain capt lieutenant lt sergeant sgt commander admiral officer chief director ambassador spokesman
  spokeswoman spokesperson attorney lawyer sheriff commissioner chairman chairwoman chair ceo coach leader speaker deputy head founder
  activist candidate nominee superintendent inspector detective agent councillor councilman councilwoman trooper pastor rabbi imam
  emir sheikh sultan dictator strongman prosecutor master manager`,
);

/**
 * Words of organisation names ("… Department", "Bank of …", "… Gazette"): a name holding one
 * anywhere is an organisation, and so is a name followed by one in lower case ("the Sinaloa cartel").
 */
export const ORG_HEADS = words(
  'organisation heads',
  `department ministry agency administration party council committee commission court university college school institute police army navy
  force forces guard bank company corporation corp inc ltd llc group association union federation league network news times post journal
  tribune herald press office service services bureau board authority organization organisation foundation fund church congress senate
  parliament assembly cabinet government club team fc alliance coalition movement front campaign society trust
  cartel gang brigade unit directorate secretariat embassy consulate tribunal circuit radio tv television channel broadcaster
  broadcasting gazette daily ledger wire magazine newspaper observer chronicle courier standard telegraph guardian`,
);

/** Last words of places ("… County", "… Harbour"); places by name are in places.ts. */
export const PLACE_HEADS = words(
  'place heads',
  `city county state province region district island islands mountains mountain river lake sea ocean bay valley street avenue road square park
  beach coast peninsula desert airport port harbour harbor village town`,
);

/** Last words of other named things: laws, facilities, events, documents ("… Act", "… Summit"). */
export const THING_HEADS = words(
  'thing heads',
  `act law bill amendment treaty accord agreement order doctrine prison jail penitentiary facility stadium hospital base plant bridge dam tower
  museum summit conference olympics games war operation program programme plan initiative award prize center centre`,
);

/** Capitalised words that are not names on their own: sentence openers, days, months, bylines. */
export const NOT_NAMES = words(
  'not names',
  `the a an this that these those he she it they we i you his her its their our my your mr mrs ms but and or if when while after before
  during in on at for of to from with by as about into over under between among without within despite however meanwhile also then
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november
  december today yesterday tomorrow there here what who why how which where according many some several most more other both each every
  no not yes first second third last next new breaking update updated read watch related photo video image getty reuters ap afp
  one two three four five six seven eight nine ten`,
);

/**
 * Connectors allowed inside a name ("Department of Homeland Security", "Tren de Aragua"). Matched
 * against the word as written, so only a lower-case connector joins two names.
 */
export const NAME_CONNECTORS = words('name connectors', 'of de del la le da do dos van von der for al bin el');
