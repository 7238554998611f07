/**
 * Speech verbs: the verbs that attribute quoted words to a source ("…," she said; he told
 * reporters: "…"), read by the quote finder (src/analyze/quotes) to find a quotation's speaker.
 * Past and present forms of each verb are listed, since a report uses either. Chosen by hand from
 * the verbs news uses for attribution; the participles and phrases that attribute without a said
 * verb ("calling it", "referring to", "as she put it") are a pattern in the quote finder, not listed here.
 *
 * Entries are lower case single words, matched against a lower-cased word (without a final full
 * stop).
 */
import { phrases, words } from './list.ts';

export const SPEECH_VERBS = words(
  'speech verbs',
  `
  said says say stated states told tells added adds warned warns explained explains noted notes argued argues claimed claims
  asserted asserts insisted insists declared declares wrote writes posted posts tweeted tweets announced announces emphasized
  emphasised emphasizes emphasises stressed stresses described describes continued continues recalled recalls replied replies
  responded responds asked asks urged urges acknowledged acknowledges admitted admits confirmed confirms denied denies suggested
  suggests predicted predicts vowed vows promised promises threatened threatens pledged pledges cautioned cautions conceded
  concedes countered counters complained complains reported reports testified testifies alleged alleges contended contends
  maintained maintains observed observes remarked remarks shouted shouts yelled whispered quipped joked boasted boasts lamented
  laments demanded demands called calls mused muses wondered reiterated reiterates agreed agrees disagreed objected objects
  charged charges accused accuses blamed blames praised praises criticized criticised criticizes slammed slams concluded concludes
  recounted recounts answered answers retorted retorts remembered remembers estimated estimates advised advises interjected
  interjects blasted blasts fumed fumes opined opines scoffed scoffs snapped snaps sang sings chanted chants mocked mocks bemoaned
  bemoans referred refers pointed interrupted sniped snipes marveled marvelled quips cracked griped gripes railed rails exclaimed
  exclaims proclaimed proclaims muttered mutters murmured murmurs screamed screams yells pleaded pleads begged thundered
  bellowed gushed gushes confided confides assured assures speculated speculates elaborated elaborates ask
  protested protests projected projects
`,
);

/**
 * Titles and role nouns that say a person is a man or a woman, read by the quote finder to give
 * "he said" / "she said" to a person it can be (src/analyze/quotes/speakers.ts): a title before a
 * name ("Mrs. Ortiz", "Congresswoman Ruiz"), a role in apposition ("Voss, a spokeswoman for …") or
 * the role noun of an attribution ("the congresswoman said"). Chosen by hand from newsroom usage;
 * titles that do not say ("Sen.", "Dr.", "mayor") are not listed. Lower case, no final full stop.
 */
export const MALE_TITLES = words(
  'titles for men',
  `mr messrs sir lord king prince duke emperor congressman spokesman chairman councilman assemblyman alderman businessman
  anchorman countryman statesman`,
);

export const FEMALE_TITLES = words(
  'titles for women',
  `mrs ms miss madam dame lady queen princess duchess empress congresswoman spokeswoman chairwoman councilwoman assemblywoman
  alderwoman businesswoman anchorwoman countrywoman stateswoman`,
);

/**
 * Kinship nouns that say a person is a man or a woman, read the same way before a name (`her
 * father, Samuel Okoro`, `his daughter Grace`). The English kin terms, written by hand.
 */
export const MALE_KIN = words('kin words for men', 'father son brother husband uncle nephew grandfather grandson stepfather stepson widower');

export const FEMALE_KIN = words('kin words for women', 'mother daughter sister wife aunt niece grandmother granddaughter stepmother stepdaughter widow');

/**
 * Roles, one entry per role: the words (titles before a name, their abbreviations without the full
 * stop, role nouns) that name it. "The senator said" is given to the person the text called
 * "Sen." or "senator"; "the lawmaker" to a senator or a representative. A role of two words is written with a
 * hyphen ("vice-president" for "Vice President", "lt-gov" for "Lt. Gov."). Chosen by hand from how
 * news copy introduces office holders and spokespeople; entries are lower case words, one space
 * apart, each role on its own line or after a comma.
 */
export const SPEAKER_ROLES = phrases(
  'speaker roles',
  `senator sen senators sens lawmaker,
  representative rep congressman congresswoman congressperson lawmaker,
  governor gov, lt-gov lieutenant-governor, mayor, president pres, vice-president, secretary, attorney-general,
  minister, ambassador, judge justice,
  spokesman spokeswoman spokesperson, chairman chairwoman chairperson chair, councilman councilwoman councillor councilor,
  general gen, colonel col, captain capt, lieutenant lt, sergeant sgt, commander cmdr, admiral adm,
  professor prof, doctor dr, reverend rev pastor, rabbi, imam, attorney atty lawyer, prosecutor, sheriff, commissioner,
  director, candidate nominee, chancellor, premier, coach, detective det, officer, superintendent supt, inspector, activist`,
);

/**
 * Words right before the title of a work, which the quote finder (src/analyze/quotes,
 * `notAQuotation`) reads so that a title in quotation marks is not taken for quoted speech: nouns
 * for kinds of works (`the memoir “A Harbour of Our Own”`) and the participles that introduce a
 * title (`an op-ed headlined “…”`). Chosen by hand from the kinds of works news copy names; lower
 * case single words.
 */
