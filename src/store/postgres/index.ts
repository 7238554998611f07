import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type Migration } from 'kysely';
import { ParallaxError, errorMessage } from '../../core/errors.ts';
import type { Database as Schema } from '../kysely/schema.ts';
import { pendingPlacementMigration, storyDigestsMigration } from '../kysely/migrations.ts';
import { KyselyStore, type DialectAdapter } from '../kysely/store.ts';

export type { KyselyStore };

/** Same tables as the SQLite backend (src/store/sqlite), in PostgreSQL types. Never edit a shipped migration. */
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
      await sql`CREATE INDEX revisions_fts ON revisions USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text))`.execute(db);
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
      await sql`CREATE TABLE reuse (story_id TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT NOT NULL, share DOUBLE PRECISION NOT NULL, copy INTEGER NOT NULL)`.execute(db);
      await sql`CREATE INDEX reuse_story ON reuse(story_id)`.execute(db);
      await sql`CREATE TABLE corrections (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, body TEXT NOT NULL)`.execute(db);
    },
  },
  '0003-pending-placement': pendingPlacementMigration,
  '0004-story-digests': storyDigestsMigration,
};

/** Any fixed number: the key of the store-wide advisory lock that serialises story placement. */
const STORE_LOCK = 7_061_977;

const postgresAdapter: DialectAdapter = {
  kind: 'postgres',
  async indexText() {
    // The GIN expression index on revisions keeps itself current.
  },
  textMatch(query) {
    return sql<boolean>`to_tsvector('simple', coalesce(r.title, '') || ' ' || r.text) @@ plainto_tsquery('simple', ${query})`;
  },
  transaction(db, work) {
    return db.transaction().execute(async (trx) => {
      // Workers on many machines place related articles at the same moment; one lock per
      // transaction makes their story assignments happen one after the other.
      await sql`SELECT pg_advisory_xact_lock(${STORE_LOCK})`.execute(trx);
      return work(trx);
    });
  },
};

/** Open a PostgreSQL store from a postgres:// URL and bring its schema up to date. */
export async function openPostgresStore(url: string, options: { poolSize?: number } = {}): Promise<KyselyStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    // Two processes starting at once must not both run the migrations.
    await db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${STORE_LOCK + 1})`.execute(conn);
      try {
        const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => migrations } });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
      } finally {
        await sql`SELECT pg_advisory_unlock(${STORE_LOCK + 1})`.execute(conn);
      }
    });
  } catch (error) {
    await db.destroy();
    throw new ParallaxError(
      'store',
      `store: cannot open PostgreSQL database ${safeUrl}: ${errorMessage(error)}; check the server is running and the URL (user, host, port, database) is right`,
      { cause: error },
    );
  }
  return new KyselyStore(db, postgresAdapter, safeUrl, () => db.destroy());
}
