import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleDraft } from '../core/types.ts';
import type { Store } from '../core/store.ts';

/** A draft with every field set, overridable per test. */
export function draft(overrides: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    input: 'fixtures/harbour.txt',
    format: 'text',
    externalId: null,
    url: null,
    canonicalUrl: null,
    outlet: 'Harbour Gazette',
    title: 'Harbour crane collapses during storm',
    byline: 'Mira Solberg',
    published: '2025-03-26T09:00:00.000Z',
    language: 'en',
    wire: null,
    text: 'A crane at the Eastport harbour collapsed on Tuesday night.\n\nNo one was hurt, the port authority said.',
    removed: [{ text: 'Sign up for our newsletter', reason: 'newsletter-promo' }],
    ...overrides,
  };
}

/**
 * The behaviour every Store backend must show. Each backend's test file calls this with a
 * function that opens a fresh, empty store.
 */
export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('articles', () => {
      it('stores a new article and reads it back with every field', async () => {
        const put = await store.putArticle(draft());
        expect(put.status).toBe('new');
        const got = await store.getArticle(put.article.id);
        expect(got).toMatchObject({
          id: put.article.id,
          title: 'Harbour crane collapses during storm',
          outlet: 'Harbour Gazette',
          byline: 'Mira Solberg',
          published: '2025-03-26T09:00:00.000Z',
          revision: 1,
          wordCount: 18,
          removed: [{ text: 'Sign up for our newsletter', reason: 'newsletter-promo' }],
        });
        expect(got?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('reports the same content twice as unchanged and keeps one article', async () => {
        const first = await store.putArticle(draft());
        const again = await store.putArticle(draft({ input: 'elsewhere/copy.txt', text: `${draft().text}  ` }));
        expect(again.status).toBe('unchanged');
        expect(again.article.id).toBe(first.article.id);
        expect(await store.countArticles()).toBe(1);
      });

      it('keeps a changed text under the same URL as a new revision, nothing overwritten', async () => {
        const url = 'https://gazette.example/crane';
        const first = await store.putArticle(draft({ url }));
        const edited = await store.putArticle(draft({ url, text: `${draft().text}\n\nUpdated: two workers were treated for shock.` }));
        expect(edited.status).toBe('revised');
        expect(edited.article.id).toBe(first.article.id);
        expect(edited.article.revision).toBe(2);
        const revisions = await store.getRevisions(first.article.id);
        expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
        expect(revisions[0]?.text).toBe(draft().text);
        expect((await store.getArticle(first.article.id))?.text).toContain('treated for shock');
        expect(await store.countArticles()).toBe(1);
      });

      it('treats a record with the same external id from the same file as a revision', async () => {
        const a = await store.putArticle(draft({ input: 'dump.jsonl:1', externalId: 'r-1' }));
        const b = await store.putArticle(draft({ input: 'dump.jsonl:7', externalId: 'r-1', text: 'Corrected text of the record.' }));
        expect(b.status).toBe('revised');
        expect(b.article.id).toBe(a.article.id);
        const c = await store.putArticle(draft({ input: 'other.jsonl:1', externalId: 'r-1', text: 'A different record that reuses the id.' }));
        expect(c.status).toBe('new');
      });

      it('stores a batch in order, one outcome each, with the same rules as one at a time', async () => {
        const url = 'https://gazette.example/crane';
        const outcomes = await store.putArticles([
          draft({ url }),
          draft({ input: 'copy.txt', text: 'Ferry strike halts crossings.', title: 'Ferry strike' }),
          draft({ input: 'again.txt', url: 'https://other.example/x' }),
          draft({ url, text: `${draft().text}\n\nUpdated: the crane operator was found safe.` }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['new', 'new', 'unchanged', 'revised']);
        const [first, , repeat, edit] = outcomes.map((o) => (o.status === 'error' ? null : o.article));
        expect(repeat?.id).toBe(first?.id);
        expect(edit).toMatchObject({ id: first?.id, revision: 2 });
        expect(await store.countArticles()).toBe(2);
        // The full-text index follows the batch: the new article is found, the revision replaced its first text.
        expect(await store.countArticles({ text: 'ferry' })).toBe(1);
        expect(await store.countArticles({ text: 'operator' })).toBe(1);
        expect(await store.putArticles([])).toEqual([]);
      });

      it('searches only the latest text of an article revised within a batch and across batches', async () => {
        const url = 'https://gazette.example/crane';
        const first = await store.putArticles([
          draft({ url, text: 'The crane toppled in gales.' }),
          draft({ url, text: 'The crane toppled in a squall.' }),
          draft({ text: 'Ferry strike halts crossings.', title: 'Ferry strike' }),
        ]);
        expect(first.map((o) => o.status)).toEqual(['new', 'revised', 'new']);
        expect(await store.countArticles({ text: 'gales' })).toBe(0);
        expect(await store.countArticles({ text: 'squall' })).toBe(1);
        const second = await store.putArticles([draft({ url, text: 'The crane toppled in a storm surge.' })]);
        expect(second.map((o) => o.status)).toEqual(['revised']);
        expect(await store.countArticles({ text: 'squall' })).toBe(0);
        expect(await store.countArticles({ text: 'surge' })).toBe(1);
        expect(await store.countArticles({ text: 'toppled' })).toBe(1);
        expect(await store.countArticles({ text: 'ferry' })).toBe(1);
      });

      it('reports a draft the database refuses on its own, stores the rest of its batch, and leaves nothing of it behind', async () => {
        const bad = draft({ title: 'Refused', text: 'A record the database will not take.', format: null as unknown as ArticleDraft['format'] });
        const outcomes = await store.putArticles([draft({ text: 'Before the bad one.' }), bad, draft({ text: 'After the bad one.' })]);
        expect(outcomes.map((o) => o.status)).toEqual(['new', 'error', 'new']);
        expect(outcomes[1]?.status === 'error' && outcomes[1].error.message).toMatch(/^store: cannot store fixtures\/harbour\.txt: /);
        expect(await store.countArticles()).toBe(2);
        // Had the refused draft left its article row, the fixed one would need a longer id.
        const fixed = await store.putArticle({ ...bad, format: 'text' });
        expect(fixed.status).toBe('new');
        expect(fixed.article.id).toBe(fixed.article.contentHash.slice(0, 12));
      });

      it('finds articles by unique id prefix and refuses an ambiguous one', async () => {
        const put = await store.putArticle(draft());
        expect((await store.getArticle(put.article.id.slice(0, 6)))?.id).toBe(put.article.id);
        expect(await store.getArticle('zzzzzz')).toBeNull();
        for (let i = 0; i < 40; i++) await store.putArticle(draft({ text: `Story number ${i} about the harbour.` }));
        const ids = (await store.listArticles({ limit: 100 })).map((a) => a.id);
        const shared = ids.map((id) => id[0]).find((c, i, all) => all.indexOf(c) !== i)!;
        await expect(store.getArticle(shared)).rejects.toThrow(/more than one article/);
      });

      it('lists newest first and filters by outlet, dates and text', async () => {
        await store.putArticle(draft({ published: '2025-03-20T00:00:00.000Z', outlet: 'A', title: 'Ferry news', text: 'Ferry strike halts crossings.' }));
        await store.putArticle(draft({ published: '2025-03-26T00:00:00.000Z', outlet: 'B', title: 'Port news', text: 'Crane collapses at harbour.' }));
        await store.putArticle(draft({ published: '2025-03-28T00:00:00.000Z', outlet: 'A', title: 'Reopening', text: 'Harbour reopens after crane collapse.' }));
        const all = await store.listArticles();
        expect(all.map((a) => a.published?.slice(0, 10))).toEqual(['2025-03-28', '2025-03-26', '2025-03-20']);
        expect((await store.listArticles({ outlet: 'A' })).length).toBe(2);
        expect((await store.listArticles({ since: '2025-03-21', until: '2025-03-26' })).map((a) => a.outlet)).toEqual(['B']);
        expect((await store.listArticles({ text: 'ferry' })).length).toBe(1);
        expect(await store.countArticles({ text: 'crane' })).toBe(2);
        expect((await store.listArticles({ limit: 1, offset: 1 })).map((a) => a.published?.slice(0, 10))).toEqual(['2025-03-26']);
      });

      it('returns articles by id in the order asked, leaving out unknown ids', async () => {
        const a = await store.putArticle(draft({ text: 'First text.' }));
        const b = await store.putArticle(draft({ text: 'Second text.' }));
        const got = await store.getArticles([b.article.id, 'missing', a.article.id]);
        expect(got.map((x) => x.id)).toEqual([b.article.id, a.article.id]);
      });
    });

    describe('work owed to stored articles', () => {
      it('marks new and revised articles to place in the commit that stores them, and only placement clears the mark', async () => {
        const url = 'https://gazette.example/crane';
        const later = await store.putArticle(draft({ url, published: '2025-03-27T00:00:00.000Z' }));
        const [earlier] = await store.putArticles([draft({ text: 'Ferry strike halts crossings.', published: '2025-03-20T00:00:00.000Z' })]);
        const earlierId = earlier!.status === 'error' ? '' : earlier!.article.id;
        // Publication order, so placing pending articles a chunk at a time reads like placing them at once.
        expect(await store.pendingPlacement()).toEqual([earlierId, later.article.id]);
        expect(await store.pendingPlacement({ limit: 1 })).toEqual([earlierId]);
        expect(await store.pendingPlacement({ among: [later.article.id, 'missing', later.article.id] })).toEqual([later.article.id]);

        await store.markPlaced([later.article.id, 'missing']);
        expect(await store.pendingPlacement()).toEqual([earlierId]);
        // Unchanged content owes nothing; a revision owes a placement again (its text changed).
        expect((await store.putArticle(draft({ url, published: '2025-03-27T00:00:00.000Z' }))).status).toBe('unchanged');
        expect(await store.pendingPlacement()).toEqual([earlierId]);
        expect((await store.putArticle(draft({ url, text: 'The crane was lifted out of the water.' }))).status).toBe('revised');
        expect((await store.pendingPlacement()).sort()).toEqual([earlierId, later.article.id].sort());
        await store.markPlaced([]);
        expect(await store.pendingPlacement({ among: [] })).toEqual([]);
      });

      it('leaves no mark for an article whose commit did not happen', async () => {
        const bad = draft({ title: 'Refused', text: 'A record the database will not take.', format: null as unknown as ArticleDraft['format'] });
        const outcomes = await store.putArticles([draft({ text: 'Kept.' }), bad]);
        await expect(
          store.transaction(async (tx) => {
            await tx.putArticle(draft({ text: 'Rolled back.' }));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.pendingPlacement()).toEqual([outcomes[0]!.status === 'error' ? '' : outcomes[0]!.article.id]);
        expect((await store.counts('1')).pendingPlacement).toBe(1);
      });

      it('lists articles whose latest content has no analysis by a version, from an id on', async () => {
        const url = 'https://gazette.example/crane';
        const a = await store.putArticle(draft({ url }));
        const b = await store.putArticle(draft({ text: 'Ferry strike halts crossings.' }));
        const both = [a.article.id, b.article.id].sort();
        expect(await store.pendingAnalysis('1')).toEqual(both);
        expect(await store.pendingAnalysis('1', { after: both[0] })).toEqual([both[1]]);
        expect(await store.pendingAnalysis('1', { limit: 1 })).toEqual([both[0]]);
        await store.putAnalysis({ articleId: a.article.id, contentHash: a.article.contentHash, analyzerVersion: '1', result: {}, createdAt: '2025-03-27T00:00:00.000Z' });
        expect(await store.pendingAnalysis('1')).toEqual([b.article.id]);
        expect(await store.pendingAnalysis('2')).toEqual(both);
        // A revision's new text has not been analysed yet.
        await store.putArticle(draft({ url, text: 'The crane was lifted out of the water.' }));
        expect(await store.pendingAnalysis('1')).toEqual(both);
      });

      it('counts articles, stories, outlets and the work pending', async () => {
        expect(await store.counts('1')).toEqual({ articles: 0, stories: 0, outlets: 0, pendingPlacement: 0, pendingAnalysis: 0 });
        const a = await store.putArticle(draft({ text: 'One.' }));
        await store.putArticle(draft({ text: 'Two.' }));
        await store.upsertOutlet({ name: 'Harbour Gazette', domains: [], groups: {} });
        await store.saveStory({ id: 's', title: 'S', articleIds: [a.article.id] });
        await store.markPlaced([a.article.id]);
        await store.putAnalysis({ articleId: a.article.id, contentHash: a.article.contentHash, analyzerVersion: '1', result: {}, createdAt: '2025-03-27T00:00:00.000Z' });
        expect(await store.counts('1')).toEqual({ articles: 2, stories: 1, outlets: 1, pendingPlacement: 1, pendingAnalysis: 1 });
      });
    });

    describe('analyses', () => {
      it('keeps results per analyzer version and per content revision', async () => {
        const url = 'https://gazette.example/crane';
        const put = await store.putArticle(draft({ url }));
        const base = { articleId: put.article.id, contentHash: put.article.contentHash, createdAt: new Date().toISOString() };
        await store.putAnalysis({ ...base, analyzerVersion: '1', result: { words: 19 } });
        expect((await store.getAnalysis<{ words: number }>(put.article.id, '1'))?.result).toEqual({ words: 19 });
        expect(await store.getAnalysis(put.article.id, '2')).toBeNull();
        await store.putAnalysis({ ...base, analyzerVersion: '1', result: { words: 20 } });
        expect((await store.getAnalysis<{ words: number }>(put.article.id, '1'))?.result).toEqual({ words: 20 });
        await store.putArticle(draft({ url, text: 'Edited text.' }));
        expect(await store.getAnalysis(put.article.id, '1')).toBeNull();
      });
    });

    describe('outlets', () => {
      it('stores user-defined outlet groups and updates them', async () => {
        await store.upsertOutlet({ name: 'Harbour Gazette', domains: ['gazette.example'], groups: { lean: 'centre' } });
        await store.upsertOutlet({ name: 'Harbour Gazette', domains: ['gazette.example'], groups: { lean: 'left', country: 'NO' } });
        await store.upsertOutlet({ name: 'Coast Wire', domains: [], groups: { owner: 'coop' } });
        expect(await store.getOutlet('Harbour Gazette')).toEqual({
          name: 'Harbour Gazette',
          domains: ['gazette.example'],
          groups: { lean: 'left', country: 'NO' },
        });
        expect((await store.listOutlets()).map((o) => o.name)).toEqual(['Coast Wire', 'Harbour Gazette']);
        expect(await store.getOutlet('Nobody')).toBeNull();
      });

      it('counts articles per outlet, including names only articles carry and articles with none', async () => {
        await store.upsertOutlet({ name: 'Listed Only', domains: [], groups: {} });
        await store.putArticle(draft({ outlet: 'A', text: 'One.' }));
        await store.putArticle(draft({ outlet: 'A', text: 'Two.' }));
        await store.putArticle(draft({ outlet: 'B', text: 'Three.' }));
        await store.putArticle(draft({ outlet: null, text: 'Four.' }));
        expect(await store.outletArticleCounts()).toEqual([
          { outlet: 'A', articles: 2 },
          { outlet: null, articles: 1 },
          { outlet: 'B', articles: 1 },
        ]);
      });

      it('sets the outlet of articles on every revision and says how many changed', async () => {
        const url = 'https://gazette.example/crane';
        const first = await store.putArticle(draft({ url, outlet: 'gazette.example' }));
        await store.putArticle(draft({ url, outlet: 'gazette.example', text: 'Edited text.' }));
        const other = await store.putArticle(draft({ outlet: 'Harbour Gazette', text: 'Other.' }));
        const changed = await store.setArticleOutlets([
          { id: first.article.id, outlet: 'Harbour Gazette' },
          { id: other.article.id, outlet: 'Harbour Gazette' },
          { id: 'nosucharticle', outlet: 'X' },
        ]);
        expect(changed).toBe(1);
        expect((await store.getRevisions(first.article.id)).map((r) => r.outlet)).toEqual(['Harbour Gazette', 'Harbour Gazette']);
        expect(await store.countArticles({ outlet: 'Harbour Gazette' })).toBe(2);
      });

      it('renames an outlet: its articles follow, and an existing target keeps its labels and gains the domains', async () => {
        await store.upsertOutlet({ name: 'NYT', domains: ['nytimes.com'], groups: { lean: 'centre-left', country: 'US' } });
        await store.upsertOutlet({ name: 'New York Times', domains: ['nyti.ms'], groups: { lean: 'centre' } });
        await store.putArticle(draft({ outlet: 'NYT', text: 'One.' }));
        await store.putArticle(draft({ outlet: 'NYT', text: 'Two.' }));
        await store.putArticle(draft({ outlet: 'Other', text: 'Three.' }));
        expect(await store.renameOutlet('NYT', 'New York Times')).toBe(2);
        expect(await store.getOutlet('NYT')).toBeNull();
        expect(await store.getOutlet('New York Times')).toEqual({
          name: 'New York Times',
          domains: ['nyti.ms', 'nytimes.com'],
          groups: { lean: 'centre', country: 'US' },
        });
        expect(await store.countArticles({ outlet: 'New York Times' })).toBe(2);
        expect(await store.countArticles({ outlet: 'NYT' })).toBe(0);
        // A name only articles carry is renamed on them, with no outlets entry made up.
        expect(await store.renameOutlet('Other', 'Another')).toBe(1);
        expect(await store.getOutlet('Another')).toBeNull();
        expect(await store.countArticles({ outlet: 'Another' })).toBe(1);
      });
    });

    describe('stories', () => {
      it('saves stories, moves articles between them, and reports their time span', async () => {
        const a = await store.putArticle(draft({ text: 'One.', published: '2025-03-20T00:00:00.000Z' }));
        const b = await store.putArticle(draft({ text: 'Two.', published: '2025-03-22T00:00:00.000Z' }));
        const c = await store.putArticle(draft({ text: 'Three.', published: '2025-03-25T00:00:00.000Z' }));
        await store.saveStory({ id: 's-one', title: 'First', articleIds: [a.article.id, b.article.id] });
        const saved = await store.saveStory({ id: 's-two', title: 'Second', articleIds: [c.article.id, b.article.id] });
        expect(saved.articleIds).toEqual([b.article.id, c.article.id]);
        expect(saved.firstSeen?.slice(0, 10)).toBe('2025-03-22');
        expect(saved.lastSeen?.slice(0, 10)).toBe('2025-03-25');
        expect((await store.getStory('s-one'))?.articleIds).toEqual([a.article.id]);
        expect(await store.storyOfArticle(b.article.id)).toBe('s-two');
        expect((await store.listStories()).map((s) => s.id)).toEqual(['s-two', 's-one']);
        expect(await store.countStories()).toBe(2);
        expect((await store.getStory('s-t'))?.id).toBe('s-two');
      });

      it('drops a story whose last article moved away, and deletes stories', async () => {
        const a = await store.putArticle(draft({ text: 'One.' }));
        await store.saveStory({ id: 's-one', title: 'First', articleIds: [a.article.id] });
        await store.saveStory({ id: 's-two', title: 'Second', articleIds: [a.article.id] });
        expect(await store.getStory('s-one')).toBeNull();
        await store.deleteStory('s-two');
        expect(await store.countStories()).toBe(0);
        expect(await store.storyOfArticle(a.article.id)).toBeNull();
      });

      it('filters stories by text, outlet, outlet group and dates', async () => {
        await store.upsertOutlet({ name: 'Left Post', domains: [], groups: { lean: 'left' } });
        await store.upsertOutlet({ name: 'Right Daily', domains: [], groups: { lean: 'right' } });
        const a = await store.putArticle(draft({ outlet: 'Left Post', title: 'Ferry strike', text: 'Ferry strike halts crossings.', published: '2025-03-01T00:00:00.000Z' }));
        const b = await store.putArticle(draft({ outlet: 'Right Daily', title: 'Crane down', text: 'Crane collapses at harbour.', published: '2025-03-26T00:00:00.000Z' }));
        await store.saveStory({ id: 'ferry', title: 'Ferry strike', articleIds: [a.article.id] });
        await store.saveStory({ id: 'crane', title: 'Crane collapse', articleIds: [b.article.id] });
        expect((await store.listStories({ text: 'ferry' })).map((s) => s.id)).toEqual(['ferry']);
        expect((await store.listStories({ text: 'collapses' })).map((s) => s.id)).toEqual(['crane']);
        expect((await store.listStories({ outlet: 'Left Post' })).map((s) => s.id)).toEqual(['ferry']);
        expect((await store.listStories({ group: 'lean:right' })).map((s) => s.id)).toEqual(['crane']);
        expect(await store.listStories({ group: 'lean:centre' })).toEqual([]);
        expect((await store.listStories({ since: '2025-03-10' })).map((s) => s.id)).toEqual(['crane']);
        expect(await store.countStories({ until: '2025-03-10' })).toBe(1);
        await expect(store.listStories({ group: 'left' })).rejects.toThrow(/dimension:label/);
      });

      it('counts outlets without copies, sorts by outlets, and filters by outlet count and blindspot', async () => {
        const lean = { 'Left Post': 'left', 'Right Daily': 'right', 'Centre A': 'centre', 'Centre B': 'centre', 'Centre C': 'centre', Wire: 'none' };
        for (const [name, side] of Object.entries(lean)) await store.upsertOutlet({ name, domains: [], groups: { lean: side } });
        const put = async (outlet: string | null, text: string, day: string) =>
          (await store.putArticle(draft({ outlet, input: `${outlet ?? 'unnamed'}.txt`, text, published: `2025-03-${day}T00:00:00.000Z` }))).article.id;
        // wide: three centre outlets and one left: the right is missing (left has one: not the fewest).
        const wide = [await put('Centre A', 'W1.', '10'), await put('Centre B', 'W2.', '11'), await put('Centre C', 'W3.', '12'), await put('Left Post', 'W4.', '12'), await put('Wire', 'W5.', '12')];
        // pair: left and right, and a copy of the left article under Centre A that does not count.
        const pair = [await put('Left Post', 'P1.', '14'), await put('Right Daily', 'P2.', '14'), await put('Centre A', 'P3.', '14')];
        const solo = [await put(null, 'S1.', '20')];
        await store.saveStory({ id: 'wide', title: 'Wide', articleIds: wide });
        await store.saveStory({ id: 'pair', title: 'Pair', articleIds: pair });
        await store.saveStory({ id: 'solo', title: 'Solo', articleIds: solo });
        await store.saveReuse('pair', [{ from: pair[0]!, to: pair[2]!, share: 0.97, copy: true }]);
        const ids = async (query: Parameters<Store['listStories']>[0]) => (await store.listStories(query)).map((s) => s.id);
        expect(await ids({})).toEqual(['solo', 'pair', 'wide']);
        expect(await ids({ sort: 'outlets' })).toEqual(['wide', 'pair', 'solo']);
        expect(await ids({ sort: 'outlets', limit: 1, offset: 1 })).toEqual(['pair']);
        expect(await ids({ minOutlets: 2 })).toEqual(['pair', 'wide']);
        expect(await ids({ minOutlets: 3 })).toEqual(['wide']);
        expect(await store.countStories({ minOutlets: 2 })).toBe(2);
        expect(await ids({ blindspot: 'lean' })).toEqual(['wide']);
        expect(await ids({ blindspot: 'lean:right' })).toEqual(['wide']);
        expect(await ids({ blindspot: 'lean:left' })).toEqual([]);
        expect(await ids({ blindspot: 'lean:none' })).toEqual([]);
        expect(await ids({ blindspot: 'country' })).toEqual([]);
        expect(await store.countStories({ blindspot: 'lean', minOutlets: 2 })).toBe(1);
      });

      it('keeps story digests, and sorts and filters by disagreement only while the story is unchanged', async () => {
        const a = await store.putArticle(draft({ text: 'One.', published: '2025-03-20T00:00:00.000Z' }));
        const b = await store.putArticle(draft({ text: 'Two.', published: '2025-03-22T00:00:00.000Z' }));
        const c = await store.putArticle(draft({ text: 'Three.', published: '2025-03-24T00:00:00.000Z' }));
        const calm = await store.saveStory({ id: 'calm', title: 'Calm', articleIds: [a.article.id] });
        const torn = await store.saveStory({ id: 'torn', title: 'Torn', articleIds: [b.article.id] });
        await store.saveStory({ id: 'new', title: 'New', articleIds: [c.article.id] });
        const digest = { analyzerVersion: '7', sharedFacts: 4, createdAt: '2025-04-01T00:00:00.000Z' };
        await store.putStoryDigest({ ...digest, storyId: 'calm', storyUpdatedAt: calm.updatedAt, omissions: 0, conflicts: 0 });
        await store.putStoryDigest({ ...digest, storyId: 'torn', storyUpdatedAt: torn.updatedAt, omissions: 2, conflicts: 0 });
        await store.putStoryDigest({ ...digest, storyId: 'torn', storyUpdatedAt: torn.updatedAt, omissions: 2, conflicts: 1 });
        await store.putStoryDigest({ ...digest, storyId: 'gone', storyUpdatedAt: torn.updatedAt, omissions: 9, conflicts: 9 });
        expect((await store.getStoryDigests(['torn', 'gone', 'calm'])).map((d) => [d.storyId, d.omissions, d.conflicts])).toEqual([
          ['torn', 2, 1],
          ['calm', 0, 0],
        ]);
        const ids = async (query: Parameters<Store['listStories']>[0]) => (await store.listStories(query)).map((s) => s.id);
        // Never compared ("new") comes after the stories compared and found in agreement.
        expect(await ids({ sort: 'disagreement' })).toEqual(['torn', 'calm', 'new']);
        expect(await ids({ conflicts: true })).toEqual(['torn']);
        expect(await store.countStories({ conflicts: true })).toBe(1);
        expect(await ids({ conflicts: true, analyzerVersion: '8' })).toEqual([]);
        expect(await ids({ sort: 'disagreement', analyzerVersion: '8' })).toEqual(['new', 'torn', 'calm']);
        // A changed story's digest no longer counts; a deleted story's goes with it.
        await new Promise((r) => setTimeout(r, 5));
        await store.saveStory({ id: 'torn', title: 'Torn', articleIds: [b.article.id, a.article.id] });
        expect(await ids({ conflicts: true })).toEqual([]);
        await store.deleteStory('torn');
        expect(await store.getStoryDigests(['torn'])).toEqual([]);
      });

      it('replaces reuse links and keeps corrections in order', async () => {
        const a = await store.putArticle(draft({ text: 'One.' }));
        await store.saveStory({ id: 's', title: 'S', articleIds: [a.article.id] });
        await store.saveReuse('s', [{ from: 'x', to: 'y', share: 0.9, copy: true }]);
        await store.saveReuse('s', [
          { from: 'x', to: 'z', share: 0.4, copy: false },
          { from: 'x', to: 'y', share: 0.95, copy: true },
        ]);
        expect(await store.getReuse('s')).toEqual([
          { from: 'x', to: 'y', share: 0.95, copy: true },
          { from: 'x', to: 'z', share: 0.4, copy: false },
        ]);
        await store.addCorrection({ kind: 'merge', into: 'a', from: 'b', at: '2025-03-01T00:00:00.000Z' });
        await store.addCorrection({ kind: 'split', story: 'a', articleIds: ['x'], newStory: 'c', at: '2025-03-02T00:00:00.000Z' });
        expect((await store.listCorrections()).map((c) => c.kind)).toEqual(['merge', 'split']);
      });
    });

    describe('transactions', () => {
      it('commits all writes together', async () => {
        await store.transaction(async (tx) => {
          const a = await tx.putArticle(draft({ text: 'One.' }));
          await tx.saveStory({ id: 's', title: 'S', articleIds: [a.article.id] });
        });
        expect(await store.countStories()).toBe(1);
      });

      it('rolls back every write when the work throws', async () => {
        await expect(
          store.transaction(async (tx) => {
            await tx.putArticle(draft({ text: 'Will vanish.' }));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.countArticles()).toBe(0);
      });
    });
  });
}
