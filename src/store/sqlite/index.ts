import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Migration, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';
import { ParallaxError, errorMessage } from '../../core/errors.ts';
import type { Database as Schema } from '../kysely/schema.ts';
import { pendingPlacementMigration, storyDigestsMigration } from '../kysely/migrations.ts';
import { KyselyStore, type DialectAdapter } from '../kysely/store.ts';

/** Versioned migrations, applied in name order; never edit one that has shipped — add the next. */
const migrations: Record<string, Migration> = {
  '0001-articles': {
    async up(db) {
      await sql`CREATE TABLE articles (id TEXT PRIMARY KEY, latest_revision INTEGER NOT NULL, created_at TEXT NOT NULL)`.execute(db);
      await sql`CREATE TABLE revisions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        input TEXT NOT NULL, format TEXT NOT NULL, external_id TEXT, url TEXT, canonical_url TEXT,
        outlet TEXT, title TEXT, byline TEXT, published TEXT, language TEXT, wire TEXT,
        text TEXT NOT NULL, removed TEXT NOT NULL, word_count INTEGER NOT NULL,
        ingested_at TEXT NOT NULL, sort_date TEXT NOT NULL,
        PRIMARY KEY (article_id, revision))`.execute(db);
      await sql`CREATE INDEX revisions_url ON revisions(url)`.execute(db);
      await sql`CREATE INDEX revisions_canonical ON revisions(canonical_url)`.execute(db);
      await sql`CREATE INDEX revisions_external ON revisions(external_id)`.execute(db);
      await sql`CREATE INDEX revisions_outlet ON revisions(outlet)`.execute(db);
      await sql`CREATE INDEX revisions_sort ON revisions(sort_date)`.execute(db);
      await sql`CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      await sql`CREATE TABLE analyses (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL, analyzer_version TEXT NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (article_id, content_hash, analyzer_version))`.execute(db);
      await sql`CREATE TABLE outlets (name TEXT PRIMARY KEY, domains TEXT NOT NULL, groups TEXT NOT NULL)`.execute(db);
    },
  },
  '0002-stories': {
    async up(db) {
      await sql`CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, updated_at TEXT NOT NULL)`.execute(db);
      await sql`CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE)`.execute(db);
      await sql`CREATE INDEX story_articles_story ON story_articles(story_id)`.execute(db);
      await sql`CREATE TABLE reuse (story_id TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT NOT NULL, share REAL NOT NULL, copy INTEGER NOT NULL)`.execute(db);
      await sql`CREATE INDEX reuse_story ON reuse(story_id)`.execute(db);
      await sql`CREATE TABLE corrections (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, body TEXT NOT NULL)`.execute(db);
    },
  },
  '0003-revision-dates': {
    async up(db) {
      // A revision's row stores its text before its date and outlet, so reading those for a story
      // list walked every article's text pages (85 ms for 50 of 7,000 stories); this index covers them.
      await sql`CREATE INDEX revisions_story_dates ON revisions(article_id, revision, sort_date, outlet)`.execute(db);
    },
  },
  '0004-fts-rows': {
    async up(db) {
      // FTS5 cannot index article_id, so replacing a revised article's text scanned the whole
      // index (26 ms per revision at 5,000 articles, growing with the store); this finds its row.
      await sql`CREATE TABLE articles_fts_rows (article_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL) WITHOUT ROWID`.execute(db);
      await sql`INSERT OR REPLACE INTO articles_fts_rows (article_id, fts_rowid) SELECT article_id, rowid FROM articles_fts`.execute(db);
    },
  },
  '0005-contentless-fts': {
    async up(db) {
      // The index kept a second copy of every text (the revisions table holds it already) and
      // word positions that only phrase searches need; searches here are words, never phrases.
      // Without both, indexing an article costs about half as much (it was 60 % of storing one)
      // and the index is an eighth of its size. Rows are found through articles_fts_rows.
      await sql`DROP TABLE articles_fts`.execute(db);
      await sql`CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content = '', contentless_delete = 1, detail = none, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      await sql`DELETE FROM articles_fts_rows`.execute(db);
      await sql`INSERT INTO articles_fts (rowid, title, text)
        SELECT a.rowid, coalesce(r.title, ''), r.text FROM articles a
        JOIN revisions r ON r.article_id = a.id AND r.revision = a.latest_revision ORDER BY a.rowid`.execute(db);
      await sql`INSERT INTO articles_fts_rows (article_id, fts_rowid) SELECT id, rowid FROM articles`.execute(db);
      await sql`CREATE UNIQUE INDEX articles_fts_rows_rowid ON articles_fts_rows(fts_rowid)`.execute(db);
    },
  },
  '0006-pending-placement': pendingPlacementMigration,
  '0007-story-digests': storyDigestsMigration,
};

