import { ParallaxError } from '../core/errors.ts';
import type { Store } from '../core/store.ts';

export type { Store } from '../core/store.ts';

export const DEFAULT_DB = './parallax.db';

/**
 * Open the store named by `spec`: a SQLite file path (default ./parallax.db), ":memory:" for a
 * throwaway run, or a postgres:// URL.
 */
export async function openStore(spec: string = DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    const { openPostgresStore } = await import('./postgres/index.ts').catch((error: unknown) => {
      throw new ParallaxError('config', `store: the PostgreSQL backend could not be loaded (${String(error)})`, { cause: error });
    });
    return openPostgresStore(spec);
  }
  const { openSqliteStore } = await import('./sqlite/index.ts');
  return openSqliteStore(spec);
}
