/**
 * Evidence about the people an article names, for giving a quotation to someone the attribution
 * does not name: "she said", "the congresswoman said", a bare "Cheney said". Only what the text
 * says counts; nothing is looked up.
 *
 * Steps, each used by the quote finder (index.ts):
 * 1. `gatherEvidence`: each person's gender, from a title, role or kinship noun given them
 *    ("Mrs. Ortiz", "Voss, a spokeswoman for …", "her father, Samuel Okoro"), else from the
 *    pronouns of sentences naming only them ("Ruiz said she would run"); the roles the text gives
 *    each person ("Sen. Hale", "Ruiz, the congresswoman, …") and the nouns it describes them with
 *    ("Tom Hale, the harbour master,");
 * 2. `pronounGender` and `compatible`: "he" is never a person known to be a woman, nor "she" a man;
 * 3. `roleNoun` and `resolveRole`: "the senator" is the person the text called a senator (and
 *    "the harbour master" the one it described so), the one of them named last before it;
 * 4. `lastNamed`: a bare surname is the person of that surname named last before it.
 */
import { FEMALE_KIN, FEMALE_TITLES, MALE_KIN, MALE_TITLES, SPEAKER_ROLES, SPEECH_VERBS } from '../../lexicon/quotes.ts';

export type Gender = 'm' | 'f';

export interface PersonMention {
  start: number;
  end: number;
  name: string;
}

export interface SpeakerEvidence {
  /** Gender per person (canonical name), where the text says it. */
  gender: Map<string, Gender>;
  /** Mentions the text gives a role, in text order: the indexes of the roles in `SPEAKER_ROLES`. */
  roles: { start: number; name: string; roles: Set<number> }[];
  /** Mentions the text describes with a noun phrase in apposition, in text order: the phrase's head noun (`Tom Hale, the harbour master,` → master). */
  described: { start: number; name: string; head: string }[];
  /** Person mentions in text order. */
  mentions: PersonMention[];
}

const ROLE_LIST = [...SPEAKER_ROLES].map((entry) => new Set(entry.split(' ')));
/** The roles (indexes into SPEAKER_ROLES) a word names. */
const ROLES_OF = new Map<string, number[]>();
ROLE_LIST.forEach((words, i) => {
  for (const w of words) ROLES_OF.set(w, [...(ROLES_OF.get(w) ?? []), i]);
});

