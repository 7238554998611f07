import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
// @ts-expect-error: a plain ESM module of the ESLint config, without type declarations.
import { stageBoundaries } from '../scripts/stage-boundaries.mjs';

RuleTester.describe = describe;
RuleTester.it = it;

const root = '/repo';
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const at = (file: string) => path.join(root, file);
const options = [{ root }];

tester.run('stage-boundaries', stageBoundaries, {
  valid: [
    // A stage's public entry, core contracts and the shared text tools.
    { filename: at('src/pipeline/stories.ts'), code: "import { findReuse } from '../cluster/index.ts';", options },
    { filename: at('src/compare/index.ts'), code: "import { mergeEntities } from '../text/names.ts';\nimport type { Fact } from '../core/analysis.ts';", options },
    // Inside one stage, anything.
    { filename: at('src/analyze/quotes/index.ts'), code: "import { readDocument } from '../document/index.ts';", options },
    // Entries named public, with their reason.
    { filename: at('src/ingest/index.ts'), code: "const html = () => import('../extract/html/index.ts');", options },
    // The pipeline service is one module per step: each is an entry.
    { filename: at('src/cli/commands/ingest.ts'), code: "import { ingestIntoStore } from '../../pipeline/ingest.ts';", options },
    { filename: at('web/src/api.ts'), code: "import type { StorySummary } from '../../src/core/api.ts';", options },
    // Tests look at units from the inside.
    { filename: at('src/compare/index.test.ts'), code: "import { findEntities } from '../analyze/entities/index.ts';", options },
  ],
  invalid: [
    // What the issue found: compare reaching into the analyzer and the cluster stage.
    { filename: at('src/compare/index.ts'), code: "import { mergeEntities } from '../analyze/entities/index.ts';", options, errors: [{ messageId: 'internal' }] },
    { filename: at('src/compare/index.ts'), code: "import { findReuse } from '../cluster/reuse/index.ts';", options, errors: [{ messageId: 'internal' }] },
    { filename: at('src/server/app.ts'), code: "export { renderCsv } from '../report/csv.ts';", options, errors: [{ messageId: 'internal' }] },
    { filename: at('src/worker/index.ts'), code: "const m = await import('../store/kysely/store.ts');", options, errors: [{ messageId: 'internal' }] },
    // Shared folders import no stage.
    { filename: at('src/core/api.ts'), code: "import type { Hono } from '../server/app.ts';", options, errors: [{ messageId: 'shared' }] },
    // The web app: types from core only.
    { filename: at('web/src/api.ts'), code: "import type { StorySummary } from '../../src/server/app.ts';", options, errors: [{ messageId: 'web' }] },
    { filename: at('web/src/main.ts'), code: "import { ParallaxError } from '../../src/core/errors.ts';", options, errors: [{ messageId: 'web' }] },
  ],
});