export const WORK_NOUNS = words(
  'kinds of works before a title',
  `book memoir novel biography film movie documentary song album single show series sitcom play musical opera poem essay
  article column op-ed editorial headline podcast episode exhibition painting titled entitled headlined`,
);

/**
 * Verbs of making a work (`wrote`, `directed`, `composed`), read the same way: right before a
 * title (`she directed “Salt Roads”`), or before the work they made, named by a common noun (`who
 * wrote the local history “Tides of Change”`). Past and present forms, written by hand.
 */
export const MAKING_VERBS = words(
  'verbs of making a work',
  `wrote writes written co-wrote co-writes published publishes directed directs produced produces released releases
  recorded records edited edits composed composes authored authors`,
);

/**
 * Verbs of performing or showing a work, read right before a title (`starred in “The Long Tide”`,
 * `the band played “Harbour Lights”`). Past and present forms, written by hand.
 */
export const SHOWING_VERBS = words(
  'verbs of performing or showing a work',
  'sang sings performed performs played plays starred stars appeared appears read reads watched reviewed',
);

/** Prepositions right before a title (`In “Salt Roads,” Ruiz writes`, `on “Meet the Press”`). */
export const TITLE_PREPOSITIONS = words('prepositions before a title', 'in on of from about');

/**
 * Words that mark the quoted words after them as a label, not quoted speech (`the so-called
 * “reforms”`, `a self-described “harbour rat”`). Chosen by hand from newsroom usage; lower case,
 * one space between the words of an entry.
 */
export const LABEL_WORDS = phrases(
  'label words',
  'so-called, so called, dubbed, nicknamed, known as, termed, self-described, self-styled, self-proclaimed',
);

/**
 * Words that open a sentence or a clause and so are often capitalised there, but never name a
 * source on their own (`During the debate, Ruiz said`, `Though she said`): the quote finder
 * (src/analyze/quotes) drops them from a capitalised run before reading it as a name. Articles,
 * pronouns and possessives, conjunctions, prepositions (not "from", which is a surname too),
 * adverbs of time, days and months; written by hand. Lower case single words.
 */
export const NOT_SOURCE_WORDS = words(
  'words that never name a source',
  `the a an but and or so it this that these those there then he she they we i you in on at as if when while after before
  for yet also however meanwhile still now later earlier his her their its our my your though although because since
  unless whether during with without among despite under over by of to into through until like unlike amid
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december today yesterday`,
);

/**
 * Verbs that give words to a thing: the subject calls it so (`what Ruiz called “a land grab”`,
 * `which she described as “reckless”`, `who he dubbed “the harbour king”`). Read by the quote finder
 * after a relative word and its subject, which make the words that subject's; in the passive with
 * nobody named (`what is called a “levy”`) they mark a label. Past and present forms, written by hand.
 */
export const CALLING_VERBS = words(
  'verbs of calling something so',
  `call calls called describe describes described dub dubs dubbed term terms termed label labels labeled labelled brand brands
  branded nickname nicknames nicknamed characterize characterizes characterized characterise characterises characterised`,
);

/**
 * Verbs of praise and criticism. A short quotation that is the object of one (`Officials praised the
 * “Remain in Mexico” policy`, `Ruiz criticized “Open Harbour”`) names the thing praised or
 * criticised, not words the subject said: the quote finder (`notAQuotation`) drops it unless
 * someone calls it so (`praised the plan as “bold”`, `calling it “bold”`). Past, present and -ing
 * forms, written by hand.
 */
export const PRAISE_BLAME_VERBS = words(
  'verbs of praise and criticism',
  `praise praises praised praising hail hails hailed hailing applaud applauds applauded applauding laud lauds lauded lauding
  commend commends commended commending tout touts touted touting celebrate celebrates celebrated celebrating
  criticize criticizes criticized criticizing criticise criticises criticised criticising condemn condemns condemned condemning
  denounce denounces denounced denouncing decry decries decried decrying deplore deplores deplored deploring slam slams slammed
  slamming blast blasts blasted blasting attack attacks attacked attacking assail assails assailed assailing lambaste lambastes
  lambasted lambasting excoriate excoriates excoriated excoriating mock mocks mocked mocking ridicule ridicules ridiculed
  ridiculing bash bashes bashed bashing`,
);

/**
 * Words that may stand between a verb and the `that` opening the clause it reports (`pointed out
 * that`, `makes clear that`, `generally agree that`). Read by the quote finder: words quoted inside
 * such a clause, under a verb that is no said-verb (`The report found that the agency could not
 * trace money coming from “the drug trade”`), are the clause from its `that`. Written by hand.
 */
export const BEFORE_THAT_CLAUSE = words('words between a verb and the that of its clause', `out clear plain known sure certain up`);

/**
 * Nouns of saying whose `that` clause is what was said (`his assertion that …`, `the point that …`,
 * `her answer was that …`). Read by the quote finder like a verb before the clause it reports.
 * Written by hand.
 */
export const SAYING_NOUNS = words(
  'nouns of saying',
  `assertion assertions claim claims contention argument point message answer insistence warning allegation allegations
  accusation charge promise pledge vow statement suggestion emphasis complaint conclusion finding belief view`,
);