/** A word as the lists hold it: lower case, without a final full stop, comma or possessive. */
const bare = (word: string) => word.toLowerCase().replace(/[.,]+$/, '').replace(/['’]s$/, '');

/** Words that make another role of the title after them (`Vice President`, `Lt. Gov.`), listed joined by a hyphen. */
const COMPOUND = /^(?:vice|deputy|lt|lieutenant|attorney)$/;

/** The role word of a title or role noun, with the word before it when the two name one role (`vice-president`). */
function roleWord(head: string, before: string | undefined): string {
  const joined = before && COMPOUND.test(bare(before)) ? `${bare(before)}-${bare(head)}` : '';
  return joined && ROLES_OF.has(joined) ? joined : bare(head);
}

/** The gender a title, gendered role noun or kinship noun says (`Mrs.`, `congresswoman`, `father`), else null. */
export function genderOf(word: string): Gender | null {
  const w = bare(word);
  return MALE_TITLES.has(w) || MALE_KIN.has(w) ? 'm' : FEMALE_TITLES.has(w) || FEMALE_KIN.has(w) ? 'f' : null;
}

/** The word right before a name, or the head of a described role or kin in apposition before it (`the port's spokeswoman, `, `her father, `). */
const WORD_BEFORE = /(?:([\p{L}.'’-]+)\s+)?([\p{L}.'’-]+)\s+$/u;
const APPOSITION_BEFORE = /(?:\b(?:the|a|an|his|her|their|its)|['’]s)\s+(?:([\p{L}'’-]+)\s+)?([\p{L}'’-]+),\s+$/iu;

/** The gender the words right before a name at `start` give it (`Mrs. Ana Ruiz`, `her father, Samuel Okoro`), else null. */
export function genderBefore(text: string, start: number): Gender | null {
  const lead = text.slice(Math.max(0, start - 60), start);
  const before = WORD_BEFORE.exec(lead) ?? APPOSITION_BEFORE.exec(lead);
  return before ? genderOf(before[2]!) : null;
}

/** Words that keep a role phrase going between the article and its head noun (`the state's senior senator`). */
const ROLE_PHRASE = /^,\s+(?:(?:a|an|the)\s+)?((?:[\p{L}'’-]+\s+){0,3}?)([\p{L}-]+)(?=\s+(?:for|of|at|with|to|from|in|on|who)\b|\s*[,.;:]|\s*$)/u;

/**
 * A noun phrase in apposition that describes a person, after the name (`, the harbour master,`)
 * or before it (`The harbour master, Tom Hale,`): an article and lower-case words; its head noun.
 */
const DESCRIBED_AFTER = /^,\s+(?:the|a|an)\s+(?:\p{Ll}[\p{Ll}'’-]*\s+){0,2}(\p{Ll}[\p{Ll}-]*)(?=\s+(?:for|of|at|with|to|from|in|on|who)\b|\s*[,.;:]|\s*$)/u;
const DESCRIBED_BEFORE = /(?:^|[\s,;:(—–])(?:[Tt]he|[Aa]n?)\s+(?:\p{Ll}[\p{Ll}'’-]*\s+){0,2}(\p{Ll}[\p{Ll}-]*),\s+$/u;

/** Subject pronouns, by gender. */
const PRONOUN = /\b(he|she)\b/giu;
/** A said-verb and the subject pronoun of what was said (`said she would`, `added that he`). */
const SAID_PRONOUN = /\b(\p{Ll}+)\s+(?:that\s+)?(he|she)\b/giu;

/**
 * 1. Gender and roles of each person, from the words right before a mention (`Mrs.`, `Sen.`,
 * `spokeswoman`), an appositive right after it (`, a spokeswoman for the port`), and for gender
 * only, the pronoun right after a said-verb in a sentence that names that person alone (`Ruiz
 * said she would run`; not `Ruiz asked her if she could`, whose pronoun may be someone else).
 * A title's word decides over pronouns; evidence of both genders for one person decides nothing
 * (`Mrs. Clinton` and `Mr. Clinton` merged into one name).
 */
export function gatherEvidence(text: string, mentions: PersonMention[], sentences: { start: number; end: number }[], quoted: { start: number; end: number }[]): SpeakerEvidence {
  const titled = new Map<string, Set<Gender>>();
  const vote = (votes: Map<string, Set<Gender>>, name: string, g: Gender) => votes.set(name, (votes.get(name) ?? new Set()).add(g));
  const roles: SpeakerEvidence['roles'] = [];
  const described: SpeakerEvidence['described'] = [];
  // A surname only one person has: a title before it says whom (`Mr. Greer`, when Paul Greer is the only Greer).
  const surnames = new Map<string, Set<string>>();
  for (const m of mentions) {
    const last = m.name.toLowerCase().split(' ').pop()!;
    surnames.set(last, (surnames.get(last) ?? new Set()).add(m.name));
  }
  const alone = (name: string) => surnames.get(name.toLowerCase().split(' ').pop()!)!.size === 1;
  const outside = (at: number) => !quoted.some((q) => at >= q.start && at < q.end);
  for (const m of mentions) {
    // Names inside someone's quoted words are not introduced by the text (`“… against President Obama and me”`).
    if (!outside(m.start)) continue;
    const found = new Set<number>();
    const words: string[] = [];
    // The word right before the name (with the one before it: `Vice President`), and the
    // name's own first word when the mention holds its title.
    // (A role and a comma only as a described role: `the port's spokeswoman, Mara Voss`, not
    // `qualified to be president, Clinton said`.)
    const lead = text.slice(Math.max(0, m.start - 60), m.start);
    const before = WORD_BEFORE.exec(lead) ?? APPOSITION_BEFORE.exec(lead);
    if (before) words.push(roleWord(before[2]!, before[1]));
    const own = text.slice(m.start, m.end).split(/\s+/);
    if (own.length > 1) words.push(own[0]!);
    const after = ROLE_PHRASE.exec(text.slice(m.end, m.end + 120));
    if (after) words.push(roleWord(after[2]!, after[1]!.trim().split(/\s+/).pop()));
    for (const w of words) {
      for (const r of ROLES_OF.get(bare(w)) ?? []) found.add(r);
      // (A title before a bare surname says nothing about whom the entity pass joined it to
      // when several people have it: `Ms. Trump` may be any Trump.)
      const g = genderOf(w);
      if (g && (own.length > 1 || w === after?.[2] || alone(m.name))) vote(titled, m.name, g);
    }
    if (found.size) roles.push({ start: m.start, name: m.name, roles: found });
    const head = DESCRIBED_AFTER.exec(text.slice(m.end, m.end + 120))?.[1] ?? DESCRIBED_BEFORE.exec(lead)?.[1];
    if (head) described.push({ start: m.start, name: m.name, head });
  }
  const votes = new Map<string, Set<Gender>>();
  for (const s of sentences) {
    const named = mentions.filter((m) => m.start >= s.start && m.end <= s.end && outside(m.start));
    if (!named.length || named.some((m) => m.name !== named[0]!.name)) continue;
    for (const p of text.slice(named[0]!.end, s.end).matchAll(SAID_PRONOUN)) {
      if (!SPEECH_VERBS.has(p[1]!) || !outside(named[0]!.end + p.index)) continue;
      vote(votes, named[0]!.name, p[2]!.toLowerCase() === 'he' ? 'm' : 'f');
    }
  }
  const gender = new Map<string, Gender>();
  for (const [name, gs] of votes) if (gs.size === 1 && !titled.has(name)) gender.set(name, [...gs][0]!);
  for (const [name, gs] of titled) if (gs.size === 1) gender.set(name, [...gs][0]!);
  return { gender, roles, described, mentions };
}

/** 2. The gender of the subject pronouns in a stretch of attribution (`, she `), or null when it has none or both. */
export function pronounGender(context: string): Gender | null {
  const gs = new Set([...context.matchAll(PRONOUN)].map((p) => (p[1]!.toLowerCase() === 'he' ? 'm' : 'f')));
  return gs.size === 1 ? [...gs][0]! : null;
}

/** 2. Whether a person can be the referent of a pronoun (or role noun) of gender `g`. */
export function compatible(ev: SpeakerEvidence | undefined, name: string, g: Gender | null): boolean {
  const known = ev?.gender.get(name);
  return !g || !known || known === g;
}

/**
 * 3. A role noun with its article (`the congresswoman`, `the state's senior senator`) at the end
 * (or, with `atStart`, the start) of `s`: a role of SPEAKER_ROLES, or a noun the text described
 * someone with (`the harbour master`, after `Tom Hale, the harbour master,`).
 */
export function roleNoun(s: string, atStart = false, ev?: SpeakerEvidence): { word: string; at: number } | null {
  const known = (word: string) => ROLES_OF.has(word) || !!ev?.described.some((d) => d.head === word);
  if (atStart) {
    // The first word after the article that names a role (`said the mayor on Tuesday`, `said the harbour master`).
    const m = /^[\s,]*[Tt]he\s+((?:[\p{L}'’-]+\s+){0,2}[\p{L}'’-]+)/u.exec(s);
    if (!m) return null;
    const ws = m[1]!.split(/\s+/);
    for (let k = 0; k < ws.length; k++) {
      const head = ws[k]!.replace(/[,.;:!?]+$/, '');
      if (!/^\p{Ll}/u.test(head)) return null;
      const word = roleWord(head, ws[k - 1]);
      if (/^\p{Ll}[\p{Ll}-]*$/u.test(head) && known(word)) return { word, at: m.index };
      if (/[,.;:!?]$/.test(ws[k]!)) return null;
    }
    return null;
  }
  const m = /(?:^|[\s,;:—–(])[Tt]he\s+((?:[\p{L}'’-]+\s+){0,2}?)(\p{Ll}[\p{Ll}-]*)\s*$/u.exec(s);
  if (!m) return null;
  const word = roleWord(m[2]!, m[1]!.trim().split(/\s+/).pop());
  return known(word) ? { word, at: m.index } : null;
}

/**
 * 3. The person a role noun refers to: among the people the text gave that role (or described
 * with that noun) before `at`, and who can be of the noun's gender (not a man for "the
 * congresswoman"), the one named last.
 */
export function resolveRole(ev: SpeakerEvidence | undefined, word: string, at: number): string | null {
  if (!ev) return null;
  const wanted = ROLES_OF.get(word);
  const g = genderOf(word);
  const given = wanted
    ? ev.roles.filter((r) => r.start < at && wanted.some((w) => r.roles.has(w)))
    : ev.described.filter((d) => d.start < at && d.head === word);
  const holders = new Set(given.filter((r) => compatible(ev, r.name, g)).map((r) => r.name));
  if (!holders.size) return null;
  let best: PersonMention | null = null;
  for (const m of ev.mentions) if (m.start < at && holders.has(m.name)) best = m;
  return best?.name ?? null;
}

/**
 * 4. The person a bare surname names at `at`: of the people whose name ends in it, the one named
 * last before `at`, else the first named after it. null when nobody has that surname.
 */
export function lastNamed(mentions: readonly PersonMention[], surname: string, at: number): string | null {
  const last = surname.toLowerCase();
  const same = mentions.filter((m) => m.name.toLowerCase().split(' ').pop() === last);
  const before = same.filter((m) => m.start < at).pop();
  return (before ?? same[0])?.name ?? null;
}
