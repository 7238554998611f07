import type { Entity, Quote } from '../../core/analysis.ts';
import { sentenceAt, type Doc } from '../document/index.ts';
import { PERSON_TITLES } from '../../lexicon/names.ts';
import { BEFORE_THAT_CLAUSE, CALLING_VERBS, LABEL_WORDS, MAKING_VERBS, NOT_SOURCE_WORDS, PRAISE_BLAME_VERBS, SAYING_NOUNS, SHOWING_VERBS, SPEECH_VERBS, TITLE_PREPOSITIONS, WORK_NOUNS } from '../../lexicon/quotes.ts';
import { compatible, gatherEvidence, lastNamed, pronounGender, resolveRole, roleNoun, type SpeakerEvidence } from './speakers.ts';

/** Verbs that attribute words to a source (src/lexicon/quotes.ts). */
const CUES = SPEECH_VERBS;
/** Verbs that put words in the subject's mouth without a said-verb. */
const REPORTING = /\b(condemning|denouncing|denounced|praising|calling|called|calls|saying|describing|described|dubbed|dubbing|labeled|labelled|labeling|branded|branding|termed|retort|boomed|chanted|chanting|vowing|promising|insisting|claiming|arguing|warning|telling|writing|tweeting|adding|noting|asking|explaining|stating|declaring|pointing out|interjecting|blasting|mocking|accusing|recalling|suggesting|predicting|urging|acknowledging|admitting|complaining|lamenting|joking|quipping|referring to)\b/i;
const REPORTING_ALL = new RegExp(REPORTING.source, 'gi');
/** "issued a stark warning:", "in a statement:", "wrote on X:" — a cue noun before a colon. */
const CUE_NOUNS = /\b(warning|statement|message|post|tweet|remarks?|interview|speech|letter|video|address|release|told reporters)\b/i;

const OPEN = '"“„«';
const CLOSE_FOR: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»' };

interface Span {
  start: number;
  end: number;
  /** The quotation ran to its paragraph's end without a closing mark (`end` is the paragraph's end). */
  open?: boolean;
}

/** Quoted spans: curly and straight quotation marks, paired within a paragraph or across paragraphs that continue a quote. */
export function findQuotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    // (A closing mark opening a paragraph before words opens a quotation, set the wrong way round: `⏎”Fear. I am …” ― Ana Ruiz`.)
    const reversed = ch === '”' && /^[^\S\n]*[\u200e\u200f\u202a-\u202e]?$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)) && /^[^\S\n]*[\p{L}\p{N}…]/u.test(text.slice(i + 1, i + 4));
    if ((!OPEN.includes(ch) && !reversed) || (ch === '"' && /\w/.test(text[i - 1] ?? ''))) {
      i++;
      continue;
    }
    const close = reversed ? '”' : CLOSE_FOR[ch]!;
    let j = i + 1;
    let found = -1;
    while (j < text.length) {
      const c = text[j]!;
      // (An opening mark right after a word or a stop and before a space or a stop closes the quotation, set the wrong way round: `here,“ said Ruiz`.)
      // (Or right after a stop and before a bracketed source note: `… where voters stand.“[Poll Desk.]`.)
      const turned =
        c === '“' && ch === '“' && /[^\s“]/u.test(text[j - 1] ?? ' ') && (/^(?:[\s,.;:!?)]|$)/u.test(text.slice(j + 1, j + 2)) || (/[.!?]/.test(text[j - 1] ?? '') && text[j + 1] === '['));
      // (A straight quotation closed by an opening mark after a stop: `"… in the future.“`.)
      const turnedAfterStraight = ch === '"' && c === '“' && /[.!?,]/.test(text[j - 1] ?? '') && /^(?:\s|$)/u.test(text.slice(j + 1, j + 2));
      if (c === close || turned || turnedAfterStraight || (ch === '"' && c === '”') || ((ch === '“' || reversed) && c === '"')) {
        found = j;
        break;
      }
      // (A line broken inside a sentence, `… to take part⏎in caucuses.”`, is not a paragraph's end.)
      if (c === '\n' && /^\n[^\S\n]*\p{Ll}/u.test(text.slice(j, j + 4))) {
        j++;
        continue;
      }
      if (c === '\n' || j === text.length - 1) {
        // A quote may continue into the next paragraph only when that paragraph reopens it.
        // (The text's end ends a paragraph too: `… Lind said. “We will rebuild.` as its last words.)
        if (c !== '\n') j = text.length;
        const next = text.slice(j).replace(/^\n+/, '');
        if (!next || !OPEN.includes(next[0]!)) {
          // Otherwise it ends where the paragraph does, when the paragraph ends a sentence
          // (`“We start in May,” Lind said. “It will take a year.⏎`), also after paragraphs
          // that reopened it (`Lind said: “A.⏎⏎“B.⏎⏎The board voted.`).
          const inside = text.slice(i + 1, j).replace(/\n+[ \t]*["“„«]/g, '\n');
          // (A bracketed source note after the stop is not part of it: `… leaning Democratic. [Poll Desk.]`.)
          const body = text.slice(0, j).trimEnd();
          const note = /[.!?]([^\S\n]+\[[^\]\n]{1,40}\]\.?)$/.exec(body);
          const end = note ? body.length - note[1]!.length : body.length;
          if (/[.!?]$/.test(text.slice(i, end)) && !/["“”]/.test(note ? text.slice(i + 1, end) : inside)) {
            spans.push({ start: i, end, open: true });
            i = j - 1;
          }
          break;
        }
        j += text.slice(j).length - next.length + 1;
        continue;
      }
      j++;
    }
    if (found === -1) {
      i++;
      continue;
    }
    spans.push({ start: i, end: found + 1 });
    i = found + 1;
  }
  return spans;
}

interface PersonIndex {
  /** Person mentions sorted by start, with their canonical names. */
  mentions: { start: number; end: number; name: string }[];
  /** Canonical name of any entity mention (people and organisations) by offset. */
  all: { start: number; end: number; name: string; type: string }[];
  /** What the text says about each person: gender, roles (speakers.ts). */
  evidence?: SpeakerEvidence;
}

function indexEntities(entities: Entity[]): PersonIndex {
  const all: PersonIndex['all'] = [];
  for (const e of entities) for (const m of e.mentions) all.push({ start: m.start, end: m.end, name: e.name, type: e.type });
  all.sort((a, b) => a.start - b.start);
  return { mentions: all.filter((m) => m.type === 'person'), all };
}

const WORD = /[\p{L}\p{N}'’.-]+|[^\s\p{L}\p{N}]/gu;

function wordsOf(s: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of s.matchAll(WORD)) out.push({ text: m[0], start: m.index });
  return out;
}

/** Whether some word of `s` is a said-verb (`said`, `told`, …), in any case. */
const holdsCue = (s: string) => wordsOf(s).some((w) => CUES.has(w.text.toLowerCase()));

/** Whether `s` holds two words or more with letters (not figures or marks alone). */
const twoWordsOrMore = (s: string) => wordsOf(s).filter((w) => /\p{L}/u.test(w.text)).length >= 2;

/** What the attribution rules read about one quotation. */
interface QuoteContext {
  doc: Doc;
  text: string;
  idx: PersonIndex;
  span: Span;
  /** One quoted word: it counts only as part of a reported clause. */
  single: boolean;
  /** The sentences the quotation starts and ends in (the first moved back over a split at an abbreviation). */
  firstSentence: number;
  lastSentence: number;
  sBefore: Doc['sentences'][number];
  sAfter: Doc['sentences'][number];
  /** The text after the quotation where its attribution may sit (see findQuotes). */
  afterText: string;
  /** The quotation before it in the text, with its sentence. */
  previous: { quote: Quote; sentence: number } | null;
  /** The speaker of the quotation before, when a pronoun at `at` can only mean them (null otherwise). */
  recentSpeaker: (at: number, context?: string) => string | null;
}

/**
 * What the rules have found about one quotation so far. A rule that gives the quotation its
 * source sets `attributed`, and the later rules leave it alone; some set a cue or a speaker
 * without attributing (a signed line with no known name), which later rules may overwrite.
 */
interface Attribution {
  speaker: string | null;
  cue: string | null;
  attributed: boolean;
  /** A said-verb and the speaker's name in the quotation's own sentence. */
  stated: boolean;
  /** It carries on the quotation before it (same speaker). */
  continuation: boolean;
  /** A relative clause says its subject called something so (`what Ruiz called “…”`, rule 4): the words are not a label. */
  called?: boolean;
  /** A main clause with a subject and verb of its own goes on after the quotation (rule 2): what was said ends there. */
  endsAtQuotation?: boolean;
  /** What the source said: the quoted words, or the reported clause they sit in. */
  contentStart: number;
  contentEnd: number;
}

interface AttributionRule {
  name: string;
  apply: (c: QuoteContext, s: Attribution) => void;
}

