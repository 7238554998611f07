import { openStore } from '../store/index.ts';
import type { Store } from '../core/store.ts';

/**
 * The server's worker threads (ingest jobs, story comparisons) each open their own connection to
 * the store the server was started on.
 */

/** Whether a connection of its own on another thread can see this store (":memory:" lives in one connection only). */
export function sharedBetweenThreads(spec: string | null | undefined): spec is string {
  return !!spec && spec !== ':memory:';
}

// One connection per store for the thread's life: opening runs the migration check each time.
const stores = new Map<string, Promise<Store>>();

export function threadStore(spec: string): Promise<Store> {
  let store = stores.get(spec);
  if (!store) {
    store = openStore(spec);
    stores.set(spec, store);
    store.catch(() => stores.delete(spec));
  }
  return store;
}
