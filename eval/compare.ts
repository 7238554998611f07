/**
 * `npm run eval -- compare [--write DIR] [--explain FILE] [--set option=value ...]`: the comparison on real events annotated
 * fact by fact (../shared/data/compare, articles from basil/articles.jsonl with their outlet),
 * scored by the data's own scorer, ../shared/eval/score_compare.py: cross-outlet sentence pairs,
 * omission precision and recall, coverage cells, brief citations, number conflicts. Prints the
 * per-event table and the totals beside the TF-IDF baseline the data's README gives. `--set` runs
 * the comparison with one of its options changed (CompareOptions: factThreshold, omissionThreshold,
 * omissionConfidence, consensusShare), to see what a threshold trades.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CompareOptions } from '../src/compare/index.ts';
import { compareTexts } from '../src/pipeline/compare.ts';
import { dataDir, missing, pythonMissing, readJsonl, runScorer, scorerPath } from './common.ts';
import type { EvalResult } from './index.ts';

interface GoldEvent {
  story: string;
  articles: { id: string; outlet: string; title: string }[];
}
interface BasilArticle {
  id: string;
  title: string;
  text: string;
  outlet: string;
  published: string | null;
  url: string | null;
}

/** The scorer's metrics this evaluation reports and gates (names as score_compare.py prints them). */
const METRICS = ['pair_precision', 'pair_recall', 'pair_f1', 'omission_precision', 'omission_recall', 'coverage_accuracy', 'brief_citation_precision', 'conflict_precision', 'conflict_recall', 'gold_facts_aligned'];

/** The anchor the data's README gives (scikit-learn TF-IDF cosine, threshold tuned on these events). */
const BASELINE: Record<string, number> = { pair_precision: 0.32, pair_recall: 0.32, pair_f1: 0.32, omission_precision: 0.48, omission_recall: 0.26, coverage_accuracy: 0.8, brief_citation_precision: 0.9 };

export async function run(args: string[]): Promise<EvalResult> {
  const goldDir = dataDir('compare');
  const articlesFile = dataDir('basil', 'articles.jsonl');
  const scorer = scorerPath('score_compare.py');
  const absent = missing(goldDir, articlesFile, scorer);
  if (absent) return { name: 'compare', skipped: absent, metrics: {} };
  const noPython = pythonMissing(scorer);
  if (noPython) return { name: 'compare', skipped: noPython, metrics: {} };

  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const write = at('--write');
  const explain = at('--explain');
  const out = write ? path.resolve(write) : mkdtempSync(path.join(tmpdir(), 'parallax-compare-'));
  mkdirSync(out, { recursive: true });

  const options: CompareOptions = {};
  args.forEach((arg, i) => {
    if (arg !== '--set') return;
    const [key, value] = (args[i + 1] ?? '').split('=');
    const allowed = ['factThreshold', 'omissionThreshold', 'omissionConfidence', 'consensusShare'] as const;
    const known = allowed.find((k) => k === key);
    if (!known || value === undefined || !Number.isFinite(Number(value))) throw new Error(`eval compare: --set takes option=number with option one of ${allowed.join(', ')}, not "${args[i + 1] ?? ''}"`);
    options[known] = Number(value);
  });
  const articles = new Map(readJsonl<BasilArticle>(articlesFile).map((a) => [a.id, a]));
  const events = readdirSync(goldDir).filter((f) => f.endsWith('.json')).sort();
  let slowest = 0;
  for (const file of events) {
    const gold = JSON.parse(readFileSync(path.join(goldDir, file), 'utf8')) as GoldEvent;
    const items = gold.articles.map((g) => {
      const a = articles.get(g.id);
      if (!a) throw new Error(`eval compare: ${file} names article ${g.id}, which ${articlesFile} does not hold`);
      return { id: a.id, input: a.id, outlet: a.outlet, title: a.title, published: a.published, text: a.text };
    });
    const started = performance.now();
    const comparison = compareTexts(items, options);
    slowest = Math.max(slowest, performance.now() - started);
    writeFileSync(path.join(out, `${gold.story}.json`), JSON.stringify(comparison));
  }

  let scored: ReturnType<typeof runScorer>;
  try {
    scored = runScorer(scorer, [goldDir, out, ...(explain ? ['--explain', path.resolve(explain)] : [])], 'compare');
  } finally {
    if (!write) rmSync(out, { recursive: true, force: true });
  }
  const totals = scored.summary as Record<string, number>;
  console.log(scored.lines.join('\n'));
  console.log(`\n${events.length} events; slowest comparison ${slowest.toFixed(0)} ms${write ? `; predictions in ${out}` : ''}`);
  console.log(`${'metric'.padEnd(26)}${'Parallax'.padStart(10)}${'TF-IDF'.padStart(10)}`);
  const metrics: Record<string, number> = {};
  for (const name of METRICS) {
    const value = totals[name];
    if (typeof value !== 'number') continue;
    metrics[name] = value;
    console.log(`${name.padEnd(26)}${value.toFixed(3).padStart(10)}${(BASELINE[name]?.toFixed(3) ?? '—').padStart(10)}`);
  }
  return { name: 'compare', metrics };
}
