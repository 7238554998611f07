/**
 * `npm run eval -- <name> [args]` scores one heuristic stage on the real data in ../shared/data/.
 * `npm run eval -- --gate` runs every evaluation against its pinned minimums in eval/gates/<name>.json
 * and fails when any score falls below. Lowering a minimum takes a commit of its own that says why. An evaluation whose data folder is absent skips with a message.
 *
 * Each evaluation is a module eval/<name>.ts exporting `run(args): Promise<EvalResult>`.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EvalResult {
  /** Name of the evaluation, e.g. "extraction". */
  name: string;
  /** Set when the evaluation could not run (data absent); the gate then skips it. */
  skipped?: string;
  /** Scores checked by the gate, e.g. { f1: 0.97 }. */
  metrics: Record<string, number>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function available(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(here))
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'common.ts'].includes(f) && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function runOne(name: string, args: string[]): Promise<EvalResult> {
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) {
    throw new Error(`eval: no evaluation named "${name}"; choose one of: ${(await available()).join(', ')}`);
  }
  const mod = (await import(file)) as { run: (args: string[]) => Promise<EvalResult> };
  return mod.run(args);
}

async function gate(): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  const gateDir = path.join(here, 'gates');
  const files = existsSync(gateDir) ? (await readdir(gateDir)).filter((f) => f.endsWith('.json')).sort() : [];
  let failed = 0;
  for (const file of files) {
    const name = file.slice(0, -'.json'.length);
    const minimums = JSON.parse(await readFile(path.join(gateDir, file), 'utf8')) as Record<string, number>;
    const result = await runOne(name, []);
    if (result.skipped) {
      console.log(`gate ${name}: skipped (${result.skipped})`);
      continue;
    }
    for (const [metric, minimum] of Object.entries(minimums)) {
      const value = result.metrics[metric];
      const ok = value !== undefined && value + 1e-9 >= minimum;
      if (!ok) failed++;
      console.log(`gate ${name}.${metric}: ${value?.toFixed(4) ?? 'missing'} (minimum ${minimum}) ${ok ? 'ok' : 'FAILED'}`);
    }
  }
  if (failed) console.error(`eval gate: ${failed} score(s) below their pinned minimum in eval/gates/`);
  return failed ? 1 : 0;
}

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(`usage: npm run eval -- <name> [options]     score one stage\n       npm run eval -- --gate               check every pinned minimum (eval/gates/*.json)\n\nevaluations: ${(await available()).join(', ')}`);
} else if (name === '--gate') {
  process.exitCode = await gate();
} else {
  const result = await runOne(name, args);
  if (result.skipped) console.log(`eval ${name}: skipped: ${result.skipped}`);
}
