/**
 * `npm run bench -- startup [--runs N] [--corpus DIR]`: wall time of a cold `parallax` process, as
 * a person typing the command waits for it, on the compiled dist/ (what the package ships):
 *
 * 1. `node bin/parallax.js --version`, N runs (default 10): target under 0.3 s.
 * 2. `node bin/parallax.js compare <DIR>/*.txt` (default ../shared/corpus/cecot, five articles of
 *    one story, never copied into the repository), N/2 runs: target under 2 s; skipped with a
 *    line saying why when the folder is absent.
 *
 * dist/ is built first when it is older than the sources (`npm run build`), and the runs force it
 * with PARALLAX_FROM_SOURCE=0, so a source edited meanwhile does not send them through tsx. One
 * warm-up run of each command is not counted (it fills the file cache). A target is met when the
 * median wall time is under it; the worst run, the CPU time (user + system, on Linux) and the load
 * average are printed beside it, because on a shared machine wall time says as much about the
 * load as about the code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { option, repoRoot } from './common.ts';

const bin = path.join(repoRoot, 'bin', 'parallax.js');

/**
 * CPU seconds (user + system) of the child processes this process has waited for, from
 * /proc/self/stat (cutime, cstime at 100 ticks a second); null where there is no /proc.
 */
function childCpu(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

interface Run {
  wall: number;
  cpu: number | null;
}

/** Wall and CPU seconds of each run, after one warm-up run; throws when the command fails. */
function timeRuns(args: string[], runs: number): Run[] {
  const times: Run[] = [];
  for (let i = 0; i <= runs; i++) {
    const cpuBefore = childCpu();
    const started = performance.now();
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, PARALLAX_FROM_SOURCE: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const wall = (performance.now() - started) / 1000;
    const cpuAfter = childCpu();
    if (result.status !== 0) {
      throw new Error(`bench startup: "parallax ${args.join(' ')}" exited with ${result.status ?? result.signal}: ${result.stderr.trim().slice(0, 500)}`);
    }
    if (i > 0) times.push({ wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore });
  }
  return times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function report(label: string, runs: Run[], target: number): void {
  const wall = median(runs.map((r) => r.wall));
  const worst = Math.max(...runs.map((r) => r.wall));
  const cpus = runs.flatMap((r) => (r.cpu === null ? [] : [r.cpu]));
  const cpu = cpus.length ? ` · CPU median ${median(cpus).toFixed(2)} s` : '';
  const verdict = wall < target ? 'met' : 'NOT met';
  console.log(`${label.padEnd(22)} wall median ${wall.toFixed(2)} s · worst ${worst.toFixed(2)} s${cpu} · ${runs.length} runs   [target < ${target} s wall: ${verdict}]`);
}

const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, '--runs') ?? 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`bench startup: --runs takes a whole number of runs (1 or more), not "${option(args, '--runs')}"`);
  // `npm run build -- --if-stale`: builds only when a source is newer than dist/.
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--if-stale'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench startup: npm run build failed; fix the build, then run the benchmark again');
  console.log(`startup  node ${process.version} · load average ${load()} (1, 5, 15 min) at the start`);
  report('parallax --version', timeRuns(['--version'], runs), 0.3);

  const corpus = path.resolve(option(args, '--corpus') ?? path.join(repoRoot, '../shared/corpus/cecot'));
  const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(corpus, f)) : [];
  if (!files.length) {
    console.log(`parallax compare       skipped: no .txt files in ${corpus} (the corpus lives in ../shared beside the repository; pass --corpus DIR to use another folder)`);
  } else {
    report(`parallax compare (${files.length})`, timeRuns(['compare', ...files], Math.max(1, Math.ceil(runs / 2))), 2);
  }
  console.log(`         load average ${load()} at the end`);
}
