import type { Entity, EntityType } from '../core/analysis.ts';

/** Names as keys: one person or organisation however an article writes it, within an article and across articles. */

const keyCache = new Map<string, string>();
/** Case-, accent- and article-insensitive key; memoised because alias matching calls it per word pair. */
export function nameKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    k = s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^the\s+/, '').replace(/[’']/g, "'");
    if (keyCache.size > 50_000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

/** Whether the words of `short` end `long` ("Noem" ends "Kristi Noem"), compared by name key. */
export function nameEndsWith(long: string[], short: string[]): boolean {
  const l = long.map(nameKey);
  const s = short.map(nameKey);
  return s.every((w, i) => l[l.length - s.length + i] === w) || (s.length === 1 && l[l.length - 1] === s[0]);
}

export interface SourcedEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  sources: string[];
}

/**
 * One entity list across articles: names, aliases and acronyms that coincide are the same
 * entity, and a person known by last name in one article joins the full name in another when
 * only one person across all articles has that last name.
 */
export function mergeEntities(perSource: { source: string; entities: Entity[] }[]): SourcedEntity[] {
  interface Node { name: string; type: EntityType; aliases: Set<string>; sources: Set<string>; count: number }
  const nodes: Node[] = [];
  const index = new Map<string, Node>();
  const union = (a: Node, b: Node) => {
    if (a === b) return a;
    const [big, small] = a.count >= b.count ? [a, b] : [b, a];
    for (const x of small.aliases) big.aliases.add(x);
    big.aliases.add(small.name);
    for (const s of small.sources) big.sources.add(s);
    big.count += small.count;
    if (small.name.split(' ').length > big.name.split(' ').length) {
      big.aliases.add(big.name);
      big.name = small.name;
    }
    if (big.type === 'other' && small.type !== 'other') big.type = small.type;
    nodes.splice(nodes.indexOf(small), 1);
    for (const [k, v] of index) if (v === small) index.set(k, big);
    return big;
  };
  for (const { source, entities } of perSource) {
    for (const e of entities) {
      let node: Node = { name: e.name, type: e.type, aliases: new Set(e.aliases), sources: new Set([source]), count: e.mentions.length };
      nodes.push(node);
      for (const key of [e.name, ...e.aliases].map(nameKey)) {
        const found = index.get(key);
        if (found) node = union(found, node);
        index.set(key, node);
      }
    }
  }
  // Last-name matches across articles, only when unambiguous.
  const people = () => nodes.filter((n) => n.type === 'person');
  for (const n of [...nodes]) {
    if (!nodes.includes(n)) continue;
    const words = n.name.split(' ');
    const hosts = people().filter((h) => h !== n && h.name.split(' ').length > words.length && nameEndsWith(h.name.split(' '), words));
    const lastNames = new Set(hosts.map((h) => nameKey(h.name.split(' ').slice(-1)[0]!)));
    if (hosts.length && lastNames.size === 1) {
      let host = hosts[0]!;
      for (const h of hosts.slice(1)) if (nodes.includes(h)) host = union(host, h);
      union(host, n);
    }
  }
  return nodes
    .map((n) => ({ name: n.name, type: n.type, aliases: [...n.aliases].filter((a) => a !== n.name).sort(), sources: [...n.sources].sort() }))
    .sort((a, b) => b.sources.length - a.sources.length || a.name.localeCompare(b.name));
}
