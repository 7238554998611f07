import { parseFeed as parseAnyFeed, parseOpml as parseOpmlDocument } from 'feedsmith';

export interface FeedItem {
  title: string | null;
  url: string | null;
  published: string | null;
  byline: string | null;
  /** Full content when the feed carries it (content:encoded, Atom content, JSON Feed content). */
  html: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  title: string | null;
  siteUrl: string | null;
  items: FeedItem[];
}

/** Below this many words an item's content is a teaser, and its link is fetched for the article. */
export const FULL_CONTENT_MIN_WORDS = 120;

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const textOf = (v: unknown): string | null => str(v) ?? (v && typeof v === 'object' ? str((v as Loose).value) : null);
const list = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : []);

function isoDate(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/**
 * RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed → items. Returns null when the body is not a feed,
 * so a caller can say so instead of guessing.
 */
export function parseFeed(body: string, _source: { input: string; url?: string | null } = { input: '' }): ParsedFeed | null {
  let parsed: { format: string; feed: Loose };
  try {
    const trimmed = body.trimStart();
    const value: unknown = trimmed.startsWith('{') ? JSON.parse(trimmed) : body;
    parsed = parseAnyFeed(value as string) as unknown as { format: string; feed: Loose };
  } catch {
    return null;
  }
  const feed = parsed.feed;
  switch (parsed.format) {
    case 'rss':
    case 'rdf':
      return {
        title: textOf(feed.title),
        siteUrl: str(feed.link),
        items: list(feed.items).map((item) => {
          const dc = (item.dc ?? {}) as Loose;
          const content = (item.content ?? {}) as Loose;
          const authors = list(item.authors).map((a) => (typeof a === 'string' ? a : str(a.name))).filter(Boolean);
          return {
            title: textOf(item.title),
            url: str(item.link) ?? (str((item.guid as Loose | undefined)?.value) ?? null),
            published: isoDate(item.pubDate) ?? isoDate(dc.date) ?? isoDate((dc.dates as unknown[] | undefined)?.[0]),
            byline: (authors[0] as string | undefined) ?? str(dc.creator) ?? str((dc.creators as unknown[] | undefined)?.[0]),
            html: str(content.encoded),
            summary: str(item.description),
          };
        }),
      };
    case 'atom':
      return {
        title: textOf(feed.title),
        siteUrl: str(list(feed.links).find((l) => !l.rel || l.rel === 'alternate')?.href),
        items: list(feed.entries).map((entry) => ({
          title: textOf(entry.title),
          url: str(list(entry.links).find((l) => !l.rel || l.rel === 'alternate')?.href),
          published: isoDate(entry.published) ?? isoDate(entry.updated),
          byline: str(list(entry.authors)[0]?.name),
          html: textOf(entry.content),
          summary: textOf(entry.summary),
        })),
      };
    case 'json':
      return {
        title: str(feed.title),
        siteUrl: str(feed.home_page_url),
        items: list(feed.items).map((item) => ({
          title: str(item.title),
          url: str(item.url) ?? str(item.external_url),
          published: isoDate(item.date_published) ?? isoDate(item.date_modified),
          byline: str(list(item.authors)[0]?.name) ?? str((item.author as Loose | undefined)?.name),
          html: str(item.content_html) ?? (str(item.content_text) ? escapeAsParagraphs(str(item.content_text)!) : null),
          summary: str(item.summary),
        })),
      };
    default:
      return null;
  }
}

function escapeAsParagraphs(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n+/)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
}

/** True when an item carries the article itself rather than a teaser. */
export function hasFullContent(item: FeedItem): boolean {
  if (!item.html) return false;
  const words = item.html.replace(/<[^>]*>/g, ' ').split(/\s+/).filter(Boolean).length;
  return words >= FULL_CONTENT_MIN_WORDS || !item.url;
}

/** Feed URLs listed in an OPML file, nested groups included. */
export function parseOpml(body: string): { title: string | null; url: string }[] {
  const doc = parseOpmlDocument(body) as unknown as { body?: { outlines?: Loose[] } };
  const out: { title: string | null; url: string }[] = [];
  const walk = (outlines: Loose[]) => {
    for (const o of outlines) {
      const url = str(o.xmlUrl);
      if (url) out.push({ title: str(o.title) ?? str(o.text), url });
      walk(list(o.outlines));
    }
  };
  walk(doc.body?.outlines ?? []);
  return out;
}
