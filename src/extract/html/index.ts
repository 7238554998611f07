import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { francAll } from 'franc-min';
import { parseHTML } from 'linkedom';
import { ParallaxError } from '../../core/errors.ts';
import type { ExtractionDecision, ExtractSource, Removal } from '../../core/types.ts';
import { BOILERPLATE_CLASS_WORDS } from '../../lexicon/boilerplate.ts';
import { cleanText, datelineDate } from '../text/index.ts';
import { flattenDeepElements, flattenDeepMarkup } from './flatten.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';

export interface HtmlExtractOptions {
  /** The page's URL, used to resolve links and as a date/outlet hint. */
  url?: string | null;
  /** Thresholds of the rules below; DEFAULT_TUNING where not given (the evaluation varies them). */
  tuning?: Partial<ExtractTuning>;
  /** Rules to leave out, to measure what each one adds (`npm run eval -- extraction --without <rule>`). */
  without?: readonly ExtractRule[];
}

/** The rules of issue 15 that can be left out one by one to measure them. */
export const EXTRACT_RULES = ['page-boilerplate', 'figures', 'headers', 'date-lines', 'link-runs', 'embedded-posts', 'json-ld-fuller', 'container-inside'] as const;
export type ExtractRule = (typeof EXTRACT_RULES)[number];

/**
 * The tunable values of extraction. `npm run eval -- extraction` chooses each on four of five
 * folds of development sites and scores the fifth, so a value that only fits the pages it was
 * chosen on shows up as a gap between in-sample and held-back scores.
 */
export interface ExtractTuning {
  /** A box named as boilerplate is pruned before Readability only when it holds at most this share of the page's text (step 2). */
  pruneMaxShare: number;
  /** This many link-only paragraphs in a row are a list of links, not the article (step 4). */
  linkRun: number;
  /** JSON-LD articleBody is chosen when it has more than this many times the words of Readability's text (step 6, rule `json-ld-fuller`). */
  jsonLdRatio: number;
  /** The article-body container counts as inside Readability's text when at least this share of its words are there (step 6, rule `container-inside`). */
  containerInside: number;
  /** …and is chosen only when at most this share of Readability's words are in the container: the rest is what Readability took around the article body (rule `container-inside`). */
  readabilityInContainer: number;
}

export const DEFAULT_TUNING: ExtractTuning = {
  pruneMaxShare: 0.2,
  linkRun: 2,
  jsonLdRatio: 1.3,
  containerInside: 0.99,
  readabilityInContainer: 0.99,
};

/** The page's metadata (filled in from Readability and the text where the page lacks it) and its body. */
export interface HtmlExtractResult extends Omit<PageMetadata, 'articleBody'> {
  /** Clean body text, paragraphs separated by a blank line. */
  text: string;
  removed: Removal[];
  /** Where the text came from: Readability's container on the pruned page, the page's article-body container, or its JSON-LD articleBody (step 6). */
  source: ExtractSource;
  /** The candidates, their features and the rule that chose (step 6; `extract --explain`). */
  decision: ExtractionDecision;
}

type El = Element;

const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'DD', 'DT', 'TD', 'TH', 'FIGCAPTION', 'CAPTION', 'ADDRESS']);
const CONTAINERS = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'UL', 'OL', 'DL', 'TABLE', 'TBODY', 'THEAD', 'TR', 'FIGURE', 'HEADER', 'FOOTER', 'ASIDE', 'SPAN', 'FONT', 'CENTER']);

/** Class/id words of blocks that sit inside articles but are not the article. */
const BOILERPLATE_HINT =
  /(^|[-_\s])(share|sharing|social|related|recommend|newsletter|subscribe|signup|sign-up|promo|advert|ad|ads|sponsor|outbrain|taboola|comment|byline|author-bio|bio|tags?|breadcrumb|caption|credit|read-?more|more-stories|popular|trending|footer|nav|toolbar|disclaimer|copyright|cookie|paywall|inline-link)([-_\s]|$)/i;

function normalise(s: string): string {
  return s.replace(/[\u00A0\u2007\u202F\t\r\n ]+/g, ' ').trim();
}

/**
 * The text blocks of an element in reading order: a block element's text is one paragraph;
 * text sitting directly in a container (between blocks, or split by <br>) is a paragraph too.
 * When `links` is given, it receives for each paragraph the characters of its link text.
 * Elements in `skip` are read as if removed (the article-body container is read in place).
 */
