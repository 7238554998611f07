import type { Command } from 'commander';

/** Each command file exports one function that adds its command to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * A command and the file that defines it. Files load only when needed (see `buildProgram`):
 * `parallax stories …` imports stories.ts alone, and `--version` imports none, because the files
 * behind ingest, analyze or serve pull in the HTML parser, the NLP model or the web server.
 */
export interface CommandEntry {
  name: string;
  /** Further commands the same register function adds. */
  alongside?: string[];
  load: () => Promise<RegisterCommand>;
}

// The order is the order shown in --help.
export const commands: CommandEntry[] = [
  { name: 'ingest', load: async () => (await import('./ingest.ts')).registerIngest },
  { name: 'articles', load: async () => (await import('./articles.ts')).registerArticles },
  { name: 'show', load: async () => (await import('./show.ts')).registerShow },
  { name: 'extract', load: async () => (await import('./extract.ts')).registerExtract },
  { name: 'stories', load: async () => (await import('./stories.ts')).registerStories },
  { name: 'story', load: async () => (await import('./stories.ts')).registerStory },
  { name: 'cluster', load: async () => (await import('./stories.ts')).registerCluster },
  { name: 'analyze', load: async () => (await import('./analyze.ts')).registerAnalyze },
  { name: 'compare', load: async () => (await import('./compare.ts')).registerCompare },
  { name: 'serve', load: async () => (await import('./serve.ts')).registerServe },
  { name: 'worker', alongside: ['enqueue'], load: async () => (await import('./worker.ts')).registerWorker },
  { name: 'outlets', load: async () => (await import('./outlets.ts')).registerOutlets },
  { name: 'stats', load: async () => (await import('./stats.ts')).registerStats },
  { name: 'repair', load: async () => (await import('./repair.ts')).registerRepair },
];
