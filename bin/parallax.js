#!/usr/bin/env node
// The command runs the TypeScript sources directly through tsx, so there is no build step
// to forget and no stale output to debug.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