/** The migrations in order, for tests that build a store as an older version left it. */
export const sqliteMigrations: Readonly<Record<string, Migration>> = migrations;

/** FTS5 query from free text: every word must appear (quoted, so user punctuation is never syntax). */
function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"`).join(' ') || '""';
}

const sqliteAdapter: DialectAdapter = {
  kind: 'sqlite',
  indexText(db, articleId, title, text, replaces) {
    return sqliteAdapter.indexTexts!(db, [{ articleId, title, text, replaces }]);
  },
  async indexTexts(db, entries) {
    const old: number[] = [];
    for (const e of entries) {
      if (!e.replaces) continue;
      const { rows } = await sql<{ fts_rowid: number }>`SELECT fts_rowid FROM articles_fts_rows WHERE article_id = ${e.articleId}`.execute(db);
      if (rows[0]) old.push(rows[0].fts_rowid);
    }
    // FTS5 writes its pending index out whenever a row older than the last one it wrote changes,
    // so replaced rows go first and oldest first; then the new rows follow in rowid order.
    old.sort((a, b) => a - b);
    for (const rowid of old) await sql`DELETE FROM articles_fts WHERE rowid = ${rowid}`.execute(db);
    for (const e of entries) {
      const { insertId } = await sql`INSERT INTO articles_fts (title, text) VALUES (${e.title ?? ''}, ${e.text})`.execute(db);
      await sql`INSERT OR REPLACE INTO articles_fts_rows (article_id, fts_rowid) VALUES (${e.articleId}, ${insertId})`.execute(db);
    }
  },
  textMatch(query) {
    return sql<boolean>`a.id IN (SELECT m.article_id FROM articles_fts f JOIN articles_fts_rows m ON m.fts_rowid = f.rowid WHERE articles_fts MATCH ${ftsQuery(query)})`;
  },
  transaction(db, work) {
    // One connection per process serialises this process's writers; other processes' writers are
    // waited for by BEGIN IMMEDIATE (see ImmediateSqliteDriver).
    return db.transaction().execute(work);
  },
};

/** Distinct SQL texts kept prepared; lists of ids ("IN (?, ?, …)") of every length make new texts, so the cache is bounded. */
const STATEMENT_CACHE = 500;

/**
 * The connection as Kysely's driver sees it, with prepared statements kept by SQL text. The
 * driver prepares every query afresh, which for ingest cost more than running the statement.
 */
