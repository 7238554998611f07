/** The pages' CPU work (comparing a story, analysing an article) as a worker-thread task; see createPageWork. */
import { ParallaxError } from '../core/errors.ts';
import { analyzeStored } from '../pipeline/analyze.ts';
import { articleAnalysis, storyComparison, type StoryAnalysed } from './pages.ts';
import { threadStore } from './thread-store.ts';

export type PageTask = { db: string; kind: 'story' | 'article' | 'analyse-story'; id: string };

export async function runTask(task: PageTask): Promise<unknown> {
  const s = await threadStore(task.db);
  if (task.kind === 'story') return storyComparison(s, task.id);
  if (task.kind === 'analyse-story') {
    const story = await s.getStory(task.id);
    if (!story) return { articles: 0, analysed: 0 } satisfies StoryAnalysed;
    let analysed = 0;
    // One thread: this runs beside the pages' own work, which must keep a core.
    await analyzeStored(s, await s.getArticles(story.articleIds), { threads: 1, computed: (n) => (analysed = n) });
    return { articles: story.articleIds.length, analysed } satisfies StoryAnalysed;
  }
  const article = await s.getArticle(task.id);
  if (!article) throw new ParallaxError('not-found', `no article "${task.id}"`);
  return articleAnalysis(s, article);
}
