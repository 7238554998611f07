/**
 * `npm run fuzz`: our own seed files (src/ingest/fixtures, examples/) mutated at random and run
 * through the ingest path in-process, into a :memory: store, with a time budget per input.
 *
 *   npm run fuzz                         600 inputs (a few minutes)
 *   npm run fuzz -- --quick              120 inputs, for CI (under a minute)
 *   npm run fuzz -- --seed 7 --only 42   one input again, written to a file to look at
 *
 * Each input ends as one of:
 *   handled  every article stored, or skipped with a ParallaxError's reason
 *   crashed  an exception escaped ingestIntoStore, or a skip reason that is an unexpected error
 *            ("failed unexpectedly", a store error) rather than a reason a user can act on
 *   hung     over the budget (the worker is stopped when it takes 4x the budget and goes on)
 * The run exits 1 on any crash or hang, printing the seed, the case and where its bytes were written.
 *
 * Steps: 1. the seed makes every case (a mutation of a seed file) the same on every run;
 * 2. a worker thread ingests cases one by one and reports each; 3. this thread watches the time,
 * replaces a worker stuck on a case, and counts.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Options {
  seed: number;
  count: number;
  budgetMs: number;
  only: number | null;
}

interface Case {
  index: number;
  /** The seed file and what was done to it, enough to tell a person what the input is. */
  name: string;
  file: string;
  bytes: Buffer;
}

type Outcome = { index: number; name: string; ms: number; result: 'handled' | 'crashed'; detail?: string };

// 1. Cases, from the seed alone --------------------------------------------------------------

