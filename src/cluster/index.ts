export { findReuse, sharedPassages, type ReuseArticle, type ReusePair } from './reuse/index.ts';
export { groupArticles, groupArticlesAsync, StoryIndex, readTerms, termCounts, GROUP_DEFAULTS, type ArticleTerms, type GroupArticle, type GroupOptions } from './group/index.ts';
