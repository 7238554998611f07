import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import parallax from './scripts/stage-boundaries.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'coverage/', 'tmp/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        // The plain JavaScript files (scripts, bin, the thread entry) are linted without a tsconfig of their own.
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js', 'scripts/*.mjs', 'src/core/threads/*.mjs', 'web/vite.config.ts'], maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 16 },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // Stages meet only through src/core contracts and public entries (docs/architecture.md).
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { parallax },
    rules: { 'parallax/stage-boundaries': ['error', { root: import.meta.dirname }] },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
