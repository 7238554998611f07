import type { ComparisonDetail } from '../core/analysis.ts';
import { wordDiff } from '../text/diff.ts';
import type { Comparison, Fact, OmissionEvidence } from '../core/analysis.ts';
import { safeForTerminal } from '../core/chars.ts';

/** The JSON contract of `compare --format json` (and of the HTTP API). */
export function toJson(c: ComparisonDetail): Comparison & Partial<ComparisonDetail> {
  return c;
}

/**
 * What the Markdown and CSV reports read of a comparison: a ComparisonDetail, or the HTTP API's
 * copy of one (whose facts' links leave out the per-measure breakdown, which these never show).
 */
export type ReportComparison = Omit<ComparisonDetail, 'facts'> & { facts: Omit<Fact, 'links'>[] };

const pctOf = (x: number) => `${Math.round(x * 100)}%`;
const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Words in lines of at most `width` characters (a longer word gets a line to itself). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface TerminalOptions {
  /** Columns the coverage table and the one-outlet facts must fit in (default 100). */
  width?: number;
  /** Facts listed per outlet under "only in X" before "… N more" (default 8). */
  uniquePerOutlet?: number;
  /** Styles headings (bold on a terminal that takes colour); applied after the text is made safe. */
  heading?: (s: string) => string;
  /** Add why each fact's sentences were linked: shared words with their weights, names, figures, verbatim runs, words matched by meaning, the model's measures. */
  explain?: boolean;
}

/**
 * Plain text for a terminal: the brief, coverage, what only one outlet reports, numbers, quotes,
 * framing, reuse. Every line goes through safeForTerminal: titles, outlet names and sentences
 * come from the articles, and an escape sequence in one must not reach the reader's terminal.
 */
