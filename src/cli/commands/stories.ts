import type { Command } from 'commander';
import { ParallaxError } from '../../core/errors.ts';
import type { Article } from '../../core/types.ts';
import type { Store } from '../../core/store.ts';
import { sharedPassages } from '../../cluster/index.ts';
import { readInputs } from '../../ingest/index.ts';
import { clusterStream } from '../../pipeline/oneoff.ts';
import { mergeStories, splitStory } from '../../pipeline/stories.ts';
import { safeForTerminal } from '../../core/chars.ts';
import { addDbOption, createProgress, dbOptionsOf, describeFilters, endOfInputs, print, warn, wholeNumber, withStore, type DbOptions } from '../common.ts';
import { Output, Results, addOutputOptions, addStreamOptions, type OutputFlags, type StreamFlags } from '../output.ts';

export function registerStories(program: Command): void {
  const command = program
    .command('stories')
    .description('list stories (articles grouped by real-world event), newest first')
    .option('--search <words>', 'only stories whose title or articles contain these words')
    .option('--outlet <name>', 'only stories covered by this outlet')
    .option('--group <dimension:label>', 'only stories covered by outlets in this group, e.g. lean:left')
    .option('--limit <n>', 'how many to show', wholeNumber(1), 50);
  addOutputOptions(command);
  addDbOption(command);
  command.addHelpText('after', `
Examples:
  $ parallax stories --outlet "Harbour Gazette" --limit 10
  $ parallax stories --group lean:left --json             (one JSON array; --format jsonl for one object per line)
  $ parallax stories --format md -o stories.md`);
  command.action(async (flags: DbOptions & OutputFlags & { search?: string; outlet?: string; group?: string; limit: number }) => {
    await withStore(flags, async (store) => {
      const query = { text: flags.search, outlet: flags.outlet, group: flags.group };
      const [stories, total] = await Promise.all([store.listStories({ ...query, limit: flags.limit }), store.countStories(query)]);
      const rows = [];
      for (const s of stories) {
        const articles = await store.getArticles(s.articleIds);
        const reuse = await store.getReuse(s.id);
        const copies = new Set(reuse.filter((r) => r.copy).map((r) => r.to));
        const outlets = new Set(articles.filter((a) => !copies.has(a.id)).map((a) => a.outlet ?? a.input));
        rows.push({ ...s, outlets: [...outlets], articles: articles.length, copies: copies.size });
      }
      const out = new Output(flags);
      // An empty list is still a list for JSON and CSV; the reason goes beside it (see Output.note).
      if (rows.length || out.format !== 'table') {
        out.rows(rows, [
          { header: 'STORY', cell: (r) => r.id },
          { header: 'OUTLETS', cell: (r) => r.outlets.length },
          { header: 'ARTICLES', cell: (r) => (r.copies ? `${r.articles} (${r.copies} copies)` : r.articles) },
          { header: 'FIRST SEEN', cell: (r) => r.firstSeen?.slice(0, 10) },
          { header: 'LAST SEEN', cell: (r) => r.lastSeen?.slice(0, 10) },
          { header: 'TITLE', cell: (r) => r.title },
        ]);
      }
      if (!rows.length) out.note(await whyNoStories(store, flags));
      out.cut(rows.length, total);
      out.close();
    });
  });
}

/** Why a story list came out empty: an empty store, articles not yet in stories, or filters that match nothing. */
async function whyNoStories(store: Store, flags: { search?: string; outlet?: string; group?: string }): Promise<string> {
  const articles = await store.countArticles();
  if (!articles) return `The store is empty (${store.description}): add articles with: parallax ingest <files or URLs>`;
  const stories = await store.countStories();
  if (!stories) return `No stories yet: the store holds ${articles} article(s), none placed into a story (were they ingested with --no-stories?)`;
  return `No stories match ${describeFilters({ outlet: flags.outlet, group: flags.group, search: flags.search })} (${stories} stories in the store)`;
}

