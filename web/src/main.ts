import { html, render } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, type ArticleResponse, type Comparison, type Outlet, type OutletRenameResponse, type OutletsResponse, type StoryResponse, type StorySummary } from './api.ts';

// Every piece of article text is rendered as text through Preact, which escapes it; the UI never
// sets innerHTML from data.

/** How the story list is searched, filtered, sorted and paged: all of it lives in the address. */
interface ListState {
  q: string;
  sort: StorySort;
  outlet: string;
  /** "dimension:label" */
  group: string;
  since: string;
  until: string;
  /** 2: at least two outlets; 1: any. */
  minOutlets: number;
  conflicts: boolean;
  /** "dimension" or "dimension:label" */
  blindspot: string;
  /** Page number, from 1. */
  at: number;
  per: number;
}

type StorySort = 'latest' | 'outlets' | 'disagreement';
const SORTS: { value: StorySort; label: string; older: string; newer: string }[] = [
  { value: 'latest', label: 'Latest publication', older: 'Older', newer: 'Newer' },
  { value: 'outlets', label: 'Most outlets', older: 'Next', newer: 'Previous' },
  { value: 'disagreement', label: 'Most disagreement', older: 'Next', newer: 'Previous' },
];

type Route = ({ page: 'stories' } & ListState) | { page: 'story'; id: string; fact?: string } | { page: 'article'; id: string } | { page: 'add' } | { page: 'outlets' };

