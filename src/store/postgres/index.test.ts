import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { runStoreContract } from '../contract.ts';
import { openPostgresStore } from './index.ts';

const url = process.env.PARALLAX_TEST_DATABASE_URL;
if (!url) {
  console.warn('PostgreSQL store tests skipped: set PARALLAX_TEST_DATABASE_URL (scripts/pg-throwaway.sh start prints one).');
}

/** Each store opened by the suite gets a fresh database, so tests never see each other's rows. */
const created: string[] = [];
async function freshStore() {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `parallax_contract_${process.pid}_${created.length}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const target = new URL(url!);
  target.pathname = `/${name}`;
  return openPostgresStore(target.toString(), { poolSize: 4 });
}

describe.skipIf(!url)('postgres backend', () => {
  runStoreContract('postgres', freshStore);
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
});
