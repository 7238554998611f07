import { vi } from 'vitest';
import { main } from '../src/cli/main.ts';

/**
 * Runs the CLI in-process, as `parallax <args>` would, and captures what it prints. `tty` makes
 * standard output pretend to be a terminal that many columns wide. The exit code is returned, and
 * process.exitCode is left as it was found (unset), so one run never leaks into the next.
 */
export async function runCli(args: string[], tty?: number): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const so = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const se = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  const { isTTY, columns } = process.stdout;
  if (tty) Object.assign(process.stdout, { isTTY: true, columns: tty });
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'parallax', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    Object.assign(process.stdout, { isTTY, columns });
    so.mockRestore();
    se.mockRestore();
    process.exitCode = undefined;
  }
}
