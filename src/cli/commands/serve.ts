import type { Command } from 'commander';
import { startServer } from '../../server/index.ts';
import { openStore } from '../../store/index.ts';
import { addDbOption, print, type DbOptions } from '../common.ts';

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('the local web app and HTTP API (stories side by side, numbers, quotes, framing, brief)')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to bind; loopback unless you say otherwise', '127.0.0.1')
    .option('--max-upload <bytes>', 'largest upload or pasted text accepted', String(5 * 1024 * 1024));
  addDbOption(command);
  command.addHelpText('after', `
The API is under /api/ (OpenAPI document: /api/openapi.json). Build the UI once with: npm run build:web

Examples:
  $ parallax serve --db parallax.db
  $ parallax serve --port 9000 --host 0.0.0.0     (reachable from your network: think twice)`);
  command.action(async (flags: DbOptions & { port: string; host: string; maxUpload: string }) => {
    const store = await openStore(flags.db);
    const server = await startServer(store, { host: flags.host, port: Number(flags.port), maxUploadBytes: Number(flags.maxUpload) });
    print(`Parallax is serving ${store.description} on ${server.url}  (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    await store.close();
  });
}
