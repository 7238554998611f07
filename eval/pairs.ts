/**
 * `npm run eval -- pairs [--write FILE]`: the comparison's same-fact decision alone, on news
 * sentence pairs (../shared/data/pairs: MSRP paraphrase pairs judged by people, and SemEval STS
 * news headlines graded 0–5), scored by the data's own scorer, ../shared/eval/score_pairs.py:
 * MSRP accuracy and F1 of "same", STS Pearson r of the score.
 *
 * The decision is the comparison's own (src/compare/pairs.ts at the comparison's link threshold),
 * with word weights taken over all the sentences of the file, as a story's are over its sentences.
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
}

export async function run(args: string[]): Promise<EvalResult> {
  const dir = dataDir('pairs');
  const scorer = scorerPath('score_pairs.py');
  const absent = missing(path.join(dir, 'msrp.jsonl'), path.join(dir, 'sts-headlines.jsonl'), scorer);
  if (absent) return { name: 'pairs', skipped: absent, metrics: {} };
  const noPython = pythonMissing(scorer);
  if (noPython) return { name: 'pairs', skipped: noPython, metrics: {} };

  const lines: string[] = [];
  for (const file of ['msrp.jsonl', 'sts-headlines.jsonl']) {
    const pairs = readJsonl<Pair>(path.join(dir, file));
    // Both sentences stand first in their "article": a pair has no story around it.
    const units = pairs.map((p) => [pairUnit(p.a, 0), pairUnit(p.b, 0)] as const);
    const model = createPairScorer(units.flat());
    pairs.forEach((p, i) => {
      const score = model.probability(units[i]![0], units[i]![1]);
      lines.push(JSON.stringify({ id: p.id, same: score >= FACT_THRESHOLD, score: Math.round(score * 10000) / 10000 }));
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
  return { name: 'pairs', metrics };
}
