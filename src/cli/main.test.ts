import { describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

describe('parallax CLI', () => {
  it('prints help that names the main commands and exits 0', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await main(['node', 'parallax', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toContain('Usage: parallax');
  });
});
