import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql, type Migration, type SqliteDatabase } from 'kysely';
import { ParallaxError, errorMessage } from '../../core/errors.ts';
import type { Database as Schema } from '../kysely/schema.ts';
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
    // One SQLite connection per process already serialises writers; BEGIN IMMEDIATE (Kysely's
    // default BEGIN is deferred) is unnecessary because the driver holds the connection for the whole transaction.
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

/** Open (creating when needed) a SQLite store: a file path or ":memory:". */
export async function openSqliteStore(path: string): Promise<KyselyStore> {
  let connection: Database.Database;
  try {
    connection = new Database(path);
  } catch (error) {
    throw new ParallaxError(
      'store',
      `store: cannot open SQLite database "${path}": ${errorMessage(error)}; check the path exists and is writable, or pass --db :memory:`,
      { cause: error },
    );
  }
  if (path !== ':memory:') connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: reusingStatements(connection) }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw new ParallaxError('store', `store: migrating "${path}" failed: ${errorMessage(error)}`, { cause: error });
  }
  // Table statistics let the planner prefer covering indexes; SQLite recommends this on open.
  connection.pragma('analysis_limit = 400');
  connection.pragma('optimize = 0x10002');
  return new KyselyStore(db, sqliteAdapter, `sqlite:${path}`, () => {
    connection.pragma('optimize');
    return db.destroy();
  });
}
