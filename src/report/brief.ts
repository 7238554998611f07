import type { Comparison } from '../core/analysis.ts';
import type { ComparisonDetail } from '../compare/index.ts';

/** Link probability a fact needs to be stated in the brief as what its sources share (fitted on the development events). */
const BRIEF_CONFIDENCE = 0.7;

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
  const sure = (f: (typeof comparison.facts)[number]) => (f.confidence ?? 1) >= BRIEF_CONFIDENCE && !/^[“"]/.test(f.text);
  const byConfidence = (a: (typeof comparison.facts)[number], b: (typeof comparison.facts)[number]) => (b.confidence ?? 1) - (a.confidence ?? 1);
  const consensus = comparison.consensus.map((id) => byId.get(id)!).filter(sure).sort(byConfidence);
  for (const fact of consensus.slice(0, maxConsensus)) {
    brief.push({ text: fact.text, sources: fact.sources, facts: [fact.id] });
  }
  const partial = comparison.facts.filter((f) => f.sources.length >= 2 && !comparison.consensus.includes(f.id) && sure(f)).sort(byConfidence);
  for (const fact of partial.slice(0, Math.max(0, maxConsensus - brief.length))) {
    brief.push({ text: fact.text, sources: fact.sources, facts: [fact.id] });
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
    // Only the outlets that name a speaker, with a said-verb, in the quotation's own sentence.
    const named = q.variants.filter((v) => v.stated && v.speaker);
    if (new Set(named.map((v) => v.speaker)).size < 2) continue;
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

const clip = (s: string) => (s.length > 90 ? `${s.slice(0, 89)}…”` : s);
