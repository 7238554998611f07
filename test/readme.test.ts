import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** Lines of the README's ```sh blocks and `inline code` spans: where a reader copies a path from. */
function codeLines(): string[] {
  const blocks: string[] = [];
  const prose: string[] = [];
  let fence: string | null = null;
  for (const line of readme.split('\n')) {
    const open = /^```(\w*)/.exec(line);
    if (open) fence = fence === null ? open[1]! : null;
    else if (fence === null) prose.push(line);
    else if (fence === '' || fence === 'sh' || fence === 'bash') blocks.push(line);
  }
  const spans = [...prose.join('\n').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...blocks, ...spans].map((l) => l.replace(/\s+#.*$/, ''));
}

const ARTICLE_FILE = /\.(html?|jsonl?|opml|ya?ml|txt|md|csv|warc(\.gz)?|png|sh|ts)$/;
const REPO_DIR = /^(examples|docs|scripts|test|src|web|bench|eval|bin)\//;

describe('README', () => {
  it('every path it shows is in the repository (no ../shared corpus, no made-up files)', () => {
    const missing: string[] = [];
    for (const line of codeLines()) {
      for (const raw of line.split(/\s+/)) {
        const token = raw.replace(/^["'(]|["'),;:]$/g, '');
        if (!token || token.includes('://') || token.startsWith('<') || token.startsWith('-') || token.includes('=')) continue;
        if (token.startsWith('../')) {
          missing.push(token);
          continue;
        }
        if (!REPO_DIR.test(token) && !ARTICLE_FILE.test(token)) continue;
        if (token.endsWith('.tgz') || /^parallax-news/.test(token)) continue;
        if (!existsSync(path.join(root, token.replace(/\*.*$/, '')))) missing.push(token);
      }
    }
    // Linked files and images too.
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)\)/g)) if (!/^https?:/.test(target!) && !existsSync(path.join(root, target!))) missing.push(target!);
    expect(missing).toEqual([]);
  });

  it('says when a C++ toolchain is needed and how to run the command outside the clone', () => {
    expect(readme).not.toContain('are all you need');
    expect(readme).toMatch(/Node 20 or newer and npm/);
    expect(readme).toMatch(/compiles from source, which needs Python 3, `make` and a C\+\+ compiler/);
    expect(readme).toContain('npm link');
    expect(readme).toMatch(/unrelated npm package/);
  });
});
