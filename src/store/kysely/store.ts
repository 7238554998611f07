import { createHash } from 'node:crypto';
import { sql, type Compilable, type CompiledQuery, type Kysely, type RawBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import { charTables } from '../../core/chars.ts';
import { ParallaxError, errorMessage } from '../../core/errors.ts';
import type { Article, ArticleDraft, Outlet, PutResult, Story, StoryCorrection } from '../../core/types.ts';
import { BLINDSPOT, type ArticleQuery, type OutletCount, type PutOutcome, type ReuseLink, type Store, type StoreCounts, type StoredAnalysis, type StoryDigest, type StoryQuery } from '../../core/store.ts';
import type { Database, RevisionsTable } from './schema.ts';

/** What differs between SQL dialects; everything else is one set of Kysely queries. */
export interface DialectAdapter {
  readonly kind: 'sqlite' | 'postgres';
  /** Keep the full-text index in step with an article's latest revision (no-op where an index expression does it). */
  /** `replaces`: the article already has indexed text (a revision), which must go first. */
  indexText(db: Kysely<Database>, articleId: string, title: string | null, text: string, replaces: boolean): Promise<void>;
  /** The same for a batch, one entry per article, where the order of the index's writes matters; else `indexText` each. */
  indexTexts?(db: Kysely<Database>, entries: IndexEntry[]): Promise<void>;
  /** Condition on the joined latest revision `r` that it matches a free-text query. */
  textMatch(query: string): RawBuilder<boolean>;
  /** Run `work` in a transaction holding the store-wide write lock. */
  transaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/** An article's latest text for the full-text index. */
export interface IndexEntry {
  articleId: string;
  title: string | null;
  text: string;
  /** The article may already have indexed text, which must go first. */
  replaces: boolean;
}

const ID_LENGTH = 12;

/** Normalised title + text: whitespace and Unicode form must not make two copies look different. */
export function contentHash(draft: Pick<ArticleDraft, 'title' | 'text'>): string {
  // Only runs of two or more and whitespace other than a space need replacing: the same result
  // as replacing every run, at half the cost on long texts.
  const norm = (s: string | null) => (s ?? '').normalize('NFC').replace(/\s{2,}|[^\S ]/g, ' ').trim();
  return createHash('sha256').update(`${norm(draft.title)}\n${norm(draft.text)}`).digest('hex');
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/**
 * Words as `/[\p{L}\p{N}][\p{L}\p{N}'’.-]*\/gu` finds them (a letter or digit, then letters, digits,
 * apostrophes, dots and hyphens), counted in one pass without building the list of matches,
 * which cost more than the rest of storing a new article's row.
 */
export function countWords(text: string): number {
  const { alnum } = charTables();
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let wordChar = alnum[c] === 1;
    // Outside the basic plane (the table marks surrogate halves 0), ask about the whole character.
    if (!wordChar && c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        wordChar = LETTER_OR_NUMBER.test(text.slice(i, i + 2));
        i++;
      }
    }
    if (wordChar) {
      if (!inWord) count++;
      inWord = true;
    } else if (!inWord || (c !== 0x27 && c !== 0x2019 && c !== 0x2e && c !== 0x2d)) {
      inWord = false;
    }
  }
  return count;
}

type Joined = Database & { a: Database['articles']; r: Database['revisions'] };

function toArticle(row: RevisionsTable & { id?: string }): Article {
  return {
    id: row.article_id,
    input: row.input,
    format: row.format as Article['format'],
    externalId: row.external_id,
    url: row.url,
    canonicalUrl: row.canonical_url,
    outlet: row.outlet,
    title: row.title,
    byline: row.byline,
    published: row.published,
    language: row.language,
    wire: row.wire,
    text: row.text,
    removed: JSON.parse(row.removed) as Article['removed'],
    contentHash: row.content_hash,
    revision: Number(row.revision),
    ingestedAt: row.ingested_at,
    wordCount: Number(row.word_count),
  };
}

/** The input file a record came from: "dump.jsonl:12" → "dump.jsonl". */
function inputSource(input: string): string {
  return input.replace(/:\d+$/, '');
}

/** A value's place in a query compiled once (see `Reusable`); typed `never` so it fits any column. */
const slot = (name: string): never => `\0${name}` as never;

/**
 * A Kysely query compiled once with named slots for its values, then run with new values each
 * time: building and compiling the query per article cost about as much as SQLite running it.
 */
class Reusable<R> {
  readonly #compiled: CompiledQuery<R>;
  readonly #names: string[];

  constructor(query: Compilable<R>) {
    this.#compiled = query.compile();
    this.#names = this.#compiled.parameters.map((p) => {
      if (typeof p !== 'string' || !p.startsWith('\0')) {
        throw new ParallaxError('internal', `store: a reusable query has a value that is not a slot (${String(p)}) in: ${this.#compiled.sql}`);
      }
      return p.slice(1);
    });
  }

  with(values: Record<string, unknown>): CompiledQuery<R> {
    return { ...this.#compiled, parameters: this.#names.map((n) => values[n]) };
  }
}

