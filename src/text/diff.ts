/** The words of a text, compared word by word with another wording (quotes that outlets trim or reword). */

import type { WordChange } from '../core/analysis.ts';

export type { WordChange };

/** Word-level differences between two wordings: each token of `b` marked same, added, or changed. */
export function wordDiff(a: string, b: string): WordChange[] {
  const x = a.match(/\S+/g) ?? [];
  const y = b.match(/\S+/g) ?? [];
  const key = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const dp = Array.from({ length: x.length + 1 }, () => new Uint16Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      dp[i]![j] = key(x[i]!) === key(y[j]!) ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const out: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && key(x[i]!) === key(y[j]!)) {
      out.push({ text: y[j]!, op: x[i] === y[j] ? 'same' : 'added' });
      if (x[i] !== y[j]) out.splice(out.length - 1, 1, { text: x[i]!, op: 'removed' }, { text: y[j]!, op: 'added' });
      i++;
      j++;
    } else if (j < y.length && (i >= x.length || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      out.push({ text: y[j++]!, op: 'added' });
    } else {
      out.push({ text: x[i++]!, op: 'removed' });
    }
  }
  return out;
}
