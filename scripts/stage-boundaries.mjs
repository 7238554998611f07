/**
 * ESLint rule `parallax/stage-boundaries`: stages meet only through core contracts and each
 * other's public entries (docs/architecture.md).
 *
 * - `src/core`, `src/text` and `src/lexicon` are shared by every stage and import no stage.
 * - A module of one folder of `src/` may import another folder only through that folder's public
 *   entry, its `index.ts`, or one of the entries in PUBLIC below (each says why it is one).
 * - The web app (`web/src`) imports nothing of `src/` but types from `src/core`.
 *
 * Written here rather than taken from eslint-plugin-import (`no-internal-modules`): the rule is
 * these few lines of path arithmetic, and the plugin would add a resolver and a dozen packages.
 */
import path from 'node:path';

const SHARED = new Set(['core', 'text', 'lexicon']);

/** Entries besides a folder's index.ts that other folders may import, with the reason. */
const PUBLIC = new Map([
  // The HTML extractor (Readability, linkedom) is loaded on demand by ingest and offered by the library.
  ['extract/html/index.ts', 'heavy, loaded on demand'],
  // The PostgreSQL store (the pg driver) is loaded on demand: by openStore, and by the worker, which needs nothing else.
  ['store/postgres/index.ts', 'heavy, loaded on demand'],
  // The guarded fetcher (private addresses, robots.txt, size limits): ingest loads it on demand,
  // the server's download jobs use it alone.
  ['ingest/fetch/index.ts', 'loaded on demand, used alone by the server'],
]);

/** Folders whose every top-level module is an entry: the pipeline service is one module per step. */
const FLAT = new Set(['pipeline']);

function folderOf(rel) {
  return rel.split('/')[0];
}

function isPublic(rel) {
  const [folder, ...rest] = rel.split('/');
  if (rest.length === 1 && rest[0] === 'index.ts') return true;
  if (FLAT.has(folder) && rest.length === 1) return true;
  return PUBLIC.has(rel);
}

export const stageBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'stages import one another only through core contracts and public entries' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      internal: "{{from}} reaches into {{target}}: import it through src/{{folder}}/index.ts (or move what crosses the boundary to src/core or src/text; see docs/architecture.md)",
      shared: '{{from}} is shared by every stage and must not import the stage module {{target}}',
      web: 'the web app imports only types, and only from src/core ({{target}}); see docs/architecture.md',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const src = path.join(root, 'src');
    const web = path.join(root, 'web', 'src');
    const file = context.filename;
    const inSrc = file.startsWith(src + path.sep);
    const inWeb = file.startsWith(web + path.sep);
    if (!inSrc && !inWeb) return {};
    const from = inSrc ? path.relative(src, file).split(path.sep).join('/') : null;
    // Tests may reach anywhere: they check a unit from the outside as much as from the inside.
    if (/\.test\.tsx?$/.test(file)) return {};

    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const resolved = path.resolve(path.dirname(file), spec);
      if (!resolved.startsWith(src + path.sep)) return;
      const target = path.relative(src, resolved).split(path.sep).join('/');
      const folder = folderOf(target);
      if (inWeb) {
        if (!typeOnly || folder !== 'core') context.report({ node, messageId: 'web', data: { target: `src/${target}` } });
        return;
      }
      const own = folderOf(from);
      if (own === folder || !target.includes('/')) return;
      if (SHARED.has(own) && !SHARED.has(folder)) {
        context.report({ node, messageId: 'shared', data: { from: `src/${from}`, target: `src/${target}` } });
        return;
      }
      if (SHARED.has(folder) || isPublic(target)) return;
      context.report({ node, messageId: 'internal', data: { from: `src/${from}`, target: `src/${target}`, folder } });
    }

    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
        check(node.source, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node.source, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node.source, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value, false);
      },
      // `typeof import('…')` in a type position costs nothing at run time but still names a module.
      TSImportType(node) {
        const arg = node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(node, arg.value, true);
      },
    };
  },
};

export default { rules: { 'stage-boundaries': stageBoundaries } };
