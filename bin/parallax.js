#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (`npm run build`; the package ships it). A development
// checkout whose sources changed after the last build, or that was never built, runs the
// TypeScript sources through tsx instead, so a stale build never answers for the code being edited.
// PARALLAX_FROM_SOURCE=1 always runs the sources; PARALLAX_FROM_SOURCE=0 runs dist/ whenever it is there.
import { existsSync } from 'node:fs';
import { buildIsCurrent } from './build-state.js';

const root = new URL('../', import.meta.url);

// A reader piping into `head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const choice = process.env.PARALLAX_FROM_SOURCE;
let main;
if (choice === '0' ? existsSync(new URL('dist/cli/main.js', root)) : choice !== '1' && buildIsCurrent(root)) {
  ({ main } = await import('../dist/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
