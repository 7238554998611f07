import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';

/**
 * A pool of worker threads running one task module: CPU-bound stages (HTML extraction, article
 * analysis) use every core this way. A task module exports `runTask(input)`; its input and output
 * cross threads by structured clone, so they must be plain data.
 */
export interface ThreadPool<I, O> {
  run(input: I): Promise<O>;
  readonly threads: number;
  /** True once every thread has loaded the task module (starting one takes a second or two). */
  readonly ready: boolean;
  close(): Promise<void>;
}

/** Threads to use: the whole number asked for (at least 1), or one per core when the caller does not say. */
export function threadCount(requested?: number): number {
  return Math.max(1, Math.floor(requested ?? availableParallelism()));
}

/** True when this file runs compiled (dist/*.js), false when run from its TypeScript source. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * The file a task module's URL names where the code runs. Callers name task modules by their
 * source file (`new URL('../analyze/task.ts', import.meta.url)`), which a compiled build (dist/)
 * holds as `.js`; the compiler rewrites import paths, not URLs.
 */
export function taskModuleUrl(taskModule: URL, compiled = COMPILED): string {
  return compiled ? taskModule.href.replace(/\.([cm]?)ts$/, '.$1js') : taskModule.href;
}

/**
 * A pool running `taskModule`, named by its source file: `new URL('./task.ts', import.meta.url)`.
 * Threads load the compiled `.js` beside it when the code runs from dist/.
 */
export function createThreadPool<I, O>(taskModule: URL, threads = threadCount()): ThreadPool<I, O> {
  const piscina = new Piscina({
    filename: new URL('./entry.mjs', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  const module = taskModuleUrl(taskModule);
  let ready = false;
  // One warm-up per thread: each takes the next queued task as soon as it has started.
  void Promise.all(Array.from({ length: threads }, () => piscina.run({ module, warm: true }))).then(
    () => (ready = true),
    () => undefined, // a thread that cannot start fails its real tasks too, with the reason
  );
  return {
    threads,
    get ready() {
      return ready;
    },
    run: (input) => piscina.run({ module, input }) as Promise<O>,
    close: () => piscina.destroy(),
  };
}
