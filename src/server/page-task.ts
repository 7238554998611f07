/** The pages' CPU work (comparing a story, analysing an article) as a worker-thread task; see createPageWork. */
import { ParallaxError } from '../core/errors.ts';
import { articleAnalysis, comparisonVersion, digestOf, storyComparison, type StoryWarmed } from './pages.ts';
import { threadStore } from './thread-store.ts';

export type PageTask = { db: string; kind: 'story' | 'article' | 'warm-story'; id: string };

export async function runTask(task: PageTask): Promise<unknown> {
  const s = await threadStore(task.db);
  if (task.kind === 'story') return storyComparison(s, task.id);
  if (task.kind === 'warm-story') {
    const story = await s.getStory(task.id);
    if (!story) return null;
    const articles = await s.getArticles(story.articleIds);
    let analysed = 0;
    // Missing analyses on this one thread: it runs beside the pages' own work, which must keep a core.
    const comparison = await storyComparison(s, story.id, { threads: 1, computed: (n) => (analysed = n) });
    // Kept for the story list's disagreement sort and conflicts filter, as opening the page does.
    await s.putStoryDigest(digestOf(story, comparison));
    return { articles: articles.length, analysed, version: comparisonVersion(story, articles), comparison } satisfies StoryWarmed;
  }
  const article = await s.getArticle(task.id);
  if (!article) throw new ParallaxError('not-found', `no article "${task.id}"`);
  return articleAnalysis(s, article);
}
