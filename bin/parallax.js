#!/usr/bin/env node
// The command runs the TypeScript sources directly through tsx, so there is no build step
// to forget and no stale output to debug.
import { register } from 'tsx/esm/api';

register();
// A reader piping into `head` closes the pipe early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