export function renderTerminal(c: ComparisonDetail, options: TerminalOptions = {}): string {
  const width = Math.max(40, options.width ?? 100);
  const perOutlet = options.uniquePerOutlet ?? 8;
  const out: string[] = [];
  const headings = new Set<number>();
  const heading = (s: string) => {
    headings.add(out.length + 1);
    out.push('', s);
  };
  const fit = (s: string, room: number) => clip(s.replace(/\s+/g, ' '), Math.max(20, room));
  // Sources are numbered so the coverage table takes three columns per source, however long the outlet names.
  const key = new Map(c.sources.map((s, i) => [s.id, String(i + 1)]));
  out.push(`Comparing ${c.sources.length} articles`);
  for (const s of c.sources) out.push(`  ${key.get(s.id)!.padStart(2)}  ${s.id}: ${s.title ?? s.input}${s.published ? ` (${s.published.slice(0, 10)})` : ''}`);
  heading('BRIEF (every sentence cites the outlets behind it)');
  for (const b of c.brief) out.push(`  • ${b.text} [${b.sources.join(', ')}]`);

  heading(`COVERAGE: ${c.facts.length} facts · ${c.consensus.length} reported by most outlets · ${c.unique.length} by one only`);
  const idWidth = Math.max(4, ...c.facts.map((f) => f.id.length));
  const cols = c.sources.map((s) => key.get(s.id)!.padEnd(2));
  const lead = 2 + idWidth + 1 + cols.length * 3 + 1;
  out.push(`  ${'fact'.padEnd(idWidth)} ${cols.join(' ')}  text`);
  for (const f of c.facts.filter((x) => x.sources.length > 1)) {
    out.push(`  ${f.id.padEnd(idWidth)} ${c.sources.map((s) => (f.sources.includes(s.id) ? '●' : '·').padEnd(2)).join(' ')}  ${fit(factLabel(f), width - lead - 1)}`);
  }
  heading('LEFT OUT (checked against everything each outlet says)');
  let anyChecked = false;
  for (const o of c.omissions) {
    for (const ev of o.evidence ?? o.facts.map((fact) => ({ fact, leaves: 'fact' as const, closest: null, score: 0 }))) {
      anyChecked = true;
      const fact = c.facts.find((f) => f.id === ev.fact);
      const verdict = omissionVerdict(ev, fact);
      out.push(`  ${o.source} ${verdict}: ${fit(fact?.text ?? '', width - 30)}`);
      if (ev.closest) out.push(`      closest in ${o.source} (${ev.score.toFixed(2)}): ${fit(ev.closest, width - 30)}`);
      const nearest = nearestNote(ev, (n) => `      nearest to ${n.source}: ${fit(n.text, width - 30)}`);
      if (nearest) out.push(nearest);
    }
  }
  if (!anyChecked) out.push('  no outlet leaves out a fact most others report');

  // What one outlet alone reports: the scoop, or the detail the others left out.
  const byId = new Map(c.facts.map((f) => [f.id, f]));
  const uniqueOf = new Map<string, string[]>();
  for (const id of c.unique) {
    const f = byId.get(id);
    if (f) uniqueOf.set(f.sources[0]!, [...(uniqueOf.get(f.sources[0]!) ?? []), f.text]);
  }
  if (uniqueOf.size) {
    heading(`REPORTED BY ONE OUTLET ONLY: ${c.unique.length} facts`);
    for (const s of c.sources) {
      const facts = uniqueOf.get(s.id);
      if (!facts) continue;
      out.push(`  only in ${s.id} (${facts.length}):`);
      // Wrapped, not cut: these sentences are the point of the section.
      for (const text of facts.slice(0, perOutlet)) out.push(...wrap(text.replace(/\s+/g, ' '), width - 6).map((l, i) => `${i ? '      ' : '    • '}${l}`));
      if (facts.length > perOutlet) out.push(`    … ${facts.length - perOutlet} more (all of them: --format html)`);
    }
  }

  heading('NUMBERS');
  for (const n of c.numbers.filter((x) => x.values.length > 1)) {
    out.push(`  ${n.about}: ${n.consistent ? 'consistent' : 'CONFLICT'}${n.note ? ` — ${n.note}` : ''}`);
    for (const v of n.values) out.push(`     ${v.source}: “${v.text}” — ${clip(v.sentence ?? '', 110)}`);
  }
  // A lone figure that says nothing of what it counts ("stacked four high") is not worth a line.
  const single = c.numbers.filter((x) => x.values.length === 1 && x.about !== x.values[0]!.text);
  if (single.length) out.push(`  only one outlet gives: ${single.map((n) => `${n.values[0]!.text} ${n.about} (${n.values[0]!.source})`).join('; ')}`);

  heading('QUOTES');
  for (const q of c.quotes) {
    out.push(`  ${q.speaker ?? '(speaker not named)'} — ${q.sources.join(', ')}${q.flags?.length ? ` [${q.flags.join(', ')}]` : ''}`);
    const base = q.variants[0]!.text;
    for (const v of q.variants) {
      const marked = v === q.variants[0] ? v.text : wordDiff(base, v.text).map((t) => (t.op === 'same' ? t.text : t.op === 'added' ? `+{${t.text}}` : `-{${t.text}}`)).join(' ');
      out.push(`     ${v.source}: ${clip(marked, 200)}`);
    }
  }

  heading('FRAMING');
  for (const f of c.framing) {
    const s = f.scores;
    out.push(`  ${f.source}: loaded ${s.loadedPer1k}/1k · hedges ${s.hedgesPer1k}/1k · opinion ${pctOf(s.opinionShare)} · attributed ${pctOf(s.attributedShare)}`);
    if (f.voices.length) out.push(`     voices: ${f.voices.map((v) => `${v.speaker} (${v.role}, ${v.quotes})`).join(', ')}`);
    if (f.labels.length) out.push(`     words for people: ${f.labels.slice(0, 8).map((l) => l.text).join(', ')}`);
    if (f.loaded.length) out.push(`     loaded: ${f.loaded.slice(0, 12).join(', ')}`);
  }
  if (c.reuse.length) {
    heading('REUSE (share of the later article found in the earlier one)');
    for (const r of c.reuse) out.push(`  ${r.to} ← ${r.from}: ${pctOf(r.share)}`);
  }
  if (options.explain) {
    heading('WHY THESE SENTENCES ARE ONE FACT (link probability; closeness of meaning; what the sentences share)');
    for (const f of c.facts.filter((x) => x.links?.length)) {
      out.push(`  ${f.id} (confidence ${(f.confidence ?? 1).toFixed(2)}): ${fit(f.text, width - 24)}`);
      for (const l of f.links!) {
        const shared = [
          l.words.length ? `words ${l.words.map((w) => `${w.word} ${w.weight.toFixed(1)}`).join(', ')}` : '',
          l.names.length ? `names ${l.names.join(', ')}` : '',
          l.numbers.length ? `figures ${l.numbers.join(', ')}` : '',
          l.verbatim ? `verbatim “${l.verbatim}”` : '',
          l.aligned?.length ? `by meaning ${l.aligned.map((a) => `${a.word} → ${a.to} ${a.similarity.toFixed(2)}`).join(', ')}` : '',
        ].filter(Boolean);
        const meaning = l.sameMeaning >= 0.5 ? 'the same meaning' : 'overlapping';
        // A link joins an outlet's sentence to the one that states the fact (compare: facts[].links).
        out.push(`    ${l.sources[0]} → ${l.sources[1]}  ${l.probability.toFixed(2)} · closeness ${l.closeness.toFixed(1)} of 5, ${meaning}  ${shared.join('; ')}`);
        const top = [...l.measures].sort((a, b) => Math.abs(b.adds) - Math.abs(a.adds)).slice(0, 4);
        out.push(`      weighs most: ${top.map((m) => `${m.name} ${m.adds >= 0 ? '+' : ''}${m.adds.toFixed(2)}`).join(', ')}`);
      }
    }
  }
  const style = options.heading ?? ((h: string) => h);
  return `${out.map((line, i) => (headings.has(i) ? style(safeForTerminal(line)) : safeForTerminal(line))).join('\n')}\n`;
}

