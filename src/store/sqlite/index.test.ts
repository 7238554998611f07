import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runStoreContract, draft } from '../contract.ts';
import { openSqliteStore } from './index.ts';

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

  it('finds the index rows of articles stored before the revision index map existed', async () => {
    const file = path.join(dir, 'upgrade.db');
    const url = 'https://gazette.example/crane';
    const old = await openSqliteStore(file);
    await old.putArticle(draft({ url, text: 'The crane toppled in gales.' }));
    // Back to the schema before migration 0004, as a store written by an older version.
    await sql`DROP TABLE articles_fts_rows`.execute(old.db);
    await sql`DELETE FROM kysely_migration WHERE name = '0004-fts-rows'`.execute(old.db);
    await old.close();
    const upgraded = await openSqliteStore(file);
    expect((await upgraded.putArticle(draft({ url, text: 'The crane toppled in a squall.' }))).status).toBe('revised');
    expect(await upgraded.countArticles({ text: 'gales' })).toBe(0);
    expect(await upgraded.countArticles({ text: 'squall' })).toBe(1);
    await upgraded.close();
  });

  it('explains a path it cannot open', async () => {
    await expect(openSqliteStore('/nonexistent-dir/x/y.db')).rejects.toThrow(/cannot open SQLite database.*--db :memory:/);
  });
});