const REVISION_COLUMNS: (keyof RevisionsTable)[] = [
  'article_id', 'revision', 'content_hash', 'input', 'format', 'external_id', 'url', 'canonical_url', 'outlet', 'title',
  'byline', 'published', 'language', 'wire', 'text', 'removed', 'word_count', 'ingested_at', 'sort_date',
];

/** The queries of storing one article, each compiled once per store. */
function articleQueries(db: Kysely<Database>, latest: SelectQueryBuilder<Joined, 'a' | 'r', object>) {
  return {
    byHash: new Reusable(db.selectFrom('revisions').select('article_id').where('content_hash', '=', slot('hash'))),
    // Two URLs (the canonical one and the one read); the same URL twice when there is one.
    byUrl: new Reusable(
      db
        .selectFrom('revisions')
        .select('article_id')
        .where((eb) => eb.or([eb('url', 'in', [slot('a'), slot('b')]), eb('canonical_url', 'in', [slot('a'), slot('b')])]))
        .orderBy('ingested_at', 'desc'),
    ),
    byExternalId: new Reusable(db.selectFrom('revisions').select(['article_id', 'input']).where('external_id', '=', slot('externalId'))),
    latestRevision: new Reusable(db.selectFrom('articles').select('latest_revision').where('id', '=', slot('id'))),
    setLatestRevision: new Reusable(db.updateTable('articles').set({ latest_revision: slot('revision') }).where('id', '=', slot('id'))),
    // A taken id inserts nothing (and the caller tries a longer one) instead of failing the transaction.
    insertArticle: new Reusable(
      db.insertInto('articles').values({ id: slot('id'), latest_revision: slot('revision'), created_at: slot('now') }).onConflict((oc) => oc.column('id').doNothing()),
    ),
    insertRevision: new Reusable(db.insertInto('revisions').values(Object.fromEntries(REVISION_COLUMNS.map((c) => [c, slot(c)])) as unknown as RevisionsTable)),
    // A revised article already waiting keeps its first mark.
    markToPlace: new Reusable(
      db.insertInto('pending_placement').values({ article_id: slot('id'), marked_at: slot('now') }).onConflict((oc) => oc.column('article_id').doNothing()),
    ),
    latest: new Reusable(latest.selectAll('r').where('a.id', '=', slot('id'))),
  };
}

/**
 * The Store over any Kysely database with the shared schema. SQLite and PostgreSQL differ only
 * in their DialectAdapter and migrations.
 */
export class KyselyStore implements Store {
  readonly description: string;
  readonly #db: Kysely<Database>;
  readonly #adapter: DialectAdapter;
  readonly #onClose: () => Promise<void>;
  readonly #inTransaction: boolean;

  constructor(
    db: Kysely<Database>,
    adapter: DialectAdapter,
    description: string,
    onClose: () => Promise<void>,
    inTransaction = false,
  ) {
    this.#db = db;
    this.#adapter = adapter;
    this.description = description;
    this.#onClose = onClose;
    this.#inTransaction = inTransaction;
  }

  /** The Kysely instance, for backend-specific code (migrations, job queues). */
  get db(): Kysely<Database> {
    return this.#db;
  }