/** Stories per page unless the address asks for another number (per=, 1 to 500). */
const PER_PAGE = 50;
const LIST_DEFAULTS: ListState = { q: '', sort: 'latest', outlet: '', group: '', since: '', until: '', minOutlets: 1, conflicts: false, blindspot: '', at: 1, per: PER_PAGE };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseRoute(hash: string): Route {
  const [where = '', search = ''] = hash.replace(/^#/, '').split('?');
  const [, page, id, fact] = where.split('/');
  if (page === 'story' && id) return { page: 'story', id: decodeURIComponent(id), fact: fact ? decodeURIComponent(fact) : undefined };
  if (page === 'article' && id) return { page: 'article', id: decodeURIComponent(id) };
  if (page === 'add') return { page: 'add' };
  if (page === 'outlets') return { page: 'outlets' };
  // The list's search, filters, order and page live in the address, so Back and a shared link return to them.
  const params = new URLSearchParams(search);
  const whole = (name: string, min: number, max: number, fallback: number) => {
    const n = Number(params.get(name));
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const text = (name: string, valid: (v: string) => boolean = () => true) => {
    const v = params.get(name)?.trim() ?? '';
    return v && valid(v) ? v : '';
  };
  const sort = params.get('sort');
  return {
    page: 'stories',
    q: params.get('q') ?? '',
    sort: SORTS.some((x) => x.value === sort) ? (sort as StorySort) : 'latest',
    outlet: text('outlet'),
    group: text('group', (v) => /^[^:]+:.+$/.test(v)),
    since: text('since', (v) => DAY.test(v)),
    until: text('until', (v) => DAY.test(v)),
    minOutlets: whole('minOutlets', 1, 1000, 1),
    conflicts: params.get('conflicts') === '1',
    blindspot: text('blindspot', (v) => /^[^:]+(:.+)?$/.test(v)),
    at: whole('page', 1, 1e6, 1),
    per: whole('per', 1, 500, PER_PAGE),
  };
}

/** What the story list asks the API for. */
function storiesPath(state: ListState): string {
  const params = listParams(state);
  params.set('limit', String(state.per));
  params.set('offset', String((state.at - 1) * state.per));
  return `/api/stories?${params}`;
}

/** What a story's page asks the API for. */
const storyPath = (id: string) => `/api/stories/${encodeURIComponent(id)}?view=page`;

/**
 * Asks for the opening page's data before the app first renders: asked from an effect, the
 * request would go out only after the first paint, a third of a second into a cold load of the
 * story list (npm run bench -- browser).
 */
function askEarly(route: Route): void {
  const path = route.page === 'stories' ? storiesPath(route) : route.page === 'story' ? storyPath(route.id) : null;
  if (!path) return;
  const answer = api(path);
  // Taken by useApi, which reports a failure; unhandled here it would be logged twice.
  answer.catch(() => {});
  early.set(path, answer);
}

/** The parameters a list state adds to the address and to the API query (defaults left out). */
function listParams(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.sort !== 'latest') params.set('sort', state.sort);
  if (state.outlet) params.set('outlet', state.outlet);
  if (state.group) params.set('group', state.group);
  if (state.since) params.set('since', state.since);
  if (state.until) params.set('until', state.until);
  if (state.minOutlets > 1) params.set('minOutlets', String(state.minOutlets));
  if (state.conflicts) params.set('conflicts', '1');
  if (state.blindspot) params.set('blindspot', state.blindspot);
  return params;
}

/** The address of a page of the story list. */
function storiesHash(state: ListState): string {
  const params = listParams(state);
  if (state.at > 1) params.set('page', String(state.at));
  if (state.per !== PER_PAGE) params.set('per', String(state.per));
  const search = params.toString();
  return search ? `#/?${search}` : '#/';
}

function useRoute(): Route {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/**
 * Answers asked for before the first render, by address (see askEarly); each is taken once, by
 * the first useApi that wants that address.
 */
const early = new Map<string, Promise<unknown>>();

function useApi<T>(path: string | null): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: string | null; loading: boolean }>({ path, data: null, error: null, loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    const asked = early.get(path) as Promise<T> | undefined;
    early.delete(path);
    (asked ?? api<T>(path))
      .then((data) => live && setState({ path, data, error: null, loading: false }))
      .catch((e: Error) => live && setState({ path, data: null, error: e.message, loading: false }));
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = () => setTick((t) => t + 1);
  // The answer to an earlier address (another story, another page) is never shown for this one.
  if (state.path !== path) return { data: null, error: null, loading: !!path, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

// Invisible controls in someone else's text (a right-to-left override, a zero-width space) can
// reorder or hide the app's own words around them: every user string is isolated from its
// surroundings (<bdi>) and its controls are shown as visible marks.
const CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const HAS_CONTROL = new RegExp(CONTROLS.source);
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** User text with its invisible controls shown as marks (offsets into the text are unchanged for the caller). */
function shown(text: string | null | undefined) {
  if (!text) return text ?? '';
  if (!HAS_CONTROL.test(text)) return text;
  const parts: unknown[] = [];
  let last = 0;
  for (const m of text.matchAll(CONTROLS)) {
    parts.push(text.slice(last, m.index));
    parts.push(html`<span class="ctl" title=${`invisible character ${codePoint(m[0])} in the source text`}>${codePoint(m[0])}</span>`);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

/** A user string (title, outlet, speaker…) isolated from the app's words around it. */
const u = (text: string | null | undefined) => html`<bdi>${shown(text)}</bdi>`;

/** A user string inside an attribute (tooltip, label): controls spelled out, since marks cannot be shown there. */
const plain = (text: string | null | undefined) => (text ?? '').replace(CONTROLS, (c) => `[${codePoint(c)}]`);

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const pct = (x: number) => `${Math.round(x * 100)}%`;
const count = (n: number) => n.toLocaleString('en');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** When a story ran: its publication dates, or "undated" when no article gives one. */
function span(s: { firstSeen: string | null; lastSeen: string | null; undated?: number; articles: number }): string {
  if (!s.firstSeen) return 'undated';
  const first = day(s.firstSeen);
  const last = day(s.lastSeen ?? s.firstSeen);
  return `${first === last ? first : `${first} → ${last}`}${s.undated ? ` (${s.undated} undated)` : ''}`;
}

/** The page's title in the browser tab and history. */
function useTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${plain(title)} — Parallax` : 'Parallax';
  }, [title]);
}

/** The host of an address, or null. */
function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Shortened to about n characters at a word boundary. */
function clip(text: string, n = 90): string {
  if (text.length <= n) return text;
  const cut = text.slice(0, n);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), n - 20))}…`;
}

/** The page's main heading, once it is there (pages load their data first). */
function focusHeading(): void {
  const main = document.getElementById('main');
  if (!main) return;
  const now = main.querySelector<HTMLElement>('h1');
  if (now) return now.focus();
  const watch = new MutationObserver(() => {
    const h1 = main.querySelector<HTMLElement>('h1');
    if (!h1) return;
    watch.disconnect();
    h1.focus();
  });
  watch.observe(main, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), 10_000);
}

function App() {
  const route = useRoute();
  // On moving to another page, a screen reader or keyboard user starts at its heading, not at the
  // link that led there (the first page keeps the browser's own start).
  const where = route.page === 'story' || route.page === 'article' ? `${route.page}:${route.id}` : route.page;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusHeading();
  }, [where]);
  return html`
    <a class="skip-link" href="#main" onClick=${(e: Event) => {
      e.preventDefault();
      focusHeading();
    }}>Skip to content</a>
    <header class="top">
      <a class="brand" href="#/">Parallax</a>
      <nav>
        <a href="#/" aria-current=${route.page === 'stories' ? 'page' : undefined}>Stories</a>
        <a href="#/add" aria-current=${route.page === 'add' ? 'page' : undefined}>Add</a>
        <a href="#/outlets" aria-current=${route.page === 'outlets' ? 'page' : undefined}>Outlets</a>
      </nav>
    </header>
    <main id="main">
      ${route.page === 'stories' ? html`<${StoriesPage} state=${route} />` : null}
      ${route.page === 'story' ? html`<${StoryPage} key=${route.id} id=${route.id} fact=${route.fact} />` : null}
      ${route.page === 'article' ? html`<${ArticlePage} key=${route.id} id=${route.id} />` : null}
      ${route.page === 'add' ? html`<${AddPage} />` : null}
      ${route.page === 'outlets' ? html`<${OutletsPage} />` : null}
    </main>
  `;
}

/** A page that could not be shown: what went wrong, in the server's words, and the way back. */
function NotShown({ what, error }: { what: string; error: string }) {
  return html`<div class="not-shown">
    <h1 tabindex="-1">This ${what} cannot be shown</h1>
    <p class="error" role="alert">${error}</p>
    <p><a href="#/">Back to the stories</a> · <button type="button" onClick=${() => history.back()}>Go back</button></p>
  </div>`;
}

function Status({ loading, error, empty }: { loading: boolean; error: string | null; empty?: string | null }) {
  if (loading) return html`<p class="loading" role="status">Loading…</p>`;
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  if (empty) return html`<p class="empty">${empty}</p>`;
  return null;
}

// -- Stories ------------------------------------------------------------------

type Coverage = Pick<StorySummary, 'coverage' | 'unlabelled'>;

/** The labels of a dimension in one order for every row and page: a label's colour is its place here. */
const labelsOf = (c: Coverage, dimension: string) => Object.keys(c.coverage[dimension] ?? {}).sort();
const SEG_COLOURS = 8;
const segClass = (labels: string[], label: string) => `seg seg${labels.indexOf(label) % SEG_COLOURS}`;

/** Outlets by label in the first dimension: one colour per label, widths proportional to outlets, unlabelled ones in grey. */
function CoverageBar({ c }: { c: Coverage }) {
  const [dimension] = Object.keys(c.coverage);
  if (!dimension) return null;
  const labels = labelsOf(c, dimension);
  const counts: [string | null, number][] = [...labels.map((l): [string, number] => [l, c.coverage[dimension]![l]!]), [null, c.unlabelled?.[dimension] ?? 0]];
  const present = counts.filter(([, n]) => n > 0);
  const total = present.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  const name = (l: string | null) => l ?? 'unlabelled';
  return html`<div class="coverage" role="img" aria-label=${plain(`outlets by ${dimension}: ${present.map(([l, n]) => `${name(l)} ${n}`).join(', ')}`)}>
    ${present.map(([label, n]) => html`<span class=${label === null ? 'seg unlabelled' : segClass(labels, label)} data-label=${label ?? ''} style=${{ width: `${(n / total) * 100}%` }} title=${plain(`${name(label)}: ${plural(n, 'outlet')}`)}>${label === null ? 'unlabelled' : u(label)}</span>`)}
  </div>`;
}

/** What the coverage bar's colours mean. */
function CoverageLegend({ c }: { c: Coverage }) {
  const [dimension] = Object.keys(c.coverage);
  if (!dimension) return null;
  const labels = labelsOf(c, dimension);
  return html`<p class="coverage-legend">Coverage by ${u(dimension)}: ${labels.map((l) => html`<span class="legend-item"><span class=${`swatch ${segClass(labels, l)}`}></span>${u(l)}</span> `)}<span class="legend-item"><span class="swatch seg unlabelled"></span>unlabelled</span></p>`;
}

function Blindspots({ s }: { s: StorySummary }) {
  return s.blindspots.map((b) => {
    const labels = b.labels ?? [b.label];
    return html` <span class="badge blindspot" title=${plain(`${b.dimension}: ${labels.join(', ')} outlets barely cover this story`)}>blindspot: ${labels.map((l, i) => html`${i ? ', ' : ''}${u(l)}`)}</span>`;
  });
}

/** A row's disagreement, as its last comparison found it. */
function Disagreement({ s }: { s: StorySummary }) {
  const d = s.disagreement;
  if (!d) return null;
  if (!d.omissions && !d.conflicts) return html` · <span class="agree" title="its last comparison found no omission claims and no number conflicts">outlets agree</span>`;
  return html` · <span class="disagree" title="from its last comparison">${[d.omissions ? plural(d.omissions, 'omission') : '', d.conflicts ? plural(d.conflicts, 'number conflict') : ''].filter(Boolean).join(', ')}</span>`;
}

function StoriesPage({ state }: { state: ListState }) {
  const { q, at, per, sort } = state;
  const [query, setQuery] = useState(q);
  useEffect(() => setQuery(q), [q]);
  const filtered = listParams({ ...state, q: '', sort: 'latest' }).toString() !== '';
  useTitle(q ? `Stories matching “${q}”` : filtered ? 'Stories (filtered)' : 'Stories');
  const offset = (at - 1) * per;
  const { data, error, loading } = useApi<{ stories: StorySummary[]; total: number }>(storiesPath(state));
  const outlets = useApi<OutletsResponse>('/api/outlets').data?.outlets ?? [];
  const go = (change: Partial<ListState>) => (location.hash = storiesHash({ ...state, at: 1, ...change }));
  const pages = data ? Math.max(1, Math.ceil(data.total / per)) : 1;
  const order = SORTS.find((x) => x.value === sort)!;
  const paging = data && data.total
    ? html`<nav class="paging" aria-label="pages of stories">
        ${at > 1 ? html`<a href=${storiesHash({ ...state, at: at - 1 })} rel="prev">← ${order.newer}</a>` : null}
        <span class="range">${count(Math.min(offset + 1, data.total))}–${count(Math.min(offset + data.stories.length, data.total))} of ${plural(data.total, 'story', 'stories')}</span>
        ${at < pages ? html`<a href=${storiesHash({ ...state, at: at + 1 })} rel="next">${order.older} →</a>` : null}
      </nav>`
    : null;
  const empty = data && !data.stories.length ? (q || filtered ? 'No story matches. Loosen a filter or clear them.' : at > 1 ? 'No stories on this page.' : 'No stories yet. Add articles on the Add page or with `parallax ingest`.') : null;
  return html`
    <h1 tabindex="-1">Stories</h1>
    <form class="search" role="search" onSubmit=${(e: Event) => (e.preventDefault(), go({ q: query.trim() }))}>
      <label for="q">Search</label>
      <input id="q" type="search" value=${query} onInput=${(e: Event) => setQuery((e.target as HTMLInputElement).value)} placeholder="words in titles or articles" />
      <button type="submit">Search</button>
    </form>
    <${StoryFilters} state=${state} outlets=${outlets} go=${go} filtered=${filtered} />
    ${sort === 'disagreement' ? html`<p class="hint">Disagreement (omission claims and number conflicts) is known for stories whose page was opened since they last changed; the others follow, latest first.</p>` : null}
    <${Status} loading=${loading} error=${error} empty=${empty} />
    ${data?.stories[0] ? html`<${CoverageLegend} c=${data.stories[0]} />` : null}
    ${paging}
    <ol class="stories" start=${offset + 1}>
      ${(data?.stories ?? []).map(
        (s) => html`<li class="story-row" data-story=${s.id}>
          <a href=${`#/story/${encodeURIComponent(s.id)}`} class="story-link">${u(s.title)}</a>
          <div class="meta">${span(s)} · <span class="outlet-count">${plural(s.outlets.length, 'outlet')}</span> · ${plural(s.articles, 'article')}${s.copies ? ` (${plural(s.copies, 'copy', 'copies')})` : ''}<${Disagreement} s=${s} /><${Blindspots} s=${s} /></div>
          <${CoverageBar} c=${s} />
        </li>`,
      )}
    </ol>
    ${data && data.stories.length > 10 ? paging : null}
  `;
}

/** Sort and filters of the story list: each change is a new address (so Back undoes it). */
function StoryFilters({ state, outlets, go, filtered }: { state: ListState; outlets: OutletsResponse['outlets']; go: (change: Partial<ListState>) => void; filtered: boolean }) {
  const dimensions = new Map<string, Set<string>>();
  for (const o of outlets) for (const [d, l] of Object.entries(o.groups)) dimensions.set(d, (dimensions.get(d) ?? new Set()).add(l));
  const sorted = [...dimensions].sort(([a], [b]) => a.localeCompare(b)).map(([d, labels]) => [d, [...labels].sort()] as const);
  const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
  // A value from the address that the lists do not offer (an outlet renamed since) is still shown, and can be cleared.
  const option = (v: string, label: string, current: string) => html`<option value=${v} selected=${v === current}>${label}</option>`;
  const keep = (current: string, offered: string[]) => (current && !offered.includes(current) ? option(current, current, current) : null);
  const groupValues = sorted.flatMap(([d, labels]) => labels.map((l) => `${d}:${l}`));
  const blindValues = sorted.flatMap(([d, labels]) => [d, ...labels.filter((l) => !/^(none|n\/a|unlabell?ed|unknown|-)$/i.test(l)).map((l) => `${d}:${l}`)]);
  return html`<form class="filters" aria-label="sort and filter stories" onSubmit=${(e: Event) => e.preventDefault()}>
    <label>Sort <select name="sort" onChange=${(e: Event) => go({ sort: value(e) as StorySort })}>${SORTS.map((x) => option(x.value, x.label, state.sort))}</select></label>
    <label>Outlet <select name="outlet" onChange=${(e: Event) => go({ outlet: value(e) })}>${option('', 'any', state.outlet)}${keep(state.outlet, outlets.map((o) => o.name))}${outlets.map((o) => option(o.name, plain(o.name), state.outlet))}</select></label>
    <label>Group <select name="group" onChange=${(e: Event) => go({ group: value(e) })}>${option('', 'any', state.group)}${keep(state.group, groupValues)}${sorted.map(([d, labels]) => html`<optgroup label=${plain(d)}>${labels.map((l) => option(`${d}:${l}`, plain(`${d}: ${l}`), state.group))}</optgroup>`)}</select></label>
    <label>Blindspot <select name="blindspot" onChange=${(e: Event) => go({ blindspot: value(e) })}>${option('', 'any or none', state.blindspot)}${keep(state.blindspot, blindValues)}${sorted.map(([d, labels]) => html`<optgroup label=${plain(d)}>${option(d, plain(`${d}: any side missing`), state.blindspot)}${labels.filter((l) => blindValues.includes(`${d}:${l}`)).map((l) => option(`${d}:${l}`, plain(`${d}: ${l} missing`), state.blindspot))}</optgroup>`)}</select></label>
    <label>From <input type="date" name="since" value=${state.since} max=${state.until || undefined} onChange=${(e: Event) => go({ since: value(e) })} /></label>
    <label>To <input type="date" name="until" value=${state.until} min=${state.since || undefined} onChange=${(e: Event) => go({ until: value(e) })} /></label>
    <label class="check"><input type="checkbox" name="minOutlets" checked=${state.minOutlets > 1} onChange=${(e: Event) => go({ minOutlets: (e.target as HTMLInputElement).checked ? 2 : 1 })} /> At least two outlets</label>
    <label class="check"><input type="checkbox" name="conflicts" checked=${state.conflicts} onChange=${(e: Event) => go({ conflicts: (e.target as HTMLInputElement).checked })} /> Has number conflicts</label>
    ${filtered ? html`<a class="clear" href=${storiesHash({ ...LIST_DEFAULTS, q: state.q, sort: state.sort, per: state.per })}>Clear filters</a>` : null}
  </form>`;
}

// -- Story --------------------------------------------------------------------

type Plot = typeof import('./charts.ts');
// The chart library is most of the app's weight: it is fetched the first time a chart is shown,
// not with every page.
let plotLoading: Promise<Plot> | null = null;
const loadPlot = () => (plotLoading ??= import('./charts.ts'));

function Chart({ make }: { make: (plot: Plot) => Element }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    void loadPlot().then((plot) => {
      if (!live) return;
      const chart = make(plot);
      // The library names its marks' groups (aria-label on <g>); a name needs a role to be read out.
      for (const g of chart.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group');
      el.replaceChildren(chart);
    });
    return () => {
      live = false;
      el.replaceChildren();
    };
  }, [make]);
  return html`<div class="chart" ref=${ref}></div>`;
}

type Source = Comparison['sources'][number];

/** How each source is named on the page: its outlet, else its site, else its file name; a second article of one outlet is numbered. */
function sourceNames(sources: Source[], urlOf: (s: Source) => string | null): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const s of sources) {
    const base = s.outlet ?? hostOf(urlOf(s)) ?? hostOf(s.input) ?? s.input.split(/[\\/]/).pop() ?? s.id;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    names.set(s.id, n === 1 ? base : `${base} (${n})`);
  }
  return names;
}

