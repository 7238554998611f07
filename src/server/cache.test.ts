import { describe, expect, it } from 'vitest';
import { createAnswerCache, type CachedAnswer } from './cache.ts';

const text = (s: string) => new TextEncoder().encode(s);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A computation that counts its runs and answers "v<run>" unless told the store is unchanged. */
function source() {
  let runs = 0;
  let changed = true;
  return {
    get runs() {
      return runs;
    },
    change: () => void (changed = true),
    compute: async (previous: CachedAnswer | null): Promise<CachedAnswer> => {
      runs++;
      await sleep(20);
      if (previous && !changed) return previous;
      changed = false;
      return { version: `v${runs}`, body: text(`v${runs}`) };
    },
  };
}

describe('answer cache', () => {
  const read = async (answer: Promise<CachedAnswer>) => new TextDecoder().decode((await answer).body);

  it('serves a fresh answer, then the last one while a single check runs, then the checked one', async () => {
    const cache = createAnswerCache({ freshMs: 50, staleMs: 1000 });
    const s = source();
    expect(await Promise.all([1, 2, 3].map(() => read(cache.get('k', s.compute))))).toEqual(['v1', 'v1', 'v1']);
    expect(s.runs).toBe(1);
    await sleep(60);
    s.change();
    // Past freshMs: answered at once from the last answer, one check in the background.
    expect(await Promise.all([1, 2, 3].map(() => read(cache.get('k', s.compute))))).toEqual(['v1', 'v1', 'v1']);
    await sleep(40);
    expect(await read(cache.get('k', s.compute))).toBe('v2');
    expect(s.runs).toBe(2);
  });

  it('waits for the check when the answer is older than staleMs, and forgets everything on clear()', async () => {
    const cache = createAnswerCache({ freshMs: 10, staleMs: 30 });
    const s = source();
    await cache.get('k', s.compute);
    await sleep(40);
    s.change();
    expect(await read(cache.get('k', s.compute))).toBe('v2');
    s.change();
    cache.clear();
    expect(await read(cache.get('k', s.compute))).toBe('v3');
  });

  it('drops an answer whose check fails, so the next reader sees the error', async () => {
    const cache = createAnswerCache({ freshMs: 10, staleMs: 1000 });
    await cache.get('k', async () => ({ version: '1', body: text('old') }));
    await sleep(20);
    const gone = async (): Promise<CachedAnswer> => Promise.reject(new Error('no story "k"'));
    expect(await read(cache.get('k', gone))).toBe('old');
    await sleep(10);
    await expect(cache.get('k', gone)).rejects.toThrow('no story');
  });

  it('keeps answers within its size, dropping the least recently used', async () => {
    const cache = createAnswerCache({ maxBytes: 250 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ({ version: '', body: text(key.repeat(100)) }));
    expect(cache.size).toBeLessThanOrEqual(250);
    let recomputed = 0;
    await cache.get('a', async () => ((recomputed++), { version: '', body: text('a'.repeat(100)) }));
    await cache.get('c', async () => ((recomputed++), { version: '', body: text('c'.repeat(100)) }));
    expect(recomputed).toBe(1); // "a", the oldest, was dropped; "c" was kept
  });
});
