import type { Command } from 'commander';
import { Option } from 'commander';
import { startServer } from '../../server/index.ts';
import { openStore } from '../../store/index.ts';
import { addDbOption, print, warn, wholeNumber, type DbOptions } from '../common.ts';

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('the local web app and HTTP API (stories side by side, numbers, quotes, framing, brief)')
    .option('--port <n>', 'port to listen on (0: any free port)', wholeNumber(0), 8080)
    .option('--host <address>', 'address to bind; loopback unless you say otherwise (anything else needs --token)', '127.0.0.1')
    .addOption(new Option('--token <secret>', 'access token every request must carry (required with a non-loopback --host)').env('PARALLAX_TOKEN'))
    .option('--allow-host <name...>', 'more host names to answer for (a reverse proxy’s name); others are refused')
    .option('--max-upload <bytes>', 'largest upload or pasted text accepted', wholeNumber(1), 5 * 1024 * 1024)
    .option('--warm <stories>', 'prepare this many newest stories in the background (analyses and comparison), so they open at once (0: none)', wholeNumber(0), 50);
  addDbOption(command);
  command.addHelpText('after', `
The API is under /api/ (OpenAPI document: /api/openapi.json). Build the UI once with: npm run build:web

A story takes seconds to open the first time: its articles' analyses and its comparison are made
then. At start the server makes them for the newest stories (--warm, 50 by default) on a thread of
its own, beside the requests, and their disagreement sorts the story list before anyone opens them;
\`parallax repair\` analyses the whole store ahead of time.

The server answers only for loopback names (and --host / --allow-host), refuses changes sent by
other sites, and, bound to anything but loopback, requires a token: scripts send
"Authorization: Bearer <token>"; a browser opens the address printed at start once (…/?token=…).

Examples:
  $ parallax serve --db parallax.db
  $ PARALLAX_TOKEN=$(openssl rand -hex 16) parallax serve --host 0.0.0.0 --port 9000`);
  command.action(async (flags: DbOptions & { port: number; host: string; maxUpload: number; token?: string; allowHost?: string[]; warm: number }) => {
    if (flags.port > 65_535) command.error(`error: --port ${flags.port} is not a port; give 1–65535, or 0 for any free port`, { exitCode: 2 });
    const store = await openStore(flags.db);
    try {
      const server = await startServer(store, {
        host: flags.host,
        port: flags.port,
        maxUploadBytes: flags.maxUpload,
        token: flags.token ?? null,
        allowHosts: flags.allowHost,
        storeSpec: flags.db,
        warmStories: flags.warm,
      });
      const open = flags.token ? `${server.url}/?token=${encodeURIComponent(flags.token)}` : server.url;
      print(`Parallax is serving ${store.description} on ${server.url}  (Ctrl-C to stop)`);
      if (flags.token) print(`Open in a browser: ${open}`);
      void server.warming.then((report) => {
        if (!report) return;
        const took = `${(report.ms / 1000).toFixed(1)} s`;
        if (report.stories) print(`Prepared the newest ${report.stories} stories in the background (${took}, ${report.analysed} article${report.analysed === 1 ? '' : 's'} analysed); they open at once`);
        if (report.error) warn(`background preparation: ${report.error}; those stories are prepared when opened`);
      });
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    } finally {
      await store.close();
    }
  });
}
