// Compiles src/ to dist/: JavaScript and type declarations (tsconfig.build.json), plus the plain
// JavaScript files src/ holds (the worker-thread entry), then stamps dist/ with the time the build
// started, so bin/parallax.js can tell a build older than the sources from a current one.
//
//   node scripts/build.mjs            build; fails when TypeScript is not installed
//   node scripts/build.mjs --if-stale build only when src/ changed since the last build (npm test)
//   node scripts/build.mjs --prepare  from npm's `prepare` (npm ci, npm install): --if-stale, and a
//                                     failed build or no dev dependencies warns without failing the install
//
// First, in every mode, the word vectors (scripts/vectors.mjs) are written when missing or stale.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsCurrent } from '../bin/build-state.js';
import { VECTORS_FILE, buildVectors } from './vectors.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const partial = path.join(root, `dist.partial-${process.pid}`);
const started = new Date();

const vectors = buildVectors();
if (vectors.written) console.log(`build: wrote ${path.relative(root, VECTORS_FILE)} (${vectors.words} words) in ${vectors.seconds.toFixed(1)} s`);
else if (vectors.reason !== 'current') {
  if (process.argv.includes('--prepare') || existsSync(VECTORS_FILE)) console.warn(`build: word vectors not written: ${vectors.reason}`);
  else {
    console.error(`build: word vectors not written: ${vectors.reason}`);
    process.exit(1);
  }
}

if ((process.argv.includes('--if-stale') || process.argv.includes('--prepare')) && buildIsCurrent(pathToFileURL(`${root}/`))) {
  console.log('build: dist/ is current');
  process.exit(0);
}

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  if (process.argv.includes('--prepare')) {
    console.warn('build: TypeScript is not installed (no dev dependencies), so dist/ is not built; bin/parallax.js runs the sources through tsx when it is installed');
    process.exit(0);
  }
  console.error('build: TypeScript is not installed; run "npm install" (with dev dependencies) first');
  process.exit(1);
}

// Built beside dist/ and swapped in at the end, so a command running meanwhile never sees half a build.
rmSync(partial, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', partial], { stdio: 'inherit' });
} catch {
  rmSync(partial, { recursive: true, force: true });
  console.error('build: tsc failed (errors above); dist/ is unchanged');
  // An install (`npm ci`, adding a dependency) must not fail on a type error in a working tree:
  // bin/parallax.js runs the sources while dist/ is older than them, and npm test reports the error.
  process.exit(process.argv.includes('--prepare') ? 0 : 1);
}
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.[cm]?js$/.test(entry.name)) continue;
  const from = path.join(entry.parentPath, entry.name);
  cpSync(from, path.join(partial, path.relative(path.join(root, 'src'), from)));
}
const stamp = path.join(partial, '.built');
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);
rmSync(dist, { recursive: true, force: true });
renameSync(partial, dist);
if (!existsSync(path.join(dist, 'index.js'))) {
  console.error('build: dist/index.js is missing after the build');
  process.exit(1);
}
console.log(`build: dist/ compiled in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s`);
