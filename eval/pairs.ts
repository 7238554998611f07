/**
 * `npm run eval -- pairs [--write FILE]`: the comparison's same-fact decision alone, on news
 * sentence pairs (../shared/data/pairs: MSRP paraphrase pairs judged by people, and SemEval STS
 * news headlines graded 0–5), scored by the data's own scorer, ../shared/eval/score_pairs.py:
 * MSRP accuracy and F1 of "same", STS Pearson r of the score.
 *
 * The decisions are the comparison's sentence-pair heads (src/compare/pairs.ts) on the measures its
 * link model reads, with word weights taken over all the sentences of the file, as a story's are
 * over its sentences: "same" is EQUIVALENCE_MODEL (the two say the same thing, neither more), the
 * score SIMILARITY_MODEL (0–5). Both heads are fitted on these pairs (`eval fit-pairs`, which
 * reports their cross-validated figures). For reference it also prints how often the link model's
 * own decision ("the two share a fact", at the comparison's threshold) agrees with MSRP's label.
 * `--write FILE` keeps the predictions ({id, same, score} lines) for the Python scorer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FACT_THRESHOLD } from '../src/compare/index.ts';
import { createPairScorer, pairUnit } from '../src/compare/pairs.ts';
import { dataDir, missing, pythonMissing, readJsonl, runScorer, scorerPath } from './common.ts';
import type { EvalResult } from './index.ts';

interface Pair {
  id: string;
  a: string;
  b: string;
  label?: number;
}

export async function run(args: string[]): Promise<EvalResult> {
  const dir = dataDir('pairs');
  const scorer = scorerPath('score_pairs.py');
  const absent = missing(path.join(dir, 'msrp.jsonl'), path.join(dir, 'sts-headlines.jsonl'), scorer);
  if (absent) return { name: 'pairs', skipped: absent, metrics: {} };
  const noPython = pythonMissing(scorer);
  if (noPython) return { name: 'pairs', skipped: noPython, metrics: {} };

  const lines: string[] = [];
  let linkAgrees = 0;
  let labelled = 0;
  for (const file of ['msrp.jsonl', 'sts-headlines.jsonl']) {
    const pairs = readJsonl<Pair>(path.join(dir, file));
    // Both sentences stand first in their "article": a pair has no story around it.
    const units = pairs.map((p) => [pairUnit(p.a, 0), pairUnit(p.b, 0)] as const);
    const model = createPairScorer(units.flat());
    pairs.forEach((p, i) => {
      const [a, b] = units[i]!;
      const score = model.similarity(a, b);
      lines.push(JSON.stringify({ id: p.id, same: model.equivalence(a, b) >= 0.5, score: Math.round(score * 10000) / 10000 }));
      if (p.label !== undefined) {
        labelled++;
        linkAgrees += Number(model.probability(a, b) >= FACT_THRESHOLD) === p.label ? 1 : 0;
      }
    });
  }
  const at = args.indexOf('--write');
  const keep = at >= 0 ? path.resolve(args[at + 1] ?? 'pairs-predictions.jsonl') : null;
  const tmp = keep ? null : mkdtempSync(path.join(tmpdir(), 'parallax-pairs-'));
  const file = keep ?? path.join(tmp!, 'predictions.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  let scored: ReturnType<typeof runScorer>;
  try {
    scored = runScorer(scorer, [dir, file], 'pairs');
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
  console.log(scored.lines.join('\n'));
  const result = scored.summary as { msrp?: { accuracy?: number; f1?: number }; sts?: { pearson?: number } };
  const metrics: Record<string, number> = {};
  if (result.msrp?.accuracy !== undefined) metrics['msrp.accuracy'] = result.msrp.accuracy;
  if (result.msrp?.f1 !== undefined) metrics['msrp.f1'] = result.msrp.f1;
  if (result.sts?.pearson !== undefined) metrics['sts.pearson'] = result.sts.pearson;
  console.log(`MSRP accuracy ${metrics['msrp.accuracy']?.toFixed(3)} (target 0.78; always "same" 0.665, word overlap ~0.70) · STS headlines r ${metrics['sts.pearson']?.toFixed(3)} (target 0.78)${keep ? ` · predictions in ${keep}` : ''}`);
  if (labelled) console.log(`(the comparison's link decision, "shares a fact" at p ≥ ${FACT_THRESHOLD}, agrees with MSRP's "same meaning" on ${(linkAgrees / labelled).toFixed(3)} of the pairs: a sentence that says more still shares a fact)`);
  return { name: 'pairs', metrics };
}
