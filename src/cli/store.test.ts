import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { storyIdFor } from '../pipeline/stories.ts';

const examples = path.resolve(import.meta.dirname, '../../examples');

/** Runs the CLI in-process and captures what it prints. */
const run = (...args: string[]) => runCli(args);

let tmp: string;
let db: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-cli-store-'));
  db = path.join(tmp, 'flood.db');
  const r = await run('ingest', examples, '--outlets', path.join(examples, 'outlets.yaml'), '--db', db);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('commands that only read refuse a store that is not there', () => {
  const reads: [string, string[]][] = [
    ['articles', ['articles']],
    ['stories', ['stories']],
    ['show', ['show', 'abc123']],
    ['story', ['story', 's123']],
    ['compare <id>', ['compare', 's123']],
    ['analyze <id>', ['analyze', 'abc123']],
    ['story merge', ['story', 'merge', 's1', 's2']],
  ];
  it.each(reads)('%s with a mistyped --db names the path, says what to do, and creates nothing', async (_name, args) => {
    const missing = path.join(tmp, 'typo.db');
    const r = await run(...args, '--db', missing);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`no store at "${missing}"`);
    expect(r.err).toContain('parallax ingest');
    expect(r.out).toBe('');
    expect(existsSync(missing)).toBe(false);
  });
});

describe('an empty list says why it is empty', () => {
  it('stories: an outlet that matches nothing is named, not reported as "no stories yet"', async () => {
    const r = await run('stories', '--db', db, '--outlet', 'Nope Gazette');
    expect(r.code).toBe(0);
    expect(r.out).toContain('No stories match outlet "Nope Gazette"');
    expect(r.out).toContain('2 stories in the store');
  });

  it('stories --json: standard output stays an empty list, the reason goes to standard error', async () => {
    const r = await run('stories', '--db', db, '--search', 'zeppelin', '--json');
    expect(JSON.parse(r.out)).toEqual([]);
    expect(r.err).toContain('No stories match search "zeppelin"');
  });

  it('articles: a filter that matches nothing, and an offset past the end, each say so', async () => {
    expect((await run('articles', '--db', db, '--outlet', 'Nope Gazette')).out).toContain('No articles match outlet "Nope Gazette"');
    expect((await run('articles', '--db', db, '--offset', '500')).out).toContain('No articles past --offset 500: 8 match');
  });

  it('a store that exists but holds no articles is called empty and points at ingest', async () => {
    const empty = path.join(tmp, 'empty.db');
    // An ingest that reads nothing still creates the store it was pointed at.
    expect((await run('ingest', path.join(tmp, 'nothing-here.txt'), '--db', empty)).code).toBe(1);
    for (const command of ['stories', 'articles']) {
      const r = await run(command, '--db', empty);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^The store is empty \(sqlite:.*empty\.db\): add articles with: parallax ingest/);
    }
  });
});

describe('usage errors exit 2, runtime failures 1', () => {
  it('--limit abc names the option and the value instead of a database error', async () => {
    for (const [command, flag, value] of [
      ['stories', '--limit', 'abc'],
      ['articles', '--limit', '0'],
      ['articles', '--offset', '-3'],
      ['serve', '--port', 'http'],
      ['serve', '--max-upload', '5MB'],
    ] as const) {
      const r = await run(command, '--db', db, flag, value);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`option '${flag} <[a-z]+>' argument '${value}' is invalid. Expected a whole number`));
      expect(r.err).not.toContain('datatype mismatch');
    }
  });

  it('an unknown option, a missing argument or no command at all is a usage error', async () => {
    expect((await run('stories', '--db', db, '--outlett', 'X')).code).toBe(2);
    expect((await run('show', '--db', db)).code).toBe(2);
    expect((await run('story', '--db', db)).code).toBe(2);
    expect((await run()).code).toBe(2);
    const port = await run('serve', '--db', db, '--port', '70000');
    expect(port.code).toBe(2);
    expect(port.err).toContain('is not a port');
  });

  it('help asked for exits 0; an id that is not there is a runtime failure', async () => {
    expect((await run('help')).code).toBe(0);
    expect((await run('stories', '--help')).code).toBe(0);
    const r = await run('show', 'ffffffffffff', '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no article with id "ffffffffffff"');
  });
});

