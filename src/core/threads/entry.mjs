// The entry of every worker thread. A task module is compiled JavaScript in the built package
// (dist/) and a TypeScript source in a development checkout run through tsx; threads start without
// the TypeScript loader the main thread has, so the first thread to load a `.ts` task registers it.
const tasks = new Map();
let typescript = null;

/**
 * Runs `runTask(input)` of the task module named by its file URL; modules load once per thread.
 * A `warm` call only loads the module, so a pool can get ready while its owner keeps working.
 */
export default async function run({ module, input, warm }) {
  let task = tasks.get(module);
  if (!task) {
    if (module.endsWith('.ts')) await (typescript ??= import('tsx/esm/api').then(({ register }) => register()));
    task = (await import(module)).runTask;
    if (typeof task !== 'function') throw new Error(`threads: ${module} does not export runTask(input)`);
    tasks.set(module, task);
  }
  return warm ? null : task(input);
}