/** mulberry32: small, fast and the same everywhere, so a seed names a run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFiles(): { name: string; bytes: Buffer }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(root, 'src/ingest/fixtures'));
  walk(path.join(root, 'examples'));
  return files.map((f) => ({ name: path.relative(root, f), bytes: readFileSync(f) }));
}

const EXTENSIONS = ['.html', '.txt', '.md', '.jsonl', '.json', '.csv', '.rss', '.xml', '.opml', '.warc', ''];

type Mutation = (bytes: Buffer, rnd: () => number, ext: string) => { bytes: Buffer; ext: string; what: string };

const at = (rnd: () => number, n: number) => Math.floor(rnd() * n);
const splice = (bytes: Buffer, pos: number, insert: Buffer) => Buffer.concat([bytes.subarray(0, pos), insert, bytes.subarray(pos)]);

const MUTATIONS: Record<string, Mutation> = {
  flip(bytes, rnd, ext) {
    const out = Buffer.from(bytes);
    const n = 1 + at(rnd, 16);
    for (let i = 0; i < n && out.length; i++) {
      const j = at(rnd, out.length);
      out[j] = out[j]! ^ (1 << at(rnd, 8));
    }
    return { bytes: out, ext, what: `${n} bits flipped` };
  },
  truncate(bytes, rnd, ext) {
    const end = at(rnd, bytes.length + 1);
    return { bytes: bytes.subarray(0, end), ext, what: `cut at byte ${end}` };
  },
  duplicate(bytes, rnd, ext) {
    const from = at(rnd, bytes.length);
    const slice = bytes.subarray(from, from + 1 + at(rnd, 400));
    const times = 1 + at(rnd, rnd() < 0.2 ? 5000 : 20);
    return { bytes: splice(bytes, at(rnd, bytes.length), Buffer.concat(Array(times).fill(slice))), ext, what: `${slice.length} bytes repeated ${times} times` };
  },
  nest(bytes, rnd, ext) {
    const opens = ['<div>', '<span><b>', '<table><tr><td>', '[', '{"a":', '<outline>', '<item>', '> ', '<!--', '<![CDATA['];
    const open = opens[at(rnd, opens.length)]!;
    const depth = 1000 + at(rnd, 100_000);
    return { bytes: splice(bytes, at(rnd, bytes.length), Buffer.from(open.repeat(depth))), ext, what: `${depth} x ${open} nested` };
  },
  junk(bytes, rnd, ext) {
    const junk = Buffer.alloc(16 + at(rnd, 8192));
    for (let i = 0; i < junk.length; i++) junk[i] = at(rnd, 256);
    return { bytes: splice(bytes, at(rnd, bytes.length), junk), ext, what: `${junk.length} random bytes inserted` };
  },
  encoding(bytes, rnd, ext) {
    const text = bytes.toString('utf8');
    const choices: [string, () => Buffer][] = [
      ['UTF-16LE with a BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['UTF-16LE without a BOM', () => Buffer.from(text, 'utf16le')],
      ['UTF-16BE with a BOM', () => Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).swap16()],
      ['Latin-1 bytes', () => Buffer.from(text, 'latin1')],
      ['a wrong meta charset', () => Buffer.from(`<meta charset="${['shift_jis', 'utf-16', 'x-bogus', 'iso-2022-jp', 'utf-7'][at(rnd, 5)]}">${text}`)],
      ['a wrong XML encoding', () => Buffer.from(text.replace(/^(<\?xml[^>]*?)(\?>)|^/, (_m, head?: string) => `${head ?? '<?xml version="1.0"'} encoding="EBCDIC-CP-US"?>`))],
      ['a UTF-8 BOM twice', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), bytes])],
    ];
    const [what, make] = choices[at(rnd, choices.length)]!;
    const out = make();
    return { bytes: out.length % 2 && what.startsWith('UTF-16BE') ? out.subarray(0, -1) : out, ext, what };
  },
  gzip(bytes, rnd, ext) {
    let out = gzipSync(bytes);
    const damage = at(rnd, 3);
    if (damage === 1) out = out.subarray(0, at(rnd, out.length));
    if (damage === 2) {
      for (let i = 0; i < 4; i++) {
        const j = Math.min(out.length - 1, 10 + at(rnd, Math.max(1, out.length - 10)));
        out[j] = out[j]! ^ 0xff;
      }
    }
    return { bytes: out, ext: `${ext}.gz`, what: ['gzipped', 'gzipped and cut', 'gzipped and damaged'][damage]! };
  },
  control(bytes, rnd, ext) {
    const bits = ['\u0000', '\u001b[2J', '\u001b]0;title\u0007', '\r', '\u2028', '\ud800', '\ufffd', '\u202e'];
    let out = bytes;
    const n = 1 + at(rnd, 20);
    for (let i = 0; i < n; i++) out = splice(out, at(rnd, out.length), Buffer.from(bits[at(rnd, bits.length)]!));
    return { bytes: out, ext, what: `${n} control characters inserted` };
  },
  longLine(bytes, rnd, ext) {
    const n = 100_000 + at(rnd, 2_000_000);
    const ch = ['a', ' ', '.', '"', '<', '\\', ',', '9'][at(rnd, 8)]!;
    return { bytes: splice(bytes, at(rnd, bytes.length), Buffer.from(ch.repeat(n))), ext, what: `${n} x "${ch}" in one line` };
  },
  rename(bytes, rnd) {
    const ext = EXTENSIONS[at(rnd, EXTENSIONS.length)]!;
    return { bytes, ext, what: `named ${ext || '(no extension)'}` };
  },
};

function makeCase(seed: number, index: number, seeds: { name: string; bytes: Buffer }[], dir: string): Case {
  // Each case has its own stream of numbers, so --only N rebuilds case N without the others.
  const rnd = random(seed * 1_000_003 + index);
  const source = seeds[at(rnd, seeds.length)]!;
  let bytes = source.bytes;
  let ext = path.extname(source.name);
  const what: string[] = [];
  const names = Object.keys(MUTATIONS);
  const steps = 1 + at(rnd, 3);
  for (let i = 0; i < steps; i++) {
    const name = names[at(rnd, names.length)]!;
    const m = MUTATIONS[name]!(bytes, rnd, ext);
    bytes = m.bytes;
    ext = m.ext;
    what.push(m.what);
  }
  const file = path.join(dir, `case-${index}${ext}`);
  return { index, name: `${source.name}: ${what.join(', ')}`, file, bytes };
}

// 2. The worker: ingest cases one by one -------------------------------------------------------

async function work(data: { seed: number; from: number; to: number; only: number | null; dir: string; budgetMs: number }): Promise<void> {
  const budgetMs = data.budgetMs;
  const { openStore } = await import('../src/store/index.ts');
  const { ingestIntoStore } = await import('../src/pipeline/ingest.ts');
  const seeds = seedFiles();
  const { ParallaxError } = await import('../src/core/errors.ts');
  // As the real fetcher fails: with a ParallaxError a user can act on.
  const noNetwork = async (url: string) => Promise.reject(new ParallaxError('fetch-failed', `fuzz: no network (${url})`));
  let store = await openStore(':memory:');
  for (let index = data.from; index < data.to; index++) {
    if (data.only !== null && index !== data.only) continue;
    const c = makeCase(data.seed, index, seeds, data.dir);
    writeFileSync(c.file, c.bytes);
    parentPort!.postMessage({ type: 'start', index, name: c.name });
    // A fresh store now and then, so placement does not slow down with every earlier case.
    if (index % 50 === 0) {
      await store.close();
      store = await openStore(':memory:');
    }
    const started = performance.now();
    let outcome: Outcome;
    try {
      const s = store;
      const summary = await ingestIntoStore(s, [c.file], { fetch: noNetwork, threads: 1 });
      // A reason a user can act on comes from a ParallaxError; these come from errors nobody expected.
      const bad = summary.results.find((r) => r.status === 'skipped' && /failed unexpectedly|^store: /.test(r.reason ?? ''));
      outcome = bad
        ? { index, name: c.name, ms: 0, result: 'crashed', detail: `skipped with an unexpected error: ${bad.reason}` }
        : { index, name: c.name, ms: 0, result: 'handled' };
    } catch (error) {
      outcome = { index, name: c.name, ms: 0, result: 'crashed', detail: `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
    }
    outcome.ms = performance.now() - started;
    // Only the inputs that failed stay on disk (thousands of megabyte-sized cases would fill it).
    if (outcome.result === 'handled' && outcome.ms <= budgetMs) rmSync(c.file, { force: true });
    parentPort!.postMessage({ type: 'done', outcome });
  }
  await store.close();
  parentPort!.postMessage({ type: 'end' });
}

// 3. This thread: watch, replace stuck workers, count -----------------------------------------

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  return {
    seed: value('--seed') ?? Math.floor(Math.random() * 1e9),
    count: value('--count') ?? (quick ? 120 : 600),
    budgetMs: value('--budget-ms') ?? 10_000,
    only: value('--only') ?? null,
  };
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-fuzz-'));
  const from = options.only ?? 0;
  const to = options.only !== null ? options.only + 1 : options.count;
  console.log(`fuzz: seed ${options.seed}, ${to - from} inputs, ${options.budgetMs} ms each; inputs written under ${dir}`);
  const started = Date.now();
  const outcomes: Outcome[] = [];
  const hung: { index: number; name: string; ms: number }[] = [];
  let next = from;
  while (next < to) {
    next = await runWorker(options, dir, next, to, outcomes, hung);
  }
  const crashed = outcomes.filter((o) => o.result === 'crashed');
  const slow = outcomes.filter((o) => o.ms > options.budgetMs);
  for (const o of slow) hung.push({ index: o.index, name: o.name, ms: o.ms });
  const handled = outcomes.filter((o) => o.result === 'handled' && o.ms <= options.budgetMs).length;
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms)[0];
  console.log(`\ninputs tried ${to - from}, handled ${handled}, crashed ${crashed.length}, hung ${hung.length} (${((Date.now() - started) / 1000).toFixed(1)} s; slowest ${slowest ? `${(slowest.ms / 1000).toFixed(1)} s, case ${slowest.index}: ${slowest.name}` : '—'})`);
  for (const o of crashed) console.log(`\nCRASHED case ${o.index} (${o.name}), file ${path.join(dir, `case-${o.index}*`)}\n  ${o.detail}\n  again: npm run fuzz -- --seed ${options.seed} --only ${o.index}`);
  for (const h of hung) console.log(`\nHUNG case ${h.index} (${h.name}): ${(h.ms / 1000).toFixed(1)} s\n  again: npm run fuzz -- --seed ${options.seed} --only ${h.index}`);
  if (!crashed.length && !hung.length) rmSync(dir, { recursive: true, force: true });
  return crashed.length || hung.length ? 1 : 0;
}

/** Runs cases [from, to) on a worker; returns where to go on from (past a case the worker got stuck on). */
function runWorker(options: Options, dir: string, from: number, to: number, outcomes: Outcome[], hung: { index: number; name: string; ms: number }[]): Promise<number> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`, {
    eval: true,
    workerData: { fuzzWorker: true, seed: options.seed, from, to, only: options.only, dir, budgetMs: options.budgetMs },
  });
  return new Promise((resolve, reject) => {
    let current: { index: number; name: string; since: number } | null = null;
    const watch = setInterval(() => {
      if (!current || Date.now() - current.since < 4 * options.budgetMs) return;
      const stuck = current;
      hung.push({ index: stuck.index, name: stuck.name, ms: Date.now() - stuck.since });
      clearInterval(watch);
      void worker.terminate().then(() => resolve(stuck.index + 1));
    }, 250);
    worker.on('message', (m: { type: 'start'; index: number; name: string } | { type: 'done'; outcome: Outcome } | { type: 'end' }) => {
      if (m.type === 'start') current = { index: m.index, name: m.name, since: Date.now() };
      else if (m.type === 'done') {
        current = null;
        outcomes.push(m.outcome);
        process.stdout.write(m.outcome.result === 'crashed' ? 'C' : m.outcome.ms > options.budgetMs ? 'H' : '.');
      } else {
        clearInterval(watch);
        void worker.terminate().then(() => resolve(to));
      }
    });
    worker.on('error', (error) => {
      // Something escaped the worker's own try (a throw from a timer or stream callback): that case crashed.
      clearInterval(watch);
      if (!current) return reject(error);
      outcomes.push({ index: current.index, name: current.name, ms: Date.now() - current.since, result: 'crashed', detail: `escaped: ${error.stack ?? error.message}` });
      resolve(current.index + 1);
    });
  });
}

if (!isMainThread && (workerData as { fuzzWorker?: boolean } | null)?.fuzzWorker) {
  await work(workerData as Parameters<typeof work>[0]);
} else if (isMainThread) {
  process.exitCode = await main();
}
