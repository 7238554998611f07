import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { draft } from '../store/contract.ts';
import { openPostgresStore } from '../store/postgres/index.ts';
import { assignStories } from '../pipeline/stories.ts';
import { ANALYZER_VERSION } from '../analyze/index.ts';
import { drainQueue, enqueueIngest } from './index.ts';

const url = process.env.PARALLAX_TEST_DATABASE_URL;
if (!url) console.warn('Worker tests skipped: set PARALLAX_TEST_DATABASE_URL (scripts/pg-throwaway.sh start prints one).');
const examples = path.resolve(import.meta.dirname, '../../examples');

const created: string[] = [];
async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `parallax_worker_${process.pid}_${created.length}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  const target = new URL(url!);
  target.pathname = `/${name}`;
  return target.toString();
}

async function storyShape(database: string): Promise<string[]> {
  const store = await openPostgresStore(database);
  try {
    const stories = await store.listStories();
    const articles = new Map((await store.listArticles({ limit: 1000 })).map((a) => [a.id, a.outlet ?? a.input]));
    return stories.map((s) => s.articleIds.map((id) => articles.get(id)).sort().join(' + ')).sort();
  } finally {
    await store.close();
  }
}

describe.skipIf(!url)('workers on PostgreSQL', () => {
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('gives the same stories with one worker or four', async () => {
    const inputs = ['eastport-flood/harbour-gazette.txt', 'eastport-flood/coast-daily.html', 'eastport-flood/northern-wire.rss', 'eastport-flood/valley-times.md', 'eastport-flood/records.jsonl', 'ferry-strike/records.jsonl'].map((f) => path.join(examples, f));
    const one = await freshDatabase();
    await enqueueIngest(one, inputs);
    await drainQueue({ database: one, concurrency: 1, quiet: true });
    const four = await freshDatabase();
    await enqueueIngest(four, inputs);
    await Promise.all([1, 2, 3, 4].map(() => drainQueue({ database: four, concurrency: 1, quiet: true })));
    const shapeOne = await storyShape(one);
    expect(shapeOne).toHaveLength(2);
    expect(await storyShape(four)).toEqual(shapeOne);
  }, 120_000);

  it('places related articles into one story when two workers assign them at the same moment', async () => {
    const database = await freshDatabase();
    const a = await openPostgresStore(database);
    const b = await openPostgresStore(database);
    try {
      const text = (n: number) =>
        `Crews on the Eastport to Skerry ferry route walked out on Monday over new duty rosters, cancelling all twelve daily crossings, the seafarers union said in statement ${n}.`;
      const x = await a.putArticle(draft({ text: text(1), title: 'Ferry crews strike', outlet: 'A', published: '2025-03-18T07:00:00Z' }));
      const y = await b.putArticle(draft({ text: text(2), title: 'Ferry strike halts crossings', outlet: 'B', published: '2025-03-18T08:00:00Z' }));
      await Promise.all([assignStories(a, [x.article.id]), assignStories(b, [y.article.id])]);
      const stories = await a.listStories();
      expect(stories).toHaveLength(1);
      expect(stories[0]!.articleIds.sort()).toEqual([x.article.id, y.article.id].sort());
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it('a worker that starts places and analyses what a killed one stored but never queued', async () => {
    const database = await freshDatabase();
    const store = await openPostgresStore(database);
    try {
      // What an ingest job leaves when its worker dies between the commit and queueing `assign`.
      const outcomes = await store.putArticles([draft({ text: 'Ferry crews walked out on Monday.' }), draft({ text: 'A crane fell into the harbour.' })]);
      expect(outcomes.map((o) => o.status)).toEqual(['new', 'new']);
      expect(await store.counts(ANALYZER_VERSION)).toMatchObject({ pendingPlacement: 2, pendingAnalysis: 2 });
      await drainQueue({ database, concurrency: 1, quiet: true });
      expect(await store.counts(ANALYZER_VERSION)).toMatchObject({ articles: 2, pendingPlacement: 0, pendingAnalysis: 0 });
      for (const o of outcomes) expect(await store.storyOfArticle(o.status === 'error' ? '' : o.article.id)).not.toBeNull();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('runs an ingest job again without storing anything twice, and a bad input does not stop the queue', async () => {
    const database = await freshDatabase();
    const input = path.join(examples, 'ferry-strike/records.jsonl');
    await enqueueIngest(database, [input, path.join(examples, 'does-not-exist.txt')]);
    await drainQueue({ database, concurrency: 2, quiet: true });
    // Ingesting the same input again is a no-op: content already stored is "unchanged".
    await enqueueIngest(database, [input]);
    await drainQueue({ database, concurrency: 2, quiet: true });
    const store = await openPostgresStore(database);
    try {
      expect(await store.countArticles()).toBe(2);
      expect(await store.countStories()).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});
