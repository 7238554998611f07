// The entry of every worker thread. Threads start without the TypeScript loader the main thread
// has (bin/parallax.js registers it at run time), so each registers it before loading a task.
import { register } from 'tsx/esm/api';

register();
const tasks = new Map();

/**
 * Runs `runTask(input)` of the task module named by its file URL; modules load once per thread.
 * A `warm` call only loads the module, so a pool can get ready while its owner keeps working.
 */
export default async function run({ module, input, warm }) {
  let task = tasks.get(module);
  if (!task) {
    task = (await import(module)).runTask;
    if (typeof task !== 'function') throw new Error(`threads: ${module} does not export runTask(input)`);
    tasks.set(module, task);
  }
  return warm ? null : task(input);
}
