import * as chrono from 'chrono-node';
import type { DateMention } from '../../core/analysis.ts';
import type { Doc } from '../document/index.ts';

/** Words chrono reads as dates that, in news prose, almost never are. */
const FALSE_DATES = /^(now|right now|just now|currently|present|the present|second|a second|may|march|sat|sun|mon|weekend|this weekend|every weekend|tonight|later|soon|then)$/i;
const MEANINGFUL = /\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow|last|next|this|ago|week|month|year/i;

const UNIT = /\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/i;

const iso = (d: Date, withTime: boolean) =>
  withTime ? d.toISOString() : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Dates mentioned in the text, resolved against the article's published date. News talks about
 * the past: a bare weekday ("on Wednesday") is the most recent such day on or before publication.
 * Without a published date only absolute dates (with a year, or a month and day) are kept.
 */
export function findDates(doc: Doc): DateMention[] {
  const reference = doc.published ? new Date(`${doc.published.slice(0, 10)}T12:00:00`) : null;
  const results = chrono.parse(doc.text, reference ?? new Date(), { forwardDate: false });
  const out: DateMention[] = [];
  for (const r of results) {
    const text = r.text.trim();
    if (FALSE_DATES.test(text) || !MEANINGFUL.test(text)) continue;
    // Capitalised month names only ("may" and "march" are also verbs).
    if (/^(may|march)\b/.test(text)) continue;
    // "for about 41 minutes", "within two hours": how long something lasted, not when it was;
    // "two days before", "an hour later": counted from another event, not from publication.
    if (UNIT.test(text) && (/^(for|within|over)\b/i.test(text) || /\b(before|after|earlier|later)$/i.test(text) || !reference)) continue;
    const s = r.start;
    const absolute = s.isCertain('year') || (s.isCertain('month') && s.isCertain('day'));
    if (!reference && (!absolute || /\b(last|next|this|ago|yesterday|today|tomorrow|tonight)\b/i.test(text))) continue;
    let date = s.date();
    if (reference && s.isCertain('weekday') && !s.isCertain('day')) {
      const delta = (reference.getDay() - date.getDay() + 7) % 7;
      date = new Date(reference);
      date.setDate(reference.getDate() - delta);
    }
    const withTime = s.isCertain('hour');
    out.push({ text, date: iso(date, withTime), start: r.index, end: r.index + r.text.length });
  }
  return out;
}
