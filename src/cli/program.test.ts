import { describe, expect, it } from 'vitest';
import { commands } from './commands/index.ts';
import { buildProgram } from './main.ts';

const names = async (...args: string[]) => (await buildProgram(['node', 'parallax', ...args])).commands.map((c) => c.name());

describe('buildProgram loads only the command files a command line needs', () => {
  it('none for --version, the named one for a command and its --help, every one otherwise', async () => {
    expect(await names('--version')).toEqual([]);
    expect(await names('-V')).toEqual([]);
    expect(await names('stories', '--help')).toEqual(['stories']);
    expect(await names('compare', 'a.txt', 'b.txt', '--format', 'md')).toEqual(['compare']);
    expect(await names('enqueue', 'feeds.opml')).toEqual(['worker', 'enqueue']);
    const all = commands.flatMap((c) => [c.name, ...(c.alongside ?? [])]);
    expect(await names('--help')).toEqual(all);
    expect(await names()).toEqual(all);
    expect(await names('help', 'ingest')).toEqual(all);
    expect(await names('storys')).toEqual(all); // so commander can suggest "stories"
    expect((await buildProgram()).commands.map((c) => c.name())).toEqual(all);
  });

  it('lists each command under the name its file registers', async () => {
    for (const entry of commands) expect(await names(entry.name, '--help')).toEqual([entry.name, ...(entry.alongside ?? [])]);
  });
});
