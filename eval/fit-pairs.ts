/**
 * `npm run eval -- fit-pairs [--save]`: fits the two sentence-pair heads that answer the pairs
 * questions on the same measures as the comparison's link model (src/compare/pairs.ts):
 * EQUIVALENCE_MODEL, a logistic model of "the two sentences say the same thing" on the MSRP news
 * paraphrase pairs, and SIMILARITY_MODEL, a linear fit of the 0–5 closeness people gave the STS
 * news headlines. Reports ten-fold cross-validated MSRP accuracy and STS Pearson r (each pair
 * scored by a model fitted on the other nine folds: what to expect on pairs never seen), then fits
 * on all pairs; `--save` writes both into src/compare/pairs.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPairScorer, fitLinear, fitLogistic, pairUnit } from '../src/compare/pairs.ts';
import { dataDir, missing, readJsonl } from './common.ts';
import type { EvalResult } from './index.ts';

interface Pair {
  id: string;
  a: string;
  b: string;
  label?: number;
  score?: number;
}

const FOLDS = 10;

/** The measures of every pair of a file, word weights taken over all its sentences (as eval pairs does). */
export function pairFeatures(pairs: Pair[]): number[][] {
  const units = pairs.map((p) => [pairUnit(p.a, 0), pairUnit(p.b, 0)] as const);
  const scorer = createPairScorer(units.flat());
  return units.map(([a, b]) => scorer.features(a, b));
}

type Model = { weights: number[]; bias: number };
const linear = (m: Model, f: number[]) => f.reduce((z, x, k) => z + x * m.weights[k]!, m.bias);

/** Each row scored by a model fitted on the other folds (fold = row index mod FOLDS). */
function crossValidated(X: number[][], y: number[], fit: (X: number[][], y: number[]) => Model): number[] {
  const out = new Array<number>(X.length).fill(0);
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = X.map((_, i) => i).filter((i) => i % FOLDS !== fold);
    const model = fit(
      train.map((i) => X[i]!),
      train.map((i) => y[i]!),
    );
    X.forEach((f, i) => {
      if (i % FOLDS === fold) out[i] = linear(model, f);
    });
  }
  return out;
}

export function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((v, i) => {
    sxy += (v - mx) * (y[i]! - my);
    sxx += (v - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy || 1);
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function saveModel(source: string, name: string, model: Model): string {
  const pattern = new RegExp(`(export const ${name} = \\{\\n {2})weights: \\[[^\\]]*\\] as number\\[\\],\\n {2}bias: [-\\d.e]+,`);
  if (!pattern.test(source)) throw new Error(`fit-pairs: could not find ${name} in src/compare/pairs.ts`);
  return source.replace(pattern, `$1weights: [${model.weights.map(round).join(', ')}] as number[],\n  bias: ${round(model.bias)},`);
}

export async function run(args: string[]): Promise<EvalResult> {
  const dir = dataDir('pairs');
  const absent = missing(path.join(dir, 'msrp.jsonl'), path.join(dir, 'sts-headlines.jsonl'));
  if (absent) return { name: 'fit-pairs', skipped: absent, metrics: {} };
  const msrp = readJsonl<Pair>(path.join(dir, 'msrp.jsonl'));
  const sts = readJsonl<Pair>(path.join(dir, 'sts-headlines.jsonl'));
  const Xm = pairFeatures(msrp);
  const ym = msrp.map((p) => p.label ?? 0);
  const Xs = pairFeatures(sts);
  const ys = sts.map((p) => p.score ?? 0);

  const heldM = crossValidated(Xm, ym, (X, y) => fitLogistic(X, y));
  const accuracy = heldM.filter((z, i) => (z >= 0 ? 1 : 0) === ym[i]).length / ym.length;
  const heldS = crossValidated(Xs, ys, (X, y) => fitLinear(X, y));
  const r = pearson(heldS, ys);
  console.log(`${msrp.length} MSRP pairs, ${sts.length} STS headline pairs; ${FOLDS}-fold cross-validated: MSRP accuracy ${accuracy.toFixed(3)} · STS Pearson r ${r.toFixed(3)}`);

  const equivalence = fitLogistic(Xm, ym);
  const similarity = fitLinear(Xs, ys);
  if (args.includes('--save')) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/compare/pairs.ts');
    writeFileSync(file, saveModel(saveModel(readFileSync(file, 'utf8'), 'EQUIVALENCE_MODEL', equivalence), 'SIMILARITY_MODEL', similarity));
    console.log(`saved EQUIVALENCE_MODEL and SIMILARITY_MODEL into ${file}`);
  }
  return { name: 'fit-pairs', metrics: { cvMsrpAccuracy: accuracy, cvStsPearson: r } };
}