  async #atomic<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work(this.#db);
    return this.#db.transaction().execute((trx) => work(trx));
  }

  #latest(db: Kysely<Database> = this.#db): SelectQueryBuilder<Joined, 'a' | 'r', object> {
    return db
      .selectFrom('articles as a')
      .innerJoin('revisions as r', (join) =>
        join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
      ) as unknown as SelectQueryBuilder<Joined, 'a' | 'r', object>;
  }

  // -- articles --------------------------------------------------------------

  async putArticle(draft: ArticleDraft): Promise<PutResult> {
    const hash = contentHash(draft);
    return this.#atomic(async (db) => {
      const index: IndexEntry[] = [];
      const result = await this.#put(db, draft, hash, index);
      await this.#index(db, index);
      return result;
    });
  }

  async putArticles(drafts: ArticleDraft[]): Promise<PutOutcome[]> {
    if (!drafts.length) return [];
    // All or nothing, then again around a draft that failed: a savepoint per draft would be
    // simpler, but SQLite's FTS5 flushes its pending index at every savepoint, which costs more
    // than the one transaction saves. A failure is rare (the database refusing a row), so redoing
    // the drafts before it is cheap.
    let failedAt = -1;
    let failure: unknown;
    try {
      return await this.#undoable(async (db) => {
        const results: PutResult[] = [];
        const index: IndexEntry[] = [];
        for (const [i, draft] of drafts.entries()) {
          failedAt = i;
          results.push(await this.#put(db, draft, contentHash(draft), index));
        }
        failedAt = -1;
        await this.#index(db, index);
        return results;
      });
    } catch (error) {
      if (failedAt === -1) throw error;
      failure = error;
    }
    const draft = drafts[failedAt]!;
    return [
      ...(await this.putArticles(drafts.slice(0, failedAt))),
      { status: 'error', error: new ParallaxError('store', `store: cannot store ${draft.input}: ${errorMessage(failure)}`, { cause: failure }) },
      ...(await this.putArticles(drafts.slice(failedAt + 1))),
    ];
  }

  /** `work` in a transaction, or inside the caller's transaction in a savepoint, so a throw undoes only `work`. */
  async #undoable<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    if (!this.#inTransaction) return this.#db.transaction().execute((trx) => work(trx));
    await sql`SAVEPOINT put_articles`.execute(this.#db);
    try {
      const result = await work(this.#db);
      await sql`RELEASE SAVEPOINT put_articles`.execute(this.#db);
      return result;
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT put_articles`.execute(this.#db);
      await sql`RELEASE SAVEPOINT put_articles`.execute(this.#db);
      throw error;
    }
  }

  #articleQueries?: ReturnType<typeof articleQueries>;
  get #queries(): ReturnType<typeof articleQueries> {
    return (this.#articleQueries ??= articleQueries(this.#db, this.#latest()));
  }

  /** The full-text index after a batch: an article revised twice in it is indexed once, with its last text. */
  async #index(db: Kysely<Database>, entries: IndexEntry[]): Promise<void> {
    const byArticle = new Map<string, IndexEntry>();
    for (const e of entries) {
      const earlier = byArticle.get(e.articleId);
      byArticle.set(e.articleId, earlier ? { ...e, replaces: earlier.replaces || e.replaces } : e);
    }
    const latest = [...byArticle.values()];
    if (this.#adapter.indexTexts) return this.#adapter.indexTexts(db, latest);
    for (const e of latest) await this.#adapter.indexText(db, e.articleId, e.title, e.text, e.replaces);
  }

  /** One draft inside the caller's transaction; its text for the full-text index goes to `index`. */
  async #put(db: Kysely<Database>, draft: ArticleDraft, hash: string, index: IndexEntry[]): Promise<PutResult> {
    const q = this.#queries;
    const now = new Date().toISOString();
    const [same] = (await db.executeQuery(q.byHash.with({ hash }))).rows;
    if (same) {
      const article = await this.#getLatest(db, same.article_id);
      if (article) return { status: 'unchanged', article };
    }

    // The same page seen again with new content is an edit of the article, not a new one.
    let previous: { article_id: string } | undefined;
    const urls = [draft.canonicalUrl, draft.url].filter((u): u is string => !!u);
    if (urls.length) {
      [previous] = (await db.executeQuery(q.byUrl.with({ a: urls[0], b: urls[1] ?? urls[0] }))).rows;
    }
    if (!previous && draft.externalId) {
      const source = inputSource(draft.input);
      const candidates = (await db.executeQuery(q.byExternalId.with({ externalId: draft.externalId }))).rows;
      previous = candidates.find((c) => inputSource(c.input) === source);
    }

    let articleId: string;
    let revision: number;
    if (previous) {
      articleId = previous.article_id;
      const [last] = (await db.executeQuery(q.latestRevision.with({ id: articleId }))).rows;
      if (!last) throw new ParallaxError('store', `store: revision ${articleId} has no article row; the store is damaged, re-ingest into a new one`);
      revision = Number(last.latest_revision) + 1;
      await db.executeQuery(q.setLatestRevision.with({ id: articleId, revision }));
    } else {
      revision = 1;
      articleId = await this.#insertArticle(db, hash, now);
    }

    const row: RevisionsTable = {
      article_id: articleId,
      revision,
      content_hash: hash,
      input: draft.input,
      format: draft.format,
      external_id: draft.externalId,
      url: draft.url,
      canonical_url: draft.canonicalUrl,
      outlet: draft.outlet,
      title: draft.title,
      byline: draft.byline,
      published: draft.published,
      language: draft.language,
      wire: draft.wire,
      text: draft.text,
      removed: JSON.stringify(draft.removed),
      word_count: countWords(draft.text),
      ingested_at: now,
      sort_date: draft.published ?? now,
    };
    await db.executeQuery(q.insertRevision.with(row as unknown as Record<string, unknown>));
    // In the same transaction as the revision: no moment exists where it is stored and nobody owes it a story.
    await db.executeQuery(q.markToPlace.with({ id: articleId, now }));
    index.push({ articleId, title: draft.title, text: draft.text, replaces: !!previous });
    return { status: previous ? 'revised' : 'new', article: toArticle(row) };
  }

  /** A new article's row, under the shortest prefix of its content hash that no other article has; its id. */
  async #insertArticle(db: Kysely<Database>, hash: string, now: string): Promise<string> {
    for (let length = ID_LENGTH; length <= hash.length; length += 4) {
      const id = hash.slice(0, length);
      const { numAffectedRows } = await db.executeQuery(this.#queries.insertArticle.with({ id, revision: 1, now }));
      if (numAffectedRows === undefined) throw new ParallaxError('internal', 'store: the database driver did not say whether the article row was inserted');
      if (numAffectedRows > 0n) return id;
    }
    throw new ParallaxError('store', `store: no free article id for content hash ${hash}`);
  }

  async #getLatest(db: Kysely<Database>, id: string): Promise<Article | null> {
    const [row] = (await db.executeQuery(this.#queries.latest.with({ id }))).rows;
    return row ? toArticle(row as unknown as RevisionsTable) : null;
  }

  async #resolveId(table: 'articles' | 'stories', idOrPrefix: string): Promise<string | null> {
    const ref = idOrPrefix.trim().toLowerCase();
    if (!ref) return null;
    const exact = await this.#db.selectFrom(table).select('id').where('id', '=', ref).executeTakeFirst();
    if (exact) return exact.id;
    if (!/^[0-9a-z_-]+$/.test(ref)) return null;
    const rows = await this.#db.selectFrom(table).select('id').where('id', 'like', `${ref}%`).limit(2).execute();
    if (rows.length > 1) {
      throw new ParallaxError(
        'conflict',
        `"${idOrPrefix}" matches more than one ${table === 'articles' ? 'article' : 'story'}; type more characters of the id`,
      );
    }
    return rows[0]?.id ?? null;
  }

  async getArticle(idOrPrefix: string): Promise<Article | null> {
    const id = await this.#resolveId('articles', idOrPrefix);
    return id ? this.#getLatest(this.#db, id) : null;
  }

  async getRevisions(id: string): Promise<Article[]> {
    const resolved = (await this.#resolveId('articles', id)) ?? id;
    const rows = await this.#db
      .selectFrom('revisions')
      .selectAll()
      .where('article_id', '=', resolved)
      .orderBy('revision', 'asc')
      .execute();
    return rows.map(toArticle);
  }

  #filtered(query: ArticleQuery) {
    let q = this.#latest();
    if (query.outlet) q = q.where('r.outlet', '=', query.outlet);
    if (query.since) q = q.where('r.sort_date', '>=', query.since);
    if (query.until) q = q.where('r.sort_date', '<=', endOfDay(query.until));
    if (query.text?.trim()) q = q.where(this.#adapter.textMatch(query.text.trim()));
    return q;
  }

  async listArticles(query: ArticleQuery = {}): Promise<Article[]> {
    const rows = await this.#filtered(query)
      .selectAll('r')
      .orderBy('r.sort_date', 'desc')
      .orderBy('a.id', 'asc')
      .limit(query.limit ?? 1000)
      .offset(query.offset ?? 0)
      .execute();
    return rows.map((row) => toArticle(row as unknown as RevisionsTable));
  }

  async countArticles(query: ArticleQuery = {}): Promise<number> {
    const row = await this.#filtered(query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async getArticles(ids: string[]): Promise<Article[]> {
    if (!ids.length) return [];
    const found = new Map<string, Article>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.#latest()
        .selectAll('r')
        .where('a.id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const row of rows) {
        const article = toArticle(row as unknown as RevisionsTable);
        found.set(article.id, article);
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  // -- work owed to stored articles -------------------------------------------

  async pendingPlacement(options: { limit?: number; among?: string[] } = {}): Promise<string[]> {
    const query = (among?: string[]) => {
      let q = this.#latest()
        .innerJoin('pending_placement as p', 'p.article_id', 'a.id')
        .select('a.id')
        .orderBy('r.sort_date', 'asc')
        .orderBy('a.id', 'asc');
      if (among) q = q.where('a.id', 'in', among);
      return q;
    };
    if (!options.among) {
      const rows = await query().limit(options.limit ?? 1_000_000).execute();
      return rows.map((r) => r.id);
    }
    if (!options.among.length) return [];
    const marked = new Set<string>();
    for (let i = 0; i < options.among.length; i += 500) {
      for (const r of await query(options.among.slice(i, i + 500)).execute()) marked.add(r.id);
    }
    return options.among.filter((id, i, all) => marked.has(id) && all.indexOf(id) === i).slice(0, options.limit);
  }

  async markPlaced(articleIds: string[]): Promise<void> {
    if (!articleIds.length) return;
    await this.#atomic(async (db) => {
      for (let i = 0; i < articleIds.length; i += 500) {
        await db.deleteFrom('pending_placement').where('article_id', 'in', articleIds.slice(i, i + 500)).execute();
      }
    });
  }

  #unanalyzed(analyzerVersion: string) {
    return this.#latest().where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('analyses as x')
            .select('x.article_id')
            .whereRef('x.article_id', '=', 'a.id')
            .whereRef('x.content_hash', '=', 'r.content_hash')
            .where('x.analyzer_version', '=', analyzerVersion),
        ),
      ),
    );
  }

  async pendingAnalysis(analyzerVersion: string, options: { limit?: number; after?: string } = {}): Promise<string[]> {
    let q = this.#unanalyzed(analyzerVersion).select('a.id');
    if (options.after !== undefined) q = q.where('a.id', '>', options.after);
    const rows = await q.orderBy('a.id', 'asc').limit(options.limit ?? 1_000_000).execute();
    return rows.map((r) => r.id);
  }

  async counts(analyzerVersion: string): Promise<StoreCounts> {
    const count = async (q: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }) => Number((await q.executeTakeFirst())?.n ?? 0);
    return {
      articles: await count(this.#db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n'))),
      stories: await count(this.#db.selectFrom('stories').select((eb) => eb.fn.countAll().as('n'))),
      outlets: await count(this.#db.selectFrom('outlets').select((eb) => eb.fn.countAll().as('n'))),
      pendingPlacement: await count(this.#db.selectFrom('pending_placement').select((eb) => eb.fn.countAll().as('n'))),
      pendingAnalysis: await count(this.#unanalyzed(analyzerVersion).select((eb) => eb.fn.countAll().as('n'))),
    };
  }

  // -- analyses --------------------------------------------------------------

  async putAnalysis(analysis: StoredAnalysis): Promise<void> {
    const values = {
      article_id: analysis.articleId,
      content_hash: analysis.contentHash,
      analyzer_version: analysis.analyzerVersion,
      result: JSON.stringify(analysis.result),
      created_at: analysis.createdAt,
    };
    // Every write goes through a transaction: on SQLite that is what waits its turn behind another process's writer.
    await this.#atomic((db) =>
      db
        .insertInto('analyses')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['article_id', 'content_hash', 'analyzer_version']).doUpdateSet({ result: values.result, created_at: values.created_at }),
        )
        .execute(),
    );
  }

  async getAnalysis<T = unknown>(articleId: string, analyzerVersion: string): Promise<StoredAnalysis<T> | null> {
    const row = await this.#latest()
      .innerJoin('analyses as x', (join) =>
        join.onRef('x.article_id', '=', 'a.id').onRef('x.content_hash', '=', 'r.content_hash'),
      )
      .selectAll('x')
      .where('a.id', '=', articleId)
      .where('x.analyzer_version', '=', analyzerVersion)
      .executeTakeFirst();
    if (!row) return null;
    const x = row as unknown as Database['analyses'];
    return {
      articleId: x.article_id,
      contentHash: x.content_hash,
      analyzerVersion: x.analyzer_version,
      result: JSON.parse(x.result) as T,
      createdAt: x.created_at,
    };
  }

  // -- outlets ---------------------------------------------------------------

  async upsertOutlet(outlet: Outlet): Promise<void> {
    const values = { name: outlet.name, domains: JSON.stringify(outlet.domains), groups: JSON.stringify(outlet.groups) };
    await this.#atomic((db) =>
      db
        .insertInto('outlets')
        .values(values)
        .onConflict((oc) => oc.column('name').doUpdateSet({ domains: values.domains, groups: values.groups }))
        .execute(),
    );
  }

  async listOutlets(): Promise<Outlet[]> {
    const rows = await this.#db.selectFrom('outlets').selectAll().orderBy('name').execute();
    return rows.map(toOutlet);
  }

  async getOutlet(name: string): Promise<Outlet | null> {
    const row = await this.#db.selectFrom('outlets').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toOutlet(row) : null;
  }

  async outletArticleCounts(): Promise<OutletCount[]> {
    const rows = await this.#latest()
      .select(['r.outlet', (eb) => eb.fn.countAll().as('n')])
      .groupBy('r.outlet')
      .execute();
    return rows
      .map((r) => ({ outlet: r.outlet, articles: Number(r.n) }))
      .sort((a, b) => b.articles - a.articles || (a.outlet ?? '').localeCompare(b.outlet ?? ''));
  }

  async setArticleOutlets(changes: { id: string; outlet: string | null }[]): Promise<number> {
    if (!changes.length) return 0;
    return this.#atomic(async (db) => {
      const now = new Map<string, string | null>();
      for (let i = 0; i < changes.length; i += 500) {
        const rows = await this.#latest(db)
          .select(['a.id', 'r.outlet'])
          .where('a.id', 'in', changes.slice(i, i + 500).map((c) => c.id))
          .execute();
        for (const r of rows) now.set(r.id, r.outlet);
      }
      let changed = 0;
      for (const { id, outlet } of changes) {
        if (!now.has(id) || now.get(id) === outlet) continue;
        await db.updateTable('revisions').set({ outlet }).where('article_id', '=', id).execute();
        now.set(id, outlet);
        changed++;
      }
      return changed;
    });
  }

  async renameOutlet(from: string, to: string): Promise<number> {
    if (from === to) return 0;
    return this.#atomic(async (db) => {
      const moved = await this.#latest(db)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('r.outlet', '=', from)
        .executeTakeFirst();
      await db.updateTable('revisions').set({ outlet: to }).where('outlet', '=', from).execute();
      const old = await db.selectFrom('outlets').selectAll().where('name', '=', from).executeTakeFirst();
      if (old) {
        const target = await db.selectFrom('outlets').selectAll().where('name', '=', to).executeTakeFirst();
        const a = toOutlet(old);
        const b = target ? toOutlet(target) : { name: to, domains: [], groups: {} };
        const merged = { domains: JSON.stringify([...new Set([...b.domains, ...a.domains])]), groups: JSON.stringify({ ...a.groups, ...b.groups }) };
        await db.deleteFrom('outlets').where('name', '=', from).execute();
        await db
          .insertInto('outlets')
          .values({ name: to, ...merged })
          .onConflict((oc) => oc.column('name').doUpdateSet(merged))
          .execute();
      }
      return Number(moved?.n ?? 0);
    });
  }

  // -- stories ---------------------------------------------------------------

  async saveStory(story: { id: string; title: string; articleIds: string[] }): Promise<Story> {
    const now = new Date().toISOString();
    await this.#atomic(async (db) => {
      await db
        .insertInto('stories')
        .values({ id: story.id, title: story.title, updated_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ title: story.title, updated_at: now }))
        .execute();
      await db.deleteFrom('story_articles').where('story_id', '=', story.id).execute();
      const ids = [...new Set(story.articleIds)];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        await db.deleteFrom('story_articles').where('article_id', 'in', chunk).execute();
        await db
          .insertInto('story_articles')
          .values(chunk.map((article_id) => ({ article_id, story_id: story.id })))
          .execute();
      }
      // A story left without articles by this move has nothing to show.
      await db
        .deleteFrom('stories')
        .where('id', '!=', story.id)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('story_articles as sa').select('sa.article_id').whereRef('sa.story_id', '=', 'stories.id'))))
        .execute();
    });
    const saved = await this.#loadStories([story.id]);
    return saved[0]!;
  }

  async #loadStories(ids: string[]): Promise<Story[]> {
    if (!ids.length) return [];
    const heads = await this.#db
      .selectFrom('stories as s')
      .leftJoin('story_articles as sa', 'sa.story_id', 's.id')
      .leftJoin('articles as a', 'a.id', 'sa.article_id')
      .leftJoin('revisions as r', (join) =>
        join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
      )
      .select(['s.id', 's.title', 's.updated_at'])
      .select((eb) => [eb.fn.min('r.sort_date').as('first'), eb.fn.max('r.sort_date').as('last')])
      .where('s.id', 'in', ids)
      .groupBy(['s.id', 's.title', 's.updated_at'])
      .execute();
    const members = await this.#db
      .selectFrom('story_articles as sa')
      .innerJoin('articles as a', 'a.id', 'sa.article_id')
      .innerJoin('revisions as r', (join) =>
        join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
      )
      .select(['sa.story_id', 'sa.article_id'])
      .where('sa.story_id', 'in', ids)
      .orderBy('r.sort_date', 'asc')
      .orderBy('sa.article_id', 'asc')
      .execute();
    const byStory = new Map<string, string[]>();
    for (const m of members) {
      const list = byStory.get(m.story_id) ?? [];
      list.push(m.article_id);
      byStory.set(m.story_id, list);
    }
    const byId = new Map(
      heads.map((h) => [
        h.id,
        {
          id: h.id,
          title: h.title,
          articleIds: byStory.get(h.id) ?? [],
          firstSeen: (h.first as string | null) ?? null,
          lastSeen: (h.last as string | null) ?? null,
          updatedAt: h.updated_at,
        } satisfies Story,
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getStory(idOrPrefix: string): Promise<Story | null> {
    const id = await this.#resolveId('stories', idOrPrefix);
    if (!id) return null;
    return (await this.#loadStories([id]))[0] ?? null;
  }

  async #storyIds(query: StoryQuery): Promise<SelectQueryBuilder<Database & { s: Database['stories'] }, 's', { id: string; last: unknown }>> {
    const known = query.group || query.blindspot ? await this.listOutlets() : [];
    let outlets: string[] | null = null;
    if (query.outlet) outlets = [query.outlet];
    if (query.group) {
      const [dimension, label] = splitGroup(query.group);
      const inGroup = known.filter((o) => o.groups[dimension] === label).map((o) => o.name);
      outlets = outlets ? outlets.filter((o) => inGroup.includes(o)) : inGroup;
    }
    let q = this.#db
      .selectFrom('stories as s')
      .select(['s.id'])
      .select((eb) =>
        eb
          .selectFrom('story_articles as sa')
          .innerJoin('articles as a', 'a.id', 'sa.article_id')
          .innerJoin('revisions as r', (join) =>
            join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
          )
          .whereRef('sa.story_id', '=', 's.id')
          .select((e) => e.fn.max('r.sort_date').as('m'))
          .as('last'),
      );
    const member = (
      build: (
        sub: SelectQueryBuilder<Joined & { sa: Database['story_articles'] }, 'sa' | 'a' | 'r', object>,
      ) => SelectQueryBuilder<Joined & { sa: Database['story_articles'] }, 'sa' | 'a' | 'r', object>,
    ) =>
      q.where((eb) =>
        eb.exists(
          build(
            eb
              .selectFrom('story_articles as sa')
              .innerJoin('articles as a', 'a.id', 'sa.article_id')
              .innerJoin('revisions as r', (join) =>
                join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
              )
              .whereRef('sa.story_id', '=', 's.id') as unknown as SelectQueryBuilder<
              Joined & { sa: Database['story_articles'] },
              'sa' | 'a' | 'r',
              object
            >,
          ).select('sa.article_id'),
        ),
      );
    if (outlets) {
      const list = outlets;
      if (!list.length) return q.where(sql<boolean>`1 = 0`);
      q = member((sub) => sub.where('r.outlet', 'in', list));
    }
    if (query.since) {
      const since = query.since;
      q = member((sub) => sub.where('r.sort_date', '>=', since));
    }
    if (query.until) {
      const until = endOfDay(query.until);
      q = member((sub) => sub.where('r.sort_date', '<=', until));
    }
    if (query.text?.trim()) {
      const text = query.text.trim();
      const like = `%${text.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['s.title']), 'like', like),
          eb.exists(
            eb
              .selectFrom('story_articles as sa')
              .innerJoin('articles as a', 'a.id', 'sa.article_id')
              .innerJoin('revisions as r', (join) =>
                join.onRef('r.article_id', '=', 'a.id').onRef('r.revision', '=', 'a.latest_revision'),
              )
              .whereRef('sa.story_id', '=', 's.id')
              .where(this.#adapter.textMatch(text))
              .select('sa.article_id'),
          ),
        ]),
      );
    }
    if (query.minOutlets && query.minOutlets > 1) q = q.where(sql<boolean>`${outletCount()} >= ${query.minOutlets}`);
    if (query.blindspot) q = q.where(blindspotCondition(query.blindspot, known));
    const digest = sql`d.story_id = s.id AND d.story_updated_at = s.updated_at${query.analyzerVersion ? sql` AND d.analyzer_version = ${query.analyzerVersion}` : sql``}`;
    if (query.conflicts) q = q.where(sql<boolean>`EXISTS (SELECT 1 FROM story_digests d WHERE ${digest} AND d.conflicts > 0)`);
    if (query.sort === 'outlets') q = q.select(outletCount().as('outlets'));
    // Never compared (no current digest): -1, after the stories compared and found in agreement.
    if (query.sort === 'disagreement') q = q.select(sql<number>`coalesce((SELECT d.omissions + d.conflicts FROM story_digests d WHERE ${digest}), -1)`.as('disagreement'));
    return q as unknown as SelectQueryBuilder<Database & { s: Database['stories'] }, 's', { id: string; last: unknown }>;
  }

  async listStories(query: StoryQuery = {}): Promise<Story[]> {
    let ordered = await this.#storyIds(query);
    if (query.sort === 'outlets' || query.sort === 'disagreement') ordered = ordered.orderBy(sql.ref(query.sort), 'desc');
    const rows = await ordered
      .orderBy('last', 'desc')
      .orderBy('s.id', 'asc')
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0)
      .execute();
    return this.#loadStories(rows.map((r) => r.id));
  }

  async countStories(query: StoryQuery = {}): Promise<number> {
    if (!query.text && !query.outlet && !query.group && !query.since && !query.until && !(query.minOutlets && query.minOutlets > 1) && !query.blindspot && !query.conflicts) {
      const row = await this.#db.selectFrom('stories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const rows = await (await this.#storyIds(query)).execute();
    return rows.length;
  }

  async storyOfArticle(articleId: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('story_articles')
      .select('story_id')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return row?.story_id ?? null;
  }

  async deleteStory(id: string): Promise<void> {
    await this.#atomic(async (db) => {
      await db.deleteFrom('story_articles').where('story_id', '=', id).execute();
      await db.deleteFrom('reuse').where('story_id', '=', id).execute();
      await db.deleteFrom('stories').where('id', '=', id).execute();
    });
  }

  async saveReuse(storyId: string, links: ReuseLink[]): Promise<void> {
    await this.#atomic(async (db) => {
      await db.deleteFrom('reuse').where('story_id', '=', storyId).execute();
      // Chunked: a story of many near-copies has tens of thousands of links, past SQLite's 32,766 values per statement.
      for (let i = 0; i < links.length; i += 1000) {
        await db
          .insertInto('reuse')
          .values(
            links.slice(i, i + 1000).map((l) => ({ story_id: storyId, from_id: l.from, to_id: l.to, share: l.share, copy: l.copy ? 1 : 0 })),
          )
          .execute();
      }
    });
  }

  async getReuse(storyId: string): Promise<ReuseLink[]> {
    const rows = await this.#db
      .selectFrom('reuse')
      .selectAll()
      .where('story_id', '=', storyId)
      .orderBy('share', 'desc')
      .execute();
    return rows.map((r) => ({ from: r.from_id, to: r.to_id, share: Number(r.share), copy: Number(r.copy) === 1 }));
  }

  async addCorrection(correction: StoryCorrection): Promise<void> {
    await this.#atomic((db) => db.insertInto('corrections').values({ at: correction.at, body: JSON.stringify(correction) } as never).execute());
  }

  async listCorrections(): Promise<StoryCorrection[]> {
    const rows = await this.#db.selectFrom('corrections').select('body').orderBy('seq', 'asc').execute();
    return rows.map((r) => JSON.parse(r.body) as StoryCorrection);
  }

  async putStoryDigest(digest: StoryDigest): Promise<void> {
    const values = {
      story_id: digest.storyId,
      story_updated_at: digest.storyUpdatedAt,
      analyzer_version: digest.analyzerVersion,
      shared_facts: digest.sharedFacts,
      omissions: digest.omissions,
      conflicts: digest.conflicts,
      created_at: digest.createdAt,
    };
    const { story_id: _id, ...rest } = values;
    await this.#atomic(async (db) => {
      // A story merged away meanwhile has nothing to keep a digest for.
      const story = await db.selectFrom('stories').select('id').where('id', '=', digest.storyId).executeTakeFirst();
      if (!story) return;
      await db.insertInto('story_digests').values(values).onConflict((oc) => oc.column('story_id').doUpdateSet(rest)).execute();
    });
  }

  async getStoryDigests(storyIds: string[]): Promise<StoryDigest[]> {
    const rows = [];
    for (let i = 0; i < storyIds.length; i += 1000) {
      const chunk = storyIds.slice(i, i + 1000);
      if (chunk.length) rows.push(...(await this.#db.selectFrom('story_digests').selectAll().where('story_id', 'in', chunk).execute()));
    }
    const byId = new Map(
      rows.map((r) => [
        r.story_id,
        {
          storyId: r.story_id,
          storyUpdatedAt: r.story_updated_at,
          analyzerVersion: r.analyzer_version,
          sharedFacts: Number(r.shared_facts),
          omissions: Number(r.omissions),
          conflicts: Number(r.conflicts),
          createdAt: r.created_at,
        } satisfies StoryDigest,
      ]),
    );
    return storyIds.flatMap((id) => byId.get(id) ?? []);
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work(this);
    return this.#adapter.transaction(this.#db, (trx) =>
      work(new KyselyStore(trx, this.#adapter, this.description, async () => {}, true)),
    );
  }

  async close(): Promise<void> {
    await this.#onClose();
  }
}

function toOutlet(row: Database['outlets']): Outlet {
  return {
    name: row.name,
    domains: JSON.parse(row.domains) as string[],
    groups: JSON.parse(row.groups) as Record<string, string>,
  };
}

function splitGroup(group: string): [string, string] {
  const at = group.indexOf(':');
  if (at <= 0) {
    throw new ParallaxError('bad-input', `group "${group}" should look like "dimension:label", e.g. "lean:left"`);
  }
  return [group.slice(0, at), group.slice(at + 1)];
}

/**
 * How many outlets report on story `s` as its summary counts them: articles the reuse links mark
 * as copies left out, an article without an outlet counted under its input; with `among`, only
 * these outlet names.
 */
function outletCount(among?: string[]): RawBuilder<number> {
  if (among && !among.length) return sql<number>`0`;
  return sql<number>`(SELECT count(DISTINCT coalesce(r2.outlet, r2.input)) FROM story_articles sa2
    JOIN articles a2 ON a2.id = sa2.article_id
    JOIN revisions r2 ON r2.article_id = a2.id AND r2.revision = a2.latest_revision
    WHERE sa2.story_id = s.id
    AND NOT EXISTS (SELECT 1 FROM reuse x WHERE x.story_id = s.id AND x.to_id = sa2.article_id AND x.copy = 1)${among ? sql` AND r2.outlet IN (${sql.join(among)})` : sql``})`;
}

/**
 * Story `s` has a blindspot in `spec` ("dimension", or "dimension:label" for that side missing):
 * one side covers it with at most `BLINDSPOT.fewest` outlets while another covers it with
 * `BLINDSPOT.most` or more. With a label, that side is one of the fewest (as the summary names it).
 */
function blindspotCondition(spec: string, outlets: Outlet[]): RawBuilder<boolean> {
  const at = spec.indexOf(':');
  const [dimension, label] = at < 0 ? [spec, null] : [spec.slice(0, at), spec.slice(at + 1)];
  if (!dimension) throw new ParallaxError('bad-input', `blindspot "${spec}" should look like "dimension" or "dimension:label", e.g. "lean" or "lean:right"`);
  const sides = new Map<string, string[]>();
  for (const o of outlets) {
    const l = o.groups[dimension];
    if (l) sides.set(l, [...(sides.get(l) ?? []), o.name]);
  }
  const counts = [...sides].sort(([a], [b]) => a.localeCompare(b)).map(([l, names]) => ({ label: l, count: outletCount(names) }));
  const real = counts.filter((c) => !BLINDSPOT.noSide.test(c.label));
  const target = label === null ? null : real.find((c) => c.label === label);
  if (!real.length || (label !== null && !target)) return sql<boolean>`1 = 0`;
  const anyMost = sql.join(counts.map((c) => sql`${c.count} >= ${BLINDSPOT.most}`), sql` OR `);
  const missing = target
    ? sql.join([sql`${target.count} <= ${BLINDSPOT.fewest}`, ...real.filter((c) => c !== target).map((c) => sql`${target.count} <= ${c.count}`)], sql` AND `)
    : sql.join(real.map((c) => sql`${c.count} <= ${BLINDSPOT.fewest}`), sql` OR `);
  return sql<boolean>`((${anyMost}) AND (${missing}))`;
}

/** "2025-03-27" as an upper bound means the whole day. */
function endOfDay(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.999Z` : date;
}
