import { describe, expect, it } from 'vitest';
import { ParallaxError, errorMessage } from './errors.ts';

describe('errorMessage', () => {
  it('says what went wrong whatever was thrown', () => {
    expect(errorMessage(new ParallaxError('not-found', 'no story "s1"'))).toBe('no story "s1"');
    expect(errorMessage('disk full')).toBe('disk full');
    // What a worker thread's failure can look like on this side: the fields without the class.
    expect(errorMessage({ message: 'database is locked', code: 'SQLITE_BUSY' })).toBe('database is locked');
    expect(errorMessage({ code: 'SQLITE_CORRUPT' })).toBe('error SQLITE_CORRUPT');
    expect(errorMessage(null)).toBe('null');
  });
});
