/**
 * Lint for Fairdebt: typescript-eslint's recommended rules without type information (fast), plus the
 * architecture rules from CONVENTIONS.md: no clock in *.rules.ts, pure imports in *.rules.ts, and module
 * boundaries (eslint/boundaries.js).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import fairdebt from './eslint/boundaries.js';

/** The project root: import paths are judged relative to it, wherever eslint is started from. */
const ROOT = dirname(fileURLToPath(import.meta.url));

const TS_FILES = ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'web/src/**/*.{ts,tsx}', 'web/vite.config.ts'];
const RULES_FILES = ['src/**/*.rules.ts'];

const PURE = 'rules are pure: time is passed in (asOf/now)';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'web/dist/**',
      'dist/**',
      'coverage/**',
      'data/**',
      '.data/**',
      '**/*.data/**',
      'test/fixtures/data/**',
    ],
  },
  {
    files: TS_FILES,
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names are deliberate: unused parameters of a fixed signature, ignored tuple items.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { fairdebt },
    settings: { fairdebt: { root: ROOT } },
    rules: {
      'fairdebt/module-boundaries': 'error',
    },
  },
  {
    files: RULES_FILES,
    plugins: { fairdebt },
    settings: { fairdebt: { root: ROOT } },
    rules: {
      'fairdebt/pure-rules-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: PURE },
        { object: 'performance', property: 'now', message: PURE },
        { object: 'Temporal', property: 'Now', message: PURE },
        { object: 'process', property: 'hrtime', message: PURE },
        { object: 'Math', property: 'random', message: 'rules are pure: randomness is passed in (a seed or a drawn number)' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: PURE },
        // Date() without `new` returns the current time as a string.
        { selector: "CallExpression[callee.name='Date']", message: PURE },
        // no-restricted-properties does not see through `globalThis.Date.now()`.
        {
          selector:
            "MemberExpression[object.type='MemberExpression'][object.object.name='globalThis'][object.property.name=/^(Date|performance|Temporal)$/][property.name=/^(now|Now)$/]",
          message: PURE,
        },
      ],
    },
  },
);
