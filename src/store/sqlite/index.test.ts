import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract, draft } from '../contract.ts';
import type { Database as Schema } from '../kysely/schema.ts';
import { contentHash } from '../kysely/store.ts';
import { openSqliteStore, sqliteMigrations } from './index.ts';

runStoreContract('sqlite :memory:', () => openSqliteStore(':memory:'));

const dir = mkdtempSync(path.join(tmpdir(), 'parallax-store-'));
let n = 0;
runStoreContract('sqlite file', () => openSqliteStore(path.join(dir, `store-${n++}.db`)));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqlite file store', () => {
  it('keeps what was stored across reopen (WAL, migrations applied once)', async () => {
    const file = path.join(dir, 'reopen.db');
    const first = await openSqliteStore(file);
    const put = await first.putArticle(draft());
    await first.close();
    const second = await openSqliteStore(file);
    expect((await second.getArticle(put.article.id))?.title).toBe(draft().title);
    await second.close();
  });

  it('upgrades a store whose full-text index kept its own copy of every text (before migration 0005)', async () => {
    const file = path.join(dir, 'upgrade.db');
    const url = 'https://gazette.example/crane';
    // The store as version 0004 left it, with one article written the way that version wrote it.
    const connection = new Database(file);
    const old = new Kysely<Schema>({ dialect: new SqliteDialect({ database: connection }) });
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => sqliteMigrations } }).migrateTo('0004-fts-rows');
    expect(error).toBeUndefined();
    const now = '2026-03-01T09:00:00.000Z';
    await sql`INSERT INTO articles (id, latest_revision, created_at) VALUES ('aaaaaaaaaaaa', 1, ${now})`.execute(old);
    await sql`INSERT INTO revisions (article_id, revision, content_hash, input, format, url, title, text, removed, word_count, ingested_at, sort_date)
      VALUES ('aaaaaaaaaaaa', 1, 'aaaaaaaaaaaa0000', 'crane.txt', 'text', ${url}, 'Crane falls', 'The crane toppled in gales.', '[]', 5, ${now}, ${now})`.execute(old);
    const { insertId } = await sql`INSERT INTO articles_fts (article_id, title, text) VALUES ('aaaaaaaaaaaa', 'Crane falls', 'The crane toppled in gales.')`.execute(old);
    await sql`INSERT INTO articles_fts_rows (article_id, fts_rowid) VALUES ('aaaaaaaaaaaa', ${insertId})`.execute(old);
    await old.destroy();

    const upgraded = await openSqliteStore(file);
    expect(await upgraded.countArticles({ text: 'gales' })).toBe(1);
    expect((await upgraded.putArticle(draft({ url, text: 'The crane toppled in a squall.' }))).status).toBe('revised');
    expect(await upgraded.countArticles({ text: 'gales' })).toBe(0);
    expect(await upgraded.countArticles({ text: 'squall' })).toBe(1);
    expect((await upgraded.putArticle(draft({ url: 'https://gazette.example/ferry', text: 'The ferry sailed late in a squall.' }))).status).toBe('new');
    expect(await upgraded.countArticles({ text: 'squall' })).toBe(2);
    await upgraded.close();
  });

  it('gives an article a longer id when the short prefix of its content hash is taken', async () => {
    const store = await openSqliteStore(':memory:');
    const hash = contentHash(draft());
    await sql`INSERT INTO articles (id, latest_revision, created_at) VALUES (${hash.slice(0, 12)}, 1, '2026-01-01T00:00:00.000Z')`.execute(store.db);
    const put = await store.putArticle(draft());
    expect(put.status).toBe('new');
    expect(put.article.id).toBe(hash.slice(0, 16));
    expect((await store.getArticle(hash.slice(0, 16)))?.title).toBe(draft().title);
    await store.close();
  });

  it('marks articles that no story holds "to place" when upgrading a store from before the mark (migration 0006)', async () => {
    const file = path.join(dir, 'stranded.db');
    const connection = new Database(file);
    const old = new Kysely<Schema>({ dialect: new SqliteDialect({ database: connection }) });
    const { error } = await new Migrator({ db: old, provider: { getMigrations: async () => sqliteMigrations } }).migrateTo('0005-contentless-fts');
    expect(error).toBeUndefined();
    const now = '2026-03-01T09:00:00.000Z';
    for (const id of ['aaaaaaaaaaaa', 'bbbbbbbbbbbb']) {
      await sql`INSERT INTO articles (id, latest_revision, created_at) VALUES (${id}, 1, ${now})`.execute(old);
      await sql`INSERT INTO revisions (article_id, revision, content_hash, input, format, text, removed, word_count, ingested_at, sort_date)
        VALUES (${id}, 1, ${id}, 'x.txt', 'text', 'Some text.', '[]', 2, ${now}, ${now})`.execute(old);
    }
    // One placed, one stranded by a run killed before its placement.
    await sql`INSERT INTO stories (id, title, updated_at) VALUES ('s1', 'S', ${now})`.execute(old);
    await sql`INSERT INTO story_articles (article_id, story_id) VALUES ('aaaaaaaaaaaa', 's1')`.execute(old);
    await old.destroy();

    const upgraded = await openSqliteStore(file);
    expect(await upgraded.pendingPlacement()).toEqual(['bbbbbbbbbbbb']);
    await upgraded.close();
  });

  it('a writer waits for another connection\'s write transaction instead of failing with "database is locked"', async () => {
    const file = path.join(dir, 'two-writers.db');
    const first = await openSqliteStore(file);
    const second = await openSqliteStore(file);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const holding = new Promise<void>((resolve) => (started = resolve));
      const slow = first.transaction(async (tx) => {
        await tx.putArticle(draft({ text: 'Written first, committed late.' }));
        started();
        await held;
      });
      await holding;
      // This write reads before it writes; with a deferred BEGIN the first commit made its snapshot stale.
      const waiting = second.putArticle(draft({ text: 'Written second.' }));
      setTimeout(release, 400);
      await slow;
      expect((await waiting).status).toBe('new');
      expect(await second.countArticles()).toBe(2);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('two stores opening one new file at once both end up migrated', async () => {
    const file = path.join(dir, 'opened-twice.db');
    const stores = await Promise.all([openSqliteStore(file), openSqliteStore(file)]);
    await stores[0].putArticle(draft());
    expect(await stores[1].countArticles()).toBe(1);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('explains a path it cannot open', async () => {
    await expect(openSqliteStore('/nonexistent-dir/x/y.db')).rejects.toThrow(/cannot open SQLite database.*--db :memory:/);
  });
});
