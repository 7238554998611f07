import type { Quantity } from '../../core/analysis.ts';
import type { Doc, Token } from '../document/index.ts';

const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000, dozen: 12,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, k: 1e3, m: 1e6, bn: 1e9 };
/** Vague amounts as the range a careful reader would allow. */
const VAGUE: Record<string, [number, number]> = {
  dozens: [24, 144], hundreds: [200, 999], thousands: [2000, 9999], millions: [2e6, 9.99e8], billions: [2e9, 9.99e11],
  'tens of thousands': [20000, 99999], 'hundreds of thousands': [200000, 999999], 'a dozen': [12, 12], 'a handful': [3, 6],
  'a few dozen': [24, 60], 'a couple': [2, 2], 'scores': [40, 200],
};
const UNITS: Record<string, string> = {
  percent: 'percent', 'per cent': 'percent', '%': 'percent', mile: 'miles', miles: 'miles', kilometer: 'kilometers', kilometers: 'kilometers',
  kilometre: 'kilometers', kilometres: 'kilometers', km: 'kilometers', meter: 'meters', meters: 'meters', metre: 'meters', metres: 'meters',
  feet: 'feet', foot: 'feet', year: 'years', years: 'years', month: 'months', months: 'months', week: 'weeks', weeks: 'weeks', day: 'days',
  days: 'days', hour: 'hours', hours: 'hours', minute: 'minutes', minutes: 'minutes', second: 'seconds', seconds: 'seconds', ton: 'tons',
  tons: 'tons', tonnes: 'tons', pound: 'pounds', pounds: 'pounds', kg: 'kilograms', kilograms: 'kilograms', acres: 'acres', hectares: 'hectares',
  dollars: 'USD', dollar: 'USD', euros: 'EUR', euro: 'EUR',
};
const CURRENCY: Record<string, string> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR' };
const MONTHS = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?$/i;

const LOWER_BOUND = ['at least', 'more than', 'over', 'upwards of', 'no fewer than', 'a minimum of', 'in excess of'];
const UPPER_BOUND = ['up to', 'as many as', 'at most', 'no more than', 'fewer than', 'less than', 'under', 'a maximum of', 'as much as'];
const APPROX = ['about', 'around', 'nearly', 'almost', 'approximately', 'roughly', 'some', 'an estimated', 'estimated', 'close to', 'about', 'some', 'circa', 'around', 'more or less', 'upward of'];

