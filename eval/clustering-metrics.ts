/** B-cubed precision/recall/F1, pairwise F1 and the adjusted Rand index of a clustering against gold. */
export interface ClusterScores {
  b3Precision: number;
  b3Recall: number;
  b3F1: number;
  pairF1: number;
  ari: number;
}

export function scoreClustering(gold: Map<string, string>, predicted: Map<string, string>): ClusterScores {
  const ids = [...gold.keys()].filter((id) => predicted.has(id));
  const goldOf = new Map<string, string[]>();
  const predOf = new Map<string, string[]>();
  const cell = new Map<string, number>();
  for (const id of ids) {
    const g = gold.get(id)!;
    const p = predicted.get(id)!;
    goldOf.set(g, [...(goldOf.get(g) ?? []), id]);
    predOf.set(p, [...(predOf.get(p) ?? []), id]);
    cell.set(`${g}\u0000${p}`, (cell.get(`${g}\u0000${p}`) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const both = cell.get(`${gold.get(id)}\u0000${predicted.get(id)}`)!;
    p += both / predOf.get(predicted.get(id)!)!.length;
    r += both / goldOf.get(gold.get(id)!)!.length;
  }
  const n = ids.length || 1;
  const b3Precision = p / n;
  const b3Recall = r / n;
  const choose2 = (k: number) => (k * (k - 1)) / 2;
  const sumCells = [...cell.values()].reduce((s, k) => s + choose2(k), 0);
  const sumGold = [...goldOf.values()].reduce((s, l) => s + choose2(l.length), 0);
  const sumPred = [...predOf.values()].reduce((s, l) => s + choose2(l.length), 0);
  const total = choose2(ids.length);
  const expected = total ? (sumGold * sumPred) / total : 0;
  const maxIndex = (sumGold + sumPred) / 2;
  const ari = maxIndex === expected ? 1 : (sumCells - expected) / (maxIndex - expected);
  const pairP = sumPred ? sumCells / sumPred : 1;
  const pairR = sumGold ? sumCells / sumGold : 1;
  return {
    b3Precision,
    b3Recall,
    b3F1: b3Precision + b3Recall ? (2 * b3Precision * b3Recall) / (b3Precision + b3Recall) : 0,
    pairF1: pairP + pairR ? (2 * pairP * pairR) / (pairP + pairR) : 0,
    ari,
  };
}
