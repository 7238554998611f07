/**
 * `npm run bench -- <name> [args]` runs one benchmark (bench/<name>.ts exporting `run(args)`).
 * Benchmarks print their figures; docs/benchmarks.md records them with the command used.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = (await readdir(here))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'common.ts'].includes(f) && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(`usage: npm run bench -- <name> [options]\n\nbenchmarks: ${names.join(', ')}`);
} else {
  const file = path.join(here, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}"; choose one of: ${names.join(', ')}`);
    process.exitCode = 2;
  } else {
    const mod = (await import(file)) as { run: (args: string[]) => Promise<void> };
    await mod.run(args);
  }
}
