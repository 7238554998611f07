import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  it('explains a path it cannot open', async () => {
    await expect(openSqliteStore('/nonexistent-dir/x/y.db')).rejects.toThrow(/cannot open SQLite database.*--db :memory:/);
  });
});