function StoryPage({ id, fact }: { id: string; fact?: string }) {
  const { data, error, loading, reload } = useApi<StoryResponse>(storyPath(id));
  // The sentence of a source that states a fact (a sentence may state several: see data-facts).
  const sentenceOf = (source: string | undefined, factId: string) =>
    source ? [...document.querySelectorAll<HTMLElement>('.sentence')].find((el) => el.id.startsWith(`s-${source}-`) && el.dataset.facts?.split(' ').includes(factId)) : undefined;
  const [active, setActive] = useState<string | null>(fact ?? null);
  useTitle(data ? data.story.title : error ? 'Story not found' : 'Story');
  // A fact in the address (#/story/ID/f2, the fact links below) is lit and shown once the story is here.
  useEffect(() => {
    if (!fact || !data) return;
    setActive(fact);
    const first = data.comparison.facts.find((f) => f.id === fact)?.sources[0];
    requestAnimationFrame(() => sentenceOf(first, fact)?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
  }, [fact, data]);
  if (!data) return error ? html`<${NotShown} what="story" error=${error} />` : html`<${Status} loading=${loading} error=${error} />`;
  const c = data.comparison;
  const articleOf = (s: Source) => data.articles.find((a) => (a.outlet ?? '') === (s.outlet ?? '') && a.input === s.input) ?? data.articles.find((a) => a.input === s.input);
  const names = sourceNames(c.sources, (s) => articleOf(s)?.url ?? null);
  const nameOf = (sourceId: string) => names.get(sourceId) ?? sourceId;
  const factText = new Map(c.facts.map((f) => [f.id, f.text]));
  const colId = (sourceId: string) => `col-${c.sources.findIndex((s) => s.id === sourceId)}`;
  const select = (factId: string, source?: string) => {
    setActive(factId);
    requestAnimationFrame(() => sentenceOf(source ?? c.facts.find((f) => f.id === factId)?.sources[0], factId)?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
  };
  const toColumn = (sourceId: string) => {
    const col = document.getElementById(colId(sourceId));
    col?.scrollIntoView({ block: 'start', inline: 'nearest', behavior: 'smooth' });
    col?.querySelector<HTMLElement>('h3 a, h3')?.focus({ preventScroll: true });
  };
  /** A fact named by its text, with its id as the button that lights it up in every column. */
  const factRef = (fid: string) => html`<span class="fact-named"><a class="fact-ref" href=${`#/story/${encodeURIComponent(id)}/${encodeURIComponent(fid)}`} onClick=${() => setActive(fid)} title="light up this fact in every outlet">${fid}</a> ${factText.has(fid) ? html`<span class="fact-text" title=${plain(factText.get(fid))}>${u(clip(factText.get(fid)!))}</span>` : null}</span>`;
  return html`
    <h1 tabindex="-1">${u(data.story.title)}</h1>
    <p class="meta">${plural(data.story.articles, 'article')} from ${plural(data.story.outlets.length, 'outlet')} · ${span(data.story)}<${Blindspots} s=${data.story} /></p>
    <${CoverageBar} c=${data.story} />
    <${CoverageLegend} c=${data.story} />
    <${ExportLinks} id=${data.story.id} />
    <${Corrections} id=${data.story.id} articles=${data.articles} reload=${reload} />
    <section aria-labelledby="brief-h"><h2 id="brief-h">Brief</h2>
      <ol class="brief">${c.brief.map((b) => {
        const fact = b.facts?.[0];
        return html`<li>${u(b.text)} ${b.sources.map((s) =>
          html`<button class="cite" onClick=${() => (fact ? select(fact, s) : toColumn(s))} title=${fact ? 'show the source sentence' : plain(`no single sentence backs this line: go to ${nameOf(s)}'s column`)}>${u(nameOf(s))}</button>`,
        )}</li>`;
      })}</ol>
    </section>
    <section aria-labelledby="matrix-h"><h2 id="matrix-h">Who reports what</h2>
      <${FactMatrix} c=${c} nameOf=${nameOf} active=${active} select=${select} />
    </section>
    <section aria-labelledby="cols-h"><h2 id="cols-h">Outlets side by side</h2>
      <p class="hint">Select a sentence: the same fact lights up in every outlet. <span class="key consensus">most outlets</span> <span class="key shared">some</span> <span class="key unique">one outlet only</span></p>
      <div class="columns">${c.sources.map((s) => {
        // A sentence may state several facts: it is shown once, and lights up with any of them.
        const bySentence = new Map<string, { text: string; start: number; facts: (typeof c.facts)[number][] }>();
        for (const f of c.facts) {
          const support = f.support.find((x) => x.source === s.id);
          if (!support || !f.sources.includes(s.id)) continue;
          const key = `${support.start ?? ''}|${support.text}`;
          const entry = bySentence.get(key) ?? { text: support.text, start: support.start ?? 0, facts: [] };
          entry.facts.push(f);
          bySentence.set(key, entry);
        }
        const sentences = [...bySentence.values()].sort((a, b) => a.start - b.start);
        for (const x of sentences) x.facts.sort((a, b) => b.sources.length - a.sources.length);
        const omission = c.omissions.find((o) => o.source === s.id);
        const evidence = omission?.evidence ?? [];
        // Facts left out with evidence are listed with it; the rest here.
        const omitted = (omission?.facts ?? []).filter((fid) => !evidence.some((ev) => ev.fact === fid));
        const article = articleOf(s);
        return html`<article class="col" id=${colId(s.id)} aria-label=${plain(nameOf(s.id))}>
          <h3 tabindex="-1">${article ? html`<a href=${`#/article/${encodeURIComponent(article.id)}`}>${u(nameOf(s.id))}</a>` : u(nameOf(s.id))}</h3>
          <p class="meta">${s.title ? u(s.title) : '(no title)'} · ${day(s.published)}${article?.url ? html` · <a class="original" href=${article.url} target="_blank" rel="noopener noreferrer" title=${plain(article.url)}>original${hostOf(article.url) ? html` at ${u(hostOf(article.url))}` : null}</a>` : null}</p>
          ${omitted.length ? html`<div class="omits">Leaves out: <ul>${omitted.map((fid) => html`<li>${factRef(fid)}</li>`)}</ul></div>` : null}
          ${evidence.map(
            (ev) => html`<div class="evidence"><span class="omits">${ev.leaves === 'fact' ? 'Leaves out' : ev.speaker ? `May tell in other words (gives ${ev.speaker}’s words too):` : c.facts.some((f) => f.id === ev.fact && f.detailOf) ? 'Leaves out a detail:' : 'Reports part of, at most,'}</span> ${factRef(ev.fact)}<div>closest sentence here (${ev.score.toFixed(2)}): ${ev.closest ? html`“${u(ev.closest)}”` : '—'}</div>${ev.closest && ev.nearest && ev.leaves === 'detail' ? html`<div class="nearest">nearest to ${u(nameOf(ev.nearest.source))}’s “${u(ev.nearest.text)}”</div>` : null}</div>`,
          )}
          ${sentences.map(({ text, facts }) => {
            const f = facts[0]!;
            const kind = c.consensus.includes(f.id) ? 'consensus' : f.sources.length === 1 ? 'unique' : 'shared';
            const lit = !!active && facts.some((x) => x.id === active);
            return html`<button id=${`s-${s.id}-${f.id}`} data-fact=${f.id} data-facts=${facts.map((x) => x.id).join(' ')} class=${`sentence ${kind} ${lit ? 'lit' : ''}`} aria-pressed=${lit} onClick=${() => setActive(lit ? null : f.id)}>${u(text)}</button>`;
          })}
        </article>`;
      })}</div>
    </section>
    <section aria-labelledby="num-h"><h2 id="num-h">Numbers</h2>
      ${c.numbers.filter((n) => n.values.length > 1).length ? html`<table class="numbers" tabindex="0" aria-label="figures each outlet gives"><thead><tr><th>about</th><th>verdict</th>${c.sources.map((s) => html`<th>${u(nameOf(s.id))}</th>`)}</tr></thead><tbody>
        ${c.numbers.filter((n) => n.values.length > 1).map((n) => html`<tr class=${n.consistent ? 'ok' : 'conflict'}><td>${u(n.about)}</td><td>${n.consistent ? 'consistent' : 'conflict'}${n.note ? html`<div class="meta">${u(n.note)}</div>` : null}</td>
          ${c.sources.map((s) => {
            const v = n.values.find((x) => x.source === s.id);
            return html`<td>${v ? html`<mark>${u(v.text)}</mark>${v.sentence ? html`<div class="figure-sentence">${u(v.sentence)}</div>` : null}` : '—'}</td>`;
          })}</tr>`)}
      </tbody></table>` : html`<p class="empty">No figure is given by more than one outlet.</p>`}
    </section>
    <section aria-labelledby="q-h"><h2 id="q-h">Quotes</h2>
      ${c.quotes.length ? c.quotes.map((q) => html`<div class="quote"><h4>${q.speaker ? u(q.speaker) : 'speaker not named'} ${(q.flags ?? []).map((f) => html`<span class="badge flag">${f}</span> `)}</h4>
        <ul>${q.variants.map((v) => html`<li><b>${u(nameOf(v.source))}</b>: <bdi>${v.diff ? v.diff.map((w) => (w.op === 'same' ? [shown(w.text), ' '] : w.op === 'added' ? html`<ins>${shown(w.text)}</ins> ` : html`<del>${shown(w.text)}</del> `)) : shown(v.text)}</bdi></li>`)}</ul></div>`) : html`<p class="empty">No direct quotes.</p>`}
    </section>
    <section aria-labelledby="f-h"><h2 id="f-h">Framing</h2>
      <${FramingCharts} c=${c} names=${names} />
      <table class="framing" tabindex="0" aria-label="how each outlet frames the story"><thead><tr><th>outlet</th><th>voices quoted</th><th>words for people</th><th>loaded words</th></tr></thead><tbody>
        ${c.framing.map((f) => html`<tr><td>${u(nameOf(f.source))}</td><td>${u(f.voices.map((v) => `${v.speaker} (${v.role}, ${v.quotes})`).join('; ') || '—')}</td><td>${u(f.labels.slice(0, 8).map((l) => l.text).join(', ') || '—')}</td><td>${u(f.loaded.slice(0, 10).join(', ') || '—')}</td></tr>`)}
      </tbody></table>
    </section>
    <section aria-labelledby="r-h"><h2 id="r-h">Reuse</h2>
      ${c.reuse.length ? html`<ul class="reuse">${c.reuse.map((r) => html`<li>${u(nameOf(r.to))} <span aria-label="reuses text from">⟵</span> ${u(nameOf(r.from))}: ${pct(r.share)} of its text</li>`)}</ul>` : html`<p class="empty">No article copies another.</p>`}
    </section>
    <section aria-labelledby="t-h"><h2 id="t-h">Timeline</h2>
      <${Timeline} c=${c} names=${names} />
    </section>
  `;
}

type Fact = Comparison['facts'][number];
type Cell = 'reports' | 'detail' | 'omits' | 'not';
const CELL: Record<Cell, { mark: string; says: string }> = {
  reports: { mark: '●', says: 'reports it' },
  detail: { mark: 'detail', says: 'reports it without one of its details' },
  omits: { mark: 'omits', says: 'the comparison says it leaves this out' },
  not: { mark: '·', says: 'does not report it' },
};

/**
 * The outlet × fact matrix: each fact two or more outlets report (its details under it), one
 * column per outlet. A click on a fact lights it up in the columns below and shows its first sentence.
 */
function FactMatrix({ c, nameOf, active, select }: { c: Comparison; nameOf: (id: string) => string; active: string | null; select: (factId: string) => void }) {
  const [order, setOrder] = useState<'story' | 'most' | 'fewest'>('story');
  const details = new Map<string, Fact[]>();
  for (const f of c.facts) if (f.detailOf) details.set(f.detailOf, [...(details.get(f.detailOf) ?? []), f]);
  const shared = c.facts.filter((f) => f.sources.length > 1);
  if (!shared.length) return html`<p class="empty">No fact is reported by more than one outlet.</p>`;
  const omitted = new Map(c.omissions.map((o) => [o.source, new Set(o.facts)]));
  const cell = (f: Fact, source: string): Cell => {
    if (f.sources.includes(source)) return (details.get(f.id) ?? []).some((d) => !d.sources.includes(source)) ? 'detail' : 'reports';
    return omitted.get(source)?.has(f.id) ? 'omits' : 'not';
  };
  // Details follow their fact (when it is shown) in every order; the order applies to the rest.
  const tops = shared.filter((f) => !f.detailOf || !shared.some((x) => x.id === f.detailOf));
  const byOutlets = order === 'story' ? tops : [...tops].sort((a, b) => (order === 'most' ? b.sources.length - a.sources.length : a.sources.length - b.sources.length));
  const rows = byOutlets.flatMap((f) => [f, ...(details.get(f.id) ?? []).filter((d) => d.sources.length > 1 && tops.every((t) => t.id !== d.id))]);
  const next = { story: 'most', most: 'fewest', fewest: 'story' } as const;
  const sortLabel = { story: 'in story order; sort by most outlets', most: 'most outlets first; sort by fewest', fewest: 'fewest outlets first; back to story order' }[order];
  return html`
    <p class="hint">Each fact two or more outlets report, and what each outlet does with it. Select a fact to light it up in the columns below.</p>
    <ul class="cell-keys" aria-label="what the cells mean">${(['reports', 'detail', 'omits', 'not'] as const).map((k) => html`<li class=${`cell-key ${k}`}><b>${CELL[k].mark}</b>${CELL[k].says}</li>`)}</ul>
    <div class="matrix-wrap" tabindex="0" role="region" aria-label="outlet by fact matrix (scrolls)">
      <table class="matrix">
        <thead><tr>
          <th scope="col" class="fact-col">Fact</th>
          <th scope="col" class="count-col" aria-sort=${order === 'story' ? 'none' : order === 'most' ? 'descending' : 'ascending'}><button type="button" class="sort" onClick=${() => setOrder(next[order])} title=${sortLabel} aria-label=${`outlets: ${sortLabel}`}>Outlets ${order === 'most' ? '↓' : order === 'fewest' ? '↑' : '↕'}</button></th>
          ${c.sources.map((s) => html`<th scope="col" class="outlet-col" title=${plain(nameOf(s.id))}>${u(nameOf(s.id))}</th>`)}
        </tr></thead>
        <tbody>${rows.map((f) => {
          const lit = active === f.id;
          return html`<tr class=${`${lit ? 'lit' : ''} ${f.detailOf ? 'detail-row' : ''}`} data-fact=${f.id}>
            <th scope="row" class="fact-col"><button type="button" class="fact-pick" aria-pressed=${lit} onClick=${() => select(f.id)} title="light this fact up in the columns below">${f.detailOf ? html`<span class="detail-of">detail of ${f.detailOf}${f.detailWords?.length ? html` — adds <strong>${u(f.detailWords.join(', '))}</strong>` : null}: </span>` : null}${u(clip(f.text, 140))}</button></th>
            <td class="count-col">${f.sources.length}</td>
            ${c.sources.map((s) => {
              const k = cell(f, s.id);
              return html`<td class=${`cell ${k}`} data-cell=${k} title=${plain(`${nameOf(s.id)} ${CELL[k].says}`)}><span aria-hidden="true">${CELL[k].mark}</span><span class="vh">${CELL[k].says}</span></td>`;
            })}
          </tr>`;
        })}</tbody>
      </table>
    </div>`;
}

/** What a story's comparison can be downloaded as: the server names the file after the story. */
const EXPORTS = [
  { query: 'format=json', label: 'JSON', title: 'the whole comparison, as the API gives it' },
  { query: 'format=csv&table=facts', label: 'CSV: facts', title: 'the outlet × fact matrix: one row per fact, one column per outlet with its sentence' },
  { query: 'format=csv&table=numbers', label: 'CSV: numbers', title: 'each figure with its verdict, and each outlet’s figure and sentence' },
  { query: 'format=csv&table=quotes', label: 'CSV: quotes', title: 'each quote with its speaker, and each outlet’s wording' },
  { query: 'format=markdown', label: 'Markdown', title: 'the report: brief with citations, facts, omissions, numbers, quotes' },
];

const post = <T,>(path: string, body: unknown) => api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** What a correction did, in words, and (until the next action) how to take it back: the undo says what it did in turn. */
interface Done {
  text: ComponentChildren;
  link?: { href: string; text: string };
  undo?: () => Promise<Done>;
}

/**
 * Corrections made one at a time: while one runs the controls wait; when it ends, what it did (or
 * the server's reason for refusing it) is said, and the keyboard is taken to those words, where
 * Undo is the next stop. The page's data is asked for again after every change.
 */
function useCorrections(reload: () => void) {
  const [done, setDone] = useState<Done | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(0);
  const said = useRef<HTMLDivElement>(null);
  // The button pressed is disabled while its action runs, which leaves the focus nowhere.
  useEffect(() => {
    if (ended) said.current?.focus();
  }, [ended]);
  const act = async (work: () => Promise<Done>) => {
    setBusy(true);
    setFailure(null);
    try {
      setDone(await work());
      reload();
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setBusy(false);
      setEnded((n) => n + 1);
    }
  };
  const outcome = html`<div class="outcome" tabindex="-1" ref=${said}>
    ${failure ? html`<p class="error" role="alert">${failure}</p>` : null}
    ${done
      ? html`<p class="done" role="status">${done.text}${done.link ? html` <a href=${done.link.href}>${done.link.text}</a>` : null}${done.undo ? html` <button type="button" disabled=${busy} onClick=${() => act(done.undo!)}>Undo</button>` : null}</p>`
      : null}
  </div>`;
  return { busy, act, outcome, refuse: (reason: string) => (setFailure(reason), setEnded((n) => n + 1)) };
}

/**
 * Putting a story right by hand: move articles out into a story of their own, or merge another
 * story (found by words of its title) into this one; each can be undone until the next (the undo
 * is the opposite call: a split is merged back, a merge's articles split out into a story again).
 */
function Corrections({ id, articles, reload }: { id: string; articles: StoryResponse['articles']; reload: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [other, setOther] = useState<StorySummary | null>(null);
  const [words, setWords] = useState('');
  const { busy, act, outcome } = useCorrections(reload);
  const storyLink = (storyId: string) => `#/story/${encodeURIComponent(storyId)}`;
  const split = () =>
    act(async () => {
      const moved = chosen;
      const { split: created } = await post<{ split: { id: string } }>(`/api/stories/${encodeURIComponent(id)}/split`, { articleIds: moved });
      setChosen([]);
      return {
        text: `Moved ${plural(moved.length, 'article')} to a new story.`,
        link: { href: storyLink(created.id), text: 'Open it' },
        undo: async () => {
          await post(`/api/stories/${encodeURIComponent(id)}/merge`, { from: created.id });
          return { text: `Undone: the ${plural(moved.length, 'article')} are back in this story.` };
        },
      };
    });
  const merge = (from: StorySummary) =>
    act(async () => {
      const before = new Set(articles.map((a) => a.id));
      const { story } = await post<{ story: { articleIds: string[] } }>(`/api/stories/${encodeURIComponent(id)}/merge`, { from: from.id });
      const added = story.articleIds.filter((a) => !before.has(a));
      setOther(null);
      setWords('');
      return {
        text: html`Merged “${u(from.title)}” into this story (${plural(added.length, 'article')}).`,
        undo: async () => {
          const { split: apart } = await post<{ split: { id: string } }>(`/api/stories/${encodeURIComponent(id)}/split`, { articleIds: added });
          return { text: html`Undone: the ${plural(added.length, 'article')} of “${u(from.title)}” are a story of their own again.`, link: { href: storyLink(apart.id), text: 'Open it' } };
        },
      };
    });
  return html`<details class="corrections">
    <summary>Correct this story</summary>
    <fieldset disabled=${busy}>
      <legend>Move articles out into a new story</legend>
      ${articles.map(
        (a) => html`<label class="pick"><input type="checkbox" checked=${chosen.includes(a.id)} onChange=${(e: Event) => setChosen((e.target as HTMLInputElement).checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))} /> ${u(a.outlet ?? a.input)}: ${u(a.title ?? '(no title)')}</label>`,
      )}
      <button type="button" disabled=${!chosen.length || chosen.length === articles.length} onClick=${split}>Move ${plural(chosen.length, 'article')} out</button>
    </fieldset>
    <fieldset disabled=${busy}>
      <legend>Merge another story into this one</legend>
      <${StoryPicker} exclude=${id} words=${words} setWords=${setWords} picked=${other} pick=${setOther} />
      <button type="button" class="merge" disabled=${!other} onClick=${() => other && merge(other)}>${other ? html`Merge “${u(clip(other.title, 60))}” into this story` : 'Merge'}</button>
    </fieldset>
    ${outcome}
  </details>`;
}

/** Stories a picker offers at most (the closest matches, latest first). */
const PICKS = 8;

/**
 * Choosing a story by words of its title (or its articles' text) instead of its id: the matches,
 * latest first, as radio buttons (arrow keys move between them), this story left out; how many
 * match is said as they come.
 */
function StoryPicker({ exclude, words, setWords, picked, pick }: { exclude: string; words: string; setWords: (w: string) => void; picked: StorySummary | null; pick: (s: StorySummary) => void }) {
  const [asked, setAsked] = useState(words.trim());
  // Asked a moment after typing stops, or at once on Enter.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(words.trim()), 300);
    return () => clearTimeout(timer);
  }, [words]);
  const path = asked.length >= 2 ? `/api/stories?${new URLSearchParams({ q: asked, limit: String(PICKS + 1) })}` : null;
  const { data, error, loading } = useApi<{ stories: StorySummary[]; total: number }>(path);
  const found = (data?.stories ?? []).filter((s) => s.id !== exclude).slice(0, PICKS);
  const total = data ? data.total - (data.stories.some((s) => s.id === exclude) ? 1 : 0) : 0;
  const status = !path
    ? 'Type two or more letters of its title.'
    : loading
      ? 'Searching…'
      : error
        ? ''
        : !found.length
          ? html`No other story matches “${u(asked)}”.`
          : total > found.length
            ? html`${count(found.length)} of ${plural(total, 'story', 'stories')} matching “${u(asked)}”: add words to narrow them.`
            : html`${plural(total, 'story', 'stories')} matching “${u(asked)}”.`;
  return html`<div class="picker">
    <label for="merge-find">Find the other story</label>
    <input id="merge-find" type="search" value=${words} autocomplete="off" aria-describedby="merge-found" placeholder="words of its title"
      onInput=${(e: Event) => setWords((e.target as HTMLInputElement).value)}
      onKeyDown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), setAsked(words.trim()))} />
    <p id="merge-found" class="hint" role="status">${status}</p>
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${found.length
      ? html`<fieldset class="picks"><legend class="vh">Stories to merge in</legend>${found.map(
          (s) => html`<label class="pick" data-story=${s.id}><input type="radio" name="merge-with" value=${s.id} checked=${picked?.id === s.id} onChange=${() => pick(s)} />
            <span class="pick-title">${u(s.title)}</span> <span class="meta">${span(s)} · ${plural(s.outlets.length, 'outlet')} · ${plural(s.articles, 'article')}</span></label>`,
        )}</fieldset>`
      : null}
  </div>`;
}

const labelsText = (groups: Record<string, string>) =>
  Object.entries(groups)
    .map(([k, v]) => `${k}:${v}`)
    .join(', ');

/** "lean:left, country:NO" → { lean: "left", country: "NO" }, or the reason it is not that. */
function parseLabels(text: string): Record<string, string> | string {
  const groups: Record<string, string> = {};
  for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    if (at <= 0 || at === part.length - 1) return `"${part}" is not dimension:label (for example lean:left)`;
    groups[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return groups;
}

const sameOutlet = (a: Outlet, b: Outlet) => JSON.stringify([a.domains, labelsText(a.groups)]) === JSON.stringify([b.domains, labelsText(b.groups)]);

/**
 * The outlets and the user's own labels for them (lean, country, owner…), which the coverage bars
 * are drawn by. An outlet can be renamed (its articles, sites and labels follow); each change can
 * be undone until the next: a rename by renaming back, labels by putting the old ones back.
 */
function OutletsPage() {
  const { data, error, loading, reload } = useApi<OutletsResponse>('/api/outlets');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [renaming, setRenaming] = useState<{ name: string; to: string } | null>(null);
  const { busy, act, outcome, refuse } = useCorrections(reload);
  const newName = useRef<HTMLInputElement>(null);
  useTitle('Outlets');
  useEffect(() => {
    if (renaming) newName.current?.focus();
  }, [renaming?.name]);
  if (!data) return html`<h1 tabindex="-1">Outlets</h1><${Status} loading=${loading} error=${error} />`;
  const forget = (name: string) =>
    setDrafts((d) => {
      const { [name]: _gone, ...rest } = d;
      return rest;
    });
  const put = (outlet: Outlet) => api(`/api/outlets/${encodeURIComponent(outlet.name)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domains: outlet.domains, groups: outlet.groups }) });
  const saveLabels = (outlet: Outlet, groups: Record<string, string>) =>
    act(async () => {
      await put({ ...outlet, groups });
      forget(outlet.name);
      return {
        text: html`Saved the labels of ${u(outlet.name)}.`,
        undo: async () => {
          await put(outlet);
          return { text: html`Put back the labels of ${u(outlet.name)}.` };
        },
      };
    });
  const rename = (outlet: Outlet, to: string) =>
    act(async () => {
      const done = await post<OutletRenameResponse>(`/api/outlets/${encodeURIComponent(outlet.name)}/rename`, { to });
      setRenaming(null);
      forget(outlet.name);
      return {
        text: html`Renamed ${u(outlet.name)} to ${u(done.to)} (${plural(done.moved, 'article')} moved with it).`,
        undo: async () => {
          const back = await post<OutletRenameResponse>(`/api/outlets/${encodeURIComponent(done.to)}/rename`, { to: outlet.name });
          // Its sites and labels came back with it; changed meanwhile (in another window), they are put back as they were.
          if (back.outlet && !sameOutlet(back.outlet, outlet)) await put(outlet);
          return { text: html`Undone: ${u(done.to)} is ${u(outlet.name)} again (${plural(back.moved, 'article')}).` };
        },
      };
    });
  const stopRenaming = (name: string) => {
    setRenaming(null);
    requestAnimationFrame(() => [...document.querySelectorAll<HTMLElement>('tr[data-outlet] .rename-start')].find((b) => b.closest('tr')?.dataset.outlet === name)?.focus());
  };
  return html`
    <h1 tabindex="-1">Outlets</h1>
    <p class="hint">Labels are yours: write them as <code>dimension:label</code>, separated by commas (<code>lean:left, country:NO</code>). The coverage bars and blindspots are drawn by them. A renamed outlet takes its articles, sites and labels along.</p>
    ${outcome}
    <table class="outlets" tabindex="0" aria-label="outlets and their labels"><thead><tr><th>outlet</th><th>articles</th><th>sites</th><th>labels</th><th><span class="vh">changes</span></th></tr></thead><tbody>
      ${data.outlets.map((o) => {
        const text = drafts[o.name] ?? labelsText(o.groups);
        const editing = renaming?.name === o.name ? renaming : null;
        return html`<tr data-outlet=${o.name}><th scope="row">${u(o.name)}
            ${editing
              ? html`<form class="rename" onSubmit=${(e: Event) => {
                  e.preventDefault();
                  const to = editing.to.trim();
                  if (!to || to === o.name) return refuse(`${o.name}: give it a new name, or press Cancel`);
                  void rename(o, to);
                }}>
                  <input ref=${newName} aria-label=${plain(`new name for ${o.name}`)} value=${editing.to} disabled=${busy}
                    onInput=${(e: Event) => setRenaming({ name: o.name, to: (e.target as HTMLInputElement).value })}
                    onKeyDown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.preventDefault(), stopRenaming(o.name))} />
                  <button type="submit" disabled=${busy}>Rename</button>
                  <button type="button" onClick=${() => stopRenaming(o.name)}>Cancel</button>
                </form>`
              : null}</th>
          <td class="count">${o.articles}</td>
          <td>${u(o.domains.join(', ') || '—')}</td>
          <td><input aria-label=${plain(`labels of ${o.name}`)} value=${text} onInput=${(e: Event) => setDrafts({ ...drafts, [o.name]: (e.target as HTMLInputElement).value })} /></td>
          <td class="outlet-actions"><button type="button" disabled=${busy || text === labelsText(o.groups)} onClick=${() => {
            const groups = parseLabels(text);
            if (typeof groups === 'string') return refuse(`${o.name}: ${groups}`);
            void saveLabels(o, groups);
          }}>Save<span class="vh"> the labels of ${u(o.name)}</span></button>
          <button type="button" class="rename-start" disabled=${busy || !!editing} onClick=${() => setRenaming({ name: o.name, to: o.name })}>Rename<span class="vh"> ${u(o.name)}</span>…</button></td></tr>`;
      })}
    </tbody></table>`;
}

function ExportLinks({ id }: { id: string }) {
  return html`<nav class="export" aria-label="export this story">
    <span class="export-label">Export</span>
    <ul>${EXPORTS.map((e) => html`<li><a href=${`/api/stories/${encodeURIComponent(id)}/export?${e.query}`} download title=${e.title}>${e.label}</a></li>`)}</ul>
  </nav>`;
}

function FramingCharts({ c, names }: { c: Comparison; names: Map<string, string> }) {
  const rows = c.sources.flatMap((s) => [
    { outlet: plain(names.get(s.id) ?? s.id), measure: 'loaded words / 1k', value: s.scores.loadedPer1k },
    { outlet: plain(names.get(s.id) ?? s.id), measure: 'hedges / 1k', value: s.scores.hedgesPer1k },
    { outlet: plain(names.get(s.id) ?? s.id), measure: 'opinion sentences %', value: Math.round(s.scores.opinionShare * 100) },
    { outlet: plain(names.get(s.id) ?? s.id), measure: 'attributed sentences %', value: Math.round(s.scores.attributedShare * 100) },
  ]);
  return html`<${Chart} make=${(Plot: Plot) =>
    Plot.plot({
      marginLeft: 150,
      width: Math.min(900, innerWidth - 40),
      height: 60 + c.sources.length * 4 * 14,
      fy: { label: null },
      y: { label: null },
      x: { label: null, grid: true },
      marks: [Plot.barX(rows, { x: 'value', y: 'outlet', fy: 'measure', fill: 'measure', tip: true }), Plot.ruleX([0])],
    })} />`;
}

function Timeline({ c, names }: { c: Comparison; names: Map<string, string> }) {
  const dated = c.sources.filter((s) => s.published).map((s) => ({ outlet: plain(names.get(s.id) ?? s.id), date: new Date(s.published!) }));
  if (!dated.length) return html`<p class="empty">No article gives a publication date.</p>`;
  return html`<${Chart} make=${(Plot: Plot) => Plot.plot({ marginLeft: 150, width: Math.min(900, innerWidth - 40), height: 40 + dated.length * 24, x: { label: 'published', type: 'utc' }, y: { label: null }, marks: [Plot.dot(dated, { x: 'date', y: 'outlet', r: 5, fill: 'currentColor', tip: true })] })} />`;
}

// -- Article ------------------------------------------------------------------

function ArticlePage({ id }: { id: string }) {
  const { data, error, loading } = useApi<ArticleResponse>(`/api/articles/${encodeURIComponent(id)}`);
  useTitle(data ? (data.article.title ?? '(no title)') : error ? 'Article not found' : 'Article');
  if (!data) return error ? html`<${NotShown} what="article" error=${error} />` : html`<${Status} loading=${loading} error=${error} />`;
  const { article, analysis } = data;
  const text = article.text;
  // Mark each character with the layers covering it, then render runs of equal marks.
  const layers = new Array<string[]>(text.length + 1);
  const mark = (start: number, end: number, cls: string) => {
    for (let i = Math.max(0, start); i < Math.min(text.length, end); i++) (layers[i] ??= []).push(cls);
  };
  for (const q of analysis.quotes) mark(q.start, q.end, 'hl-quote');
  for (const e of analysis.entities) for (const m of e.mentions) mark(m.start, m.end, `hl-entity hl-${e.type}`);
  for (const q of analysis.quantities) mark(q.start, q.end, 'hl-number');
  for (const s of analysis.signals) mark(s.start, s.end, `hl-signal hl-${s.category}`);
  const runs: { text: string; cls: string }[] = [];
  for (let i = 0; i < text.length; i++) {
    const cls = [...new Set(layers[i] ?? [])].join(' ');
    const last = runs[runs.length - 1];
    if (last && last.cls === cls) last.text += text[i];
    else runs.push({ text: text[i]!, cls });
  }
  return html`
    <h1 tabindex="-1">${article.title ? u(article.title) : '(no title)'}</h1>
    <p class="meta">${article.outlet ? u(article.outlet) : '—'} · ${day(article.published)} ${article.byline ? html`· ${u(article.byline)}` : ''} ${data.story ? html`· <a href=${`#/story/${encodeURIComponent(data.story)}`}>its story</a>` : null}${article.url ? html` · <a class="original" href=${article.url} target="_blank" rel="noopener noreferrer" title=${plain(article.url)}>original${hostOf(article.url) ? html` at ${u(hostOf(article.url))}` : null}</a>` : null}</p>
    <p class="legend"><span class="hl-entity">names</span> <span class="hl-number">numbers</span> <span class="hl-quote">quotes</span> <span class="hl-signal hl-loaded">loaded</span> <span class="hl-signal hl-hedge">hedges</span></p>
    <div class="article-text">${runs.map((r) => (r.cls ? html`<span class=${r.cls}>${shown(r.text)}</span>` : shown(r.text)))}</div>
    <h2>What cleaning removed</h2>
    ${article.removed.length ? html`<ul class="removed">${article.removed.map((r) => html`<li><span class="badge">${r.reason}</span> ${u(r.text)}</li>`)}</ul>` : html`<p class="empty">Nothing.</p>`}
  `;
}

// -- Add ----------------------------------------------------------------------

type IngestJob = {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  ahead: number;
  startedAt: string | null;
  error: string | null;
  results: { status: string; title: string | null; story: string | null; reason: string | null; id: string | null; input: string }[];
};

function jobProgress(job: IngestJob, now: number): string {
  if (job.state === 'queued') return job.ahead ? `Waiting: ${job.ahead} ${job.ahead === 1 ? 'job' : 'jobs'} ahead…` : 'Starting…';
  const seconds = job.startedAt ? Math.max(0, Math.round((now - Date.parse(job.startedAt)) / 1000)) : 0;
  return `Fetching, cleaning and placing it in a story… ${seconds} s`;
}

function AddPage() {
  useTitle('Add an article');
  const [mode, setMode] = useState<'url' | 'text' | 'file'>('url');
  const [job, setJob] = useState<IngestJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const busy = !!job && (job.state === 'queued' || job.state === 'running');
  // The server answers at once with a job; its state is polled until it has finished.
  useEffect(() => {
    if (!job || !busy) return;
    let live = true;
    const timer = setTimeout(() => {
      api<{ job: IngestJob }>(`/api/jobs/${encodeURIComponent(job.id)}`)
        .then((r) => live && (setJob(r.job), setNow(Date.now())))
        .catch((e: Error) => live && (setError(e.message), setJob(null)));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [job, busy]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    setError(null);
    setJob(null);
    try {
      const init: RequestInit =
        mode === 'file'
          ? { method: 'POST', body: form }
          : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.fromEntries([...form.entries()].filter(([, v]) => v !== ''))) };
      setJob((await api<{ job: IngestJob }>('/api/ingest', init)).job);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const results = job && !busy ? job.results : null;
  return html`
    <h1 tabindex="-1">Add an article</h1>
    <div role="tablist" class="tabs">${(['url', 'text', 'file'] as const).map((m) => html`<button role="tab" aria-selected=${mode === m} onClick=${() => setMode(m)}>${m === 'url' ? 'URL' : m === 'text' ? 'Paste text' : 'Upload a file'}</button>`)}</div>
    <form class="add" onSubmit=${submit}>
      ${mode === 'url' ? html`<label>Address <input name="url" type="url" required placeholder="https://…" pattern="https?://.+" title="an http:// or https:// address" /></label>` : null}
      ${mode === 'text' ? html`<label>Title <input name="title" /></label><label>Text <textarea name="text" rows="10" required></textarea></label>` : null}
      ${mode === 'file' ? html`<label>File <input name="file" type="file" required /></label>` : null}
      <label>Outlet <input name="outlet" placeholder="optional" /></label>
      <button type="submit" disabled=${busy}>${busy ? 'Adding…' : 'Add'}</button>
    </form>
    ${busy ? html`<p class="progress" role="status">${jobProgress(job!, now)}</p>` : null}
    ${error ? html`<p class="error" role="alert">${error}</p>` : null}
    ${job?.state === 'failed' ? html`<p class="error" role="alert">${job.error}</p>` : null}
    ${results ? html`<ul class="results" role="status">${results.map((r) => html`<li class=${r.status}>${r.status}: ${u(r.title ?? r.input)}${r.reason ? html` — <span class="reason">${u(r.reason)}</span>` : null} ${r.story ? html` — joined <a href=${`#/story/${encodeURIComponent(r.story)}`}>its story</a>` : null}${r.id ? html` · <a href=${`#/article/${encodeURIComponent(r.id)}`}>the article</a>` : null}</li>`)}</ul>` : null}
  `;
}

// The page's "Loading Parallax…" placeholder goes when the app takes over its element.
askEarly(parseRoute(location.hash));
const root = document.getElementById('app')!;
root.replaceChildren();
render(html`<${App} />`, root);
