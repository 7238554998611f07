import { sql, type Migration } from 'kysely';

/**
 * Migrations whose SQL is the same in SQLite and PostgreSQL, written once and listed in each
 * backend's own migration table (under that backend's next number).
 */

/**
 * The durable "to place" mark (see Store.pendingPlacement). Articles that no story holds were
 * stranded by an interrupted run before this mark existed: they get it now, so the next ingest or
 * "parallax repair" places them.
 */
export const pendingPlacementMigration: Migration = {
  async up(db) {
    await sql`CREATE TABLE pending_placement (
      article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      marked_at TEXT NOT NULL)`.execute(db);
    await sql`INSERT INTO pending_placement (article_id, marked_at)
      SELECT a.id, a.created_at FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)`.execute(db);
  },
};

/** Story digests (see Store.putStoryDigest): what each story's last comparison found. */
export const storyDigestsMigration: Migration = {
  async up(db) {
    await sql`CREATE TABLE story_digests (
      story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
      story_updated_at TEXT NOT NULL, analyzer_version TEXT NOT NULL,
      shared_facts INTEGER NOT NULL, omissions INTEGER NOT NULL, conflicts INTEGER NOT NULL,
      created_at TEXT NOT NULL)`.execute(db);
  },
};
