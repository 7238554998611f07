import { InvalidArgumentError, type Command } from 'commander';
import { ParallaxError } from '../../core/errors.ts';
import type { Outlet } from '../../core/types.ts';
import { loadOutletsFile } from '../../pipeline/ingest.ts';
import { applyOutlets, normalizeDomain } from '../../pipeline/outlets.ts';
import type { Store } from '../../core/store.ts';
import { addDbOption, dbOptionsOf, withStore, type DbOptions } from '../common.ts';
import { Output, addOutputOptions, count, type OutputFlags } from '../output.ts';

interface OutletRow {
  name: string;
  articles: number;
  domains: string[];
  labels: Record<string, string>;
  /** False for a name that only articles carry (no entry in the outlets list). */
  listed: boolean;
}

const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** "lean=left" → ["lean", "left"]; "lean=" removes the label. */
function label(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('Expected dimension=label, e.g. lean=left (lean= removes the label).');
  return [...previous, [value.slice(0, at).trim(), value.slice(at + 1).trim()]];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

async function outletRows(store: Store): Promise<{ rows: OutletRow[]; unnamed: number }> {
  const listed = new Map((await store.listOutlets()).map((o) => [o.name, o]));
  const rows: OutletRow[] = [];
  let unnamed = 0;
  for (const { outlet, articles } of await store.outletArticleCounts()) {
    if (outlet === null) {
      unnamed = articles;
      continue;
    }
    const o = listed.get(outlet);
    listed.delete(outlet);
    rows.push({ name: outlet, articles, domains: o?.domains ?? [], labels: o?.groups ?? {}, listed: !!o });
  }
  // Listed outlets no article is under yet, after the ones with articles.
  for (const o of listed.values()) rows.push({ name: o.name, articles: 0, domains: o.domains, labels: o.groups, listed: true });
  return { rows, unnamed };
}

export function registerOutlets(program: Command): void {
  const outlets = program
    .command('outlets')
    .description('list outlets with their article counts, domains and labels; name, label, rename or re-apply them');
  addOutputOptions(outlets);
  addDbOption(outlets);
  outlets.addHelpText(
    'after',
    `
Lists every outlet: those of the outlets list (from --outlets files or "outlets set") and names
that only articles carry (the site name or address an article was read under).

Examples:
  $ parallax outlets
  $ parallax outlets set "New York Times" --domain nytimes.com --label lean=centre-left --label country=US
  $ parallax outlets rename nytimes.com "New York Times"      (its articles follow)
  $ parallax outlets apply outlets.yaml                       (re-apply a corrected file to stored articles)
  $ parallax outlets --format csv -o outlets.csv`,
  );
  outlets.action(async (flags: DbOptions & OutputFlags) => {
    await withStore(flags, async (store) => {
      const out = new Output(flags);
      const { rows, unnamed } = await outletRows(store);
      out.rows(
        rows,
        [
          { header: 'OUTLET', cell: (r) => r.name },
          { header: 'ARTICLES', cell: (r) => r.articles },
          { header: 'DOMAINS', cell: (r) => r.domains.join(', ') },
          { header: 'LABELS', cell: (r) => labelsText(r.labels) },
        ],
        (r) => r,
      );
      if (!rows.length) out.note(`No outlets yet (${store.description}): add articles with "parallax ingest", or name outlets with "parallax outlets set"`);
      if (unnamed) out.note(`${count(unnamed)} article(s) have no outlet; name them with: parallax ingest <files> --outlet NAME, or an outlets file`);
      out.close();
    });
  });

  // Without this, `outlets` takes `outlets set X --db y`'s --db for itself and set changes ./parallax.db.
  outlets.enablePositionalOptions();

  const set = outlets
    .command('set')
    .description('add an outlet to the outlets list or change it: its domains and labels')
    .argument('<name>', 'outlet name')
    .option('--domain <domain>', 'a domain of the outlet; its subdomains count too (repeatable)', collect)
    .option('--label <dimension=label>', 'a grouping label, e.g. lean=left; "lean=" removes it (repeatable)', label);
  addDbOption(set);
  set.action(async (name: string, flags: { domain?: string[]; label?: [string, string][] }) => {
    if (!flags.domain && !flags.label) return set.help({ error: true });
    await withStore(dbOptionsOf(set), async (store) => {
      const before = await store.getOutlet(name);
      const outlet: Outlet = before ?? { name, domains: [], groups: {} };
      for (const d of flags.domain ?? []) {
        const domain = normalizeDomain(d);
        if (!domain) throw new ParallaxError('bad-input', `outlets set: "${d}" is not a domain; give one like example.org`);
        if (!outlet.domains.includes(domain)) outlet.domains.push(domain);
      }
      for (const [dimension, value] of flags.label ?? []) {
        if (value) outlet.groups[dimension] = value;
        else delete outlet.groups[dimension];
      }
      await store.upsertOutlet(outlet);
      const applied = flags.domain ? await applyOutlets(store) : null;
      process.stdout.write(
        `${before ? 'changed' : 'added'}: ${name} — domains: ${outlet.domains.join(', ') || 'none'}; labels: ${labelsText(outlet.groups) || 'none'}` +
          `${applied ? `\n${count(applied.changed)} stored article(s) changed outlet` : ''}\n`,
      );
    });
  });

  const rename = outlets
    .command('rename')
    .description('rename an outlet; its articles follow (into an existing outlet: merged, its labels kept)')
    .argument('<from>', 'current name')
    .argument('<to>', 'new name');
  addDbOption(rename);
  rename.action(async (from: string, to: string) => {
    await withStore(dbOptionsOf(rename), async (store) => {
      const known = (await store.getOutlet(from)) || (await store.countArticles({ outlet: from })) > 0;
      if (!known) throw new ParallaxError('not-found', `outlets rename: no outlet "${from}"; list them with: parallax outlets`);
      const merged = !!(await store.getOutlet(to)) || (await store.countArticles({ outlet: to })) > 0;
      const moved = await store.renameOutlet(from, to);
      process.stdout.write(`renamed: ${from} → ${to}${merged ? ' (merged into the existing outlet)' : ''}; ${count(moved)} article(s) moved\n`);
    });
  });

  const apply = outlets
    .command('apply')
    .description('add an outlets file to the outlets list and re-apply the list to every stored article')
    .argument('<file>', 'YAML or JSON outlets file, like examples/outlets.yaml');
  addDbOption(apply);
  apply.action(async (file: string) => {
    await withStore(dbOptionsOf(apply), async (store) => {
      const listed = await loadOutletsFile(file);
      for (const outlet of listed) await store.upsertOutlet(outlet);
      const { articles, changed } = await applyOutlets(store);
      process.stdout.write(`outlets: ${listed.length} named from ${file}; ${count(changed)} of ${count(articles)} stored article(s) changed outlet\n`);
    });
  });
}
