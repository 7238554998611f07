import type { Entity, EntityType, Mention } from '../../core/analysis.ts';
import type { Doc, Token } from '../document/index.ts';
import { NAME_CONNECTORS, NOT_NAMES, ORG_HEADS, PERSON_TITLES, PLACE_HEADS, THING_HEADS } from '../../lexicon/names.ts';
import { PLACES } from '../../lexicon/places.ts';
import { SPEECH_VERBS } from '../../lexicon/quotes.ts';
import { nameEndsWith, nameKey } from '../../text/names.ts';
import { genderBefore, type Gender } from '../quotes/speakers.ts';

/** A name as found in the text, before aliases are merged. */
interface Candidate {
  name: string;
  words: string[];
  type: EntityType | null;
  start: number;
  end: number;
  /** Set when the run was followed by "(ACRONYM)". */
  acronym: string | null;
}

const UPPER = /^\p{Lu}/u;
const PERSONAL_HEADS = new Set(['administration', 'government', 'campaign', 'cabinet', 'team', 'office']);
/** "Venezuelan", "Salvadoran", "Colombians", "Chinese": people of a place, not a name. */
const DEMONYM = /(?:an|ian|ans|ians|ese|ish|i|is)$/;
const ACRONYM = /^(?:\p{Lu}[\p{Lu}\d&.-]{1,7}|\p{Lu}{1,4}-\d{1,3})$/u;
const POSSESSIVE = /^['’]s?$/;
/**
 * A word of a person's name: a capital, then lower case, with a second capital after a prefix of
 * at most two letters, an apostrophe or a one-letter prefix and a hyphen (`McConnell`, `MacArthur`,
 * `DuVernay`, `O’Malley`, `al-Assad`; not `Anti-Trump`).
 */
const NAME_WORD = /^\p{Lu}(?:[\p{Ll}'’.-]+|(?:\p{Ll}{0,2}|\p{Ll}?-|['’])\p{Lu}[\p{Ll}'’.-]+)$/u;

function isNameToken(t: Token, sentenceStart: boolean): boolean {
  if (!UPPER.test(t.text)) return false;
  if (t.pos === 'PUNCT' || t.pos === 'SYM') return false;
  if (NOT_NAMES.has(t.lower)) return false;
  // A capitalised first word of a sentence is only a name when tagged as one.
  if (sentenceStart && t.pos !== 'PROPN') return false;
  // Nationality adjectives ("Venezuelan immigrants") are not entities on their own.
  if (t.pos === 'ADJ' && !ACRONYM.test(t.text)) return false;
  return true;
}

/** A line in Title Case without end punctuation: a headline or section heading, not prose. */
function isHeading(doc: Doc, si: number): boolean {
  const s = doc.sentences[si]!;
  if (/[.!?:"”]$/.test(s.text)) return false;
  const words = doc.tokens.slice(s.tokenStart, s.tokenEnd).filter((t) => /^\p{L}/u.test(t.text));
  if (words.length < 2) return false;
  const caps = words.filter((t) => UPPER.test(t.text)).length;
  return caps / words.length >= 0.6;
}

function runType(words: string[], next: Token | undefined): EntityType | null {
  const lower = words.map((w) => w.toLowerCase());
  const full = lower.join(' ');
  const last = lower[lower.length - 1]!;
  if (PLACES.has(full) || PLACES.has(full.replace(/^the /, ''))) return 'place';
  if (THING_HEADS.has(last)) return 'other';
  if (lower.some((w) => ORG_HEADS.has(w))) return 'organization';
  if (PLACE_HEADS.has(last)) return 'place';
  // "the Tren de Aragua gang", "the Sinaloa cartel": a lower-case head after the name.
  // ("the Trump administration" names a person's government, so those heads do not count.)
  if (next && ORG_HEADS.has(next.lower) && next.text === next.lower && !PERSONAL_HEADS.has(next.lower)) return 'organization';
  if (next && THING_HEADS.has(next.lower) && next.text === next.lower) return 'other';
  // An acronym's kind comes from its expansion or its context, not from its shape.
  if (words.length === 1 && ACRONYM.test(words[0]!)) return null;
  if (words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w) || /^\p{Lu}\.$/u.test(w))) {
    return 'person';
  }
  return null;
}

/** Longest words a listed place can have that opens with a word not a name on its own ("New York"). */
const OPENED_PLACE_WORDS = Math.max(0, ...[...PLACES].map((p) => p.split(' ')).filter((w) => w.length > 1 && NOT_NAMES.has(w[0]!)).map((w) => w.length));

/**
 * How many tokens from `i` spell a multi-word place whose first word is not a name on its own
 * ("New York", "New Zealand": "New" alone is no name), each capitalised; 0 when none does.
 */
function placeOpening(tokens: Token[], i: number, end: number): number {
  if (!NOT_NAMES.has(tokens[i]!.lower) || !UPPER.test(tokens[i]!.text)) return 0;
  for (let n = Math.min(OPENED_PLACE_WORDS, end - i); n >= 2; n--) {
    const words = tokens.slice(i, i + n);
    if (words.every((t) => UPPER.test(t.text)) && PLACES.has(words.map((t) => t.lower).join(' '))) return n;
  }
  return 0;
}

function candidatesOf(doc: Doc): Candidate[] {
  const out: Candidate[] = [];
  const { tokens } = doc;
  for (let si = 0; si < doc.sentences.length; si++) {
    if (isHeading(doc, si)) continue;
    const s = doc.sentences[si]!;
    let i = s.tokenStart;
    while (i < s.tokenEnd) {
      const place = placeOpening(tokens, i, s.tokenEnd);
      if (!place && !isNameToken(tokens[i]!, i === s.tokenStart || /^["“‘(]$/.test(tokens[i - 1]?.text ?? ''))) {
        i++;
        continue;
      }
      let j = i + Math.max(1, place);
      for (;;) {
        const t = tokens[j];
        if (!t || j >= s.tokenEnd) break;
        if (isNameToken(t, false)) {
          j++;
          continue;
        }
        const after = tokens[j + 1];
        // "Department of Homeland Security": a connector between two name words.
        if (NAME_CONNECTORS.has(t.text) && after && j + 1 < s.tokenEnd && isNameToken(after, false)) {
          j += 2;
          continue;
        }
        break;
      }
      const run = tokens.slice(i, j);
      i = j;
      // Shouting ("LEAVE NOW") is not a name.
      if (run.length >= 2 && run.every((t) => t.text === t.text.toUpperCase() && t.text.length > 2)) continue;
      splitRun(run, tokens[j], tokens[i - run.length - 1], out, tokens[i - run.length - 2]);
    }
  }
  // "Terrorism Confinement Center (CECOT)": an acronym defined right after its expansion.
  for (let k = 0; k < out.length - 1; k++) {
    const a = out[k]!;
    const b = out[k + 1]!;
    const between = doc.text.slice(a.end, b.start);
    if (/^\s*\(\s*$/.test(between) && b.words.length === 1 && ACRONYM.test(b.name) && doc.text[b.end] === ')') {
      a.acronym = b.name;
    }
  }
  return out;
}

/** Split "Homeland Security Secretary Kristi Noem" at its title: the person is what follows. */
function splitRun(run: Token[], next: Token | undefined, before: Token | undefined, out: Candidate[], beforeThat?: Token): void {
  let titleAt = -1;
  for (let k = 0; k < run.length - 1; k++) if (PERSON_TITLES.has(run[k]!.lower.replace(/\.$/, ''))) titleAt = k;
  let words = run;
  let type: EntityType | null = null;
  if (titleAt >= 0) {
    words = run.slice(titleAt + 1);
    type = 'person';
  } else if (before && PERSON_TITLES.has(before.lower.replace(/\.$/, ''))) {
    // "president Trump", or "President Trump" opening a sentence where the tagger left the title out of the name.
    type = 'person';
  }
  // Trailing connectors never end a name; a leading one means the run was a role ("Minister of Justice").
  while (words.length && NAME_CONNECTORS.has(words[words.length - 1]!.text)) words = words.slice(0, -1);
  // "Secretary of State John F. Kerry": a title's complement, then a name of two words (three with an
  // initial); a title and its complement alone ("Minister of Justice") name nobody.
  if (titleAt >= 0 && words.length >= 4 && NAME_CONNECTORS.has(words[0]!.text)) {
    const rest = words.slice(1);
    const take = /^\p{Lu}\.$/u.test(rest[rest.length - 2]!.text) ? 3 : 2;
    if (rest.length > take) words = rest.slice(-take);
  }
  if (!words.length || NAME_CONNECTORS.has(words[0]!.text)) return;
  if (before && (before.lower === 'and' || before.lower === 'of') && type === null && words.length <= 3 && !PLACES.has(words.map((w) => w.lower).join(' '))) {
    // "Minister of Justice and Public Security", "the secretary of State": the tail of a role or organisation name.
    // (But not a name after a person's name and `and`, `Hillary Clinton and Bernie Sanders`, `Clinton and
    // Sanders`, nor a person's name after `of` and a word that is no title, `the election of Donald Trump`.)
    const prev = out[out.length - 1];
    // (A one-word name before `and` only keeps a one-word name after it: `Growth and Opportunity Project` is one name.)
    const afterPerson =
      before.lower === 'and' && !!prev && !!beforeThat && prev.end === beforeThat.end && (prev.type === 'person' || (prev.type === null && prev.words.length === 1 && words.length === 1));
    const personOf =
      before.lower === 'of' && !!beforeThat && /^\p{Ll}/u.test(beforeThat.text) && !PERSON_TITLES.has(beforeThat.lower) &&
      runType(words.map((w) => w.text), next) === 'person';
    if (!afterPerson && !personOf) return;
  }
  // "Liz Cheney of Wyoming": a person and the place they come from, not one name.
  const of = words.findIndex((w, k) => k > 0 && w.lower === 'of');
  if (of > 0 && of < words.length - 1) {
    const head = words.slice(0, of);
    const tail = words.slice(of + 1);
    if (PLACES.has(tail.map((w) => w.lower).join(' ')) && (type === 'person' || runType(head.map((w) => w.text), words[of]) === 'person')) {
      splitRun(head, words[of], before, out);
      splitRun(tail, next, words[of], out);
      return;
    }
  }
  const lastWord = words[words.length - 1]!;
  if (type === null && DEMONYM.test(lastWord.lower) && !PLACES.has(words.map((w) => w.lower).join(' ')) &&
      next && ((next.text === next.lower && (next.pos === 'NOUN' || next.pos === 'ADJ')) || PERSON_TITLES.has(next.lower))) {
    return;
  }
  if (words.length === 1 && (NAME_CONNECTORS.has(words[0]!.lower) || words[0]!.text.length < 2)) return;
  const texts = words.map((w) => w.text.replace(/['’]s$/, ''));
  if (POSSESSIVE.test(texts[texts.length - 1]!)) texts.pop();
  const name = texts.join(' ').replace(/\s+/g, ' ');
  out.push({
    name,
    words: texts,
    type: type ?? runType(texts, next),
    start: words[0]!.start,
    // (A possessive the tokenizer left on the last word is not part of the name: `Trump's` names Trump.)
    end: words[words.length - 1]!.end - (/['’]s$/.test(words[words.length - 1]!.text) ? 2 : 0),
    acronym: null,
  });
}

interface Group {
  names: Map<string, number>;
  type: EntityType | null;
  typeVotes: Map<EntityType, number>;
  mentions: Mention[];
  acronyms: Set<string>;
}

/**
 * Named people, organisations, places and other things, with aliases merged:
 * 1. exact names (case- and accent-insensitive, "the" dropped);
 * 2. acronyms defined beside their expansion;
 * 3. a shorter person name whose words end a longer one ("Noem" → "Kristi Noem";
 *    "Gustavo Villatoro" → "Héctor Gustavo Villatoro") when only one person fits; when several
 *    people share it, each mention joins the one of them named last before it.
 * The canonical name is the longest form. A one-word name nothing types (no title, no list) is a
 * person when the text makes it the subject of a said-verb (`Kerry said`).
 */
export function findEntities(doc: Doc): Entity[] {
  const candidates = candidatesOf(doc);
  const groups: Group[] = [];
  const byName = new Map<string, Group>();
  const add = (c: Candidate) => {
    const key = nameKey(c.name);
    let g = byName.get(key) ?? (c.acronym ? byName.get(nameKey(c.acronym)) : undefined);
    if (!g) {
      g = { names: new Map(), type: null, typeVotes: new Map(), mentions: [], acronyms: new Set() };
      groups.push(g);
      byName.set(key, g);
    }
    g.names.set(c.name, (g.names.get(c.name) ?? 0) + 1);
    if (c.type) g.typeVotes.set(c.type, (g.typeVotes.get(c.type) ?? 0) + 1);
    g.mentions.push({ start: c.start, end: c.end, text: doc.text.slice(c.start, c.end) });
    if (c.acronym) {
      g.acronyms.add(c.acronym);
      const other = byName.get(nameKey(c.acronym));
      if (other && other !== g) absorb(g, other, groups, byName);
      byName.set(nameKey(c.acronym), g);
    }
  };
  for (const c of candidates) add(c);
  for (const g of groups) g.type = vote(g);
  // A one-word name nothing else types (`Kerry`, never named in full) is a person when the text
  // makes it the subject of a said-verb (`Kerry said`, `”, said Kerry`).
  for (const g of groups) {
    const name = canonical(g);
    if (g.type === null && !name.includes(' ') && !ACRONYM.test(name) && g.mentions.some((m) => speaks(doc, m))) g.type = 'person';
  }

  // 3. Short person names join the one longer person name they end.
  // Canonical word lists are cached (this pass is quadratic in names) and refreshed on merge.
  const wordsOf = new Map<Group, string[]>();
  const cw = (g: Group) => {
    let w = wordsOf.get(g);
    if (!w) wordsOf.set(g, (w = canonical(g).split(' ')));
    return w;
  };
  for (const g of [...groups]) {
    if (!groups.includes(g)) continue;
    const words = cw(g);
    const hosts = groups.filter(
      (h) => h !== g && (h.type === 'person' || h.typeVotes.has('person')) && cw(h).length > words.length && nameEndsWith(cw(h), words),
    );
    if (!hosts.length) continue;
    hosts.sort((a, b) => cw(b).join(' ').length - cw(a).join(' ').length);
    const host = hosts[0]!;
    // The hosts are variants of one person only when each ends the longest ("Gustavo Villatoro",
    // "Héctor Gustavo Villatoro"); people who share a surname (Mara, Lena and Anton Voss) stay apart.
    if (hosts.every((h) => nameEndsWith(cw(host), cw(h)))) {
      absorb(host, g, groups, byName);
      for (const other of hosts.slice(1)) if (groups.includes(other)) absorb(host, other, groups, byName);
      host.type = 'person';
      wordsOf.delete(host);
    } else if (g.type === 'person' || g.type === null || g.typeVotes.has('person')) {
      // A bare surname several people share is, each time, the one of them last named before it
      // (else the first named after it): a later "Cheney said" is the Cheney the text just named.
      // A title before it (`Ms. Okoro`) leaves out the people the text says are of the other
      // gender (`her father, Samuel Okoro`; `Mr. Samuel Okoro`), and goes to those it says are of
      // the title's gender when there are any.
      const genderOfHost = new Map(hosts.map((h) => [h, hostGender(doc.text, h)]));
      for (const m of g.mentions) {
        const titled = genderBefore(doc.text, m.start);
        // (Those the text says are of the title's gender first: `Mr. Okoro` is the father, not the daughter the text says nothing of.)
        const known = hosts.filter((h) => titled && genderOfHost.get(h) === titled);
        const fit = hosts.filter((h) => !titled || !genderOfHost.get(h) || genderOfHost.get(h) === titled);
        const pool = known.length ? known : fit.length ? fit : hosts;
        let best: Group | null = null;
        let bestAt = -1;
        for (const h of pool) {
          const before = h.mentions.filter((x) => x.end <= m.start).reduce((a, x) => Math.max(a, x.start), -1);
          if (before > bestAt) [best, bestAt] = [h, before];
        }
        best ??= pool.reduce((a, h) => (Math.min(...h.mentions.map((x) => x.start)) < Math.min(...a.mentions.map((x) => x.start)) ? h : a));
        best.mentions.push(m);
        const name = doc.text.slice(m.start, m.end);
        best.names.set(name, (best.names.get(name) ?? 0) + 1);
      }
      groups.splice(groups.indexOf(g), 1);
      for (const [k, v] of byName) if (v === g) byName.delete(k);
    }
  }

  return groups
    .filter((g) => g.type !== null || g.mentions.length > 1 || canonical(g).includes(' ') || ACRONYM.test(canonical(g)))
    .map((g) => ({
      name: canonical(g),
      type: g.type ?? 'other',
      aliases: [...new Set([...g.names.keys(), ...g.acronyms])].filter((n) => n !== canonical(g)).sort(),
      mentions: g.mentions.sort((a, b) => a.start - b.start),
    }))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

/**
 * A said-verb right after a mention (`Kerry said`, `Kerry later told`), or right before it after a
 * quotation (`”, said Kerry`), the mention not a noun after a determiner.
 */
function speaks(doc: Doc, m: Mention): boolean {
  const { text, tokens } = doc;
  // (Not a noun after a determiner: `one senior Democrat said`, `the Texan said` describe someone, they do not name them.)
  let k = tokens.findIndex((t) => t.start === m.start) - 1;
  while (k >= 0 && /^\p{Ll}/u.test(tokens[k]!.text) && (tokens[k]!.pos === 'ADJ' || tokens[k]!.pos === 'NOUN')) k--;
  if (k >= 0 && /^(?:DET|NUM|PRON)$/.test(tokens[k]!.pos) && /^\s*(?:\S+\s+){0,3}$/u.test(text.slice(tokens[k]!.end, m.start))) return false;
  // (Or of a verb whose clause refers back to it as a man or a woman, `Trump launched his bid`, or a
  // relative clause for people, `Haskins, who`.)
  const k2 = tokens.findIndex((t) => t.start >= m.end);
  const verb = tokens[k2];
  if (verb && /^(?:VERB|AUX)$/.test(verb.pos) && /^[^\S\n]+$/.test(text.slice(m.end, verb.start))) {
    for (let j = k2 + 1; j < Math.min(tokens.length, k2 + 8) && !/^[,.;:!?“”"]$/.test(tokens[j]!.text); j++) {
      const w = tokens[j]!.lower;
      // (`her` as a possessive only, before a noun: `launched her bid`, not `called her a liar`.)
      if (w === 'his' || w === 'himself' || w === 'herself' || (w === 'her' && /^(?:NOUN|ADJ)$/.test(tokens[j + 1]?.pos ?? ''))) return true;
    }
  }
  if (/^,\s+who\s/.test(text.slice(m.end, m.end + 8))) return true;
  const after = /^[^\S\n]+(?:\p{Ll}+ly[^\S\n]+)?(\p{Ll}+)/u.exec(text.slice(m.end, m.end + 40));
  const before = /[,”"][^\S\n]*(\p{Ll}+)[^\S\n]+$/u.exec(text.slice(Math.max(0, m.start - 30), m.start));
  return (!!after && SPEECH_VERBS.has(after[1]!)) || (!!before && SPEECH_VERBS.has(before[1]!));
}

/** The gender the titles and kin nouns before a person's full-name mentions give them (`Mrs. Ana Ruiz`, `her father, Samuel Okoro`); null when none or both. */
function hostGender(text: string, g: Group): Gender | null {
  const found = new Set(g.mentions.filter((m) => /\s/.test(m.text)).map((m) => genderBefore(text, m.start)).filter((x): x is Gender => x !== null));
  return found.size === 1 ? [...found][0]! : null;
}

function vote(g: Group): EntityType | null {
  let best: EntityType | null = null;
  let n = 0;
  for (const [type, count] of g.typeVotes) if (count > n || (count === n && type === 'person')) [best, n] = [type, count];
  return best;
}

function canonical(g: Group): string {
  const names = [...g.names.keys()].filter((n) => !g.acronyms.has(n));
  const pool = names.length ? names : [...g.names.keys()];
  return pool.sort((a, b) => b.split(' ').length - a.split(' ').length || b.length - a.length || a.localeCompare(b))[0]!;
}

function absorb(into: Group, from: Group, groups: Group[], byName: Map<string, Group>): void {
  if (into === from) return;
  for (const [n, c] of from.names) into.names.set(n, (into.names.get(n) ?? 0) + c);
  for (const [t, c] of from.typeVotes) into.typeVotes.set(t, (into.typeVotes.get(t) ?? 0) + c);
  into.mentions.push(...from.mentions);
  for (const a of from.acronyms) into.acronyms.add(a);
  into.type = vote(into) ?? into.type;
  groups.splice(groups.indexOf(from), 1);
  for (const [k, v] of byName) if (v === from) byName.set(k, into);
}
