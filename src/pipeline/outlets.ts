import path from 'node:path';
import type { Article, ArticleDraft, Outlet } from '../core/types.ts';
import { outletFromUrl } from '../ingest/index.ts';
import type { Store } from '../core/store.ts';

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** "https://www.NYTimes.com/section" or "nytimes.com." → "nytimes.com": users paste domains in many shapes. */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .replace(/^www\d?\./, '');
}

/** Finds the outlet of the user's outlets list that a host, a site name or a file name belongs to. */
export interface OutletMatcher {
  /** The outlet listing the longest domain that `host` equals or is a subdomain of ("www.nytimes.com", "cooking.nytimes.com" → nytimes.com's). */
  byHost(host: string | null): string | null;
  /** The list's spelling of a name, matched without case, or by its slug ("The Lantern Courier" is not "Lantern Courier"; "harbour-gazette" is "Harbour Gazette"). */
  byName(name: string | null): string | null;
}

export function outletMatcher(outlets: Outlet[]): OutletMatcher {
  const names = new Map<string, string>();
  const domains = new Map<string, string>();
  for (const o of outlets) {
    names.set(o.name.toLowerCase(), o.name);
    if (slug(o.name)) names.set(slug(o.name), o.name);
    for (const d of o.domains) if (normalizeDomain(d)) domains.set(normalizeDomain(d), o.name);
  }
  return {
    byHost(host) {
      if (!host) return null;
      // Suffixes from the longest: "a.b.example.com" tries itself, then "b.example.com", "example.com", "com".
      let h = normalizeDomain(host);
      for (;;) {
        const found = domains.get(h);
        if (found) return found;
        const dot = h.indexOf('.');
        if (dot < 0) return null;
        h = h.slice(dot + 1);
      }
    },
    byName(name) {
      if (!name) return null;
      return names.get(name.toLowerCase()) ?? names.get(slug(name)) ?? null;
    },
  };
}

const HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * The outlet an article read now belongs to under the outlets list:
 * 1. a site name the list knows, in the list's spelling (a page calling itself "Coast Wire" on a
 *    syndicating site is Coast Wire's);
 * 2. else the owner of the domain it was read from (subdomains included);
 * 3. else what the input said (a bare host there is matched like an address);
 * 4. a text file with no outlet, named after a listed outlet ("harbour-gazette.txt"), is that outlet's.
 */
export function outletOfDraft(draft: Pick<ArticleDraft, 'outlet' | 'url' | 'canonicalUrl' | 'format' | 'input'>, match: OutletMatcher): string | null {
  const outlet =
    match.byName(draft.outlet) ??
    match.byHost(outletFromUrl(draft.canonicalUrl ?? draft.url)) ??
    // A record whose outlet field is a bare host ("www.nytimes.com") and that has no address.
    (draft.outlet && HOST.test(draft.outlet) ? match.byHost(draft.outlet) : null) ??
    draft.outlet;
  if (outlet || !/^(text|markdown)$/.test(draft.format)) return outlet;
  return match.byName(path.basename(draft.input).replace(/\.[^.]+$/, ''));
}

/**
 * The outlet a stored article belongs to under the outlets list. Unlike `outletOfDraft`, the domain
 * comes first: the stored name may be one an earlier, wrong list gave it, and the address it was
 * read from is the evidence that does not change. Null when the list says nothing new.
 */
export function outletOfStored(article: Pick<Article, 'outlet' | 'url' | 'canonicalUrl' | 'format' | 'input'>, match: OutletMatcher): string | null {
  return (
    match.byHost(outletFromUrl(article.canonicalUrl ?? article.url)) ??
    match.byName(article.outlet) ??
    (!article.outlet && /^(text|markdown)$/.test(article.format) ? match.byName(path.basename(article.input).replace(/\.[^.]+$/, '')) : null)
  );
}

export interface ApplyOutletsResult {
  /** Articles looked at. */
  articles: number;
  /** Articles whose outlet changed. */
  changed: number;
}

const PAGE = 1000;

/** Gives every stored article the outlet the store's outlets list assigns it (see `outletOfStored`); articles the list says nothing about keep theirs. */
export async function applyOutlets(store: Store): Promise<ApplyOutletsResult> {
  const match = outletMatcher(await store.listOutlets());
  const result: ApplyOutletsResult = { articles: 0, changed: 0 };
  for (let offset = 0; ; offset += PAGE) {
    // Sorted by date then id, which changing an outlet does not disturb, so pages neither skip nor repeat.
    const page = await store.listArticles({ limit: PAGE, offset });
    result.articles += page.length;
    const changes = page.flatMap((a) => {
      const outlet = outletOfStored(a, match);
      return outlet && outlet !== a.outlet ? [{ id: a.id, outlet }] : [];
    });
    result.changed += await store.setArticleOutlets(changes);
    if (page.length < PAGE) return result;
  }
}
