/** The pages' CPU work (comparing a story, analysing an article) as a worker-thread task; see createPageWork. */
import { ParallaxError } from '../core/errors.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import { articleAnalysis, storyComparison } from './pages.ts';

export type PageTask = { db: string; kind: 'story'; id: string } | { db: string; kind: 'article'; id: string };

// One connection per store for the thread's life.
const stores = new Map<string, Promise<Store>>();

export async function runTask(task: PageTask): Promise<unknown> {
  let store = stores.get(task.db);
  if (!store) {
    store = openStore(task.db);
    stores.set(task.db, store);
    store.catch(() => stores.delete(task.db));
  }
  const s = await store;
  if (task.kind === 'story') return storyComparison(s, task.id);
  const article = await s.getArticle(task.id);
  if (!article) throw new ParallaxError('not-found', `no article "${task.id}"`);
  return articleAnalysis(s, article);
}
