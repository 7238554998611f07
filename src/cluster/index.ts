export { findReuse, sharedPassages, type ReuseArticle, type ReusePair } from './reuse/index.ts';
export { groupArticles, groupArticlesAsync, StoryIndex, termCounts, GROUP_DEFAULTS, type GroupArticle, type GroupOptions } from './group/index.ts';
