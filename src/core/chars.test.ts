import { describe, expect, it } from 'vitest';
import { safeForTerminal } from './chars.ts';

describe('safeForTerminal', () => {
  it('removes escape sequences, carriage returns and C1 controls, keeping tabs, newlines and ordinary text', () => {
    expect(safeForTerminal('Harbour \u001b]0;pwned\u0007Gazette\u001b[2J')).toBe('Harbour ]0;pwnedGazette[2J');
    expect(safeForTerminal('real title\rfake title')).toBe('real titlefake title');
    expect(safeForTerminal('a\u009b31mb')).toBe('a31mb');
    expect(safeForTerminal('col\tcol\nnext line — “Ærø” 東京')).toBe('col\tcol\nnext line — “Ærø” 東京');
  });
});