export function registerStory(program: Command): void {
  const story = program
    .command('story')
    .description('show one story: its articles, copies collapsed under their originals, who copied whom; or correct grouping')
    .argument('[id]', 'story id (a unique prefix is enough)');
  addOutputOptions(story);
  addDbOption(story);
  story.addHelpText('after', `
Corrections stick: later ingests never undo a merge or put a split-off article back.
  $ parallax story s1a2b3c4          show a story
  $ parallax story merge <a> <b>     move every article of story b into story a
  $ parallax story split <id> <article…>   move articles out into a new story

--json gives the story with its articles and reuse links as one JSON object; --format jsonl, csv
or md give its articles, one row each.`);
  story.action(async (id: string | undefined, flags: DbOptions & OutputFlags) => {
    if (!id) {
      // No id and no subcommand: an incomplete command line, so help on standard error and exit 2.
      return story.help({ error: true });
    }
    await withStore(flags, async (store) => {
      const s = await store.getStory(id);
      if (!s) throw new ParallaxError('not-found', `story: no story "${id}"; list them with: parallax stories`);
      const articles = await store.getArticles(s.articleIds);
      const reuse = await store.getReuse(s.id);
      const out = new Output(flags);
      const copyOf = new Map(reuse.filter((r) => r.copy).map((r) => [r.to, r]));
      if (out.format === 'json') {
        out.write(`${JSON.stringify({ ...s, articles: articles.map(({ text: _t, removed: _r, ...a }) => a), reuse }, null, 2)}\n`);
        out.close();
        return;
      }
      if (out.format !== 'table') {
        out.rows(
          articles,
          [
            { header: 'ID', cell: (a) => a.id },
            { header: 'OUTLET', cell: (a) => a.outlet },
            { header: 'PUBLISHED', cell: (a) => a.published?.slice(0, 10) },
            { header: 'COPY OF', cell: (a) => copyOf.get(a.id)?.from },
            { header: 'TITLE', cell: (a) => a.title ?? a.input },
          ],
          ({ text: _t, removed: _r, ...a }) => ({ ...a, copyOf: copyOf.get(a.id)?.from ?? null }),
        );
        out.close();
        return;
      }
      const print = (line = '') => out.write(`${line}\n`);
      const title = safeForTerminal(s.title);
      print(`${title}\n${'='.repeat(Math.min(80, title.length))}`);
      print(`story ${s.id} · ${articles.length} articles · ${s.firstSeen?.slice(0, 10) ?? '?'} → ${s.lastSeen?.slice(0, 10) ?? '?'}\n`);
      const byId = new Map(articles.map((a) => [a.id, a]));
      const label = (a: Article) => safeForTerminal(`${a.id}  ${(a.outlet ?? '—').padEnd(18)} ${a.published?.slice(0, 10) ?? '          '}  ${a.title ?? a.input}`);
      for (const a of articles) {
        if (copyOf.has(a.id)) continue;
        print(label(a));
        for (const [to, link] of copyOf) if (link.from === a.id) print(`   └ copy (${Math.round(link.share * 100)}% shared): ${label(byId.get(to)!)}`);
      }
      const rewrites = reuse.filter((r) => !r.copy);
      if (rewrites.length) {
        print('\nReused text (share of the later article found in the earlier one):');
        for (const r of rewrites) {
          const from = byId.get(r.from);
          const to = byId.get(r.to);
          if (!from || !to) continue;
          print(safeForTerminal(`  ${to.outlet ?? to.id} ← ${from.outlet ?? from.id}: ${Math.round(r.share * 100)}%`));
          const passage = sharedPassages(from.text, to.text, 1)[0];
          if (passage) print(safeForTerminal(`     longest shared passage (${passage.words} words): “${passage.text.slice(0, 140)}${passage.text.length > 140 ? '…' : ''}”`));
        }
      }
      out.close();
    });
  });

  // Without this, `story` takes `story merge a b --db x`'s --db for itself and merge changes ./parallax.db.
  story.enablePositionalOptions();
  const merge = story.command('merge').description('merge story <b> into story <a>').argument('<a>').argument('<b>');
  addDbOption(merge);
  merge.action(async (a: string, b: string) => {
    await withStore(dbOptionsOf(merge), async (store) => {
      const s = await mergeStories(store, a, b);
      print(`merged: story ${s.id} now has ${s.articleIds.length} articles`);
    });
  });

  const split = story.command('split').description('move articles out of a story into a new one').argument('<id>').argument('<articles...>');
  addDbOption(split);
  split.action(async (id: string, articles: string[]) => {
    await withStore(dbOptionsOf(split), async (store) => {
      const { kept, split: created } = await splitStory(store, id, articles);
      print(`split: ${created.articleIds.length} article(s) now in new story ${created.id}; ${kept.articleIds.length} left in ${kept.id}`);
    });
  });
}

/** Piles from this size on are told when reading ends and grouping begins (it takes seconds per 10,000). */
const LARGE_PILE = 1000;

export function registerCluster(program: Command): void {
  const command = program
    .command('cluster')
    .description('group the articles of some files into stories without storing anything')
    .argument('<inputs...>', 'files, folders, globs, URLs or "-"')
    .option('--max-bytes <n>', 'largest file or download accepted, in bytes; in a JSONL file, read a line at a time, the largest line (one record), so the file may be any size', wholeNumber(1), 20 * 1024 * 1024);
  addStreamOptions(command, 'an array of {id, input, story}, one per article');
  command
    .addHelpText('after', `
Examples:
  $ parallax cluster examples/eastport-flood/records.jsonl
  $ parallax cluster pile.jsonl.gz --format jsonl -o stories.jsonl`)
    .action(async (inputs: string[], flags: StreamFlags & { maxBytes: number }) => {
      let skipped = 0;
      // Progress on standard error, unless machine output goes to the terminal's standard output.
      const quiet = (flags.json || (flags.format ?? 'text') !== 'text') && !flags.output;
      const progress = createProgress({ quiet, noun: 'articles read' });
      let read = 0;
      const items = (async function* () {
        for await (const item of readInputs(inputs, { maxBytes: flags.maxBytes })) {
          if (!('error' in item)) {
            read++;
            progress.tick(item.input);
          }
          yield item;
        }
        progress.stop();
        if (!quiet && read >= LARGE_PILE) warn(`grouping ${read} articles into stories…`);
      })();
      const clustered = await clusterStream(items, (item) => {
        skipped++;
        warn(safeForTerminal(`skipped: ${item.error.message}`));
      });
      const results = new Results(flags);
      if (results.machine) {
        for (const a of clustered) results.item({ id: a.id, input: a.input, story: a.story });
      } else {
        const byStory = new Map<string, typeof clustered>();
        for (const a of clustered) {
          const members = byStory.get(a.story);
          if (members) members.push(a);
          else byStory.set(a.story, [a]);
        }
        for (const [story, members] of byStory) {
          results.text(`${story} (${members.length})`);
          for (const a of members) results.text(safeForTerminal(`  ${a.outlet ?? '—'}: ${a.title ?? a.input}`));
        }
      }
      results.close();
      endOfInputs({ done: clustered.length, skipped }, 'their reasons are listed above');
    });
}