function reusingStatements(connection: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => connection.close(),
    prepare(text) {
      const kept = statements.get(text);
      // A statement still being iterated (a streamed query) cannot run again until it finishes.
      if (kept && !kept.busy) return kept;
      const statement = connection.prepare(text);
      if (!kept) {
        if (statements.size >= STATEMENT_CACHE) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * How long one attempt waits inside SQLite for another process's write lock. Short, because
 * better-sqlite3 waits synchronously: the event loop (a server's requests) stands still meanwhile.
 */
const BUSY_TIMEOUT_MS = 100;
/** How long a writer keeps trying, yielding the event loop between attempts, before it gives up. */
const LOCK_WAIT_MS = 120_000;

const isBusy = (error: unknown) => /^SQLITE_BUSY/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * `attempt` until SQLite stops answering "busy" (another process holds the write lock), pausing
 * a little longer each time, up to LOCK_WAIT_MS; any other error is thrown at once.
 */
async function whenUnlocked<T>(file: string, doing: string, attempt: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() >= deadline) {
        throw new ParallaxError(
          'store',
          `store: "${file}" stayed locked by another process for ${LOCK_WAIT_MS / 1000} s while ${doing}; let the other writer (ingest, serve, repair) finish, or check no process hangs holding it`,
          { cause: error },
        );
      }
      // Jittered, so two waiting processes do not keep colliding.
      await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }
}

/**
 * Kysely's SQLite driver with write transactions that start with BEGIN IMMEDIATE. Its own BEGIN is
 * deferred: the transaction reads first and asks for the write lock at its first write, and in WAL
 * mode a reader whose snapshot another process has since written past cannot get it at all, busy
 * timeout or not ("database is locked", at once). Taking the lock at BEGIN makes the wait happen
 * where it can be retried, before anything was read.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #file: string;

  constructor(config: SqliteDialectConfig, file: string) {
    super(config);
    this.#file = file;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await whenUnlocked(this.#file, 'starting a write', () => connection.executeQuery(CompiledQuery.raw('begin immediate')));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #file: string;

  constructor(config: SqliteDialectConfig, file: string) {
    super(config);
    this.#config = config;
    this.#file = file;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config, this.#file);
  }
}

/**
 * Bring the schema up to date holding the write lock, so two processes opening a new file do not
 * both create its tables; the second finds the work done. Kysely's own migration lock is a no-op
 * on SQLite (it guards one connection, not one file).
 */
async function migrate(connection: Database.Database, db: Kysely<Schema>, file: string): Promise<void> {
  const done = (() => {
    try {
      return new Set((connection.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((r) => r.name));
    } catch {
      return new Set<string>(); // a new file: no migration table yet
    }
  })();
  // Opening an up-to-date store (the usual case) takes no lock, so readers never wait on writers.
  if (Object.keys(migrations).every((name) => done.has(name))) return;
  await whenUnlocked(file, 'updating its schema', () => connection.exec('BEGIN EXCLUSIVE'));
  try {
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations }, disableTransactions: true }).migrateToLatest();
    if (error) throw error;
    connection.exec('COMMIT');
  } catch (error) {
    if (connection.inTransaction) connection.exec('ROLLBACK');
    throw error;
  }
}

/** A statistics refresh that another process's lock may refuse; the next open or close tries again. */
function optimize(connection: Database.Database, pragma: string): void {
  try {
    connection.pragma(pragma);
  } catch (error) {
    if (!isBusy(error)) throw error;
  }
}

/** Open (creating when needed) a SQLite store: a file path or ":memory:". */
export async function openSqliteStore(path: string): Promise<KyselyStore> {
  let connection: Database.Database;
  try {
    connection = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new ParallaxError(
      'store',
      `store: cannot open SQLite database "${path}": ${errorMessage(error)}; check the path exists and is writable, or pass --db :memory:`,
      { cause: error },
    );
  }
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(connection) }, path) });
  try {
    // Switching a new file to WAL takes the lock another process creating it may hold.
    if (path !== ':memory:') await whenUnlocked(path, 'opening it', () => connection.pragma('journal_mode = WAL'));
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    await migrate(connection, db, path);
  } catch (error) {
    await db.destroy();
    throw new ParallaxError('store', `store: migrating "${path}" failed: ${errorMessage(error)}`, { cause: error });
  }
  // Table statistics let the planner prefer covering indexes; SQLite recommends this on open.
  connection.pragma('analysis_limit = 400');
  optimize(connection, 'optimize = 0x10002');
  return new KyselyStore(db, sqliteAdapter, `sqlite:${path}`, () => {
    optimize(connection, 'optimize');
    return db.destroy();
  });
}
