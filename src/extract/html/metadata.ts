import * as chrono from 'chrono-node';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  language: string | null;
  /** JSON-LD articleBody, when the page carries one. */
  articleBody: string | null;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Every JSON-LD object on the page, @graph arrays flattened. */
function jsonLd(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      if ((v as Json)['@graph']) visit((v as Json)['@graph']);
    }
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ''));
    } catch {
      // A broken JSON-LD block is common; the other sources still apply.
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|Posting|Report|Blog|NewsArticle|WebPage/i;

/** Every <meta> content by its property, name and itemprop (one pass: selectors per name are slow in linkedom). */
function metaIndex(doc: Document): Map<string, string> {
  const index = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const content = str(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr);
      if (key && !index.has(key)) index.set(key, content);
    }
  }
  return index;
}

function firstOf(index: Map<string, string>, ...names: string[]): string | null {
  for (const n of names) {
    const v = index.get(n);
    if (v) return v;
  }
  return null;
}

export function toIso(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = new Date(v);
  if (!Number.isNaN(d.getTime()) && /\d{4}/.test(v)) return d.toISOString();
  const parsed = chrono.parseDate(v);
  return parsed ? parsed.toISOString() : null;
}

function names(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') return names((v as Json).name);
  return [];
}

/**
 * Page metadata from the most trustworthy source that has it:
 * published: JSON-LD → meta tags → <time datetime> → URL date → visible dateline;
 * title: OpenGraph → JSON-LD headline → <title> without the site suffix;
 * byline: JSON-LD author → meta author → a rel=author / byline element;
 * site name: OpenGraph → JSON-LD publisher; canonical URL: link rel=canonical → og:url → the URL.
 */
export function readMetadata(doc: Document, url: string | null): PageMetadata {
  const ld = jsonLd(doc);
  const metas = metaIndex(doc);
  const metaContent = (_doc: Document, ...names: string[]) => firstOf(metas, ...names);
  const article = ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')) && (o.headline || o.articleBody || o.datePublished)) ?? ld.find((o) => o.datePublished);

  const siteName =
    metaContent(doc, 'og:site_name', 'application-name', 'twitter:site:name') ?? str((article?.publisher as Json | undefined)?.name) ?? null;

  const rawTitle = metaContent(doc, 'og:title', 'twitter:title') ?? str(article?.headline) ?? str(doc.querySelector('title')?.textContent);
  const title = rawTitle ? stripSiteSuffix(rawTitle, siteName) : null;

  const published =
    toIso(str(article?.datePublished) ?? str(article?.dateCreated)) ??
    toIso(metaContent(doc, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'publish-date', 'date', 'dc.date', 'DC.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published', 'cXenseParse:recs:publishtime')) ??
    toIso(str(doc.querySelector('time[itemprop="datePublished"], article time[datetime], time[pubdate], time[datetime]')?.getAttribute('datetime'))) ??
    dateFromUrl(url ?? metaContent(doc, 'og:url')) ??
    visibleDateline(doc);

  const authorNames = names(article?.author).filter((n) => !/^https?:/.test(n));
  const metaAuthor = metaContent(doc, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'byl');
  // Selector queries walk the whole page in linkedom: the byline element is looked for only when needed.
  const relAuthor = () => str(doc.querySelector('[rel="author"], [itemprop="author"] [itemprop="name"], .byline__name, .author-name')?.textContent);
  let byline: string | null = null;
  if (authorNames.length) byline = [...new Set(authorNames.map((n) => n.trim()))].join(', ');
  else if (metaAuthor && !/^https?:/.test(metaAuthor)) byline = metaAuthor.replace(/^by\s+/i, '');
  else {
    const rel = relAuthor();
    if (rel && rel.length < 80) byline = rel.replace(/^by\s+/i, '');
  }

  const canonicalLink = Array.from(doc.getElementsByTagName('link')).find((l) => /(^|\s)canonical(\s|$)/i.test(l.getAttribute('rel') ?? ''));
  const canonicalUrl = str(canonicalLink?.getAttribute('href')) ?? metaContent(doc, 'og:url') ?? url;
  const lang = str(doc.documentElement?.getAttribute('lang')) ?? metaContent(doc, 'og:locale', 'content-language', 'language');
  const language = lang ? lang.toLowerCase().split(/[-_]/)[0]! : null;
  const articleBody = str(article?.articleBody);
  return { title, byline, published, siteName, canonicalUrl: absolute(canonicalUrl, url), language, articleBody };
}

function stripSiteSuffix(title: string, site: string | null): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (site) {
    const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const stripped = t.replace(new RegExp(`\\s*[|–—:-]\\s*${escaped}\\s*$`, 'i'), '').replace(new RegExp(`^${escaped}\\s*[|–—:]\\s*`, 'i'), '');
    if (stripped) return stripped;
  }
  const parts = t.split(/\s+[|–—]\s+/);
  return parts.length > 1 && parts[parts.length - 1]!.split(' ').length <= 4 ? parts.slice(0, -1).join(' | ') : t;
}

function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /\/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(url) ?? /[/-](20\d{2})(\d{2})(\d{2})[/-]/.exec(url);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function visibleDateline(doc: Document): string | null {
  const candidates = Array.from(doc.querySelectorAll('.date, .dateline, .published, .timestamp, [class*="date"], [class*="time"]')).slice(0, 10);
  for (const el of candidates) {
    const text = (el.textContent ?? '').trim();
    if (text.length > 80) continue;
    const r = chrono.parse(text)[0];
    if (r && r.start.isCertain('year') && r.start.isCertain('day')) return toIso(r.start.date().toISOString().slice(0, 10));
  }
  return null;
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).toString();
  } catch {
    return /^https?:/.test(href) ? href : null;
  }
}