/** Matches one number: digits with separators and an optional scale word, or a number word. */
const NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(?:thousand|million|billion|trillion|bn|k)\b)?|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|one hundred|one thousand)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?(?:\s(?:hundred|thousand|million|billion))?\b`;

function parseNumber(s: string): number | null {
  const t = s.toLowerCase().trim();
  const m = /^([\d,.]+)\s?(thousand|million|billion|trillion|bn|k)?$/.exec(t);
  if (m) {
    const n = Number(m[1]!.replace(/,/g, ''));
    return Number.isFinite(n) ? n * (m[2] ? SCALES[m[2]]! : 1) : null;
  }
  let total = 0;
  let current = 0;
  for (const w of t.replace(/^(a|one) (hundred|thousand)/, '1 $2').split(/[\s-]+/)) {
    if (w === '1') current += 1;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand' || w === 'million' || w === 'billion') {
      total += (current || 1) * SCALES[w]!;
      current = 0;
    } else if (WORD_NUMBERS[w] !== undefined) current += WORD_NUMBERS[w]!;
    else if (w === 'one') current += 1;
    else return null;
  }
  return total + current || null;
}

function endsWithPhrase(before: string, phrases: string[]): string | null {
  const b = before.toLowerCase();
  for (const p of phrases) if (b.endsWith(` ${p}`) || b === p) return p;
  return null;
}

/**
 * Counts, amounts, ranges and bounds with what they count.
 * Steps: 1. find a number (digits or words, with a scale word); 2. skip years, days of a month,
 * times, ordinals, phone numbers; 3. read a range ("65 to 70", "between 5 and 10") and a
 * bound or approximation in front ("up to", "about"); 4. read the unit and the counted noun
 * phrase after it ("men per cell", "miles south of San Salvador"), else the noun before
 * ("a capacity of up to 40,000"). Vague amounts ("hundreds", "a dozen") are found too.
 */
export function findQuantities(doc: Doc): Quantity[] {
  const { text } = doc;
  const out: Quantity[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);

  const re = new RegExp(String.raw`(?<![\w.,])(?:(US\$|\$|€|£|¥|₹)\s?)?(${NUMBER_SOURCE})(?:\s?(%|percent|per cent))?`, 'gi');
  for (const m of text.matchAll(re)) {
    let start = m.index;
    let end = start + m[0].length;
    const numText = m[2]!;
    let value = parseNumber(numText);
    if (value === null) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    const afterText = text.slice(end, end + 80);
    // 2. Not counts.
    if (/^\d{4}$/.test(numText) && value >= 1500 && value <= 2100 && !/^\s+(?:people|persons|men|women|children|inmates|prisoners|troops|soldiers|workers|jobs|homes|cases|deaths|votes|members|migrants|students)\b/i.test(afterText)) continue;
    if (MONTHS.test(before.trim().split(/\s+/).pop() ?? '') && value <= 31) continue;
    if (/^(st|nd|rd|th)\b/i.test(afterText) || /^:\d/.test(afterText) || /^\s?(a\.m\.|p\.m\.|am\b|pm\b)/i.test(afterText)) continue;
    if (/^-\d{3,}/.test(afterText) || /\d-$/.test(before)) continue;
    if (/^\d+\.\d+\.\d+/.test(text.slice(start))) continue;
    if (/^[A-Za-z]/.test(afterText) && /^\d/.test(numText)) continue; // "MS-13"-like codes glued to letters
    if (/[A-Z]-$/.test(before)) continue; // MS-13
    if (/^\s*,\s*\d{4}/.test(afterText) && value <= 31) continue; // "March 26, 2025"

    // 3. Range.
    let min: number | null = value;
    let max: number | null = value;
    let approx = false;
    const range = new RegExp(String.raw`^\s?(?:to|-|–|—|and)\s?(${NUMBER_SOURCE})`, 'i').exec(afterText);
    const between = /\bbetween\s+$/i.test(before);
    if (range && (between || !/^\s?and/i.test(afterText))) {
      const hi = parseNumber(range[1]!);
      if (hi !== null && hi > value) {
        min = value;
        max = hi;
        end += range[0].length;
        if (between) start -= 'between '.length;
        value = null;
      }
    }
    const modifierText = text.slice(Math.max(0, start - 25), start).replace(/\s+$/, '');
    const upper = endsWithPhrase(modifierText, UPPER_BOUND);
    const lower = endsWithPhrase(modifierText, LOWER_BOUND);
    const near = endsWithPhrase(modifierText, APPROX);
    if (upper) {
      min = null;
      start -= upper.length + 1;
    } else if (lower) {
      max = null;
      approx = /more than|over|upwards/.test(lower);
      start -= lower.length + 1;
    } else if (near) {
      approx = true;
      start -= near.length + 1;
    }

    // 4. Unit and what is counted.
    let unit: string | null = m[1] ? CURRENCY[m[1]]! : m[3] ? 'percent' : null;
    const rest = text.slice(end);
    const hyphenUnit = /^-(day|week|month|year|hour|minute|mile|kilometer|kilometre)s?\b/i.exec(rest);
    let about: string | null;
    if (hyphenUnit) {
      unit = UNITS[hyphenUnit[1]!.toLowerCase() + 's'] ?? UNITS[hyphenUnit[1]!.toLowerCase()] ?? null;
      end += hyphenUnit[0].length;
      about = nounPhrase(doc, end);
    } else {
      const unitWord = /^\s?(per cent|percent|miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|years?|months?|weeks?|days?|hours?|minutes?|seconds?|tons?|tonnes|pounds?|kg|kilograms|acres|hectares|dollars?|euros?)\b/i.exec(rest);
      if (unitWord) unit ??= UNITS[unitWord[1]!.toLowerCase()] ?? null;
      about = nounPhrase(doc, end);
      if (!about && unitWord) about = unitWord[1]!.toLowerCase();
    }
    if (!about) about = nounBefore(text, start);
    if (unit === 'percent' && about === 'percent') about = nounBefore(text, start);
    if (overlaps(start, end)) continue;
    taken.push([start, end]);
    out.push({ text: text.slice(start, end), value, min, max, approx, unit, about, start, end });
  }

  // Vague amounts.
  for (const m of text.matchAll(/\b(tens of thousands|hundreds of thousands|a few dozen|a dozen|a handful|a couple|dozens|hundreds|thousands|millions|billions)\b(?!\s+of\s+(?:dollars|euros))/gi)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(start, end)) continue;
    const [lo, hi] = VAGUE[m[1]!.toLowerCase()]!;
    const after = text.slice(end).replace(/^\s+of\s+/, ' ');
    const offset = text.length - after.length;
    taken.push([start, end]);
    out.push({
      text: m[0],
      value: lo === hi ? lo : null,
      min: lo,
      max: hi,
      approx: lo !== hi,
      unit: null,
      about: nounPhrase(doc, offset) ?? participle(text, end) ?? nounBefore(text, start),
      start,
      end,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

const NOUNISH = new Set(['NOUN', 'PROPN', 'ADJ', 'VERB']);
const STOP_HEADS = new Set(['of', 'in', 'on', 'at', 'for', 'from', 'to', 'by', 'with', 'and', 'or', 'that', 'who', 'which', 'were', 'was', 'are', 'is', 'had', 'have']);

function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The short noun phrase a number counts, starting right after it: adjectives and nouns up to
 * the head noun, then "per cell", "a day", "south of San Salvador", "of the X gang" kept short.
 */
function nounPhrase(doc: Doc, offset: number): string | null {
  const { tokens, text } = doc;
  let i = tokenAt(doc, offset);
  const first = tokens[i];
  if (!first || first.start - offset > 2) return null;
  const words: Token[] = [];
  while (i < tokens.length && words.length < 4) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' || STOP_HEADS.has(t.lower)) break;
    if (!NOUNISH.has(t.pos) && t.pos !== 'NUM') break;
    if (t.pos === 'VERB' && !/(ed|ing)$/.test(t.lower)) break;
    words.push(t);
    i++;
    if (t.pos === 'NOUN' && tokens[i]?.pos !== 'NOUN' && tokens[i]?.pos !== 'PROPN') break;
  }
  while (words.length && words[words.length - 1]!.pos !== 'NOUN' && words[words.length - 1]!.pos !== 'PROPN') words.pop();
  if (!words.length) return null;
  let end = words[words.length - 1]!.end;
  // "men per cell", "hours a day", "miles south of San Salvador"
  const tail = /^\s(per|a|an|each)\s([\p{L}-]+)|^\s((?:north|south|east|west|northeast|northwest|southeast|southwest)(?:\sof)?\s(?:\p{Lu}[\p{L}.'’-]*\s?){1,4})/u.exec(text.slice(end, end + 60));
  if (tail) end += tail[0].trimEnd().length;
  return text.slice(words[0]!.start, end).trim();
}

/** "hundreds recently deported" → "recently deported". */
function participle(text: string, end: number): string | null {
  const m = /^\s((?:[a-z]+ly\s)?[a-z]+ed)/.exec(text.slice(end, end + 40));
  return m ? m[1]! : null;
}

/** "a capacity of up to 40,000" → "capacity". */
function nounBefore(text: string, start: number): string | null {
  const m = /([\p{L}-]+)\s+(?:of|at|to|by|reached|hit|totals?|totaled|stood at|is|was)\s*$/u.exec(text.slice(Math.max(0, start - 40), start));
  if (!m) return null;
  const w = m[1]!.toLowerCase();
  return STOP_HEADS.has(w) || /^(a|an|the|up|about|around|nearly|some|than|least|most)$/.test(w) ? null : w;
}
