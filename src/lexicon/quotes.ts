/**
 * Speech verbs: the verbs that attribute quoted words to a source ("…," she said; he told
 * reporters: "…"), read by the quote finder (src/analyze/quotes) to find a quotation's speaker.
 * Past and present forms of each verb are listed, since a report uses either. Chosen by hand from
 * the verbs news uses for attribution; the participles and phrases that attribute without a said
 * verb ("calling it", "referring to") are a pattern in the quote finder, not listed here.
 *
 * Entries are lower case single words, matched against a lower-cased word (without a final full
 * stop).
 */
import { words } from './list.ts';

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
  exclaims
`,
);