export interface MarkdownOptions {
  /** The story's title, for the heading ("Story comparison: <title>"). */
  title?: string | null;
}

/**
 * Markdown for a report file: the sources, the brief with each line's sources, the outlet × fact
 * matrix, what each outlet leaves out (the fact's text and the outlet's closest sentence), what one
 * outlet alone reports, numbers with their sentences, quotes with each outlet's wording, framing, reuse.
 */
export function renderMarkdown(c: ReportComparison, options: MarkdownOptions = {}): string {
  // Escapes what Markdown would read as markup; a line break would end a table row or a list item.
  const md = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
  const factText = new Map(c.facts.map((f) => [f.id, f.text]));
  const out: string[] = [options.title ? `# Story comparison: ${md(options.title)}` : '# Story comparison', ''];
  out.push('| source | title | published | loaded /1k | hedges /1k | opinion | attributed |', '|---|---|---|---|---|---|---|');
  for (const s of c.sources) {
    out.push(`| ${md(s.id)} | ${md(s.title ?? s.input)} | ${s.published?.slice(0, 10) ?? '—'} | ${s.scores.loadedPer1k} | ${s.scores.hedgesPer1k} | ${pctOf(s.scores.opinionShare)} | ${pctOf(s.scores.attributedShare)} |`);
  }
  out.push('', '## Brief', '');
  for (const b of c.brief) out.push(`- ${md(b.text)} — *${b.sources.map(md).join(', ')}*`);
  out.push('', '## Coverage', '', `| fact | ${c.sources.map((s) => md(s.id)).join(' | ')} | text |`, `|---|${c.sources.map(() => ':-:').join('|')}|---|`);
  for (const f of c.facts.filter((x) => x.sources.length > 1)) {
    out.push(`| ${f.id} | ${c.sources.map((s) => (f.sources.includes(s.id) ? '●' : '')).join(' | ')} | ${md(clip(factLabel(f), 160))} |`);
  }
  out.push('', '### Omissions', '');
  for (const o of c.omissions) {
    out.push(`- **${md(o.source)}** leaves out: ${o.facts.length ? o.facts.join(', ') : 'nothing most others report'}`);
    const checked = new Set((o.evidence ?? []).map((ev) => ev.fact));
    // Facts left out without evidence (an older comparison) are named by their text here.
    for (const fact of o.facts.filter((f) => !checked.has(f))) out.push(`  - leaves out ${fact} (“${md(clip(factText.get(fact) ?? '', 200))}”)`);
    for (const ev of o.evidence ?? []) {
      const claim = omissionVerdict(ev, c.facts.find((f) => f.id === ev.fact));
      out.push(`  - ${claim} (“${md(clip(factText.get(ev.fact) ?? '', 200))}”); closest in ${md(o.source)} (${ev.score.toFixed(2)}): ${ev.closest ? md(clip(ev.closest, 200)) : '—'}${nearestNote(ev, (n) => `, nearest to ${md(n.source)}: ${md(clip(n.text, 200))}`)}`);
    }
  }
  out.push('', '### Reported by one outlet only', '');
  for (const id of c.unique.slice(0, 40)) {
    const f = c.facts.find((x) => x.id === id)!;
    out.push(`- *${md(f.sources[0]!)}*: ${md(clip(f.text, 200))}`);
  }
  out.push('', '## Numbers', '');
  for (const n of c.numbers.filter((x) => x.values.length > 1)) {
    out.push(`- **${md(n.about)}** — ${n.consistent ? 'consistent' : '**conflict**'}${n.note ? ` (${md(n.note)})` : ''}`);
    for (const v of n.values) out.push(`  - ${md(v.source)}: “${md(v.text)}” — ${md(clip(v.sentence ?? '', 160))}`);
  }
  out.push('', '## Quotes', '');
  for (const q of c.quotes) {
    out.push(`- **${md(q.speaker ?? 'speaker not named')}** (${q.sources.map(md).join(', ')})${q.flags?.length ? ` — ${q.flags.join(', ')}` : ''}`);
    // An outlet that gives the words to someone else says so.
    const givenTo = (v: (typeof q.variants)[number]) => (v.speaker !== undefined && v.speaker !== q.speaker ? ` (gives it to ${md(v.speaker ?? 'no one named')})` : '');
    for (const v of q.variants) out.push(`  - ${md(v.source)}${givenTo(v)}: ${md(v.text)}`);
  }
  out.push('', '## Framing', '');
  for (const f of c.framing) {
    out.push(`- **${md(f.source)}**: voices ${f.voices.map((v) => `${md(v.speaker)} (${v.role})`).join(', ') || 'none quoted'}; words for people: ${f.labels.slice(0, 8).map((l) => md(l.text)).join(', ') || '—'}; loaded: ${f.loaded.slice(0, 10).map(md).join(', ') || '—'}`);
  }
  if (c.reuse.length) {
    out.push('', '## Reuse', '');
    for (const r of c.reuse) out.push(`- ${md(r.to)} reuses ${pctOf(r.share)} of its text from ${md(r.from)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Escapes text for HTML element content and attribute values. Article text is untrusted. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * One self-contained HTML file: inline CSS, no script, no network. Every piece of article text
 * goes through escapeHtml; a restrictive Content-Security-Policy meta tag forbids scripts anyway.
 */
export function renderHtml(c: ComparisonDetail): string {
  const e = escapeHtml;
  const factOf = new Map<string, string>();
  for (const f of c.facts) for (const s of f.support) factOf.set(`${s.source}\u0000${s.text}`, f.id);
  const cols = c.sources
    .map((s) => {
      const facts = c.facts.filter((f) => f.sources.includes(s.id));
      const sentences = facts
        .map((f) => {
          const support = f.support.find((x) => x.source === s.id)!;
          const cls = f.sources.length === 1 ? 'unique' : c.consensus.includes(f.id) ? 'consensus' : 'shared';
          return `<p class="${cls}" id="${e(`${s.id}-${f.id}`)}"><a class="tag" href="#fact-${e(f.id)}">${e(f.id)}</a> ${e(support.text)}</p>`;
        })
        .join('');
      const omitted = c.omissions.find((o) => o.source === s.id)?.facts ?? [];
      return `<section class="col"><h3>${e(s.id)}</h3><p class="meta">${e(s.title ?? s.input)}${s.published ? ` · ${e(s.published.slice(0, 10))}` : ''}</p>${
        omitted.length ? `<p class="omit">Leaves out: ${omitted.map((id) => `<a href="#fact-${e(id)}">${e(id)}</a>`).join(', ')}</p>` : ''
      }${(c.omissions.find((o) => o.source === s.id)?.evidence ?? [])
        .map((ev) => `<p class="evidence">${ev.leaves === 'fact' ? 'Leaves out' : ev.speaker ? `May tell in other words (gives ${e(ev.speaker)}’s words too):` : c.facts.find((f) => f.id === ev.fact)?.detailOf ? 'Leaves out a detail:' : 'Reports part of, at most,'} <a href="#fact-${e(ev.fact)}">${e(ev.fact)}</a>; closest sentence here (${ev.score.toFixed(2)}): ${ev.closest ? `“${e(ev.closest)}”` : '—'}${nearestNote(ev, (n) => `, nearest to ${e(n.source)}’s “${e(n.text)}”`)}</p>`)
        .join('')}${sentences}</section>`;
    })
    .join('');
  const matrix = `<table><thead><tr><th>fact</th>${c.sources.map((s) => `<th>${e(s.id)}</th>`).join('')}<th>text</th></tr></thead><tbody>${c.facts
    .filter((f) => f.sources.length > 1)
    .map((f) => `<tr id="fact-${e(f.id)}"><td>${e(f.id)}</td>${c.sources.map((s) => `<td class="dot">${f.sources.includes(s.id) ? '●' : ''}</td>`).join('')}<td>${e(factLabel(f))}</td></tr>`)
    .join('')}</tbody></table>`;
  const brief = `<ol class="brief">${c.brief
    .map((b) => `<li>${e(b.text)} <span class="cite">${b.sources.map((s) => `<a href="#${e(b.facts?.[0] ? `${s}-${b.facts[0]}` : `src-${s}`)}">${e(s)}</a>`).join(' ')}</span></li>`)
    .join('')}</ol>`;
  const numbers = c.numbers
    .filter((n) => n.values.length > 1)
    .map(
      (n) =>
        `<div class="num ${n.consistent ? 'ok' : 'conflict'}"><h4>${e(n.about)} — ${n.consistent ? 'consistent' : 'conflict'}</h4>${n.note ? `<p class="meta">${e(n.note)}</p>` : ''}<ul>${n.values
          .map((v) => `<li><b>${e(v.source)}</b>: <mark>${e(v.text)}</mark> — ${e(v.sentence ?? '')}</li>`)
          .join('')}</ul></div>`,
    )
    .join('');
  const quotes = c.quotes
    .map((q) => {
      const base = q.variants[0]!.text;
      const variants = q.variants
        .map((v, i) => {
          const words = i === 0 ? [{ text: v.text, op: 'same' as const }] : wordDiff(base, v.text);
          return `<li><b>${e(v.source)}</b>: ${words.map((w) => (w.op === 'same' ? e(w.text) : w.op === 'added' ? `<ins>${e(w.text)}</ins>` : `<del>${e(w.text)}</del>`)).join(' ')}</li>`;
        })
        .join('');
      return `<div class="quote"><h4>${e(q.speaker ?? 'speaker not named')}${q.flags?.length ? ` <span class="flag">${e(q.flags.join(', '))}</span>` : ''}</h4><ul>${variants}</ul></div>`;
    })
    .join('');
  const framing = `<table><thead><tr><th>source</th><th>loaded /1k</th><th>hedges /1k</th><th>opinion</th><th>attributed</th><th>voices</th><th>words for people</th></tr></thead><tbody>${c.framing
    .map(
      (f) =>
        `<tr><td>${e(f.source)}</td><td><span class="bar" style="width:${Math.min(100, f.scores.loadedPer1k * 3)}px"></span>${f.scores.loadedPer1k}</td><td>${f.scores.hedgesPer1k}</td><td>${pctOf(f.scores.opinionShare)}</td><td>${pctOf(f.scores.attributedShare)}</td><td>${e(f.voices.map((v) => `${v.speaker} (${v.role})`).join(', '))}</td><td>${e(f.labels.slice(0, 8).map((l) => l.text).join(', '))}</td></tr>`,
    )
    .join('')}</tbody></table>`;
  const reuse = c.reuse.length ? `<ul>${c.reuse.map((r) => `<li>${e(r.to)} reuses ${pctOf(r.share)} of its text from ${e(r.from)}</li>`).join('')}</ul>` : '<p>No article copies another.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'">
<title>Parallax — story comparison</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1rem;color:#222}
h1{font-size:1.4rem}h2{margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
td.dot{text-align:center;color:#2a6}
.cols{display:flex;gap:1rem;overflow-x:auto}.col{flex:1 0 16rem;min-width:16rem}
.col p{margin:.4rem 0;padding:.2rem .4rem;border-left:3px solid transparent}.consensus{border-color:#2a6!important;background:#f0faf3}
.shared{border-color:#9bd!important}.unique{border-color:#e90!important;background:#fff8ec}
.tag{font-size:.75rem;color:#666;text-decoration:none}.meta{color:#666;font-size:.85rem}.omit{color:#b40;font-size:.85rem}.evidence{color:#666;font-size:.8rem}
.num.conflict h4{color:#b00}.flag{font-size:.75rem;background:#fee;color:#900;padding:0 .3rem;border-radius:3px}
ins{background:#dfd;text-decoration:none}del{background:#fdd}.bar{display:inline-block;height:.6rem;background:#c63;margin-right:.3rem}
.cite a{font-size:.8rem;background:#eef;border-radius:3px;padding:0 .25rem;margin-left:.2rem;text-decoration:none}
:target{outline:2px solid #36c}
@media (max-width:700px){.cols{flex-direction:column}.col{min-width:0}}
</style></head><body>
<h1>Story comparison: ${c.sources.length} articles</h1>
<h2>Brief</h2>${brief}
<h2>Outlets side by side</h2><div class="cols">${cols}</div>
<h2>Coverage matrix</h2>${matrix}
<h2>Numbers</h2>${numbers || '<p>No figure is given by more than one outlet.</p>'}
<h2>Quotes</h2>${quotes || '<p>No direct quotes.</p>'}
<h2>Framing</h2>${framing}
<h2>Reuse</h2>${reuse}
<p class="meta">Made by Parallax. Every highlighted sentence is the outlet's own text.</p>
</body></html>
`;
}

/**
 * The fact's sentence an outlet's closest sentence comes nearest to, in the words `say` gives it;
 * '' where it is not shown. It is shown only when the outlet is not said to leave the fact out
 * (its closest sentence may come that near to another outlet's further support, not to the fact
 * as stated).
 */
function nearestNote(ev: Pick<OmissionEvidence, 'closest' | 'nearest' | 'leaves'>, say: (nearest: NonNullable<OmissionEvidence['nearest']>) => string): string {
  return ev.closest && ev.nearest && ev.leaves === 'detail' ? say(ev.nearest) : '';
}

/** What an omission check found, in words: a fact left out, a detail of a fact left out, or a fact perhaps told only in part. */
function omissionVerdict(ev: { fact: string; leaves: 'fact' | 'detail'; speaker?: string }, fact: Pick<Fact, 'sources' | 'detailOf' | 'detailWords'> | undefined): string {
  if (ev.leaves === 'fact') return `leaves out ${ev.fact}`;
  if (ev.speaker) return `may tell ${ev.fact} in other words: it too gives ${ev.speaker}'s words (not claimed as left out)`;
  if (fact?.detailOf) return `reports ${fact.detailOf} without the detail ${ev.fact}${fact.detailWords?.length ? ` (${fact.detailWords.join(', ')})` : ''} that ${fact.sources.join(' and ')} give`;
  return `may report ${ev.fact} only in part (not claimed as left out)`;
}

/** A fact as a line of the coverage table: its text, or for a detail what it adds to its fact. */
function factLabel(f: Pick<Fact, 'text' | 'detailOf' | 'detailWords'>): string {
  return f.detailOf ? `detail of ${f.detailOf}: ${f.detailWords?.join(', ') ?? ''} — ${f.text}` : f.text;
}