function paragraphs(root: El, links?: number[], skip?: ReadonlySet<El>): string[] {
  // Every element holding a skipped one (one walk up from each), so a block is checked in one look-up.
  const holders = new Set<El>();
  if (skip) for (const s of skip) for (let up = s.parentElement; up && !holders.has(up); up = up.parentElement) holders.add(up);
  const holdsSkipped = (el: El) => holders.has(el);
  const out: string[] = [];
  let inline = '';
  let inlineLinks = 0;
  const push = (t: string, n: number) => {
    out.push(t);
    links?.push(n);
  };
  const flush = () => {
    const t = normalise(inline);
    if (t) push(t, inlineLinks);
    inline = '';
    inlineLinks = 0;
  };
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        inline += child.textContent ?? '';
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as El;
      if (skip?.has(el)) continue;
      const tag = el.tagName;
      if (tag === 'BR') {
        if (/\n|<br/.test(inline) || inline.trim()) flush();
        continue;
      }
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
      if (BLOCKS.has(tag) && !el.querySelector('p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, table')) {
        flush();
        const skips = holdsSkipped(el);
        const t = normalise(skips ? textSkipping(el, skip!) : blockText(el));
        if (t) push(t, links ? linkChars(el, skips ? skip : undefined) : 0);
        continue;
      }
      if (BLOCKS.has(tag) || CONTAINERS.has(tag)) {
        if (tag !== 'SPAN' && tag !== 'FONT') flush();
        walk(el);
        if (tag !== 'SPAN' && tag !== 'FONT') flush();
        continue;
      }
      const skips = holdsSkipped(el);
      const t = skips ? textSkipping(el, skip!, '') : (el.textContent ?? '');
      if (links) inlineLinks += tag === 'A' ? normalise(t).length : linkChars(el, skips ? skip : undefined);
      inline += ` ${t} `.replace(/^ | $/g, (m) => (/(A|B|I|EM|STRONG|CODE|SUP|SUB|ABBR|TIME|Q|CITE|MARK|SMALL|U|S)$/.test(tag) ? '' : m));
    }
  };
  walk(root);
  flush();
  return out;
}

/** Share of a paragraph's characters in links at or above which it is a link and nothing more. */
const LINK_ONLY = 0.9;

/** Characters of link text inside an element (leaving out links inside elements of `skip`). */
function linkChars(el: El, skip?: ReadonlySet<El>): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) {
    if (skip?.size && insideOf(a, el, skip)) continue;
    n += normalise(a.textContent ?? '').length;
  }
  return n;
}

/** Whether `node` lies inside an element of `skip`, looking up no further than `top`. */
function insideOf(node: El, top: El, skip: ReadonlySet<El>): boolean {
  for (let up: El | null = node; up && up !== top; up = up.parentElement) if (skip.has(up)) return true;
  return skip.has(top);
}

/** Text of an element without the elements of `skip`, a <br> read as `br`. */
function textSkipping(el: El, skip: ReadonlySet<El>, br = ' '): string {
  let out = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1 && !skip.has(child as El)) {
        const tag = (child as El).tagName;
        if (tag === 'BR') out += br;
        else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'NOSCRIPT' && tag !== 'TEMPLATE') walk(child);
      }
    }
  };
  walk(el);
  return out;
}

/**
 * Text of a block, a <br> read as a space: `textContent` alone ran the words either side of a
 * line break together ("first line<br>second" gave "first linesecond"). Held-back F1 +0.001.
 */
function blockText(el: El): string {
  if (!el.getElementsByTagName('br').length) return el.textContent ?? '';
  let out = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const tag = (child as El).tagName;
        if (tag === 'BR') out += ' ';
        else if (tag !== 'SCRIPT' && tag !== 'STYLE' && tag !== 'NOSCRIPT' && tag !== 'TEMPLATE') walk(child);
      }
    }
  };
  walk(el);
  return out;
}

function linkDensity(el: El): number {
  return linkChars(el) / (normalise(el.textContent ?? '').length || 1);
}

/**
 * The blocks of an article's element that are not the article: share bars, newsletter boxes,
 * related-link lists, captions and credits, by class/id hints and link density (step 3). Each is
 * recorded with its reason; the caller removes them (Readability's copy) or reads around them
 * (the article-body container, read in place). A box inside one already found is not looked at.
 */
const BOX_TAGS = new Set(['ASIDE', 'NAV', 'FORM', 'BUTTON']);

function inArticleBoilerplate(root: El, removed: Removal[]): El[] {
  const found: El[] = [];
  const visit = (parent: El) => {
    for (const el of Array.from(parent.children) as El[]) {
      if (!isInArticleBoilerplate(el, removed)) visit(el);
      else found.push(el);
    }
  };
  visit(root);
  return found;
}

