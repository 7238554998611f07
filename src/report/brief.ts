import type { Comparison } from '../core/analysis.ts';
import type { ComparisonDetail } from '../core/analysis.ts';
import { speakerDispute } from '../compare/index.ts';
import { leansOnContext } from '../text/sentences.ts';

/** Link probability a fact needs to be stated in the brief as what its sources share (fitted on the development events). */
const BRIEF_CONFIDENCE = 0.7;
/**
 * Closeness of meaning (0–5) an outlet's sentence needs to the brief's sentence to be cited for it:
 * between "share some details" (2) and "roughly the same, some detail differs" (3) on the scale
 * people graded news headlines with. Set on the development events: 2.5 took brief citation
 * precision from 0.967 to 1.000 (120 citations to 106) with the closeness model of words alone;
 * the model that also reads word vectors puts long news sentences about 0.3 lower, and 2.2 gives
 * it the same citations at the same precision (97, 55 of them of another outlet than the
 * sentence's own; 2.5 would drop 18 right ones, 2.0 add 5 more, all right).
 */
const BRIEF_CLOSENESS = 2.2;

export interface BriefOptions {
  /** Consensus sentences to include at most. */
  maxConsensus?: number;
  /** Points of difference to include at most. */
  maxDifferences?: number;
}

/**
 * An extractive, cited brief. Consensus facts come first, each in the wording of the source
 * sentence with no opinion and the fewest loaded words (the fact's chosen text, quoted as the
 * source wrote it). Then the points where sources differ, stated as differences with each
 * source's own words. Nothing appears that no source says: every sentence is a source sentence
 * or a frame ("Outlets differ on …") around source sentences, and carries the sources behind it.
 */
export function buildBrief(comparison: ComparisonDetail, options: BriefOptions = {}): Comparison['brief'] {
  const maxConsensus = options.maxConsensus ?? 6;
  const maxDifferences = options.maxDifferences ?? 4;
  const brief: Comparison['brief'] = [];
  const byId = new Map(comparison.facts.map((f) => [f.id, f]));
  // Only facts whose sources surely state the same thing are stated as shared: a brief that cites
  // an outlet for what it did not say is worse than a shorter brief.
  // A detail repeats its fact's sentences: the fact is stated, not the detail again.
  // Nor one that opens with a pronoun: read alone, "He said…" names no one.
  const sure = (f: (typeof comparison.facts)[number]) => !f.detailOf && (f.confidence ?? 1) >= BRIEF_CONFIDENCE && !/^[“"]/.test(f.text) && !leansOnContext(f.text);
  const byConfidence = (a: (typeof comparison.facts)[number], b: (typeof comparison.facts)[number]) => (b.confidence ?? 1) - (a.confidence ?? 1);
  // The brief quotes one sentence: it cites another outlet only when that outlet's own sentence
  // comes close to saying it (sharing a fact with it is not enough), and states nothing as shared
  // that fewer than two outlets say.
  const citing = (fact: (typeof comparison.facts)[number]) =>
    fact.sources.filter((s) => fact.support.some((x) => x.source === s && (x.text === fact.text || (x.closeness ?? 5) >= BRIEF_CLOSENESS)));
  const consensus = comparison.consensus.map((id) => byId.get(id)!).filter(sure).sort(byConfidence);
  for (const fact of consensus) {
    const sources = citing(fact);
    if (sources.length >= 2 && brief.length < maxConsensus) brief.push({ text: fact.text, sources, facts: [fact.id] });
  }
  const partial = comparison.facts.filter((f) => f.sources.length >= 2 && !comparison.consensus.includes(f.id) && sure(f)).sort(byConfidence);
  for (const fact of partial) {
    const sources = citing(fact);
    if (sources.length >= 2 && brief.length < maxConsensus) brief.push({ text: fact.text, sources, facts: [fact.id] });
  }
  let differences = 0;
  for (const c of comparison.conflicts) {
    if (c.consistent || differences >= maxDifferences) continue;
    const parts = c.values.map((v) => `${v.source} reports “${v.text}”`);
    brief.push({ text: `Outlets differ on ${c.about}: ${parts.join('; ')}${c.note ? ` (${c.note})` : ''}.`, sources: [...new Set(c.values.map((v) => v.source))] });
    differences++;
  }
  for (const q of comparison.quotes) {
    if (differences >= maxDifferences) break;
    if (!q.flags?.includes('speaker-mismatch')) continue;
    // Only the variants in dispute: outlets that each name a different person, with a said-verb in
    // the quotation's own sentence, for the same words (the ledger's rule, `speakerDispute`);
    // an outlet that names nobody, or only implies someone, or quotes other words, is not cited.
    const disputed = speakerDispute(q.variants.map((v) => ({ ...v, speaker: v.speaker ?? null, tokens: quoteTokens(v.text) })));
    const named = disputed.filter((v, i) => disputed.findIndex((w) => w.source === v.source && w.speaker === v.speaker) === i);
    if (new Set(named.map((v) => v.speaker)).size < 2 || new Set(named.map((v) => v.source)).size < 2) continue;
    const who = named.map((v) => `${v.source} attributes it to ${v.speaker}`).join('; ');
    brief.push({ text: `Outlets differ on who said ${clip(q.text)}: ${who}.`, sources: [...new Set(named.map((v) => v.source))] });
    differences++;
  }
  const n = comparison.sources.length;
  const reportedByOne = comparison.unique.length;
  if (n > 1 && reportedByOne) {
    const counts = new Map<string, number>();
    for (const id of comparison.unique) {
      const s = byId.get(id)!.sources[0]!;
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const most = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    brief.push({
      text: `Coverage differs: ${reportedByOne} of ${comparison.facts.length} facts appear in one outlet only, ${most[1]} of them in ${most[0]}.`,
      sources: [...counts.keys()],
    });
  }
  return brief;
}

/** A quotation's words as the quote ledger compares them (src/compare, `quoteTokens`). */
const quoteTokens = (t: string) => t.toLowerCase().replace(/[“”"‘’']/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];

const clip = (s: string) => (s.length > 90 ? `${s.slice(0, 89)}…”` : s);