/** Whether `span` writes the last word of `name` (`Falk` of Ines Falk). */
function namedIn(span: string, name: string): boolean {
  const last = name.split(/\s+/).pop()!.toLowerCase();
  return wordsOf(span).some((w) => w.text.toLowerCase().replace(/['’]s$|\.$/, '') === last);
}

/**
 * A relative clause of calling right before quoted words (rule 4): a relative word, its subject (a
 * pronoun, a name with any description in it, `Mayor Bill de Blasio`, `Emory University historian
 * Ana Ruiz`, or a description: `one Obama insider`, `former employees`), adverbs or auxiliaries, a verb
 * of calling something so (src/lexicon/quotes.ts), and at most four words of its object (`what she
 * called a “…”`, `which he described it as “…”`). Not a passive (`what is called`), which names
 * nobody, nor a phrasal verb (`called for`).
 */
const CALLING_CLAUSE = new RegExp(
  String.raw`(?:^|[\s,(—–-])([Ww]hat|[Ww]hich|whom|who|that)\s+(?!(?:is|was|are|were|be|been|being|has|have|had)\s)(he|she|they|it|we|I|you|(?:\p{Lu}[\p{L}.'’-]*\s+(?:\p{Ll}[\p{Ll}'’-]*\s+)?){0,6}\p{Lu}[\p{L}'’-]*|(?:the|a|an|one|some|many|most|multiple|several|other|his|her|their|its|our)\s+(?:[\p{L}'’-]+\s+){0,3}?[\p{L}'’-]+|(?:(?!(?:is|was|are|were|be|been|being|has|have|had)\s)\p{Ll}[\p{Ll}-]*\s+){0,2}\p{Ll}[\p{Ll}-]*s)\s+(?:(?:has|have|had|once|also|later|often|long|previously|repeatedly|\p{Ll}+ly)\s+)*(${alternation(CALLING_VERBS)})(?!\s+(?:for|on|off|up|out|in|to|back)\b)(?:\s+[^\s,;:“”"]+){0,4}\s*$`,
  'du',
);

/** A described, unnamed source between a quotation and its cue (`”, the ferry captain said`, `,” a spokesman said`). */
const UNNAMED_BEFORE_CUE = /^[\s,—–-]*(?:the|a|an|one|another)\s+(?:[\p{Ll}\p{N}][\p{Ll}\p{N}'’-]*\s+){1,3}$/u;
/**
 * A described, unnamed source right after the cue (`”, said the harbour master.`, `”, said one
 * former official.`, `”, said a person close to the talks. “…`, `”, said the 46-year-old.`).
 */
const UNNAMED_AFTER_CUE = /^\s+(?:the|a|an|one|another)\s+(?:[\p{L}\p{N}][\p{L}\p{N}'’-]*\s+){0,3}[\p{L}\p{N}][\p{L}\p{N}'’-]*(?:\s+(?:close to|familiar with|known as|with|at|from|in|of)\s+[^.;,“”"\n]{1,60}?)?\s*(?:[.;]|,\s+(?:who|whose|speaking|adding)\b|,\s*[“"]|$)/u;

/** After a quotation, a name and an appositive set off by commas, then a word that may be its cue (`”, Ana Ruiz, …, said`). */
const APPOSITIVE_CUE = new RegExp(String.raw`^[\s,]*${String.raw`((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*)`},[^.;!?“”"\n]{1,300}?,\s*(?:\p{Ll}+ly\s+)?(\p{Ll}+)(?=[\s.,]|$)`, 'u');

/** A conjunction opening a new clause right after a quotation. */
const NEW_CLAUSE = /^[\s,]*(?:and|but|while|whereas|as|because|so|when|after|before)\s/i;
/** A conjunction joining a next clause or verb (`…, and suggested`, `… but she denied`, `if he asked`). */
const CONJOINED = /(?:^|[\s,])(?:and|but|while|whereas|because|if|unless|although|though|until|when|after|before|since|as|which)\s/i;

/** The quotation opens in lower case: it goes on with a sentence begun before it (`…, he said, “we were floored.”`). */
function lowerOpening(text: string, span: Span): boolean {
  return /^["“„«]\s*\p{Ll}/u.test(text.slice(span.start, span.start + 3));
}

/** The quotation's sentence has a said-verb before it (`Ryan said he was “not ready” …`). */
function reportedBefore(c: QuoteContext): boolean {
  const { text, span, sBefore, previous } = c;
  const leadFrom = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
  const lead = text.slice(leadFrom, span.start);
  return !/[“”"]/.test(lead) && wordsOf(lead).some((w) => CUES.has(w.text));
}

/**
 * 1. A cue after the quotation, in its sentence, with the speaker before the cue (`”, Noem
 * said`) or after it (`”, said Noem`), or a pronoun (`” he stated`). Words and punctuation are
 * read, leaving room for an appositive (`,” Ana Ruiz, legal director for X, said`).
 */
function cueAfter(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, sBefore, afterText, previous, recentSpeaker } = c;
  // Sixteen words (commas and other marks do not count: `,” Ana Ruiz, 30, of Reno, N.M., said`).
  const all = wordsOf(afterText);
  let counted = 0;
  let cut = all.findIndex((w) => /[\p{L}\p{N}]/u.test(w.text) && ++counted > 16);
  // (Further for a name and an appositive set off by commas, however long, right before the cue:
  // `”, Ana Ruiz, the harbour master who has run the port since … and its first woman chief, said`.)
  const appositive = APPOSITIVE_CUE.exec(afterText);
  if (cut !== -1 && appositive && CUES.has(appositive[2]!)) cut = all.findIndex((w) => w.start >= appositive[0].length);
  const after = cut === -1 ? all : all.slice(0, cut);
  for (let k = 0; k < after.length; k++) {
    const w = after[k]!.text.toLowerCase().replace(/\.$/, '');
    // A capitalised cue word is part of a name (`the United States`, `the Washington Post`).
    if (!CUES.has(w) || /^\p{Lu}/u.test(after[k]!.text)) continue;
    // `“totally inappropriate” for Ginsburg to criticize Trump. He said …`: a cue in the next
    // sentence belongs to that sentence's subject, not to this quotation.
    if (sentenceBreak(afterText.slice(0, after[k]!.start))) break;
    // `accuses Obama of “leading from behind” and Trump says …`: a new clause after the quotation
    // brings its own subject and cue.
    // (But `“…,” as Ruiz said on Monday, …`: "as" and the cue's subject right before it attribute the words.)
    if (NEW_CLAUSE.test(afterText) && !(/^[\s,]*as\s/i.test(afterText) && SUBJECT_BEFORE_CUE.test(afterText.slice(0, after[k]!.start)) && wordsOf(afterText.slice(0, after[k]!.start)).length <= 5)) break;
    // `Ryan said he was “not ready” to back him, and suggested …`: words quoted inside a clause
    // reported by a said-verb before them; a cue after a conjunction is that subject's next verb
    // (`and suggested`, `but she denied`, `if he had asked`), not this quotation's attribution.
    if (CONJOINED.test(afterText.slice(0, after[k]!.start)) && reportedBefore(c)) break;
    // Speaker before the cue ("”, Noem said") or after it ("”, said Noem").
    const beforeCue = span.end + after[k]!.start;
    // (The name before a long appositive may be one the entity pass left out: `”, Ruiz, the …, said`.)
    const apposed = appositive && after[k]!.start === appositive[0].length - appositive[2]!.length ? bareName(idx, appositive[1]!, span.end) : null;
    // (`Its closure signals “the end” for the island, Ruiz said.`: words quoted inside a clause that
    // runs on to a comma, then the subject of the cue; not a new clause, `…, but Lind said`.)
    const gap = text.slice(span.end, beforeCue);
    const clauseComma = /^[^\S\n]+\p{Ll}/u.test(gap) && !/[“”"\n]/.test(gap) ? gap.lastIndexOf(',') : -1;
    const subjectOnly = clauseComma > 0 && !/^\s*(?:and|but|or|nor|yet|so|while|whereas|as|because|when|after|before|although|though|if|since|until|unless|which|who|that)\b/i.test(gap.slice(clauseComma + 1));
    const named = sourceBetween(text, idx, subjectOnly ? span.end + clauseComma + 1 : span.end, beforeCue);
    const between = named === undefined && apposed ? apposed : named;
    const who = between !== undefined ? between : sourceAfter(text, idx, beforeCue + w.length, span.end + afterText.length);
    // `”, said the harbour master.` / `”, a spokesman said.`: someone the text describes but does
    // not name (or named nowhere before) said it: the speaker is unknown, not the one before.
    // (Also after a clause that runs on to a comma: `Its closure signals “the end” for the island, the
    // group says.`)
    const unnamed = who === undefined && (UNNAMED_BEFORE_CUE.test(text.slice(span.end, beforeCue)) || (subjectOnly && UNNAMED_BEFORE_CUE.test(gap.slice(clauseComma + 1))) || (/^[\s,]*$/.test(text.slice(span.end, beforeCue)) && UNNAMED_AFTER_CUE.test(text.slice(beforeCue + w.length, beforeCue + w.length + 80))));
    if (who !== undefined || unnamed) {
      s.cue = w;
      s.attributed = true;
      // (A pronoun refers to someone named before the sentence when the words before the quotation
      // are part of what was said: `Democrats had “…” yet …, she said`.)
      const pronounAt = subjectOnly ? Math.min(span.start, Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0)) : span.start;
      s.speaker = unnamed ? null : who ?? recentSpeaker(pronounAt, afterText.slice(0, after[k]!.start)) ?? resolvePronoun(doc, idx, pronounAt, afterText.slice(0, after[k]!.start));
      // (Named: the speaker's surname is written in the attribution, not only a role noun or a pronoun that refers to them.)
      s.stated = !!who && namedIn(text.slice(span.end, span.end + afterText.length), who);
      // `The new rules are “a betrayal of workers,” Ruiz said.`: the words before the quotation
      // in its sentence are part of what the source said.
      const leadFrom = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
      const lead = text.slice(leadFrom, span.start);
      // (Also after a comma, when the quotation opens in lower case and completes the sentence: `After
      // the vote, “there is a sense of urgency,” Ruiz said`.)
      const completes = /,\s*$/.test(lead) && lowerOpening(text, span) && !holdsCue(lead);
      if (/\p{L}/u.test(lead) && !/[“”"]/.test(lead) && (!/[:,]\s*$/.test(lead) || completes) && /,\s*$/.test(text.slice(span.start + 1, span.end - (span.open ? 0 : 1)))) {
        s.contentStart = leadFrom + (lead.length - lead.trimStart().length);
      }
      // `“It is unanimous,” Ruiz said of the council’s vote.`: what the words are about, named after
      // the cue, goes with them.
      // (To the sentence's end, when no quotation goes on after it: not `…,” he said of Ruiz, “because …”`.)
      const about = /^\s+of\s[^.!?;“”"\n]*[.!?]/.exec(text.slice(beforeCue + w.length, beforeCue + w.length + 200));
      if (about) s.contentEnd = Math.max(span.end, beforeCue + w.length + about[0].length);
      // `Its closure signals “the end” for the island, Ruiz said.`: words quoted inside a clause
      // that goes on after them up to the attribution; the clause, before and after, is what was said.
      const rest = text.slice(span.end, beforeCue);
      const comma = rest.search(/,\s/);
      if (!/[,?!—–-]\s*$/.test(text.slice(span.start + 1, span.end - (span.open ? 0 : 1))) && /^[^\S\n]+\p{Ll}/u.test(rest) && comma > 0 && !/[“”"\n]/.test(rest.slice(0, comma))) {
        s.contentEnd = span.end + comma;
        if (!/[“”"]/.test(lead) && !/[:,]\s*$/.test(lead)) s.contentStart = leadFrom + (lead.length - lead.trimStart().length);
      } else if (/,\s*$/.test(text.slice(span.start + 1, span.end - (span.open ? 0 : 1))) && /^[^\S\n]+(?:in|on|at|for|with|from|by|and|as)\s/u.test(rest) && comma > 0 && !/[“”"\n]/.test(rest.slice(0, comma))) {
        // (`“We have set the table for voters,” in contrast to past years, Ruiz says.`: what goes on
        // after the closing mark, up to the comma before the attribution, is part of what was said.)
        s.contentEnd = span.end + comma;
      }
      break;
    }
  }
}

/**
 * 2. `“…,” Hannity started.` / `“…?” reacted Trump.`: a quotation closing on `,” ?” !”`
 * followed by a name and any verb, or a verb and a name, whatever the verb.
 */
function anyVerbAfter(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, lastSentence, sAfter, afterText, recentSpeaker } = c;
  // (Not a new clause after the quotation, `“a mess,” but Lind said …`: it brings its own subject and verb.)
  if (!s.attributed && /[,?!]\s*$/.test(text.slice(span.start + 1, span.end - (span.open ? 0 : 1))) && !NEW_CLAUSE.test(afterText)) {
    const near = doc.tokens.slice(sAfter.tokenStart, doc.sentences[Math.min(lastSentence + 2, doc.sentences.length - 1)]!.tokenEnd);
    const verbs = near.filter((t) => t.start >= span.end && t.end <= span.end + afterText.length && t.pos === 'VERB' && /^\p{Ll}/u.test(t.text));
    const verb = verbs[0];
    // (A participle after the quotation — `…,” noting that …` — continues the sentence before it.)
    if (verb && !verb.lower.endsWith('ing')) {
      const before = sourceBetween(text, idx, span.end, verb.start);
      const inverted = new RegExp(String.raw`^[^\S\n]+${NAME_RUN}[^\S\n]*[.,;]`, 'u').exec(text.slice(verb.end, verb.end + 80));
      const who = before !== undefined ? before : inverted ? bareName(idx, inverted[1]!, verb.end) ?? undefined : undefined;
      const gapOk = before !== undefined ? /^[\s,]*(?:\p{Lu}[\p{L}.'’-]*\s*){1,4}$|^[\s,]*(?:he|she)\s*$/iu.test(text.slice(span.end, verb.start)) : /^[\s,]*$/.test(text.slice(span.end, verb.start));
      // (Not a quotation inside a clause a said-verb before it reports, `Although he told the FBI that
      // he wanted “a better world,” he targeted …`: the verb after it is the main clause's, and what
      // was said ends at the quotation.)
      if (who !== undefined && gapOk && reportedBefore(c)) s.endsAtQuotation = true;
      else if (who !== undefined && gapOk) {
        s.speaker = who ?? recentSpeaker(span.start, afterText.slice(0, verb.start - span.end)) ?? resolvePronoun(doc, idx, span.start, afterText.slice(0, verb.start - span.end));
        s.cue = verb.lower;
        s.attributed = true;
      }
    }
  }
}

/**
 * 3. A signed line: `“…” ― Esther Tapia` (reader comments, epigraphs, embedded posts), or a
 * quotation alone in its paragraph signed in the next one (`“…”⏎⏎- Esther Tapia, Leeds.`, lists
 * of quotations).
 */
function signedLine(c: QuoteContext, s: Attribution): void {
  const { text, idx, span } = c;
  if (!s.attributed) {
    const alone = /(?:^|\n)[^\S\n]*$/.test(text.slice(0, span.start));
    const signed =
      new RegExp(String.raw`^[^\S\n]*[―—–][^\S\n]*${NAME_RUN}\.?[^\S\n]*(?:\n|$)`, 'u').exec(text.slice(span.end, span.end + 80)) ??
      (alone ? new RegExp(String.raw`^[^\S\n]*\n\s*[―—–-][^\S\n]*${NAME_RUN}(?:,[^\n]{0,80})?\.?[^\S\n]*(?:\n|$)`, 'u').exec(text.slice(span.end, span.end + 160)) : null);
    if (signed) {
      s.speaker = bareName(idx, signed[1]!, span.end);
      s.cue = '―';
      s.attributed = s.speaker !== null;
    }
  }
}

/**
 * 4. A cue before the quotation, in its sentence: `Noem said: “` / `Noem issued a stark warning:
 * “` / `She stated, “`; or a relative clause of calling, `what Noem called “…”`, whose subject the
 * words are.
 */
function cueBefore(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, sBefore, sAfter, previous, recentSpeaker } = c;
  if (!s.attributed) {
    // The lead starts after any earlier quotation in the sentence: names inside someone's
    // quoted words are not the source of the next quotation.
    const leadStart = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
    const lead = text.slice(leadStart, span.start);
    const leadWords = wordsOf(lead);
    // `After Brown criticized her, Ruiz shot back, “…”` / `Ruiz fired back: “…”`: a clause of a
    // name and a verb introducing the quotation, whatever the verb, is its attribution; a said-verb
    // earlier in the sentence (`criticized`) belongs to another clause.
    // (The tagger may read the verb of a phrasal verb as a noun: `Ruiz shot back`.)
    // `Ana Ruiz: “…”`, `More news on the port - Ana Ruiz: “…”`: a name alone opening its clause
    // before a colon labels the quotation as theirs.
    const label = new RegExp(String.raw`(?:^|\s[—–-]|[.;]|\n)\s*${NAME_RUN}\s*:\s*$`, 'u').exec(lead);
    if (label) {
      const nameAt = leadStart + label.index + label[0].indexOf(label[1]!);
      const mention = idx.all.find((m) => m.start >= nameAt && m.end === nameAt + label[1]!.length && (m.type === 'person' || m.type === 'organization'));
      if (mention) {
        s.speaker = mention.name;
        s.cue = ':';
        s.attributed = true;
        s.stated = true;
        return;
      }
    }
    const introducing = new RegExp(String.raw`(?:^\s*|[,;—–―]\s+)${NAME_RUN}\s+(?:\p{Ll}+ly\s+)?(\p{Ll}+)(\s+(?:back|out|up|on|in))?(?:\s+\p{Ll}+ly)?\s*[,:]\s*$`, 'u').exec(lead);
    if (introducing && !CUES.has(introducing[2]!)) {
      const verbAt = leadStart + introducing.index + introducing[0].lastIndexOf(introducing[2]!);
      const verb = doc.tokens.find((t) => t.start === verbAt);
      const nameAt = leadStart + introducing.index + introducing[0].indexOf(introducing[1]!);
      const mention = idx.all.find((m) => m.start >= nameAt && m.end <= nameAt + introducing[1]!.length && (m.type === 'person' || m.type === 'organization'));
      const who = mention?.name ?? bareName(idx, introducing[1]!, nameAt);
      if ((verb?.pos === 'VERB' || (verb && introducing[3])) && who) {
        s.speaker = who;
        s.cue = verb.lower;
        s.attributed = true;
        s.stated = true;
        return;
      }
    }
    // `The board passed what Ruiz called a “…” plan`, `…, which she described as “…”`, `whom one
    // insider described as “…”`: words a relative clause says its subject called something are that
    // subject's, not the sentence subject's (a pronoun resolved, a role to its holder, a description
    // unnamed), and the clause from its relative word is what they said.
    const calling = CALLING_CLAUSE.exec(lead);
    if (calling) {
      const [subjectFrom, subjectTo] = calling.indices![2]!.map((x) => leadStart + x) as [number, number];
      const verbAt = leadStart + calling.indices![3]![0];
      const subject = calling[2]!;
      const pronoun = /^(?:he|she|they|I|we)$/.test(subject);
      const described = /^\p{Ll}/u.test(subject) && !pronoun;
      const role = described ? roleNoun(subject, false, idx.evidence) : null;
      // (A pronoun never refers to the person the relative word stands for: in `Hale met Lind, who
      // he calls “…”`, "he" is not Lind; it is read as if that person came after it.)
      const relativeAt = leadStart + calling.indices![1]![0];
      const antecedent = /^(?:who|whom)$/.test(calling[1]!) ? idx.mentions.find((m) => m.end <= relativeAt && /^\s*,?\s*$/.test(text.slice(m.end, relativeAt))) : undefined;
      const pronounAt = antecedent?.start ?? subjectFrom;
      const who = pronoun
        ? recentSpeaker(pronounAt, subject) ?? resolvePronoun(doc, idx, pronounAt, subject)
        : described
          ? (role && resolveRole(idx.evidence, role.word, subjectFrom + role.at)) || null
          : subject === 'you'
            ? null
            : // (`it`: the organisation named last before it in the sentence, `the council pledged to act on what it called “…”`.)
              subject === 'it'
              ? idx.all.filter((m) => m.type === 'organization' && m.start >= sBefore.start && m.end <= subjectFrom).pop()?.name ?? null
              : sourceBetween(text, idx, subjectFrom, subjectTo, true) ?? bareName(idx, subject, subjectFrom);
      s.speaker = who;
      s.cue = calling[3]!;
      s.attributed = true;
      s.called = true;
      s.stated = !!who && !pronoun && !described && namedIn(subject, who);
      s.contentStart = relativeAt;
      s.contentEnd = Math.max(span.end, sAfter.end);
      // (`Ruiz said the board passed what she called “…”`: the clause a said-verb reports is Ruiz's.)
      reportedByOuter(c, s, leadStart, verbAt, true);
      return;
    }
    // A reported clause can run long before its quoted words (`Issa said Clinton's handling of
    // … is in “question”`): look back through the whole lead for a said-verb, but only the last
    // 14 words for a cue noun before a colon.
    let participleAt: number | undefined;
    for (let k = leadWords.length - 1; k >= 0 && k >= leadWords.length - 40; k--) {
      const w = leadWords[k]!.text.toLowerCase().replace(/\.$/, '');
      // `Asked about X, Ferro did not back down, saying “…”`: a participle closer to the
      // quotation, with its own subject after this verb, introduces it; rule 8 (reportingSentence) reads it.
      if (w.endsWith('ing') && REPORTING.test(w)) participleAt ??= leadStart + leadWords[k]!.start;
      // `as Ruiz put it, “…”`: the phrase is a cue, though "put" alone is not.
      const putIt = /^puts?$/.test(w) && /^\s+it\b/.test(lead.slice(leadWords[k]!.start + w.length)) && /\bas\s+(?:[^\s,]+\s+){1,4}$/i.test(lead.slice(0, leadWords[k]!.start));
      // (After a possessive or a determiner the form is a noun: `Ruiz’s remarks`, `the claims that`.)
      // (Not a contraction: `he’s said`.)
      const noun = /(?:\b(?:the|a|an|his|her|their|its|our|my|your|these|those)|(?<!\b(?:he|she|it|that|there|who|what))\p{L}['’]s?)\s+$/iu.test(lead.slice(0, leadWords[k]!.start)) && !/\b(?:he|she|it|that|there|who|what)['’]s\s+$/iu.test(lead.slice(0, leadWords[k]!.start));
      const isCue = (CUES.has(w) || putIt) && !/^\p{Lu}/u.test(leadWords[k]!.text) && !noun;
      const isNounCue = !isCue && !/^\p{Lu}/u.test(leadWords[k]!.text) && k >= leadWords.length - 14 && /[:,]\s*$/.test(lead) && CUE_NOUNS.test(leadWords[k]!.text);
      if (!isCue && !isNounCue) continue;
      const cueAt = leadStart + leadWords[k]!.start;
      if (participleAt !== undefined && idx.mentions.some((m) => m.start > cueAt && m.end <= participleAt!)) break;
      // `The trouble with the plan, says Ana Ruiz, a planner, is that “…”` / `explained Ruiz, “…”`:
      // a cue opening its clause with the name after it is an inverted attribution.
      // (The name alone between the cue and a comma: not `Lind, at a rally, called Ruiz a “…”`.)
      const inverted =
        isCue && /(?:^|,)\s*$/.test(text.slice(leadStart, cueAt)) && new RegExp(String.raw`^\s+${NAME_RUN}\s*,`, 'u').test(text.slice(cueAt + w.length, span.start))
          ? sourceAfter(text, idx, cueAt + w.length, span.start)
          : undefined;
      const who = inverted ?? sourceBetween(text, idx, leadStart, cueAt, true);
      const pronoun = !inverted && /\b(he|she|they|i|we)\b/i.test(text.slice(leadStart, cueAt));
      // `63 percent said Clinton was “justified” …`, `a source close to the talks said “…”`: a
      // said-verb whose subject names nobody still gives the words to a source, an unnamed one
      // (null). Only a form that is a verb wherever it stands (`said`, `told`, `-ed`), not one that
      // may be a noun (`the claims that “…”`), and not after a determiner or `to`; and not when
      // the subject holds a name that a later rule reads (`The FBI concluded`).
      const unnamed =
        who === undefined && !pronoun && isCue && /^(?:said|says|told|tells|wrote|writes|\p{L}+ed)$/u.test(w) &&
        !idx.all.some((m) => m.start >= leadStart && m.end <= cueAt && m.type !== 'place') &&
        !capitalisedBeyondPlaces(text, idx, leadStart, cueAt) &&
        /\p{L}\s*$/u.test(text.slice(leadStart, cueAt)) && !/(?:\b(?:the|a|an|his|her|their|its|our|to|not|be|been|being|\p{Ll}+ly)|['’]s?)\s*$/iu.test(text.slice(leadStart, cueAt));
      if (who !== undefined || pronoun || unnamed) {
        s.cue = putIt ? `${w} it` : isCue ? w : (leadWords.slice(Math.max(0, k - 2), k + 1).map((x) => x.text).join(' '));
        s.attributed = true;
        s.speaker = unnamed ? null : who ?? recentSpeaker(cueAt, text.slice(leadStart, cueAt)) ?? resolvePronoun(doc, idx, cueAt, text.slice(leadStart, cueAt));
        s.stated = isCue && !!who && namedIn(text.slice(leadStart, cueAt), who);
        // `said that it was “totally inappropriate” for …`: the quoted words are part of a
        // reported clause, and the clause is what the source said.
        const afterCue = cueAt + leadWords[k]!.text.length;
        const between = text.slice(afterCue, span.start);
        // (`said in March, “…`: a comma or colon right before the mark introduces the quotation.)
        // `said “it gets me mad” every time …`: a quotation that opens right after the verb and
        // is followed by more of the sentence is a fragment of the reported clause too.
        const fragment = !between.trim() && /[\p{L}\p{N}]/u.test(text.slice(span.end, sAfter.end));
        // (But a comma that closes a clause of what was said, `said that if the bill passes, “…”`,
        // `said because turnout was low, “…”`, leaves the quotation inside the reported clause.)
        // (Nor does a colon that ends a reported `that` clause, `adds that voters have two choices:
        // “…”`: the quotation completes that clause.)
        const clauseBefore =
          (/,\s*$/.test(between) && /\b(?:that|if|because|although|though|when|while|since|unless|whether|no matter)\b/i.test(between)) ||
          (/:\s*$/.test(between) && /^\s*(?:[^\s,;:]+\s+){0,6}?that\s+[^:]*\s\p{L}+:\s*$/iu.test(between));
        if (isCue && (/[\p{L}\p{N}]/u.test(between) || fragment) && !/[“”"]/.test(between) && (!/[,:]\s*$/.test(between) || clauseBefore)) {
          s.contentStart = afterCue + (between.length - between.trimStart().length);
          s.contentEnd = Math.max(span.end, sAfter.end);
        }
        // `Sooner or later, the governor told reporters, “it starts to pay off.”`: a quotation opening
        // in lower case after an attribution set off by commas completes the sentence begun before
        // the attribution, and that beginning (no report of its own) is part of what was said.
        // (The last part of that beginning, after a comma, when it holds two words or more: `… acknowledged
        // the split, which is an outcome, he said, “we've long anticipated.”`.)
        const setOff = /,\s+[^,;:“”"]{1,80}$/.exec(text.slice(leadStart, cueAt));
        const beginning = setOff ? text.slice(leadStart, leadStart + setOff.index) : '';
        const lastPart = /[,;]\s*([^,;]*)$/.exec(beginning);
        const opening = lastPart && twoWordsOrMore(lastPart[1]!) ? lastPart[1]! : beginning;
        const openingAt = leadStart + beginning.length - opening.length;
        if (
          isCue && setOff && lowerOpening(text, span) && /^(?:\s+[^\s,;:“”"]+){0,3}\s*,\s*$/.test(between) &&
          twoWordsOrMore(opening) && !/[“”"]/.test(opening) && !holdsCue(opening)
        ) {
          s.contentStart = openingAt + (opening.length - opening.trimStart().length);
          s.contentEnd = Math.max(span.end, sAfter.end);
        }
        // `Lind said Friday that she phoned Ruiz to praise what she called “…”`: the cue nearest
        // the quotation sits in a clause that a said-verb before it reports; what that source said
        // is the whole clause, the quotation in it, and the quote is theirs (`Lind said that Ruiz
        // called it “…”` is Lind's account of what Ruiz said).
        reportedByOuter(c, s, leadStart, cueAt, true);
        break;
      }
    }
  }
}

/**
 * The end of a said-verb that reports the clause holding the cue at `innerAt`, and its subject
 * when it names one (null for a pronoun, and the nearer speaker stays): a form of "say" (`Ruiz
 * said he …`), or any said-verb followed by `that` (`Ruiz noted in May that …`, `told reporters on Monday that`). Not across a
 * clause joined by `and` / `but` or a semicolon (`Ruiz praised it, but Lind said “…”`), nor a
 * form after a determiner or possessive, which is a noun (`Ruiz’s claims that`).
 */
function outerReport(doc: Doc, idx: PersonIndex, leadStart: number, innerAt: number): { end: number; who: string | null } | undefined {
  const { text } = doc;
  const leadWords = wordsOf(text.slice(leadStart, innerAt));
  // (Not when the nearer cue has a subject of its own opening a clause after a comma or dash: `While
  // not everything Lind says is true, Ruiz said he is “…”` is Ruiz's sentence.)
  if (new RegExp(String.raw`[,;—–―]\s*${NAME_RUN}\s+(?:\p{Ll}+ly\s+)?$`, 'u').test(text.slice(leadStart, innerAt))) return undefined;
  for (let j = leadWords.length - 1; j >= 0; j--) {
    const word = leadWords[j]!.text;
    const w = word.toLowerCase();
    if (!CUES.has(w) || /^\p{Lu}/u.test(word)) continue;
    const at = leadStart + leadWords[j]!.start;
    const end = at + word.length;
    const clause = text.slice(end, innerAt);
    if (/[;“”"]|,\s*(?:and|but|or|while|whereas)\s|\s(?:but|yet)\s/u.test(clause)) return undefined;
    if (!/[\p{L}\p{N}]/u.test(clause)) continue;
    const before = text.slice(leadStart, at);
    if (/(?:\b(?:the|a|an|his|her|their|its|our|my|your|this|that)|['’]s?)\s*$/iu.test(before)) continue;
    if (!/^(?:said|says|say)$/.test(w) && !/^(?:\s+[^\s,;:]+){0,6}?\s+that\s/u.test(clause)) continue;
    const pronoun = /(?:^|[\s,])(?:he|she|they|i|we)\s+(?:\p{Ll}+\s+){0,2}$/iu.test(before);
    const who = sourceBetween(text, idx, leadStart, at, true);
    // (Or a source described, not named, opening the sentence: `A source close to the inquiry said
    // the files that were taken suggested the thieves sought “…”`.)
    const described = /^\s*(?:(?:but|and|yet|so)\s+)?(?:the|a|an|one|another|some|many|several|most)\s+[^,;:“”"]{1,80}?\s+$/iu.test(before);
    if (pronoun || who || described) return { end, who: who ?? null };
  }
  return undefined;
}

/**
 * When a said-verb before the cue at `innerAt` reports the clause the quotation sits in
 * (`outerReport`), the quote is that whole clause, from after the said-verb to the end of the
 * quotation's sentence, and that verb's named source speaks (`stating`: and is stated when named in
 * the words before the cue).
 */
function reportedByOuter(c: QuoteContext, s: Attribution, leadStart: number, innerAt: number, stating: boolean): void {
  const outer = outerReport(c.doc, c.idx, leadStart, innerAt);
  if (!outer) return;
  const rest = c.text.slice(outer.end, c.span.start);
  s.contentStart = outer.end + (rest.length - rest.trimStart().length);
  if (outer.who) {
    s.speaker = outer.who;
    if (stating) s.stated = namedIn(c.text.slice(leadStart, innerAt), outer.who);
  }
  s.contentEnd = Math.max(c.span.end, c.sAfter.end);
}

/** A capitalised word between two offsets, past the first word, that is not part of a place (`The Miami Herald`, not `The Indiana governor`). */
function capitalisedBeyondPlaces(text: string, idx: PersonIndex, from: number, to: number): boolean {
  const words = wordsOf(text.slice(from, to)).filter((w) => /\p{L}/u.test(w.text));
  return words.slice(1).some((w) => /^\p{Lu}/u.test(w.text) && !idx.all.some((m) => m.type === 'place' && m.start <= from + w.start && m.end > from + w.start));
}

/**
 * 5. "Caddell continued:" as its own paragraph, the quote in the next one.
 */
function leadInParagraph(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, sBefore } = c;
  if (!s.attributed && !text.slice(sBefore.start, span.start).trim()) {
    // Paragraphs may be set apart by blank lines; the lead-in is the last sentence before them.
    const prevEnd = text.slice(0, sBefore.start).trimEnd().length;
    const prevStart = prevEnd > 0 ? Math.max(text.lastIndexOf('\n', prevEnd - 1) + 1, doc.sentences[sentenceAt(doc, prevEnd - 1)]?.start ?? 0) : 0;
    const prev = prevEnd > 0 && text.slice(prevEnd, sBefore.start).includes('\n') ? text.slice(prevStart, prevEnd).trim() : '';
    if (prev.endsWith(':') && prev.split(/\s+/).length <= 30) {
      const who = sourceBetween(text, idx, prevStart, prevEnd, true);
      if (who !== undefined) {
        s.speaker = who ?? resolvePronoun(doc, idx, prevStart, prev);
        s.cue = wordsOf(prev).map((x) => x.text.toLowerCase()).find((x) => CUES.has(x)) ?? ':';
        s.attributed = true;
      }
    }
  }
}

/**
 * 6. A continuation: a quotation in the sentence right after an attributed one (same speaker).
 */
function continuation(c: QuoteContext, s: Attribution): void {
  const { text, span, firstSentence, sBefore, previous } = c;
  if (!s.attributed && previous && previous.quote.speaker && sBefore.start - previous.quote.end < 400) {
    const lead = text.slice(sBefore.start, span.start).trim();
    // `“…?” Obama asked the senators. “…”`: only the previous quotation's own attribution sits
    // between them, however the sentence splitter cut it.
    const gap = text.slice(previous.quote.end, span.start);
    const onlyAttribution =
      gap.length <= 150 && /[.!?]\s*$/.test(gap) && !/[“”"\n]/.test(gap) && !sentenceBreak(gap.replace(/[.!?]\s*$/, '')) &&
      !!previous.quote.cue && wordsOf(gap).some((w) => w.text.toLowerCase().replace(/\.$/, '') === previous!.quote.cue);
    // (`… telling the crowd, “A,” and, “B”`: only a conjunction between two quotations of one sentence.)
    const joined = /^[\s,]*(?:and|or|then|and then)\s*[,:]?\s*$/i.test(text.slice(previous.quote.end, span.start)) && previous.quote.end >= sBefore.start;
    if ((!lead && firstSentence - previous.sentence <= 1) || onlyAttribution || joined) {
      s.speaker = previous.quote.speaker;
      s.cue = previous.quote.cue;
      s.attributed = true;
      s.continuation = true;
    }
  }
}

/**
 * 7. A quotation that is a sentence of its own, right after a sentence of someone's reported
 * speech, in the paragraph before (`Kerry said that 100,000 would be accepted.⏎⏎“That adds up to
 * …”`) or in the same one (`The talks go on, Lind said. “We are close.”`): theirs. Only the
 * reported speech after any quotation in that sentence counts (`… the “worst deal,” and it will
 * fail, Lind said.`). Also after a sentence without said-verbs whose subject is a named person
 * (`Ruiz backs Mayor Lind on the plan. “…”`), or "he" / "she" right after a quotation of someone
 * the pronoun can be (`“…,” Lind said. He gave no date. “…”`).
 */
/**
 * The person a sentence is about: a person named opening it (after any opening phrase set off by a
 * comma, `On Sunday, Ruiz backed …`), its verb or a description right after the name (not a
 * possessive, `Ruiz’s plan …`); people named after its verb are objects (`Ruiz backs Mayor Lind on
 * the plan.`). (Not a pronoun: "he" opening such a sentence may refer to anyone the paragraphs
 * before named.)
 */
function sentenceSubject(doc: Doc, idx: PersonIndex, from: number, to: number): string | null {
  const { text } = doc;
  const people = idx.mentions.filter((m) => m.start >= from && m.end <= to);
  const first = people[0];
  if (
    first &&
    /^(?:[^,;:]{0,40},\s*)?(?:(?:the|former|\p{Lu}[\p{L}.'’-]*)\s+)*$/u.test(text.slice(from, first.start)) &&
    // (Its verb, or an appositive or relative clause, follows the name: not `With Ruiz, the port …`.)
    /^(?:\s*\([^)\n]{1,30}\))?(?:\s+(?:\p{Ll}+ly\s+)?\p{Ll}|,\s+(?:who|a|an|the)\s)/u.test(text.slice(first.end, first.end + 40))
  ) {
    return first.name;
  }
  return null;
}

const SUBJECT_BEFORE_CUE = new RegExp(
  String.raw`(?:(?!I\s|We\s)\p{Lu}[\p{L}'’.-]*|\b(?:he|she|they))(?:\s*\([^)\n]{1,20}\))?[\s,]*(?:(?!(?:if|when|as|and|but|or|because|after|before|while|to|of|for|in|on|at|by|with|from|that|who|which)\s)\p{Ll}+[\s,]+){0,2}$`,
  'u',
);

function afterReportedSpeech(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, firstSentence, sBefore, sAfter } = c;
  if (!s.attributed && firstSentence > 0) {
    const paraEndAt = text.indexOf('\n', span.end);
    const paraEnd = paraEndAt === -1 ? text.length : paraEndAt;
    const prev = doc.sentences[firstSentence - 1]!;
    const gap = text.slice(prev.end, span.start);
    const alone = !text.slice(sBefore.start, span.start).trim() && (!text.slice(span.end, paraEnd).trim() || !/[\p{L}\p{N}]/u.test(text.slice(span.end, sAfter.end)));
    if (alone && !/\S/.test(gap) && (gap.match(/\n+/g) ?? []).length <= 1) {
      const prevText = text.slice(prev.start, prev.end);
      const lastMark = Math.max(prevText.lastIndexOf('”'), prevText.lastIndexOf('"'));
      const from = prev.start + lastMark + 1;
      const said = text.slice(from, prev.end);
      // (A quotation that is its whole paragraph, after a paragraph without quotation marks, may
      // take any said-verb of that paragraph's last sentence; else the cue's subject is right before it.)
      const ownParagraph = lastMark === -1 && gap.includes('\n') && !text.slice(span.end, paraEnd).trim();
      // (A sentence without quotation marks whose subject is a named person, whatever its verb, when
      // no said-verb is there: `Ruiz backed the plan from the start.⏎⏎“We had no other choice.”`.)
      if (lastMark === -1 && !wordsOf(prevText).some((w) => CUES.has(w.text.toLowerCase().replace(/\.$/, '')))) {
        const subject = sentenceSubject(doc, idx, prev.start, prev.end);
        if (subject) {
          s.speaker = subject;
          s.attributed = true;
          return;
        }
        // `“…,” Lind said. He did not say more. “…”`: a sentence whose subject is "he" or "she", right
        // after a quotation of someone the pronoun can be, naming nobody, is still about them.
        const pronoun = /^\s*(he|she)\s/i.exec(prevText);
        const before = c.previous;
        if (pronoun && before?.quote.speaker && before.sentence === firstSentence - 2 && !idx.mentions.some((m) => m.start >= prev.start && m.end <= prev.end) &&
            compatible(idx.evidence, before.quote.speaker, pronounGender(pronoun[1]!))) {
          s.speaker = before.quote.speaker;
          s.attributed = true;
          return;
        }
      }
      if (!/[“„«]/.test(said)) {
        // (The cue's subject right before it, a name or "he" / "she" / "they" and at most two
        // adverbs or auxiliaries: `Lind has long said`, not `… to the Lind campaign if asked`.)
        const cueWord = wordsOf(said).find(
          (w) => CUES.has(w.text.toLowerCase().replace(/\.$/, '')) && !/^\p{Lu}/u.test(w.text) && (ownParagraph || SUBJECT_BEFORE_CUE.test(said.slice(0, w.start))),
        );
        if (cueWord) {
          const cueAt = from + cueWord.start;
          const who = sourceBetween(text, idx, from, cueAt, true);
          if (who !== undefined) {
            s.speaker = who ?? resolvePronoun(doc, idx, from, said);
            s.cue = cueWord.text.toLowerCase().replace(/\.$/, '');
            s.attributed = s.speaker !== null;
          }
        }
      }
    }
  }
}

/**
 * 8. Words quoted inside a reporting sentence: `Trump went after Bush, calling him “a total
 * stiff.”` / `Sanders delivered a snappy retort: “…”` — the subject who calls, says or retorts.
 */
function reportingSentence(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, sBefore, sAfter, previous } = c;
  if (!s.attributed) {
    const leadStart = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
    const lead = text.slice(leadStart, span.start);
    // (Also a comma before a quotation that opens a sentence of its own, `Ruiz shared her doubts
    // with the crowd, “I do not know …”`: the clause introduces it as a colon would.)
    const introduces = /:\s*$/.test(lead) || (/,\s*$/.test(lead) && /^["“„«]\s*\p{Lu}/u.test(text.slice(span.start, span.start + 4)) && !/[“”"]/.test(lead));
    // (Before a comma, only a sentence whose one name is a person opening it: `Earlier, Ruiz shared …,
    // “…”`, not `Ruiz clashed with Lind, chiding him, “…”` nor `A source close to Ruiz’s team, “…”`.)
    const names = idx.all.filter((m) => m.start >= leadStart && m.end <= span.start && m.type !== 'place');
    const byComma = !REPORTING.test(lead) && !/:\s*$/.test(lead);
    const oneOpening =
      names.length === 1 && names[0]!.type === 'person' && CLAUSE_START.test(text.slice(leadStart, names[0]!.start)) && !/^['’]/u.test(text.slice(names[0]!.end, names[0]!.end + 1));
    if ((REPORTING.test(lead) || introduces) && (!byComma || oneOpening)) {
      // The subject opens its clause (`Asked about Obama, Mr. Santorum did not back down,
      // saying …`); a name after a preposition or conjunction is an object.
      // The reporting verb nearest the quotation (`Asked whether he was suggesting …, Santorum
      // did not back down, saying “…”` — saying, not suggesting).
      const verb = [...lead.matchAll(REPORTING_ALL)].pop();
      const verbAt = verb?.index ?? lead.length;
      const named = idx.mentions.filter((m) => m.start >= leadStart && m.end <= leadStart + verbAt);
      const opening = named.filter((m) => CLAUSE_START.test(text.slice(leadStart, m.start))).pop();
      // `The communications pro also took a shot at President Obama, writing “…”`: a sentence
      // whose subject is a description refers back to someone named before, like a pronoun;
      // the names after its verb are objects.
      // (Not an institution: `The administration has described them as “…”` is nobody named.)
      const description = /^\s*(?:The|This|That)\s+((?:[\p{Ll}-]+\s+){0,2}?\p{Ll}+)\s+(?:also\s+|later\s+|then\s+)?\p{Ll}+/u.exec(lead);
      const described = !opening && !!description && !INSTITUTION.test(description[1]!);
      const subject = opening ?? (described ? undefined : named[0]);
      const pronoun = /^\s*(he|she)\b/i.test(lead) || described;
      if (subject || pronoun) {
        s.speaker = subject?.name ?? resolvePronoun(doc, idx, leadStart, lead);
        s.cue = verb?.[0].toLowerCase() ?? ':';
        s.attributed = s.speaker !== null;
        // `calling the plan “reckless” and …`: the object and the quoted words are what was said.
        if (s.attributed && verb) {
          const afterVerb = leadStart + verb.index + verb[0].length;
          const between = text.slice(afterVerb, span.start);
          if (/[\p{L}\p{N}]/u.test(between) && !/[“”"]/.test(between) && !/[,:]\s*$/.test(between)) {
            s.contentStart = afterVerb + (between.length - between.trimStart().length);
            s.contentEnd = Math.max(span.end, sAfter.end);
          }
          // (`Ruiz told reporters that the board erred by calling it “…”`: the clause a said-verb reports.)
          reportedByOuter(c, s, leadStart, leadStart + verb.index, false);
        }
      }
    }
  }
}

/**
 * 9. "according to X" (sets a speaker without closing the attribution: rule 10 may add content).
 */
function accordingTo(c: QuoteContext, s: Attribution): void {
  const { text, idx, span, sBefore, sAfter, previous } = c;
  if (!s.attributed) {
    const sentenceText = text.slice(sBefore.start, sAfter.end);
    const m = /according to\s+/i.exec(sentenceText);
    if (m) {
      const at = sBefore.start + m.index + m[0].length;
      const who = sourceAfter(text, idx, at - 1, sAfter.end);
      if (who) {
        s.speaker = who;
        s.cue = 'according to';
        // What the source says is the clause the phrase is set off from: `The plan is “dead,”
        // according to Ruiz.` (before it) / `According to Ruiz, the plan is “dead.”` (after it).
        const leadFrom = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
        const phraseAt = sBefore.start + m.index;
        const before = text.slice(leadFrom, phraseAt);
        if (phraseAt >= span.end && /,["”]?\s*$/.test(before) && !/[“”"]/.test(text.slice(leadFrom, span.start))) {
          s.contentStart = leadFrom + (before.length - before.trimStart().length);
          s.contentEnd = leadFrom + before.trimEnd().length - (/,$/.test(before.trimEnd()) ? 1 : 0);
        } else if (phraseAt < span.start && !/\S/.test(text.slice(sBefore.start, phraseAt))) {
          const comma = text.indexOf(',', at);
          if (comma !== -1 && comma < span.start && !/[“”"]/.test(text.slice(comma, span.start))) {
            const rest = text.slice(comma + 1, span.start);
            s.contentStart = comma + 1 + (rest.length - rest.trimStart().length);
            s.contentEnd = Math.max(span.end, sAfter.end);
          }
        }
      }
    }
  }
}

/**
 * 10. Quoted words inside a clause whose verb is not a said-verb (`Clinton decried the GOP for
 * “turning its back” on …`, `The group is seeking “bold ideas” for …`): what follows the
 * verb is the attributed content, and the subject opening the clause is its source.
 */
function clauseSubject(c: QuoteContext, s: Attribution): void {
  const { doc, text, idx, span, single, lastSentence, sBefore, sAfter, previous } = c;
  if (!s.attributed && s.contentStart === span.start) {
    const leadStart = Math.max(sBefore.start, previous && previous.quote.end <= span.start ? previous.quote.end : 0);
    const lead = text.slice(leadStart, span.start);
    if (/\p{L}/u.test(lead) && !/[“”"]/.test(lead) && !/[,:;—–]\s*$/.test(lead)) {
      const tokens = doc.tokens.slice(sBefore.tokenStart, doc.sentences[lastSentence]!.tokenEnd);
      const lastVerb = tokens.filter((t) => t.start >= leadStart && t.end <= span.start && t.pos === 'VERB').pop();
      // (A clause that a verb or noun of saying reports from its `that` holds words someone said, even
      // one word, `Some voters grumbled that the “fake” leaflets outnumbered the real ones`; its subject
      // is the reporting verb's, `When Ruiz ordered that the board meet “major” owners`.)
      const that = thatClauseStart(tokens, text, leadStart, span.start);
      const verb = that?.verb ?? lastVerb;
      const named = verb ? idx.all.filter((m) => m.start >= leadStart && m.end <= verb.start && m.type !== 'place') : [];
      const opening = named.filter((m) => CLAUSE_START.test(text.slice(leadStart, m.start)));
      // A person or organisation opening the clause; else any other name there (`In 2014, Pew found`).
      // (Or the subject of a clause a relative or conjunction opens, right before its verb: `…, in
      // which Ruiz expressed “…”`, `after Ruiz described it as “…”`.)
      const nearVerb = named.filter((m) => (m.type === 'person' || m.type === 'organization') && /^\s+(?:(?:\p{Ll}+ly|also|then|later|had|has|have)\s+)*$/u.test(text.slice(m.end, verb!.start))).pop();
      const relativeSubject = nearVerb && /\b(?:which|whom|that|when|while|after|before|because|although|though|since|where)\s+(?:(?:the|former|\p{Lu}[\p{L}.'’-]*)\s+)*$/u.test(text.slice(leadStart, nearVerb.start)) ? nearVerb : undefined;
      const subject = opening.filter((m) => m.type === 'person' || m.type === 'organization').pop() ?? relativeSubject ?? opening.pop();
      // (Else a capitalised name the entity pass left out, right before the verb and opening a
      // clause after a comma: `In 2014, Pew found that “…”`; not a word that opens the sentence,
      // which is capitalised whatever it is: `Drivers found a sign reading “…”`.)
      const bare = !subject && verb ? new RegExp(String.raw`[,;:—–]\s*${NAME_RUN}\s+(?:\p{Ll}+ly\s+|has\s+|have\s+|had\s+)?$`, 'u').exec(text.slice(leadStart, verb.start)) : null;
      const bareSubject = bare && !NOT_SOURCE.has(bare[1]!.split(/\s+/)[0]!.toLowerCase().replace(/['’]\p{L}+$/u, '')) ? bareName(idx, bare[1]!, verb!.start) : null;
      // One quoted word with nobody to give it to is a scare quote, not a quotation.
      // (Or "he" / "she" opening the clause right before its verb, the person it refers to: `Then he turned to “little” Marco Rubio.`)
      const pronounSubject = !subject && !bareSubject && verb ? /(?:^\s*|[,;]\s*|\b(?:then|and)\s+)(he|she)\s+(?:(?:\p{Ll}+ly|also|then|later|had|has|have|would|will)\s+)*$/iu.exec(text.slice(leadStart, verb.start)) : null;
      const pronounWho = pronounSubject ? resolvePronoun(doc, idx, leadStart + pronounSubject.index, pronounSubject[1]!) : null;
      if (verb && (subject || bareSubject || pronounWho || !single || that)) {
        // (`Ruiz notes that turnout fell, which means Lind “…”`: the clause a said-verb reports.)
        const outer = outerReport(doc, idx, leadStart, verb.start);
        // (`The report found that the agency could not be sure money came from “…”`: the clause a
        // verb reports, from its `that`.)
        const from = outer?.end ?? that?.at ?? verb.end;
        if (outer?.who) s.speaker = outer.who;
        const rest = text.slice(from, span.start);
        s.contentStart = from + (rest.length - rest.trimStart().length);
        s.contentEnd = Math.max(span.end, sAfter.end);
        s.speaker ??= subject?.name ?? bareSubject ?? pronounWho ?? null;
        s.cue ??= verb.lower;
      }
    }
  }
}

/**
 * Where a clause that a verb reports opens with `that` before the quotation at `at` (`found that
 * …`, `pointed out that …`, `makes clear that …`; a word of BEFORE_THAT_CLAUSE or an adverb in
 * -ly may stand between; or a noun of saying, SAYING_NOUNS): the first such `that` after `from`,
 * with no quotation mark or semicolon between it and the quotation, and the verb when it is one. Not a `that` after a noun (`the plan that …`, a relative clause),
 * nor a determiner (`to harness that power for …`).
 */
function thatClauseStart(tokens: Doc['tokens'], text: string, from: number, at: number): { at: number; verb?: Doc['tokens'][number] } | undefined {
  const words = tokens.filter((t) => t.start >= from && t.end <= at && t.pos !== 'SPACE');
  for (let i = 1; i < words.length; i++) {
    if (words[i]!.lower !== 'that') continue;
    // (A determiner: `to harness that power for …`, a noun and no verb after it.)
    if (words[i + 1]?.pos === 'NOUN' && !['VERB', 'AUX', 'ADV', 'PART'].includes(words[i + 2]?.pos ?? '')) continue;
    if (/[;“”"]/.test(text.slice(words[i]!.end, at))) continue;
    let j = i - 1;
    while (j > 0 && (BEFORE_THAT_CLAUSE.has(words[j]!.lower) || /^\p{Ll}+ly$/u.test(words[j]!.text)) && j >= i - 2) j--;
    // (Or a noun of saying, `his assertion that …`, `her answer was that …`.)
    const saying = SAYING_NOUNS.has(words[j]!.lower) || (/^(?:is|was)$/.test(words[j]!.lower) && j > 0 && SAYING_NOUNS.has(words[j - 1]!.lower));
    if ((words[j]!.pos === 'VERB' || saying) && words[j]!.end <= words[i]!.start && !/[,:—–]/.test(text.slice(words[j]!.end, words[i]!.start))) {
      // (The noun is the reporting word, its subject the source, unless a preposition puts it under
      // the verb before it: `Ruiz said in a statement that …`.)
      const underVerb = words[j - 1]?.pos === 'ADP' || (words[j - 1]?.pos === 'DET' && words[j - 2]?.pos === 'ADP');
      return { at: words[i]!.start, verb: words[j]!.pos === 'VERB' || (SAYING_NOUNS.has(words[j]!.lower) && !underVerb) ? words[j] : undefined };
    }
  }
  return undefined;
}

/** The attribution rules, in the order they are tried (numbered as in their doc comments). */
export const ATTRIBUTION_RULES: readonly AttributionRule[] = [
  { name: 'a cue after the quotation, with its speaker on either side', apply: cueAfter },
  { name: 'any verb and a name after a quotation closing on a comma, question or exclamation mark', apply: anyVerbAfter },
  { name: 'a signed line', apply: signedLine },
  { name: 'a cue before the quotation in its sentence', apply: cueBefore },
  { name: 'a lead-in paragraph ending in a colon', apply: leadInParagraph },
  { name: 'a continuation of the quotation before', apply: continuation },
  { name: 'a quotation after a sentence of reported speech', apply: afterReportedSpeech },
  { name: 'words quoted inside a reporting sentence', apply: reportingSentence },
  { name: 'according to', apply: accordingTo },
  { name: 'the subject of the clause the words are quoted in', apply: clauseSubject },
];

/**
 * Direct quotes with their speaker and cue, and indirect attribution ("X said that …").
 * Each quotation goes through ATTRIBUTION_RULES in order until one attributes it: a cue after
 * it (1), any verb after a `,”` (2), a signed line (3), a cue before it (4), a lead-in paragraph
 * (5), a continuation (6), a quotation after reported speech (7), a reporting sentence (8),
 * "according to" (9), the subject of the clause (10). Then quotations interrupted by their
 * attribution are joined, speaker-labelled lines (`RUIZ: …`) and indirect speech are added.
 * `onAttributed` hears which rule attributed each direct quotation (else the last that gave it a
 * speaker, cue or content; null when none did).
 * A pronoun resolves to the first person it can refer to (not a woman for "he") named in the
 * nearest sentence before it that names one (the subject, usually); a role noun ("the
 * congresswoman") to the person the text gave that role, named last; a bare surname to the
 * person of that surname named last (speakers.ts). When nothing is found the speaker is null —
 * never a guess.
 */
export function findQuotes(doc: Doc, entities: Entity[], onAttributed?: (quote: Quote, rule: string | null) => void): Quote[] {
  const idx = indexEntities(entities);
  const { text } = doc;
  const spans = findQuotedSpans(text);
  idx.evidence = gatherEvidence(text, idx.mentions, doc.sentences, spans);
  const quotes: Quote[] = [];
  // Quotations that carry on the one before them (`“…,” Ruiz said.⏎⏎“And more.”`).
  const continued = new WeakSet<Quote>();
  let previous: { quote: Quote; sentence: number } | null = null;
  // "he said" right after a quotation given to someone, with nobody else named in between: the
  // most recent speaker is the pronoun's referent.
  // (Not someone the pronoun cannot refer to: "she said" after a man's quotation.)
  const recentSpeaker = (at: number, context = ''): string | null => {
    const q = previous?.quote;
    if (!q?.speaker || at - q.end > 300 || at < q.end) return null;
    if (!compatible(idx.evidence, q.speaker, pronounGender(context))) return null;
    if (idx.mentions.some((m) => m.start >= q.end && m.end <= at)) return null;
    // (Nor a name the entity pass left out opening a sentence in between: `Quellmalz later apologized.`)
    for (const m of text.slice(q.end, at).matchAll(SENTENCE_OPENER)) if (!/^(?:The|A|An)\s/.test(m[1]!) && bareName(idx, m[1]!, q.end + m.index)) return null;
    return q.speaker;
  };

  for (const span of spans) {
    const inner = text.slice(span.start + 1, span.end - (span.open ? 0 : 1)).trim();
    const words = inner.split(/\s+/).filter(Boolean).length;
    // One quoted word (`called the plan “reckless.”`) counts only as part of a reported clause.
    const single = words < 2;
    let firstSentence = sentenceAt(doc, span.start);
    // A "sentence" opening in lower case was split off at an abbreviation (`Rep. Ona Marsh
    // (D-Wash.) said …`): its lead starts with the sentence before.
    while (firstSentence > 0 && /^[\p{Ll},;:)—–]/u.test(doc.sentences[firstSentence]!.text) && span.start - doc.sentences[firstSentence - 1]!.start < 600) firstSentence--;
    const lastSentence = sentenceAt(doc, span.end - 1);
    const sAfter = doc.sentences[lastSentence]!;
    const sBefore = doc.sentences[firstSentence]!;

    // Where an attribution after the quotation may sit (rules 1 and 2 read it).
    // A quotation closing on `,” ?” !” —”` continues with its attribution even where the
    // sentence splitter broke the line (`?” Trump said`, `(D-Md.) said`): read to the paragraph's end.
    const continues = /[,?!—–-]\s*$/.test(text.slice(span.start + 1, span.end - (span.open ? 0 : 1))) || /^[ \t]*\p{Ll}/u.test(text.slice(span.end, span.end + 3));
    const paragraphEnd = text.indexOf('\n', span.end);
    let afterLimit = continues ? Math.min(paragraphEnd === -1 ? text.length : paragraphEnd, span.end + 160) : sAfter.end;
    // (A name and a long appositive set off by commas before the cue: read to the cue.)
    const appositive = continues ? APPOSITIVE_CUE.exec(text.slice(span.end, paragraphEnd === -1 ? text.length : paragraphEnd)) : null;
    if (appositive && CUES.has(appositive[2]!)) afterLimit = Math.max(afterLimit, span.end + appositive[0].length);
    // `“… are missing.” Trump said.`: a short sentence of attribution alone, split off by the full stop.
    const nextSentence = doc.sentences[lastSentence + 1];
    if (!continues && nextSentence && !text.slice(span.end, nextSentence.start).trim() && !/[“”"\n]/.test(text.slice(span.end, nextSentence.end))) {
      const said = wordsOf(nextSentence.text).filter((w) => /\p{L}/u.test(w.text));
      // (Its cue comes within its first words, after a name or pronoun, not after a possessive:
      // `” O’Malley’s move was first reported by MSNBC.` is a new sentence, not the attribution.)
      const cueAt = said.findIndex((w) => CUES.has(w.text.toLowerCase().replace(/\.$/, '')));
      if (said.length <= 8 && cueAt !== -1 && cueAt <= 4 && !said.slice(0, cueAt).some((w) => /['’]s?$/u.test(w.text))) afterLimit = nextSentence.end;
    }
    const nextQuote = text.slice(span.end, afterLimit).search(/["“]/);
    const afterText = text.slice(span.end, Math.max(span.end, nextQuote === -1 ? afterLimit : span.end + nextQuote));
    const s: Attribution = { speaker: null, cue: null, attributed: false, stated: false, continuation: false, contentStart: span.start, contentEnd: span.end };
    const context: QuoteContext = { doc, text, idx, span, single, firstSentence, lastSentence, sBefore, sAfter, afterText, previous, recentSpeaker };
    // The rule that attributed the quotation, else the last one that gave it a speaker, cue or content.
    let by: string | null = null;
    let partly: string | null = null;
    for (const rule of ATTRIBUTION_RULES) {
      // Only a listener needs to know which rule did what.
      const before = onAttributed ? { ...s } : null;
      rule.apply(context, s);
      if (!before) continue;
      if (s.attributed) by ??= rule.name;
      else if (before.speaker !== s.speaker || before.cue !== s.cue || before.contentStart !== s.contentStart || before.contentEnd !== s.contentEnd) partly = rule.name;
    }
    by ??= partly;
    if (s.endsAtQuotation) s.contentEnd = Math.min(s.contentEnd, span.end);
    const { speaker, cue, stated, contentStart, contentEnd, continuation } = s;

    // (Unless its own attribution sets it off and gives it to someone with a said-verb: `“Denver,” he
    // answered.`, `“No,” replied Ruiz.`, `Ruiz said, “Probably.”`.)
    // (Not a word closing its sentence after a verb, `which critics called “sexist.”`: a label.)
    const setOff = /[,?!]$/.test(inner) || /[,:]\s*$/.test(text.slice(sBefore.start, span.start));
    const answered = s.attributed && !!cue && (CUES.has(cue) || REPORTING.test(cue)) && setOff && /\p{L}/u.test(inner);
    if (single && contentStart === span.start && contentEnd === span.end && !answered) continue;
    // (Words quoted in a clause a verb or noun of saying reports from its `that` are said by someone.)
    const reported = contentStart < span.start && /^that\s/i.test(text.slice(contentStart, span.start));
    if (notAQuotation(doc, span, inner, words, speaker, stated, cue, !!s.called, reported)) continue;
    const quote: Quote = { text: text.slice(contentStart, contentEnd), speaker, cue, start: contentStart, end: contentEnd, direct: true, stated };
    quotes.push(quote);
    onAttributed?.(quote, by);
    if (continuation) continued.add(quote);
    previous = { quote, sentence: lastSentence };
  }

  const merged = oneQuotePerWords(text, mergeInterrupted(text, quotes, continued));
  merged.push(...speakerLabelled(doc, idx, merged));
  merged.push(...findIndirect(doc, idx, merged));
  for (const q of merged) q.speakerFor = q.speaker ? speakerFor(text, idx, q) : null;
  return merged.sort((a, b) => a.start - b.start);
}

/** A word list as a regular expression alternation: longest entries first, a space matching any white space. */
function alternation(list: Iterable<string>): string {
  return [...list]
    .sort((a, b) => b.length - a.length)
    .map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** A kind of work, or a participle introducing a title, right before it (`the memoir “A Harbour of Our Own”`; src/lexicon/quotes.ts). */
const WORK_BEFORE = new RegExp(String.raw`\b(?:${alternation(WORK_NOUNS)})[,:]?\s*$`, 'i');
/**
 * Right before a title: a verb of making or showing a work, or a preposition (`starred in “The
 * Long Tide”`, `In “Salt Roads,” Ruiz writes`); or a verb of making and the work it made, named by
 * a common noun (`who wrote the local history “Tides of Change,”`).
 */
const WORK_VERB_BEFORE = new RegExp(
  String.raw`(?:^|[\s(])(?:(?:${alternation([...MAKING_VERBS, ...SHOWING_VERBS, ...TITLE_PREPOSITIONS])})|(?:${alternation(MAKING_VERBS)})\s+(?:the|a|an|his|her|their|its)\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)\s*$`,
  'iu',
);
/** Words that mark a quoted label rather than quoted speech (`the so-called “reforms”`). */
const LABEL_BEFORE = new RegExp(String.raw`\b(?:${alternation(LABEL_WORDS)})\s*$`, 'i');
/**
 * A passive verb of calling right before quoted words, naming nobody who calls them so: a label
 * (`what is called a “levy”`, `was described as a “…”`, or its participle after a noun a or an
 * introduces: `a group called the “…”`).
 */
const PASSIVE_CALLING_BEFORE = new RegExp(
  String.raw`(?:\b(?:is|was|are|were|be|been|being)\s+(?:\p{Ll}+ly\s+)?|\b(?:a|an)\s+(?:[\p{Ll}-]+\s+){1,2})(?:${alternation([...CALLING_VERBS].filter((v) => /ed$/.test(v)))})\s+(?:as\s+)?(?:(?:a|an|the)\s+)?$`,
  'u',
);
/**
 * Quoted words that are the object of a verb of praise or criticism (`Officials praised the
 * “Remain in Mexico” policy`, `Ruiz criticized “Open Harbour”`): the verb, then at most a
 * determiner or possessive and two more words of the object, none a preposition or `as` (`praised
 * the plan as “…”`, `criticized Lind for “…”` give the words to the subject).
 */
const PRAISED_OBJECT_BEFORE = new RegExp(
  String.raw`(?:^|\s)(?:${alternation(PRAISE_BLAME_VERBS)})\s+(?:(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your|(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*['’]s?)\s+)?(?:(?!(?:as|for|of|with|to|by|on|in|over|at|from|about|after|it|him|them|her|and|or|but)\s)[\p{Ll}-]+\s+){0,2}$`,
  'u',
);
/** A determiner or possessive right before quoted words makes them a noun phrase: a label (`a “land grab”`). */
const DETERMINER_BEFORE = /(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your)|['’]s)\s*$/i;
/** An editor's line: `UPDATE:`, `Correction (May 2):`, `Editor’s note:`, `UPDATE — `. */
const NOTE_LINE = /^\s*(?:UPDATED?|CORRECTION|CLARIFICATION|EDITOR['’]S NOTE|Update[d]?|Correction|Clarification|Editor['’]s [Nn]ote)\b(?:[^:\n]{0,40}:|[^:\n—–]{0,40}?\s[—–-]\s)/;
/** Small words left in lower case inside a title. */
const TITLE_SMALL = new Set('a an and as at but by for from in into nor of on or over the to up via with'.split(' '));

function titleCase(inner: string): boolean {
  const ws = inner.replace(/[,.;:!?]+$/, '').split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return ws.length > 0 && /^\p{Lu}/u.test(ws[0]!) && ws.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || TITLE_SMALL.has(w.toLowerCase()));
}

/**
 * Quoted spans that are not quotations, whoever the attribution rules found:
 * 1. words quoted on a headline line (a short line that does not end a sentence, or whose
 *    words are all capitalised, and is not a signed line: `“…” ― Priya Holm`);
 * 2. words quoted on an editor's line (`UPDATE:`, `UPDATE —`) unless a named source says them there;
 * 3. the title of a work: capitalised words after a work noun, a verb of making or showing a
 *    work, or a preposition (`the film “The Long Tide”`, `starred in “Salt Roads”`);
 * 4. scare quotes: one to three words used as a label, unless a relative clause says someone
 *    called them so (`what Ruiz called “…”`, rule 4 of the attribution) — after `so-called`, `dubbed`,
 *    `self-described` or a passive verb of calling (`what is called a “levy”`, `a group called the
 *    “…”`); a name, or a modifier of a noun, that is the object of a verb of praise or criticism
 *    (`Officials praised the “Remain in Mexico” policy`); or, unless a said-verb or a reporting verb gives someone the words, when
 *    a determiner or `as` before them makes them a noun phrase and nobody is given them (`a
 *    “land grab”`, `see it as “green gentrification”`), or when a noun follows them (`“zero
 *    tolerance” patrols`). A short quotation nobody is given is still a quotation (`“Call the roll,”`).
 */
function notAQuotation(doc: Doc, span: Span, inner: string, words: number, speaker: string | null, stated: boolean, cue: string | null, called: boolean, reported = false): boolean {
  const { text } = doc;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt).trim();
  const lead = text.slice(lineStart, span.start);
  // The part of the sentence before the quotation (empty when the quotation opens its sentence).
  const clause = lead.split(/[.!?]["”’)]*\s+(?=\p{Lu})/u).pop() ?? lead;
  const embedded = /\p{L}/u.test(clause);
  // 1.
  if (cue !== '―' && line.split(/\s+/).length <= 20) {
    // (A straight single mark closes a quotation too, `saying, 'Yes I am.'"`, and an opening mark set the wrong way round.)
    if (!/[.!?:;,—–-]["”’'“)]*$/.test(line) && !/[.!?]["”’'“)]*\s+\p{Lu}/u.test(line)) return true;
    const bare = line.replace(/["“”„«»]/g, '');
    if (titleCase(bare) && bare.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length >= 3) return true;
  }
  // 2.
  if (NOTE_LINE.test(line) && !stated) return true;
  // 3. (Words closing their sentence inside the marks, `starred in “Salt Roads.”`, when the sentence began before them.)
  const unpunctuated = embedded ? inner.replace(/[.!?,;:]+$/, '') : inner;
  if (titleCase(inner) && !/[.!?]["”’]?$/.test(unpunctuated) && (WORK_BEFORE.test(lead) || WORK_VERB_BEFORE.test(clause))) return true;
  // 4. (`The ad called Obama an “elitist hypocrite”`: words someone called someone are theirs.)
  if (words <= 3 && !/[.!?]/.test(unpunctuated) && !called) {
    if (LABEL_BEFORE.test(lead) || PASSIVE_CALLING_BEFORE.test(lead)) return true;
    // (A name or a modifier of a noun, `the “Remain in Mexico” policy`, not `praised her “wonderful donors”`.)
    if (PRAISED_OBJECT_BEFORE.test(clause) && (titleCase(inner) || (inner === unpunctuated && nounAfter(doc, span.end)))) return true;
    // (Or a clause a verb or noun of saying reports from its `that`, unless the words are a name: `found that the pier was “unsafe”`.)
    const spoken = stated || (cue !== null && CUES.has(cue)) || REPORTING.test(clause) || (reported && !titleCase(inner));
    if (!spoken && ((!speaker && (DETERMINER_BEFORE.test(lead) || /\bas\s*$/i.test(lead))) || (inner === unpunctuated && nounAfter(doc, span.end)))) return true;
  }
  return false;
}

/** A common noun right after the closing mark: the quoted words modify it (`“zero tolerance” patrols`). */
function nounAfter(doc: Doc, at: number): boolean {
  const next = doc.tokens.find((t) => t.start >= at);
  return !!next && /^[^\S\n]*$/.test(doc.text.slice(at, next.start)) && next.pos === 'NOUN' && /^\p{Ll}/u.test(next.text);
}

/**
 * Roles a person holds in an organisation (not public offices: "Sen.", "Gov." say where someone
 * was elected, not whom they speak for). Written by us from how news copy introduces spokespeople.
 */
const ROLE = `(?:${'president vice-president chairman chairwoman chairperson chair director spokesman spokeswoman spokesperson organizer organiser co-founder founder leader head chief executive member secretary official officer adviser advisor counsel manager strategist aide attorney lawyer researcher analyst economist fellow coordinator representative'
  .split(' ')
  // Written either way: `NAACP President Ben Jealous`, `Tea Party organizer Bill Hennessy`.
  .map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`)
  .join('|')}|CEO)`;
/** A name of an organisation: capitalised words, with the small words inside such names. */
const ORG_NAME = String.raw`\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:(?:of|for|and|the|on|de)\s+)*\p{Lu}[\p{L}\p{N}.&'’-]*)*`;
/** Common nouns that end a group's name in news copy ("the Obama campaign"). */
const ORG_TAIL = String.raw`(?:\s+(?:campaign|administration|committee|caucus|coalition|movement))?`;
/** "NAACP President ", "St. Louis Tea Party organizer ", "White House press secretary " right before the name. */
const ROLE_BEFORE = new RegExp(String.raw`(?:^|[\s(])(?:the\s+)?(${ORG_NAME}${ORG_TAIL})\s+(?:[\p{Ll}-]+\s+){0,2}${ROLE}\s+(?:\p{Lu}[\p{L}.'’-]*\s+)?$`, 'u');
/** "a spokeswoman for the Obama campaign, " right before the name. */
const ROLE_FOR_BEFORE = new RegExp(String.raw`${ROLE}\s+(?:for|of|at|with)\s+(?:the\s+)?(${ORG_NAME}${ORG_TAIL}),?\s+$`, 'u');
/** ", a spokesman for …" / ", president of …" / ", advisory board member for …" right after the name. */
const ROLE_AFTER = new RegExp(String.raw`^,\s+(?:(?:a|an|the)\s+)?(?:[\p{Ll}-]+\s+){0,3}${ROLE}\s+(?:for|of|at|with)\s+([^;:“”"\n]{0,90})`, 'u');

/**
 * The organisation the quote's speaker speaks for, read from the words around the speaker's
 * name nearest the quotation. Only what the attribution says: nothing is looked up or guessed.
 */
function speakerFor(text: string, idx: PersonIndex, q: Quote): string | null {
  let best: { start: number; end: number } | null = null;
  let bestDistance = Infinity;
  for (const m of idx.all) {
    if (m.name !== q.speaker) continue;
    const distance = m.end <= q.start ? q.start - m.end : m.start >= q.end ? m.start - q.end : 0;
    if (distance < bestDistance) [best, bestDistance] = [m, distance];
  }
  if (!best || bestDistance > 250) return null;
  const before = text.slice(Math.max(0, best.start - 90), best.start);
  // The clause holding the name: after the last sentence end (not the stop of `St.` or `Mo.`), semicolon, colon or line break.
  const boundaries = [...before.matchAll(/(?<=\p{Ll}{2})[.!?]["”]?\s|[;:\n]\s*/gu)];
  const last = boundaries.pop();
  const clause = last ? before.slice(last.index + last[0].length) : before;
  const org =
    ROLE_BEFORE.exec(clause)?.[1] ??
    ROLE_FOR_BEFORE.exec(clause)?.[1] ??
    lastOrgName(ROLE_AFTER.exec(text.slice(best.end, best.end + 140))?.[1] ?? '');
  const name = org && organisationName(org);
  return name && !q.speaker!.includes(name) ? name : null;
}

/** Capitalised words that belong to a role, not to the organisation before it (`Senate Majority Leader`, `White House Press Secretary`). */
const ROLE_QUALIFIERS = /(?:\s+(?:Majority|Minority|Press|Deputy|Vice|Assistant|Senior|Executive|Communications|Acting|Interim|Associate|Managing|General|Chief))+$/u;
/** Words that open a sentence before a name (`But Trump campaign manager …`). */
const OPENERS = /^(?:the|but|and|yet|so|also|meanwhile|then|still|now)\s+/iu;
/** What is left that names no organisation: titles cut at their stop, adjectives of office, clause words. */
const NOT_ORG = new Set(
  'mr mrs ms dr rep reps sen gov gen lt col the a an its his her their democratic republican former vice senior deputy foreign home conservative liberal'.split(' '),
);

function organisationName(raw: string): string | null {
  let name = raw.replace(/[\s,.]+$/, '').replace(OPENERS, '');
  // `NAACP's Washington bureau director` → the NAACP.
  name = /^(.+?)['’]s\b/u.exec(name)?.[1] ?? name;
  name = name.replace(ROLE_QUALIFIERS, '').trim();
  return name && !NOT_ORG.has(name.toLowerCase()) ? name : null;
}

/** The last organisation name in an appositive (`the Kansas City, Mo., branch of the NAACP, which …` → NAACP). */
function lastOrgName(phrase: string): string | null {
  const end = phrase.search(/,\s+(?:who|which|said|says|told|and|in|on)|\s+(?:said|says|told)|[.!?](?:\s|$)/);
  const upTo = end === -1 ? phrase : phrase.slice(0, end);
  const names = [...upTo.matchAll(new RegExp(`${ORG_NAME}${ORG_TAIL}`, 'gu'))];
  return names.pop()?.[0] ?? null;
}

/** Nouns for bodies and documents rather than people. */
const INSTITUTION = /\b(?:administration|government|department|agency|company|firm|group|campaign|committee|court|police|ministry|office|party|board|council|report|statement|letter|lawsuit|suit|bill|ad|advertisement|study|poll|network|paper|newspaper|station|state|city|county|union|organi[sz]ation)$/u;

/** Text before a name that opens its clause: a boundary, then only titles and capitalised words. */
const CLAUSE_START = /(?:^|[,;:—–])\s*(?:(?:the|former|\p{Lu}[\p{L}.'’-]*)\s+)*$/u;

/** Abbreviations that end in a full stop inside a sentence (`Rep. Cummings`, `Gov. Hart`, `J. Smith`). */
const ABBREVIATION = /(?:^|\s)(?:\p{Lu}|[Mm]rs?|[Mm]s|[Dd]r|Reps?|Sens?|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Prof|Rev|Hon|Pres|Atty|No|vs|U\.S|D\.C)\.$/u;

/** Whether a full stop, question or exclamation mark ends a sentence inside the text. */
function sentenceBreak(s: string): boolean {
  for (const m of s.matchAll(/[.!?]["”’)]*\s+(?=\p{Lu})/gu)) {
    if (!ABBREVIATION.test(s.slice(0, m.index + 1))) return true;
  }
  return false;
}

/** `“First part,” Hassan said. “Second part.”` is one quotation interrupted by its attribution. */
function mergeInterrupted(text: string, quotes: Quote[], continued: WeakSet<Quote>): Quote[] {
  const out: Quote[] = [];
  for (const q of quotes) {
    const last = out[out.length - 1];
    // (A title quoted inside the attribution, `,” Ruiz said on “Harbour Hour.” “…”`, is no
    // quotation between the parts: its marks do not part them.)
    const gap = last ? text.slice(last.end, q.start).replace(/(?<=[\p{L}'’][^\S\n]+)[“"]([^“”"\n]{1,80})[”"]/gu, (m, inner: string) => (titleCase(inner) ? ' '.repeat(m.length) : m)) : '';
    // A quotation carried on into the next sentence or paragraph by the same speaker is one
    // quotation, attribution and all, as long as only its attribution sits between the parts.
    if (last && continued.has(q) && q.speaker === last.speaker && gap.length <= 300 && !/[“”"]/.test(gap) && (gap.match(/\n+/g) ?? []).length <= 1) {
      out[out.length - 1] = { ...last, text: text.slice(last.start, q.end), end: q.end };
      continue;
    }
    // (The second part may have no attribution of its own: `“…,” said Ana Ruiz, director of X,
    // “but …”` — the attribution between the parts is its attribution.)
    const gapCue = wordsOf(gap).slice(0, 8).some((w) => CUES.has(w.text.replace(/\.$/, '')));
    if (
      last &&
      (last.speaker || last.cue || gapCue) &&
      (q.speaker === last.speaker || (!q.speaker && !q.cue && gapCue && /[,.]\s*$/.test(gap))) &&
      // Room for a described source: `,” said Dale Belman, a professor at … wage. “…”`.
      gap.length <= 200 &&
      !/[“”"\n]/.test(gap) &&
      // Only the attribution sits between the parts, not a new sentence (`said. He said the union “…”`).
      !/[.!?]\s+\p{Lu}\p{Ll}*\s+\p{Ll}/u.test(gap.replace(/[.!?]?\s*$/, '')) &&
      wordsOf(gap).some((w) => CUES.has(w.text.toLowerCase().replace(/\.$/, '')))
    ) {
      out[out.length - 1] = { ...last, text: text.slice(last.start, q.end), end: q.end };
      continue;
    }
    // (Quotations joined by `and` / `or` in one clause, `Ruiz called it “reckless” and “a tax on
    // islanders”`, `“Send them home,” and “Build the wall.”`, are one quote: the second has no
    // speaker of its own, or the same.)
    if (last && (q.speaker === last.speaker || (!q.speaker && !q.cue)) && /^,?[^\S\n]+(?:and|or)[^\S\n]+$/.test(gap)) {
      out[out.length - 1] = { ...last, text: text.slice(last.start, q.end), end: q.end };
      continue;
    }
    out.push(q);
  }
  return out;
}

/**
 * Quoted words belong to one quote. A reported clause taken to its sentence's end
 * (`Ruiz said the plan was “overdue” and would “save lives.”`) already holds the quotations after
 * it, and they stay in it — unless one of them has an attribution of its own inside the clause
 * naming someone else (`Ruiz called it “a mess,” but Lind said it was “fine.”`): then the clause
 * ends after its last quotation mark before that one.
 */
function oneQuotePerWords(text: string, quotes: Quote[]): Quote[] {
  const out: Quote[] = [];
  for (const q of quotes) {
    const last = out[out.length - 1];
    if (!last || q.start >= last.end) {
      out.push(q);
      continue;
    }
    // (Up to its own quotation mark: a quote that holds the clause its words sit in, `Lind said he
    // replied: “…”`, starts before its attribution ends.)
    const mark = q.text.search(/["“„«]/);
    const head = text.slice(last.start, Math.min(mark > 0 ? q.start + mark : q.start, last.end));
    const close = Math.max(head.lastIndexOf('”'), head.lastIndexOf('"'));
    const between = close > 0 ? head.slice(close + 1) : '';
    const surname = q.speaker?.split(/\s+/).pop();
    const ownAttribution =
      q.speaker !== last.speaker && !!q.cue && !!surname && wordsOf(between).some((w) => w.text.toLowerCase() === q.cue) && between.includes(surname);
    if (!ownAttribution) {
      const end = Math.max(last.end, q.end);
      out[out.length - 1] = { ...last, text: text.slice(last.start, end), end, stated: last.stated || (q.stated && q.speaker === last.speaker) };
      continue;
    }
    const end = last.start + close + 1 + (/^[,.;:!?]/.test(text.slice(last.start + close + 1)) ? 1 : 0);
    out[out.length - 1] = { ...last, text: text.slice(last.start, end), end };
    out.push(q);
  }
  return out;
}

/** Interview transcripts: `PENCE: Well, look, …` — the paragraph is the labelled speaker's. */
function speakerLabelled(doc: Doc, idx: PersonIndex, existing: Quote[]): Quote[] {
  const out: Quote[] = [];
  const re = /(^|\n)((?:\p{Lu}[\p{Lu}.'’-]+)(?:\s\p{Lu}[\p{Lu}.'’-]+){0,2}):\s+([^\n]{20,})/gu;
  for (const m of doc.text.matchAll(re)) {
    const label = m[2]!;
    // `UPDATE:` / `CORRECTION:` label an editor's line, not a speaker's.
    if (NOTE_LINE.test(`${label}:`)) continue;
    const start = m.index + m[1]!.length + label.length + 1 + (m[0].length - m[1]!.length - label.length - 1 - m[3]!.length);
    const end = start + m[3]!.length;
    if (existing.some((q) => q.start < end && q.end > start)) continue;
    const last = label.split(/\s+/).pop()!.toLowerCase();
    const person = idx.mentions.find((x) => x.name.toLowerCase().split(' ').pop() === last);
    const speaker = person?.name ?? label.replace(/\p{Lu}+/gu, (w) => w[0] + w.slice(1).toLowerCase());
    out.push({ text: doc.text.slice(start, end), speaker, cue: ':', start, end, direct: true });
  }
  return out;
}

/**
 * The source named between two offsets: a person or organisation mention, or a pronoun
 * (returned as null so the caller resolves it). undefined when there is none.
 */
function sourceBetween(text: string, idx: PersonIndex, from: number, to: number, nearestLast = false): string | null | undefined {
  // A role noun right before the cue (`”, the congresswoman said`, `The senator told reporters: “`):
  // the person the text gave that role (speakers.ts, step 3). After a quotation, only when the
  // role noun is all there is between them.
  const role = roleNoun(text.slice(from, to), false, idx.evidence);
  if (role && (nearestLast || /^[\s,—–-]*$/.test(text.slice(from, from + role.at)))) {
    const holder = resolveRole(idx.evidence, role.word, from + role.at);
    if (holder) return holder;
  }
  if (nearestLast) {
    // `McCaskill (D-Mo.), who has endorsed Clinton, said`: the clause describing the subject ends
    // right before the cue and names nobody who speaks.
    // (Or an appositive: `Ana Ruiz, the director for Rep. Fincher (R-Tenn.), wrote`.)
    const relative = /,\s*(?:who|whose|which|(?:\p{Ll}+\s+)?\p{Ll}+ing|(?:the|a|an)\s+\p{Ll})[^,]*,\s*$/u.exec(text.slice(from, to));
    if (relative && relative.index > 0) {
      const subject = sourceBetween(text, idx, from, from + relative.index, true);
      if (subject) return subject;
    }
  }
  // A possessive (`denounced Trump’s rhetoric and said`) is never the subject of the cue.
  const inside = idx.all.filter(
    (m) => m.start >= from && m.end <= to && (m.type === 'person' || m.type === 'organization') && !(nearestLast && /^['’]s?\b/u.test(text.slice(m.end, m.end + 3))),
  );
  if (inside.length && nearestLast) {
    const last = inside[inside.length - 1]!;
    // (`Paul D. Ryan of Wisconsin lamented`: the place a person comes from is part of naming them.)
    const origin = idx.all.find((m) => m.type === 'place' && m.start > last.end && m.end <= to && /^\s+of\s+$/.test(text.slice(last.end, m.start)));
    const beforeCue = text.slice(origin?.end ?? last.end, to);
    // `Of Obama, he said`: the pronoun right before the cue is its subject, the name is not.
    if (/[,;]\s*(?:he|she|they)\s+(?:\p{Ll}+ly\s+)?$/iu.test(beforeCue)) return null;
    // `De Blasio said the move was Bratton's and said`: a second verb shares the clause's subject.
    if (/\band\s+(?:\p{Ll}+\s+)?$/u.test(text.slice(from, to))) {
      const opener = inside.find((m) => CLAUSE_START.test(text.slice(from, m.start)));
      if (opener) return opener.name;
    }
    // The name right before the cue is its subject (`… shortly after Santorum told voters`,
    // `Ryan (R-Wis.) said`); else a name the entity pass left out (`unfavorably, LeVell said`);
    // else the first person, skipping relative clauses (`Noem, who met Bukele, said`).
    if (/^\s*(?:\([^)\n]{1,20}\)\s*)?(?:\p{Ll}+\s+){0,2}$/u.test(beforeCue)) return last.name;
    const bare = NAME_BEFORE_CUE.exec(beforeCue);
    const bareSource = bare && bare.index > 0 ? bareName(idx, bare[1]!, to) : null;
    if (bareSource) return bareSource;
    return (inside.find((m) => m.type === 'person') ?? last).name;
  }
  // A name the entity pass could not type (`”, Brent Bozell III, founder of X, tells Y`) still
  // names the source when it comes first.
  const adjacent = idx.all.find((m) => m.start >= from && m.end <= to && m.type !== 'place');
  // (Also after a lower-case description of the source, `” chief executive Ana Ruiz said`, but not after a preposition: `” a spokesman for X said`.)
  if (
    !nearestLast && adjacent && adjacent.type !== 'person' && adjacent.type !== 'organization' &&
    /^[\s,—–-]*(?:the\s+)?(?:(?!(?:for|of|at|with|in|on|to|from|by|about)\s)[\p{Ll}\p{N}/-]+\s+){0,3}$/u.test(text.slice(from, adjacent.start))
  ) {
    return adjacent.name;
  }
  if (inside.length) {
    // After a quotation the source comes first; later names describe it (`Ana Ruiz, director of X, said`).
    const first = inside[0]!;
    return (first.type === 'person' && /^[\s,—–-]*$/.test(text.slice(from, first.start)) ? first : inside[inside.length - 1]!).name;
  }
  const gap = text.slice(from, to);
  // A name the entity pass left out (one bare mention: "Viguerie concludes", "Elliott said").
  const bare = nearestLast ? NAME_BEFORE_CUE.exec(gap) : NAME_ONLY.exec(gap);
  if (bare) {
    const name = bareName(idx, bare[1]!, to);
    if (name) return name;
  }
  if (/^[\s,—–-]*(he|she|they|i|we)\s*$/i.test(gap) || (nearestLast && /\b(he|she|they|i|we)\b/i.test(gap))) return null;
  return undefined;
}

const NAME_RUN = String.raw`((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*\p{Ll}[\p{L}'’-]*)(?:\s*\([^)\n]{1,14}\))?`;
/** A capitalised name opening a sentence, then a verb (`Quellmalz later apologized`). */
const SENTENCE_OPENER = new RegExp(String.raw`(?:^|[.!?]["”]?\s+)${NAME_RUN}\s+(?:\p{Ll}+ly\s+)?\p{Ll}+`, 'gu');
/** The gap is only a name (after a quote: `”, Sweeny said` / `” Rep. Cummings (D-Md.) said`). */
const NAME_ONLY = new RegExp(String.raw`^[\s,—–-]*${NAME_RUN}[\s,]*$`, 'u');
/**
 * A name right before the cue (before a quote: `In his tribute, Elliott said “…`), with the
 * adverbs and auxiliaries that may stand between a subject and its verb (`Wallace then asked,`,
 * `Byrne went on to say,`, `Ruiz has long said`).
 */
const NAME_BEFORE_CUE = new RegExp(String.raw`(?:^|[\s,(])${NAME_RUN}(?:\s+(?:\p{Ll}+ly|then|also|later|again|once|still|just|even|long|has|had|have|would|will|could|did|does|went on to|continued to|was quick to))*[\s,]*$`, 'u');
/** Capitalised words that start sentences or clauses, never a source on their own (src/lexicon/quotes.ts). */
const NOT_SOURCE = NOT_SOURCE_WORDS;

/**
 * A bare capitalised name as a speaker: the person sharing its last word named last before `at`
 * (speakers.ts, step 4), else another known entity sharing it, else the name as written.
 */
function bareName(idx: PersonIndex, raw: string, at: number): string | null {
  const words = raw.split(/\s+/).filter((w) => !NOT_SOURCE.has(w.toLowerCase()));
  // `Sen. Tilde Okafor`: the title is not part of the name.
  while (words.length > 1 && PERSON_TITLES.has(words[0]!.toLowerCase().replace(/\.$/, ''))) words.shift();
  if (!words.length) return null;
  const last = words[words.length - 1]!.replace(/['’]s$/, '').toLowerCase();
  const person = lastNamed(idx.mentions, last, at);
  if (person) return person;
  const known = idx.all.find((m) => m.type !== 'place' && m.name.toLowerCase().split(' ').pop() === last);
  if (known) return known.name;
  if (idx.all.some((m) => m.type === 'place' && m.name.toLowerCase() === words.join(' ').toLowerCase())) return null;
  return words.join(' ');
}

function sourceAfter(text: string, idx: PersonIndex, from: number, limit: number): string | null | undefined {
  // `said the senator`: the person the text called a senator.
  const role = roleNoun(text.slice(from, Math.min(limit, from + 60)), true, idx.evidence);
  const holder = role && resolveRole(idx.evidence, role.word, from);
  if (holder) return holder;
  const m = idx.all.find((x) => x.start >= from && x.start <= Math.min(limit, from + 60) && (x.type === 'person' || x.type === 'organization'));
  // (Not a name in the next sentence: `said the senator. Sen. Hale left`.)
  // (A description before the name may hold numbers: `said 9/11 widow Ana Ruiz`.)
  // (Nor a name in a clause the cue reports, `” suggests that Ruiz backs the plan`.)
  if (m && /^[\s,]*(?:the\s+)?[\p{L}\p{N}\s.'’/-]*$/u.test(text.slice(from, m.start)) && !sentenceBreak(text.slice(from, m.start)) && !/\b(?:that|if|whether|how|why|what)\s/i.test(text.slice(from, m.start))) return m.name;
  const bare = new RegExp(String.raw`^[\s,]*${NAME_RUN}`, 'u').exec(text.slice(from, Math.min(limit, from + 60)));
  if (bare) {
    const name = bareName(idx, bare[1]!, from);
    if (name) return name;
  }
  const gap = text.slice(from, from + 8);
  if (/^\s*(he|she|they)\b/i.test(gap)) return null;
  return undefined;
}

/**
 * The person a pronoun refers to: the first person named, outside quotation marks, in this
 * sentence before the pronoun or in the nearest earlier sentence that names one. A name used as
 * a modifier (`Obama’s`, `the Obama administration`) is not a referent, and a sentence whose
 * subject is itself a pronoun (`In a statement, he decried Obama’s …`) passes the question back.
 */
function resolvePronoun(doc: Doc, idx: PersonIndex, at: number, context: string): string | null {
  const { text } = doc;
  // `Mrs. Ortiz thanked Mayor Hale. “…,” he said`: a person known to be a woman is not "he" (speakers.ts, step 2).
  const gender = pronounGender(context);
  const fits = (name: string | null) => name !== null && compatible(idx.evidence, name, gender);
  const referent = (from: number, to: number): string | null | 'chain' => {
    const inside = idx.mentions.filter(
      (m) => m.start >= from && m.end <= to && !insideQuote(text, from, m.start) && !/^(?:['’]s?\b|\s+(?:administration|campaign|government|White House)\b)/u.test(text.slice(m.end, m.end + 16)),
    );
    const first = inside[0];
    const lead = text.slice(from, first ? first.start : to);
    if (/(?:^|[,;]\s*)(?:\p{Lu}\p{Ll}*\s+){0,6}?(he|she)\s+\p{Ll}/iu.test(lead) && /\b(he|she)\b/i.test(lead) && !insideQuote(text, from, from + lead.search(/\b(he|she)\b/i))) return 'chain';
    // `The congressman also voiced concern for his wife, Huma Abedin.`: a sentence whose subject
    // is a description refers back to someone named before; its names are objects.
    if (
      first &&
      /^\s*(?:The|This|That)\s+(?:[\p{Ll}-]+\s+){0,2}?\p{Ll}+\s+(?:also\s+|later\s+|then\s+)?\p{Ll}+/u.test(lead) &&
      // (`The senator from Ohio, Sherrod Brown, said`: a name in apposition is the subject.)
      !/^\s*(?:The|This|That)\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+,\s*$/u.test(lead)
    ) {
      return 'chain';
    }
    // `The congresswoman later left.`: a sentence whose subject is a role refers to its holder.
    const described = /^\s*(?:The|the)\s+(?:[\p{L}'’-]+\s+){0,2}?\p{Ll}[\p{Ll}-]*(?=\s)/u.exec(lead);
    const role = described && roleNoun(described[0], false, idx.evidence);
    const holder = role ? resolveRole(idx.evidence, role.word, from) : null;
    if (holder && fits(holder) && !first) return holder;
    // (`Tom Hale met Mrs. Ana Ruiz. “…,” she said`: a person known to be of the pronoun's gender
    // before one the text says nothing about.)
    if (first) return (inside.find((m) => gender && idx.evidence?.gender.get(m.name) === gender) ?? inside.find((m) => fits(m.name)))?.name ?? null;
    // `Lauten later apologized …`: a name opening the sentence that the entity pass left out.
    const bare = new RegExp(String.raw`^\s*${NAME_RUN}\s+(?:\p{Ll}+ly\s+)?\p{Ll}+`, 'u').exec(text.slice(from, to));
    // (Not a sentence inside a quotation, `he asked: “What made us …? What are we …?”`: its first word is the speaker's, no name.)
    const inQuotation = insideQuote(text, text.lastIndexOf('\n', from) + 1, from);
    // (Only a word the tagger reads as a name, before no common noun: not `Speaking at …`, `Bank executives …`.)
    const opener = bare ? doc.tokens.find((t) => t.start >= from + bare.index + bare[0].indexOf(bare[1]!)) : undefined;
    const nextTok = opener ? doc.tokens[doc.tokens.indexOf(opener) + 1] : undefined;
    // (A surname of someone the text names passes whatever the tagger read: `Lynch agreed to …`.)
    const known = bare && idx.mentions.some((m) => m.name.split(' ').pop()!.toLowerCase() === bare[1]!.split(/\s+/).pop()!.toLowerCase().replace(/['’]s$/, ''));
    // (Nor, opening a sentence where the tagger calls most capitalised words names, a form in -ing: `Fundraising was slow`.)
    if (bare && !known && (opener?.pos !== 'PROPN' || /ing$/.test(opener.text) || (nextTok && nextTok.pos === 'NOUN' && /^\p{Ll}/u.test(nextTok.text)))) return null;
    return bare && !/^(?:The|A|An)\s/.test(bare[1]!) && !insideQuote(text, from, to) && !inQuotation && fits(bareName(idx, bare[1]!, from)) ? bareName(idx, bare[1]!, from) : null;
  };
  const si = sentenceAt(doc, at);
  const own = doc.sentences[si]!;
  // `Of Obama, he said`: a name in a phrase put before the pronoun subject is not its referent.
  const inOwn = /,\s*(?:he|she)\s*$/i.test(text.slice(own.start, at)) ? null : referent(own.start, at);
  if (inOwn && inOwn !== 'chain') return inOwn;
  for (let k = si - 1; k >= Math.max(0, si - 3); k--) {
    const s = doc.sentences[k]!;
    const r = referent(s.start, s.end);
    if (r && r !== 'chain') return r;
  }
  return null;
}

function insideQuote(text: string, from: number, at: number): boolean {
  const seg = text.slice(from, at);
  const opens = (seg.match(/[“]/g) ?? []).length;
  const closes = (seg.match(/[”]/g) ?? []).length;
  return opens > closes || (seg.match(/"/g) ?? []).length % 2 === 1;
}

/** "X said (that) …" and "according to X, …" without quotation marks. */
function findIndirect(doc: Doc, idx: PersonIndex, direct: Quote[]): Quote[] {
  const out: Quote[] = [];
  for (const s of doc.sentences) {
    if (direct.some((q) => q.start < s.end && q.end > s.start)) continue;
    const m = /^(.{0,120}?)\b(said|says|stated|told [\w\s]{1,30}?|added|warned|argued|claimed|insisted|noted|explained|announced|acknowledged|confirmed|denied)\b(?:,)?\s+(?:that\s+)?(.{12,})$/.exec(s.text);
    const acc = /\baccording to\s+/i.exec(s.text);
    if (m) {
      const subjectEnd = s.start + m[1]!.length;
      const who = sourceBetween(doc.text, idx, s.start, subjectEnd, true);
      if (who === undefined) continue;
      const speaker = who ?? resolvePronoun(doc, idx, subjectEnd, m[1]!);
      const contentStart = s.start + s.text.length - m[3]!.length;
      out.push({ text: doc.text.slice(contentStart, s.end), speaker, cue: m[2]!.split(' ')[0]!, start: contentStart, end: s.end, direct: false });
    } else if (acc) {
      const who = sourceAfter(doc.text, idx, s.start + acc.index + acc[0].length - 1, s.end);
      if (!who) continue;
      out.push({ text: s.text, speaker: who, cue: 'according to', start: s.start, end: s.end, direct: false });
    }
  }
  return out;
}
