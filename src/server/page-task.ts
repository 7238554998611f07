/** The pages' CPU work (comparing a story, analysing an article) as a worker-thread task; see createPageWork. */
import { ParallaxError } from '../core/errors.ts';
import { articleAnalysis, storyComparison } from './pages.ts';
import { threadStore } from './thread-store.ts';

export type PageTask = { db: string; kind: 'story'; id: string } | { db: string; kind: 'article'; id: string };

export async function runTask(task: PageTask): Promise<unknown> {
  const s = await threadStore(task.db);
  if (task.kind === 'story') return storyComparison(s, task.id);
  const article = await s.getArticle(task.id);
  if (!article) throw new ParallaxError('not-found', `no article "${task.id}"`);
  return articleAnalysis(s, article);
}
