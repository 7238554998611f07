import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * ../shared beside the repository holds real articles and evaluation data that the repository
 * does not ship, so a fresh clone has no such folder. A test that reads it asks here first and
 * is skipped, with a line saying why, instead of crashing while vitest collects it.
 */
export const sharedRoot = path.resolve(import.meta.dirname, '../../shared');

export interface SharedFolder {
  path: string;
  /** False when the folder is absent: pass `!present` to describe.skipIf. */
  present: boolean;
}

export function sharedFolder(...parts: string[]): SharedFolder {
  const folder = path.join(sharedRoot, ...parts);
  const present = existsSync(folder);
  if (!present) {
    const shown = path.join('../shared', ...parts);
    console.warn(`skipping the tests on ${shown}: the folder is not beside the repository (it holds data the repository does not ship)`);
  }
  return { path: folder, present };
}
