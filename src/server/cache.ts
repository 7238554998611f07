/**
 * Finished answers of the read routes, kept so that a burst of readers costs one computation.
 *
 * 1. An answer checked within `freshMs` is served as it is.
 * 2. An older one, up to `staleMs`, is served while one check runs in the background; the check
 *    (`compute`, given the previous answer) may return the previous answer when the store says
 *    nothing changed, or build a new one.
 * 3. With no answer, or one older than `staleMs`, the request waits for the check; requests that
 *    arrive meanwhile wait for the same one (one computation however many ask).
 * A failed check drops the answer, so the next request sees the error (a story merged away by
 * another process is a 404, not its last page). Writes made through this server call `clear()`;
 * writes by other processes show once `freshMs` has passed.
 * Answers are kept up to `maxBytes` in all, least recently used dropped first.
 */
export interface CachedAnswer {
  /** What the answer was built from (e.g. story update time and content hashes). */
  version: string;
  /** The serialised answer. */
  body: Uint8Array<ArrayBuffer>;
  /** The same compressed once for every client that accepts it (a story page is megabytes of JSON): brotli is half gzip's size. */
  gzip?: Uint8Array<ArrayBuffer>;
  brotli?: Uint8Array<ArrayBuffer>;
}

export interface AnswerCacheOptions {
  freshMs?: number;
  staleMs?: number;
  maxBytes?: number;
}

export const ANSWER_CACHE_DEFAULTS: Required<AnswerCacheOptions> = { freshMs: 1000, staleMs: 10_000, maxBytes: 128 * 1024 * 1024 };

interface Entry {
  answer: CachedAnswer | null;
  checkedAt: number;
  pending: Promise<CachedAnswer> | null;
}

export interface AnswerCache {
  get(key: string, compute: (previous: CachedAnswer | null) => Promise<CachedAnswer>): Promise<CachedAnswer>;
  clear(): void;
  /** Bytes held (tests, benchmarks). */
  readonly size: number;
}

export function createAnswerCache(given: AnswerCacheOptions = {}): AnswerCache {
  const options = { ...ANSWER_CACHE_DEFAULTS, ...given };
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  let entries = new Map<string, Entry>();
  let bytes = 0;

  const answerBytes = (a: CachedAnswer | null) => (a ? a.body.byteLength + (a.gzip?.byteLength ?? 0) + (a.brotli?.byteLength ?? 0) + a.version.length : 0);
  const trim = () => {
    for (const [key, e] of entries) {
      if (bytes <= options.maxBytes) break;
      if (e.pending) continue;
      entries.delete(key);
      bytes -= answerBytes(e.answer);
    }
  };

  const check = (key: string, entry: Entry, compute: (previous: CachedAnswer | null) => Promise<CachedAnswer>): Promise<CachedAnswer> => {
    const generation = entries;
    entry.pending = compute(entry.answer).then(
      (answer) => {
        entry.pending = null;
        // Cleared meanwhile: the answer may predate the write that cleared it.
        if (generation !== entries || entries.get(key) !== entry) return answer;
        bytes += answerBytes(answer) - answerBytes(entry.answer);
        entry.answer = answer;
        entry.checkedAt = Date.now();
        trim();
        return answer;
      },
      (error: unknown) => {
        entry.pending = null;
        if (entries.get(key) === entry) {
          entries.delete(key);
          bytes -= answerBytes(entry.answer);
        }
        throw error;
      },
    );
    return entry.pending;
  };

  return {
    async get(key, compute) {
      let entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      } else {
        entry = { answer: null, checkedAt: 0, pending: null };
        entries.set(key, entry);
      }
      const age = Date.now() - entry.checkedAt;
      if (entry.answer && age < options.freshMs) return entry.answer;
      if (entry.answer && age < options.staleMs) {
        // The background check's failure reaches the next request, which finds no answer.
        if (!entry.pending) check(key, entry, compute).catch(() => {});
        return entry.answer;
      }
      return entry.pending ?? check(key, entry, compute);
    },
    clear() {
      entries = new Map();
      bytes = 0;
    },
    get size() {
      return bytes;
    },
  };
}
