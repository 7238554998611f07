import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Article } from '../../core/types.ts';
import type { ArticleAnalysis } from '../../core/analysis.ts';
import { ParallaxError } from '../../core/errors.ts';
import { readInputs } from '../../ingest/index.ts';
import { analyzeArticle, analyzeStored } from '../../pipeline/analyze.ts';
import { safeForTerminal } from '../../core/chars.ts';
import { addDbOption, endOfInputs, warn, withStore, type DbOptions } from '../common.ts';
import { Results, addStreamOptions, type StreamFlags } from '../output.ts';

interface AnalyzeFlags extends DbOptions, StreamFlags {
  allowPrivate?: boolean;
}

const looksLikeInput = (ref: string) => ref === '-' || /^https?:\/\//.test(ref) || existsSync(ref) || /[*?[]/.test(ref);

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .description('read articles like an editor: entities, numbers, dates, quotes and speakers, loaded words, hedges, opinion')
    .argument('<refs...>', 'files, folders, URLs, or ids of stored articles');
  addStreamOptions(command, 'an array with one object per article: sentences, entities, quantities, dates, quotes, signals, scores');
  command
    .option('--allow-private', 'allow fetching from loopback and private network addresses');
  addDbOption(command);
  command.addHelpText('after', `
Examples:
  $ parallax analyze examples/eastport-flood/harbour-gazette.txt
  $ parallax analyze 69fd5c6a --json          (a stored article; results are cached per analyzer version)`);
  command.action(async (refs: string[], flags: AnalyzeFlags) => {
    const files = refs.filter(looksLikeInput);
    const ids = refs.filter((r) => !looksLikeInput(r));
    let shown = 0;
    let skipped = 0;
    const results = new Results(flags);
    const emit = (a: ArticleAnalysis) => {
      shown++;
      if (results.machine) results.item(a);
      else results.text(report(a).split('\n').map((l) => safeForTerminal(l)).join('\n'));
    };
    for await (const item of readInputs(files, { allowPrivate: flags.allowPrivate })) {
      if ('error' in item) {
        skipped++;
        warn(safeForTerminal(`skipped: ${item.error.message}`));
        continue;
      }
      const d = item.draft;
      emit(analyzeArticle({ ...d, id: d.externalId ?? null } as never));
    }
    if (ids.length) {
      await withStore(flags, async (store) => {
        const articles: Article[] = [];
        for (const id of ids) {
          const article = await store.getArticle(id);
          if (article) articles.push(article);
          else {
            skipped++;
            warn(`skipped: "${id}" is neither a readable path nor a stored article id (list ids with: parallax articles)`);
          }
        }
        // One call, so a long list is analysed on worker threads.
        const results = await analyzeStored(store, articles);
        for (const article of articles) emit({ ...results.get(article.id)!, input: article.id, id: article.externalId ?? article.id });
      });
    }
    results.close();
    if (!shown) throw new ParallaxError('bad-input', 'analyze: nothing could be analysed; check the paths or ids above');
    endOfInputs({ done: shown, skipped }, 'their reasons are listed above');
  });
}

function report(a: ArticleAnalysis): string {
  const lines: string[] = [];
  const s = a.scores;
  lines.push(`${a.title ?? a.input}`, '-'.repeat(Math.min(80, (a.title ?? a.input).length)));
  lines.push(
    `words ${s.words} · loaded ${s.loadedPer1k}/1k · hedges ${s.hedgesPer1k}/1k · opinion ${(s.opinionShare * 100).toFixed(0)}% of sentences · attributed ${(s.attributedShare * 100).toFixed(0)}%`,
  );
  lines.push('', 'Entities:');
  for (const e of a.entities.slice(0, 25)) {
    lines.push(`  ${e.name} (${e.type}, ${e.mentions.length}×)${e.aliases.length ? ` — also: ${e.aliases.join(', ')}` : ''}`);
  }
  if (a.quotes.length) {
    lines.push('', 'Quotes:');
    for (const q of a.quotes) {
      lines.push(`  ${q.direct ? '' : '(indirect) '}${q.speaker ?? '(speaker not found)'}${q.speakerFor ? ` (${q.speakerFor})` : ''}${q.cue ? ` [${q.cue}]` : ''}: ${clip(q.text, 150)}`);
    }
  }
  if (a.quantities.length) {
    lines.push('', 'Numbers:');
    for (const q of a.quantities) {
      const range = q.min !== null && q.max !== null && q.min !== q.max ? `${q.min}–${q.max}` : q.min === null ? `≤ ${q.max}` : q.max === null ? `≥ ${q.min}` : `${q.value}`;
      lines.push(`  "${q.text}" = ${range}${q.approx ? ' (approx.)' : ''}${q.unit ? ` ${q.unit}` : ''}${q.about ? ` — ${q.about}` : ''}`);
    }
  }
  if (a.dates.length) {
    lines.push('', 'Dates:');
    for (const d of a.dates) lines.push(`  "${d.text}" → ${d.date}`);
  }
  if (a.signals.length) {
    lines.push('', 'Language signals:');
    const byCategory = new Map<string, string[]>();
    for (const sig of a.signals) byCategory.set(sig.category, [...(byCategory.get(sig.category) ?? []), sig.text]);
    for (const [cat, words] of byCategory) lines.push(`  ${cat}: ${[...new Set(words.map((w) => w.toLowerCase()))].join(', ')}`);
  }
  const opinions = a.sentences.filter((x) => x.opinion);
  if (opinions.length) {
    lines.push('', `Opinion sentences (${opinions.length}):`);
    for (const o of opinions) lines.push(`  • ${clip(o.text, 160)}`);
  }
  return `${lines.join('\n')}\n`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
