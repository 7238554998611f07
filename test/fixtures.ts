/**
 * Fixture cases for the heuristic stages: one folder per case, its input beside the output a
 * person checked once (`expected.json`), run by one table-driven test (test/fixtures.test.ts).
 *
 * - Quotes: `src/analyze/quotes/fixtures/<slug>/input.txt` → every quote found, with its speaker
 *   and whether it is direct.
 * - Comparison: `src/compare/fixtures/<slug>/<outlet>.txt` (two or more; the file name is the
 *   outlet) → the facts two or more outlets share, the omissions claimed, the figures in conflict
 *   and the quotes that appear in two or more outlets.
 *
 * Only what a reader of the report would notice is kept, not every field: a change in a score
 * or an id does not break a case, a change in who said what or who is accused of leaving what out
 * does.
 *
 * A new case: make its folder and input, then
 *   npm run fixture -- src/compare/fixtures/<slug>
 * writes `expected.json` from what the code finds today. Read it before committing: the file is
 * what the test will hold the code to.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeArticle } from '../src/pipeline/analyze.ts';
import { compareTexts } from '../src/pipeline/compare.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface FixtureKind {
  /** Folder of the cases, from the repository root. */
  folder: string;
  /** What the stage makes of the case's folder, reduced to what a reader notices. */
  run(dir: string): unknown;
}

export const FIXTURE_KINDS: Record<'quotes' | 'compare', FixtureKind> = {
  quotes: {
    folder: 'src/analyze/quotes/fixtures',
    run(dir) {
      const text = readFileSync(path.join(dir, 'input.txt'), 'utf8');
      return analyzeArticle({ text, title: null, published: null, input: 'input.txt', externalId: null, id: 'input' }).quotes.map((q) => ({ text: q.text, speaker: q.speaker, direct: q.direct }));
    },
  },
  compare: {
    folder: 'src/compare/fixtures',
    run(dir) {
      const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      const c = compareTexts(files.map((f) => ({ id: f, input: f, outlet: f.replace(/\.txt$/, ''), title: null, published: null, text: readFileSync(path.join(dir, f), 'utf8') })));
      const textOf = new Map(c.facts.map((f) => [f.id, f.text]));
      return {
        shared: c.facts.filter((f) => f.sources.length >= 2 && !f.detailOf).map((f) => ({ text: f.text, sources: f.sources })),
        omissions: c.omissions.filter((o) => o.facts.length).map((o) => ({ source: o.source, leavesOut: o.facts.map((id) => textOf.get(id)) })),
        conflicts: c.conflicts.filter((n) => !n.consistent).map((n) => ({ about: n.about, values: n.values.map((v) => ({ source: v.source, text: v.text })) })),
        quotes: c.quotes.filter((q) => q.sources.length >= 2).map((q) => ({ speaker: q.speaker, sources: q.sources, flags: q.flags ?? [] })),
      };
    },
  },
};

/** Every case of a kind: its slug and folder. */
export function fixtureCases(kind: FixtureKind): { slug: string; dir: string }[] {
  const base = path.join(root, kind.folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ slug: e.name, dir: path.join(base, e.name) }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** The kind a case folder belongs to, by where it is. */
export function kindOf(dir: string): FixtureKind | null {
  const rel = path.relative(root, path.resolve(dir)).split(path.sep).join('/');
  return Object.values(FIXTURE_KINDS).find((k) => rel.startsWith(`${k.folder}/`)) ?? null;
}

/** `npm run fixture -- <case folder>…`: writes each case's expected.json from today's output. */
async function main(args: string[]): Promise<void> {
  if (!args.length || args.includes('--help')) {
    console.log(`usage: npm run fixture -- <case folder>...\n\nWrites <case folder>/expected.json from what the code finds today, for a person to check once.\nCase folders live in ${Object.values(FIXTURE_KINDS)
      .map((k) => `${k.folder}/<slug>`)
      .join(' and ')}.`);
    return;
  }
  for (const dir of args) {
    const kind = kindOf(dir);
    if (!kind) {
      console.error(`fixture: ${dir} is not a case folder; make it in ${Object.values(FIXTURE_KINDS)
        .map((k) => k.folder)
        .join(' or ')}`);
      process.exitCode = 1;
      continue;
    }
    const file = path.join(dir, 'expected.json');
    writeFileSync(file, `${JSON.stringify(kind.run(dir), null, 2)}\n`);
    console.log(`fixture: wrote ${path.relative(process.cwd(), file)}; read it before committing`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