function isInArticleBoilerplate(el: El, removed: Removal[]): boolean {
  const hint = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  const tag = el.tagName;
  // Reading an element's text walks its subtree: only candidates pay for it.
  if (!BOX_TAGS.has(tag) && tag !== 'UL' && tag !== 'OL' && !BOILERPLATE_HINT.test(hint)) return false;
  const text = normalise(el.textContent ?? '');
  if (!text) return false;
  let reason: string | null = null;
  if ((tag === 'ASIDE' || tag === 'NAV' || tag === 'FORM' || tag === 'BUTTON') && text.split(' ').length < 80) reason = tag === 'NAV' ? 'navigation' : 'aside-box';
  else if (BOILERPLATE_HINT.test(hint) && text.split(' ').length < 120 && !el.querySelector('p ~ p ~ p')) reason = `in-article-${(BOILERPLATE_HINT.exec(hint)![2] ?? 'box').toLowerCase()}`;
  else if ((tag === 'UL' || tag === 'OL') && linkDensity(el) > 0.7 && el.querySelectorAll('li').length >= 2) reason = 'link-list';
  if (!reason) return false;
  removed.push({ text: text.length > 300 ? `${text.slice(0, 297)}…` : text, reason });
  return true;
}

/** Markup in a JSON-LD articleBody: a tag, or a tag escaped once ("&lt;p&gt;"). */
const MARKUP = /<\/?[a-z][a-z0-9]*[\s>/]|&lt;\/?[a-z][a-z0-9]*(\s|&gt;)/i;

/**
 * The paragraphs of a JSON-LD articleBody. Some pages put the body's HTML there, some escape it
 * once more: taken as text, its tags and entities became words of the article. Markup is parsed
 * (twice for escaped markup) and read like the page's own blocks; plain text is split at line ends.
 * Held-back F1 +0.002 (0.968 -> 0.970).
 */
export function articleBodyText(body: string): string {
  if (!MARKUP.test(body)) {
    return body
      .split(/\n+/)
      .map(normalise)
      .filter(Boolean)
      .join('\n\n');
  }
  let root = parseHTML(`<!doctype html><html><body>${body}</body></html>`).document.body as unknown as El;
  if (!root.firstElementChild && MARKUP.test(root.textContent ?? '')) {
    root = parseHTML(`<!doctype html><html><body>${root.textContent ?? ''}</body></html>`).document.body as unknown as El;
  }
  return paragraphs(root).join('\n\n');
}