describe('story merge and split change the store --db names', () => {
  const storiesIn = async (store: string) => {
    const r = await run('stories', '--json', '--db', store);
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as { id: string; articleIds: string[] }[];
  };

  it('--db wins over PARALLAX_DB, after the subcommand or before it', async () => {
    // Two copies of one store, so every story id exists in both: the wrong one would take the change.
    const mine = path.join(tmp, 'mine.db');
    const fallback = path.join(tmp, 'fallback.db');
    await copyFile(db, mine);
    await copyFile(db, fallback);
    const before = await storiesIn(fallback);
    const [flood, ferry] = before;
    vi.stubEnv('PARALLAX_DB', fallback);
    try {
      const merged = await run('story', 'merge', flood!.id, ferry!.id, '--db', mine);
      expect(merged.out).toContain(`merged: story ${flood!.id} now has 8 articles`);
      expect((await storiesIn(mine)).map((s) => s.id)).toEqual([flood!.id]);

      const moved = ferry!.articleIds[0]!;
      const split = await run('story', '--db', mine, 'split', flood!.id, moved);
      expect(split.out).toContain('split: 1 article(s) now in new story');
      const after = await storiesIn(mine);
      expect(after.map((s) => s.articleIds.length).sort()).toEqual([1, 7]);
      expect(after.find((s) => s.id !== flood!.id)!.articleIds).toEqual([moved]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(await storiesIn(fallback)).toEqual(before);
  });
});

describe('story output', () => {
  it('--json is the story as one object; --format csv its articles, one row each', async () => {
    const stories = JSON.parse((await run('stories', '--json', '--db', db)).out) as { id: string; articleIds: string[] }[];
    const story = stories.find((s) => s.articleIds.length > 1)!;
    const json = JSON.parse((await run('story', story.id, '--json', '--db', db)).out) as { id: string; articles: { id: string }[] };
    expect(json.id).toBe(story.id);
    expect(json.articles.map((a) => a.id).sort()).toEqual([...story.articleIds].sort());
    const csv = (await run('story', story.id, '--format', 'csv', '--db', db)).out.trim().split('\r\n');
    expect(csv[0]).toBe('ID,OUTLET,PUBLISHED,COPY OF,TITLE');
    expect(csv).toHaveLength(story.articleIds.length + 1);
  });

  it('compare <id> --format csv is the story\'s fact matrix, one column per outlet; --format markdown is headed by its title', async () => {
    const stories = JSON.parse((await run('stories', '--json', '--db', db)).out) as { id: string; title: string; articleIds: string[] }[];
    const story = stories.find((s) => s.articleIds.length === 6)!;
    const csv = await run('compare', story.id, '--format', 'csv', '--db', db);
    expect(csv.code).toBe(0);
    const header = csv.out.split('\r\n')[0]!.split(',');
    expect(header.slice(0, 4)).toEqual(['fact', 'text', 'sources', 'left out by']);
    expect(header.slice(4)).toHaveLength(6);
    expect(header).toContain('Valley Times');
    const md = await run('compare', story.id, '--format', 'markdown', '--db', db);
    expect(md.out.startsWith(`# Story comparison: ${story.title}\n`)).toBe(true);
  }, 60_000);
});

describe('cluster takes piles of any size (issue 20, item 4)', () => {
  it('--max-bytes caps each line of a JSONL pile, not the pile: lines under it are all read, into the same stories; a line over it is skipped by file:LINE', async () => {
    const records = (await Promise.all(['ferry-strike', 'eastport-flood'].map((d) => readFile(path.join(examples, d, 'records.jsonl'), 'utf8')))).join('').trim().split('\n');
    const longest = Math.max(...records.map((r) => Buffer.byteLength(r)));
    const pile = path.join(tmp, 'pile.jsonl');
    await writeFile(pile, `${records.join('\n')}\n${JSON.stringify({ id: 'huge', text: 'A very long report. '.repeat(longest) })}\n`);
    const r = await run('cluster', pile, '--max-bytes', String(longest), '--format', 'json');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`line 5 of ${pile} is over the ${longest}-byte limit; raise --max-bytes`);
    const out = JSON.parse(r.out) as { id: string; input: string; story: string }[];
    // The stories of the two examples, named as before: after their first article and its input.
    expect(out).toEqual([
      { id: 'fs-1', input: `${pile}:1`, story: storyIdFor(`fs-1|${pile}:1`) },
      { id: 'fs-2', input: `${pile}:2`, story: storyIdFor(`fs-1|${pile}:1`) },
      { id: 'pl-2025-0402-17', input: `${pile}:3`, story: storyIdFor(`pl-2025-0402-17|${pile}:3`) },
      { id: 'er-0402-flood', input: `${pile}:4`, story: storyIdFor(`pl-2025-0402-17|${pile}:3`) },
    ]);
  });

  it('tells how reading goes and when grouping starts on standard error, but not over JSON on the terminal', async () => {
    const pile = path.join(tmp, 'thousand.jsonl');
    const places = ['Eastport', 'Skerry', 'Wellam', 'Ostrand', 'Grefsen'];
    await writeFile(pile, Array.from({ length: 1000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Report ${i} from ${places[i % 5]}: the council met on day ${i} to discuss the ${i % 7 ? 'harbour' : 'ferry'} budget.` })).join('\n'));
    const toFile = await run('cluster', pile, '--format', 'jsonl', '-o', path.join(tmp, 'thousand-stories.jsonl'));
    expect(toFile.code).toBe(0);
    expect(toFile.err).toContain('… 100 articles read');
    expect(toFile.err).toContain('grouping 1000 articles into stories…');
    const toTerminal = await run('cluster', pile, '--format', 'jsonl');
    expect(toTerminal.err).toBe('');
    expect(toTerminal.out.trim().split('\n')).toHaveLength(1000);
  });

  it('--max-bytes says it is per file, or per record for JSONL', async () => {
    const help = (await run('cluster', '--help')).out.replace(/\s+/g, ' ');
    expect(help).toContain('largest file or download accepted, in bytes; in a JSONL file, read a line at a time, the largest line (one record)');
    expect(help).not.toContain('25 MB');
  });
});
