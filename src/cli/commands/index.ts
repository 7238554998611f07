import type { Command } from 'commander';
import { registerAnalyze } from './analyze.ts';
import { registerArticles } from './articles.ts';
import { registerCompare } from './compare.ts';
import { registerExtract } from './extract.ts';
import { registerIngest } from './ingest.ts';
import { registerOutlets } from './outlets.ts';
import { registerRepair } from './repair.ts';
import { registerServe } from './serve.ts';
import { registerShow } from './show.ts';
import { registerStats } from './stats.ts';
import { registerWorker } from './worker.ts';
import { registerCluster, registerStories, registerStory } from './stories.ts';

/** Each command file exports one function that adds its command to the program. */
export type RegisterCommand = (program: Command) => void;

// The order is the order shown in --help.
export const commands: RegisterCommand[] = [registerIngest, registerArticles, registerShow, registerExtract, registerStories, registerStory, registerCluster, registerAnalyze, registerCompare, registerServe, registerWorker, registerOutlets, registerStats, registerRepair];