/** The words of a class or id: split at anything but letters and at lower-to-upper case changes, lower-cased. */
export function classWords(hint: string): string[] {
  return hint
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

const boilerplateWordCache = new Map<string, string | null>();

/** The first boilerplate word (src/lexicon/boilerplate.ts) among a class and id's words, or null. */
export function boilerplateWord(hint: string): string | null {
  let word = boilerplateWordCache.get(hint);
  if (word === undefined) {
    word = classWords(hint).find((w) => BOILERPLATE_CLASS_WORDS.has(w)) ?? null;
    if (boilerplateWordCache.size > 10_000) boilerplateWordCache.clear();
    boilerplateWordCache.set(hint, word);
  }
  return word;
}

/** Elements that are the article itself in standard markup: never pruned as boilerplate, nor anything holding one. */
const ARTICLE_MARK = 'article, main, [itemprop="articleBody"]';

/**
 * Pattern: the boxes around and inside an article that pages name by what they are (share bars,
 * related-story grids, comment threads, ad slots, newsletter boxes, bylines, tag lists), pruned on
 * the whole page before Readability chooses a container. Readability keeps a box whose class also
 * says "article" or "content" ("article-share"), and rewrites boxes as paragraphs before our
 * later pruning sees them. A box goes when a word of its class or id is in the general boilerplate
 * vocabulary (src/lexicon/boilerplate.ts) and it holds at most `maxShare` of the page's text, so a
 * page-wide wrapper with an unlucky class name stays. Scripts and styles go first (Readability
 * drops them too), so the share counts only text. Held-back F1 +0.0021 (0.9766 without it).
 */
function prunePageBoilerplate(doc: Document, maxShare: number, removed: Removal[]): string | null {
  const body = doc.body as El | null;
  if (!body) return null;
  // The byline box is pruned like the rest, but its name is metadata: kept for the result.
  let byline: string | null = null;
  for (const el of Array.from(body.querySelectorAll('script, style, template'))) el.remove();
  const total = normalise(body.textContent ?? '').length || 1;
  for (const el of Array.from(body.querySelectorAll('[class], [id]')) as El[]) {
    const tag = el.tagName;
    if (tag === 'ARTICLE' || tag === 'MAIN' || !el.isConnected) continue;
    const word = boilerplateWord(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
    if (!word) continue;
    const text = normalise(el.textContent ?? '');
    if (text.length > total * maxShare || el.getAttribute('itemprop') === 'articleBody' || el.querySelector(ARTICLE_MARK)) continue;
    if (!byline && (word === 'byline' || word === 'author') && text && text.length < 100) byline = text;
    if (text) removed.push({ text: text.length > 300 ? `${text.slice(0, 297)}…` : text, reason: `page-boilerplate-${word}` });
    el.remove();
  }
  return byline;
}

/**
 * Pattern: a photo's caption and credit, a gallery's "Image 3 of 12" and buttons (`figure`,
 * `figcaption`), and the article's own header inside its container (`header`: kicker, headline,
 * byline with date, standfirst), none of which is body text. Pruned on the page before Readability
 * when they hold at most `maxShare` of the page's text, so a page that wraps everything in one
 * of them keeps it. Held-back F1: figures +0.0018 (0.9769 without), headers +0.0009 (0.9778
 * without; docs/extraction.md).
 */
function pruneFiguresAndHeaders(doc: Document, maxShare: number, which: { figures: boolean; headers: boolean }, removed: Removal[]): void {
  const body = doc.body as El | null;
  if (!body) return;
  const selector = [which.figures ? 'figure, figcaption' : '', which.headers ? 'header' : ''].filter(Boolean).join(', ');
  if (!selector) return;
  const found = Array.from(body.querySelectorAll(selector)) as El[];
  if (!found.length) return;
  const total = normalise(body.textContent ?? '').length || 1;
  for (const el of found) {
    if (!el.isConnected) continue;
    const text = normalise(el.textContent ?? '');
    if (text.length > total * maxShare || el.querySelector(ARTICLE_MARK)) continue;
    if (text) removed.push({ text: text.length > 300 ? `${text.slice(0, 297)}…` : text, reason: el.tagName === 'HEADER' ? 'header' : 'figure' });
    el.remove();
  }
}

/**
 * Pattern: the lines that give only when the article appeared ("Updated 3 April 2025, 14:05",
 * "The Associated Press Published Monday, November 18, 2019 8:22AM EST"): a date, with at most
 * a publication label and a short credit beside it. A sentence that mentions a date is longer or
 * ends as a sentence does, and stays. Held-back F1 +0.0007 (0.9780 without it).
 */
export function isDateLine(p: string): boolean {
  if (p.length > 120 || !/\d/.test(p) || (/[.!?]["”’)]?$/.test(p) && !/\b(a\.m|p\.m)\.$/i.test(p))) return false;
  if (datelineDate(p)) return true;
  if (!/\b(published|posted|updated|modified)\b/i.test(p)) return false;
  const m = /\b(published|posted|updated|last updated|first published|modified)\b(.*)$/i.exec(p)!;
  const date = datelineDate(`${m[1]} ${m[2]}`);
  if (!date) return false;
  // What stands before the label: nothing, or a short credit ("The Associated Press").
  return p.slice(0, m.index).split(/\s+/).filter(Boolean).length <= 4;
}

/**
 * Pattern: a run of paragraphs that are each one link (a list of other stories, "More on this",
 * tag links) set in the article as paragraphs rather than as a list. `run` or more link-only
 * paragraphs in a row go; a single linked line stays. Held-back F1 +0.0018 (0.9769 without it).
 */
function dropLinkRuns(paras: string[], linkOnly: boolean[], run: number, removed: Removal[]): string[] {
  const keep = paras.map(() => true);
  for (let i = 0; i < paras.length; ) {
    let j = i;
    while (j < paras.length && linkOnly[j]) j++;
    if (j - i >= run) for (let k = i; k < j; k++) keep[k] = false;
    i = j === i ? i + 1 : j;
  }
  return paras.filter((p, i) => {
    if (!keep[i]) removed.push({ text: p, reason: 'link-run' });
    return keep[i];
  });
}

/**
 * Most places a page may break its text (a "<" that opens no tag, an entity such as &nbsp;). The
 * parser makes each break a text node of its own and every later step walks them all: 200,000
 * stray "<" or "&nbsp;" took 1.4–3.9 s to parse alone, and a 660 KB line of "<" inside a feed item
 * 20 s to extract (found by npm run fuzz). An article has a few hundred.
 */
export const MAX_TEXT_BREAKS = 50_000;

/** Counts text breaks, stopping once past MAX_TEXT_BREAKS (one scan, no copy). */
function textBreaks(html: string): number {
  const breaks = /<(?![a-zA-Z/!?])|&#?[a-zA-Z0-9]{1,32};/g;
  let n = 0;
  while (n <= MAX_TEXT_BREAKS && breaks.exec(html)) n++;
  return n;
}

/**
 * A parsed page with an <html> element. linkedom makes the first element of a fragment
 * (`<script>…`, a bare `<p>`) the document element and gives plain text none, and Readability then
 * throws on the missing <body>: such input is parsed again inside a page of its own.
 */
function parsePage(html: string): Document {
  if (textBreaks(html) > MAX_TEXT_BREAKS) {
    throw new ParallaxError('too-large', `the page breaks its text into over ${MAX_TEXT_BREAKS} pieces (stray "<" or entities such as &nbsp;), too many to extract in seconds`);
  }
  html = flattenDeepMarkup(html);
  const { document } = parseHTML(html);
  if (document.documentElement?.tagName === 'HTML') return document as unknown as Document;
  return parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`).document as unknown as Document;
}

/** Words of a text (letters and digits), lower-cased. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A text the page offers as its article, with the features the choice among them reads. */
export interface Candidate {
  source: ExtractSource;
  /** What it is on the page, for --explain: "Readability's container", "<article>", "[itemprop=articleBody]", "JSON-LD articleBody". */
  what: string;
  text: string;
  /** Words of `text`. */
  words: number;
  /** Share of the characters of the candidate's paragraphs in link text, after in-article pruning and before link runs go (0 for JSON-LD). */
  linkDensity: number;
  /** What steps 3–5 removed from this candidate. */
  removed: Removal[];
}

const bags = new WeakMap<Candidate, Map<string, number>>();

/** A candidate's words with their counts (made when an overlap first needs them). */
function bagOf(c: Candidate): Map<string, number> {
  let bag = bags.get(c);
  if (!bag) {
    bag = new Map<string, number>();
    for (const w of wordsOf(c.text)) bag.set(w, (bag.get(w) ?? 0) + 1);
    bags.set(c, bag);
  }
  return bag;
}

/** Share of `a`'s words (counted with repeats) that `b` holds as well. */
export function overlapShare(a: Candidate, b: Candidate): number {
  if (a.text === b.text) return a.words ? 1 : 0;
  return bagShare(bagOf(a), bagOf(b));
}

function bagShare(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  let shared = 0;
  for (const [w, c] of a) {
    n += c;
    shared += Math.min(c, b.get(w) ?? 0);
  }
  return n ? shared / n : 0;
}

function candidate(source: ExtractSource, what: string, text: string, linkDensity: number, removed: Removal[]): Candidate {
  return { source, what, text, words: text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0, linkDensity, removed };
}

/**
 * Steps 3–4 on one candidate's element: in-article boilerplate, paragraphs, link runs, date lines.
 * `inPlace` reads the element around its boilerplate instead of removing it, so the page is left
 * as it was for Readability.
 */
function blocksOf(root: El, tuning: ExtractTuning, off: Set<ExtractRule>, removed: Removal[], inPlace: boolean): { paras: string[]; linkDensity: number } {
  // 3.
  const boxes = inArticleBoilerplate(root, removed);
  if (!inPlace) for (const el of boxes) el.remove();
  // 4.
  const links: number[] = [];
  let paras = paragraphs(root, links, inPlace ? new Set(boxes) : undefined);
  const chars = paras.reduce((n, p) => n + p.length, 0);
  const linkDensity = chars ? links.reduce((a, b) => a + b, 0) / chars : 0;
  const linkOnly = links.map((n, i) => n >= paras[i]!.length * LINK_ONLY);
  if (!off.has('link-runs')) paras = dropLinkRuns(paras, linkOnly, tuning.linkRun, removed);
  if (!off.has('date-lines')) {
    paras = paras.filter((p) => {
      const dateOnly = isDateLine(p);
      if (dateOnly) removed.push({ text: p, reason: 'date-line' });
      return !dateOnly;
    });
  }
  return { paras, linkDensity };
}

/** Step 4's headline and step 5 on a candidate's paragraphs; two candidates with the same paragraphs are cleaned once. */
function finishText(paras: string[], title: string | null, off: Set<ExtractRule>, removed: Removal[], cleaned: Map<string, { text: string; removed: Removal[] }>): string {
  // The headline repeated at the top of the body is metadata, not body text.
  if (title && paras[0] && normalise(paras[0]).toLowerCase() === normalise(title).toLowerCase()) {
    removed.push({ text: paras[0], reason: 'headline' });
    paras = paras.slice(1);
  }
  // 5. Promotion and prompt paragraphs, by the same rules as plain text.
  const joined = paras.join('\n\n');
  let done = cleaned.get(joined);
  if (!done) {
    done = cleanText(joined, { format: 'body', embeddedPosts: off.has('embedded-posts') ? 'drop' : 'keep' });
    cleaned.set(joined, done);
  }
  removed.push(...done.removed);
  return done.text;
}

/**
 * The page's standard article-body container, when it has one: the element marked
 * `itemprop="articleBody"`, else an `<article>`; of several of a kind, the largest, and only when
 * it holds at least `SINGLE` of their text (one article, not a list of teasers). Found after the
 * page is pruned (step 2) and before Readability rewrites the page.
 */
function bodyContainer(doc: Document): { el: El; what: string } | null {
  const body = doc.body as El | null;
  if (!body) return null;
  for (const [selector, what] of [
    ['[itemprop="articleBody"], [itemprop="articlebody"]', '[itemprop=articleBody]'],
    ['article', '<article>'],
  ] as const) {
    const found = Array.from(body.querySelectorAll(selector)) as El[];
    if (!found.length) continue;
    // The outermost of them (one walk up from each, not a comparison of every pair).
    const marked = new Set(found);
    const outer = found.filter((el) => {
      for (let up = el.parentElement; up; up = up.parentElement) if (marked.has(up)) return false;
      return true;
    });
    if (outer.length === 1) return { el: outer[0]!, what };
    const sizes = outer.map((el) => normalise(el.textContent ?? '').length);
    const total = sizes.reduce((a, b) => a + b, 0);
    const at = sizes.indexOf(Math.max(...sizes));
    if (total && sizes[at]! >= total * SINGLE) return { el: outer[at]!, what };
  }
  return null;
}

/** Share of the text of all containers of its kind the chosen one must hold (bodyContainer). */
const SINGLE = 0.75;

export interface ExtractCandidates {
  meta: PageMetadata;
  /** Readability's container, the article-body container, JSON-LD articleBody: those the page has. */
  candidates: Candidate[];
  /** What steps 0–2 removed from the page (shared by every candidate). */
  removed: Removal[];
  readerable: boolean;
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
}

/** Steps 0–5 of extractHtml: the page's candidate texts, each cleaned the same way. */
export function extractCandidates(html: string, options: HtmlExtractOptions = {}): ExtractCandidates {
  const tuning: ExtractTuning = { ...DEFAULT_TUNING, ...options.tuning };
  // 0.
  const doc = parsePage(html);
  flattenDeepElements(doc);
  // 1.
  const meta: PageMetadata = readMetadata(doc, options.url ?? null);
  // 2.
  const removed: Removal[] = [];
  const off = new Set<ExtractRule>(options.without ?? []);
  const prunedByline = off.has('page-boilerplate') ? null : prunePageBoilerplate(doc, tuning.pruneMaxShare, removed);
  pruneFiguresAndHeaders(doc, tuning.pruneMaxShare, { figures: !off.has('figures'), headers: !off.has('headers') }, removed);
  const container = off.has('container-inside') ? null : bodyContainer(doc);
  // The container is read now, in place: Readability rewrites and moves the page's elements.
  const containerRemoved: Removal[] = [];
  const containerBlocks = container ? blocksOf(container.el, tuning, off, containerRemoved, true) : null;
  const readerable = isProbablyReaderable(doc, { minContentLength: 100, minScore: 10 });
  const article = new Readability(doc, { keepClasses: true, charThreshold: 300, disableJSONLD: true }).parse();
  const title = meta.title ?? article?.title ?? null;
  const candidates: Candidate[] = [];
  const cleaned = new Map<string, { text: string; removed: Removal[] }>();
  if (article?.content) {
    // Re-parsing Readability's HTML measured better than walking its live element (0.968 vs 0.957 F1).
    const root = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body as unknown as El;
    const removedHere: Removal[] = [];
    const { paras, linkDensity } = blocksOf(root, tuning, off, removedHere, false);
    candidates.push(candidate('readability', "Readability's container", finishText(paras, title, off, removedHere, cleaned), linkDensity, removedHere));
  }
  if (container && containerBlocks) {
    candidates.push(candidate('body-container', container.what, finishText(containerBlocks.paras, title, off, containerRemoved, cleaned), containerBlocks.linkDensity, containerRemoved));
  }
  if (meta.articleBody && !off.has('json-ld-fuller')) candidates.push(candidate('json-ld', 'JSON-LD articleBody', articleBodyText(meta.articleBody), 0, []));
  return {
    meta,
    candidates,
    removed,
    readerable,
    title,
    byline: meta.byline ?? normaliseByline(article?.byline ?? prunedByline),
    published: meta.published ?? article?.publishedTime ?? null,
    siteName: meta.siteName ?? article?.siteName ?? null,
  };
}

/** A candidate's features as --explain shows them. */
function describe(c: Candidate): ExtractionDecision['candidates'][number] {
  return { source: c.source, what: c.what, words: c.words, linkDensity: Math.round(c.linkDensity * 1000) / 1000 };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * Step 6: one candidate by measured features, by the first rule below that applies; Readability's
 * container when none does (or the only candidate with text). The features: each candidate's
 * words and link density, and for each pair the share of one's words (with repeats) that the
 * other holds. The rules' thresholds are in ExtractTuning, chosen on four folds of development
 * sites and scored on the fifth (`npm run eval -- extraction`); each rule can be left out
 * (`--without <rule>`) to measure it, and its held-back gain is in its comment.
 */
export function chooseCandidate(candidates: Candidate[], tuning: ExtractTuning): ExtractionDecision {
  const by = (s: ExtractSource) => candidates.find((c) => c.source === s && c.words > 0);
  const r = by('readability');
  const c = by('body-container');
  const j = by('json-ld');
  const overlaps: ExtractionDecision['overlaps'] = [];
  const share = (a: Candidate, b: Candidate) => {
    let o = overlaps.find((x) => x.of === a.source && x.in === b.source);
    if (!o) overlaps.push((o = { of: a.source, in: b.source, share: overlapShare(a, b) }));
    return o.share;
  };
  const decide = (winner: Candidate, rule: string, because: string): ExtractionDecision => {
    // Every pair's overlap is shown, decided by it or not.
    const present = [r, c, j].filter((x): x is Candidate => Boolean(x));
    for (const a of present) for (const b of present) if (a !== b) share(a, b);
    return {
      source: winner.source,
      rule,
      because,
      candidates: candidates.map(describe),
      overlaps: overlaps.map((o) => ({ ...o, share: Math.round(o.share * 1000) / 1000 })),
    };
  };

  /*
   * Rule `json-ld-fuller`. Pattern: Readability takes a teaser, a fragment or nothing, while the
   * page's structured data holds the whole article. JSON-LD articleBody wins when it has more than
   * `jsonLdRatio` times the words of Readability's text. Few development pages need it (the
   * held-back figure does not move without it, docs/extraction.md); it is kept as a safeguard
   * for pages whose body is drawn by scripts.
   */
  if (j && (!r || j.words > r.words * tuning.jsonLdRatio)) {
    return decide(j, 'json-ld-fuller', r ? `JSON-LD articleBody has ${(j.words / r.words).toFixed(2)}× the words of Readability's container (${j.words} against ${r.words}; chosen above ${tuning.jsonLdRatio}×)` : "Readability found no container; JSON-LD articleBody holds the text");
  }

  /*
   * Rule `container-inside`. Pattern: Readability's container is a wrapper around the page's
   * marked article body (`itemprop="articleBody"`, or its one `<article>`), holding besides it
   * what the page sets around the body: a standfirst, "Posted | Updated" lines, affiliate
   * notices, app prompts, a skip link. When nearly all of the container's words are in
   * Readability's text (at least `containerInside`) and Readability's text has words the container
   * lacks (at most `readabilityInContainer` of its words in it), the container wins. When the
   * container is the larger one it is not chosen: it then holds what Readability rightly left
   * out (lists of other stories, "Filed under" lines, notices; better on 1 of 7 development pages).
   * Fires on 6 of the 121 development pages. Held-back F1 +0.0007 (0.9786 without it;
   * docs/extraction.md).
   */
  if (r && c) {
    const cInR = share(c, r);
    const rInC = share(r, c);
    if (cInR >= tuning.containerInside && rInC <= tuning.readabilityInContainer) {
      return decide(c, 'container-inside', `${pct(cInR)} of the words of ${c.what} are in Readability's container (at least ${pct(tuning.containerInside)}), which has ${r.words - c.words > 0 ? `${r.words - c.words} more words` : 'words'} around it: only ${pct(rInC)} of its words are in ${c.what} (at most ${pct(tuning.readabilityInContainer)})`);
    }
  }

  if (r) {
    const why: string[] = [];
    if (c) {
      const cInR = share(c, r);
      const rInC = share(r, c);
      if (c.text === r.text) why.push(`${c.what} gives the same text`);
      else if (cInR < tuning.containerInside) why.push(`${c.what} is not inside it (${pct(cInR)} of its words there, under ${pct(tuning.containerInside)})`);
      else why.push(`it has nothing around ${c.what} (${pct(rInC)} of its words are in it, over ${pct(tuning.readabilityInContainer)})`);
    }
    if (j) why.push(`JSON-LD articleBody has ${(j.words / r.words).toFixed(2)}× its words (not over ${tuning.jsonLdRatio}×)`);
    return decide(r, 'readability', why.length ? `Readability's container: ${why.join('; ')}` : "the only candidate: Readability's container");
  }
  const any = candidates.find((x) => x.words > 0);
  return any
    ? decide(any, 'only-candidate', `Readability found no container; ${any.what} holds the text`)
    : { source: 'readability', rule: 'none', because: 'no candidate holds text', candidates: candidates.map(describe), overlaps: [] };
}

/**
 * HTML page → article body and metadata.
 * 0. The page is parsed as a whole document, and elements nested deeper than MAX_DEPTH are
 *    flattened (src/extract/html/flatten.ts), which bounds Readability's time.
 * 1. Metadata from JSON-LD, OpenGraph/meta tags, <time>, the URL and a visible dateline,
 *    read before anything changes the page.
 * 2. The page is pruned before Readability sees it (each rule's measured held-back
 *    gain is in docs/extraction.md): boxes whose class or id names boilerplate (share bars,
 *    related grids, comments, ads, captions; prunePageBoilerplate), figures and the article's own
 *    <header> (pruneFiguresAndHeaders). The page's standard article-body container, when it has
 *    one, is taken as a candidate (bodyContainer).
 *    Readability then picks the article container (a cheap readerable check decides whether the
 *    page looks like an article at all; when it does not, the body is still tried).
 * 3. In-article boilerplate blocks are removed from each candidate and recorded.
 * 4. Paragraphs are rebuilt from the block structure, so headings, list items and quotes stay
 *    separate paragraphs instead of running together; runs of link-only paragraphs
 *    (dropLinkRuns) and lines that only date the article (isDateLine) go.
 * 5. Promotion paragraphs are removed by the plain-text rules (src/extract/text); the text of
 *    embedded posts stays, since on a web page it is part of the article.
 * 6. One candidate is chosen by measured features (chooseCandidate): Readability's container,
 *    the article-body container, or JSON-LD articleBody (its markup parsed: articleBodyText).
 *    `source` says which path gave the text, `decision` the rule and features that chose it.
 */
export function extractHtml(html: string, options: HtmlExtractOptions = {}): HtmlExtractResult | null {
  const tuning: ExtractTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const page = extractCandidates(html, options);
  // 6.
  const decision = chooseCandidate(page.candidates, tuning);
  const winner = page.candidates.find((c) => c.source === decision.source);
  const text = winner?.text ?? '';
  const removed = [...page.removed, ...(winner?.removed ?? [])];
  const readability = page.candidates.find((c) => c.source === 'readability');
  if (readability?.text && winner && winner !== readability) {
    // What Readability's text held that the chosen text does not, paragraph by paragraph.
    const kept = new Set(text.split('\n\n'));
    const reason = winner.source === 'json-ld' ? 'replaced-by-json-ld-articlebody' : 'outside-article-body-container';
    for (const p of readability.text.split('\n\n')) if (!kept.has(p)) removed.push({ text: p.length > 300 ? `${p.slice(0, 297)}…` : p, reason });
  }
  if (!text.trim() || (!page.readerable && text.length < 200)) return null;
  return {
    title: page.title,
    byline: page.byline,
    published: page.published,
    siteName: page.siteName,
    canonicalUrl: page.meta.canonicalUrl ?? options.url ?? null,
    language: page.meta.language ?? detectLanguage(text),
    text,
    removed,
    source: decision.source,
    decision,
  };
}

function normaliseByline(byline: string | null): string | null {
  if (!byline) return null;
  const b = normalise(byline).replace(/^by\s+/i, '');
  return b.length > 100 ? null : b || null;
}

/** franc gives ISO 639-3; Parallax stores ISO 639-1 where one exists. */
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', rus: 'ru', ukr: 'uk', pol: 'pl', tur: 'tr', arb: 'ar',
  cmn: 'zh', jpn: 'ja', kor: 'ko', hin: 'hi', ind: 'id', swe: 'sv', nob: 'no', dan: 'da', fin: 'fi', ces: 'cs', ron: 'ro', hun: 'hu',
  ell: 'el', heb: 'he', vie: 'vi', tha: 'th', fas: 'fa', pes: 'fa', urd: 'ur', ben: 'bn', cat: 'ca', hrv: 'hr', srp: 'sr', bul: 'bg',
};

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 4000);
  if (sample.length < 40) return null;
  const [best] = francAll(sample, { minLength: 40 });
  if (!best || best[0] === 'und') return null;
  return ISO3_TO_1[best[0]] ?? best[0];
}
