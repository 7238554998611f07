import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_KINDS, fixtureCases } from './fixtures.ts';

// One table of cases per stage (test/fixtures.ts says how to add one).
for (const [name, kind] of Object.entries(FIXTURE_KINDS)) {
  const cases = fixtureCases(kind);
  describe(`${name} fixtures (${kind.folder})`, () => {
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases)('$slug', ({ dir }) => {
      const expected: unknown = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));
      expect(kind.run(dir)).toEqual(expected);
    });
  });
}
