import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../extract/html/index.ts';
import type { HtmlExtractResult } from '../../extract/html/index.ts';
import type { HtmlExtractTask } from '../../extract/html/task.ts';
import { createThreadPool, taskModuleUrl } from './index.ts';

const page = (n: number) =>
  `<html><head><title>Ferry count ${n}</title></head><body><article><h1>Ferry count ${n}</h1>${'<p>Harbour crews in Søndervik counted the moored ferries again on Tuesday, the port office said in its weekly note.</p>'.repeat(4)}</article></body></html>`;

describe('thread pool', () => {
  it('runs a task module on worker threads with the results of running it here, and reports when it is ready', async () => {
    const pool = createThreadPool<HtmlExtractTask, HtmlExtractResult | null>(new URL('../../extract/html/task.ts', import.meta.url), 2);
    try {
      expect(pool.ready).toBe(false);
      const results = await Promise.all([1, 2, 3, 4].map((n) => pool.run({ html: page(n), url: null })));
      expect(results).toEqual([1, 2, 3, 4].map((n) => extractHtml(page(n), { url: null })));
      expect(results[3]?.title).toBe('Ferry count 4');
      await expect.poll(() => pool.ready, { timeout: 10_000 }).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('rejects with the reason when the task module cannot be used', async () => {
    const pool = createThreadPool<unknown, unknown>(new URL('./index.ts', import.meta.url), 2);
    try {
      await expect(pool.run({})).rejects.toThrow(/does not export runTask/);
    } finally {
      await pool.close();
    }
  });

  it('names the compiled .js task module when the pool runs from dist/, and the source as given otherwise', () => {
    const task = new URL('../../extract/html/task.ts', 'file:///app/dist/core/threads/index.js');
    expect(taskModuleUrl(task, true)).toBe('file:///app/dist/extract/html/task.js');
    expect(taskModuleUrl(new URL('file:///app/dist/worker/task.mts'), true)).toBe('file:///app/dist/worker/task.mjs');
    expect(taskModuleUrl(new URL('file:///app/src/analyze/task.ts'), false)).toBe('file:///app/src/analyze/task.ts');
  });
});
