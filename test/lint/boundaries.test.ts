/**
 * The architecture lint, run through ESLint's Linter on in-memory samples with made-up file names in the
 * project, using the project's own eslint.config.js so that its file globs are tested too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import fairdebt from '../../eslint/boundaries.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const { default: config } = (await import(new URL('../../eslint.config.js', import.meta.url).href)) as {
  default: Linter.Config[];
};
const linter = new Linter({ cwd: ROOT });

/** Rule ids reported for `code` as if it were the file at `file` (relative to the project root). */
function lint(file: string, code: string): string[] {
  const messages = linter.verify(code, config, { filename: `${ROOT}/${file}` });
  for (const m of messages) assert.ok(m.ruleId, `parse or config error in ${file}: ${m.message}`);
  return messages.map((m) => m.ruleId ?? '');
}

function messagesOf(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: `${ROOT}/${file}` }).map((m) => m.message);
}

const BOUNDARY = 'fairdebt/module-boundaries';
const PURE_IMPORTS = 'fairdebt/pure-rules-imports';

// ---------------------------------------------------------------------------------------------
// Module boundaries

test('a module may import another module through its index.ts, spelled with or without the file', () => {
  for (const spec of ['../ledger/index.ts', '../ledger', '../ledger/', '../ledger/index.js', '../../modules/ledger/index.ts']) {
    assert.deepEqual(lint('src/modules/negotiation/negotiation.commands.ts', `import { x } from '${spec}';\nexport { x };\n`), [], spec);
  }
});

test("a module may not reach into another module's internal files", () => {
  assert.deepEqual(
    lint('src/modules/negotiation/negotiation.commands.ts', "import { x } from '../ledger/ledger.store.ts';\nexport { x };\n"),
    [BOUNDARY],
  );
  // The same file reached by a roundabout path is still the ledger's internals.
  assert.deepEqual(
    lint('src/modules/negotiation/sub/deep.ts', "import { x } from '../../../modules/ledger/accrual/penalty.ts';\nexport { x };\n"),
    [BOUNDARY],
  );
});

test('the boundary message names the index.ts to use instead', () => {
  const [message] = messagesOf('src/modules/negotiation/plans.ts', "import { x } from '../ledger/ledger.store.ts';\nexport { x };\n");
  assert.match(message ?? '', /'\.\.\/ledger\/index\.ts'/);
});

test('type-only imports, re-exports and dynamic imports respect module boundaries too', () => {
  const file = 'src/modules/strategy/strategy.commands.ts';
  assert.deepEqual(lint(file, "import type { Bucket } from '../delinquency/delinquency.types.ts';\nexport type B = Bucket;\n"), [BOUNDARY]);
  assert.deepEqual(lint(file, "export { bucketOf } from '../delinquency/buckets.rules.ts';\n"), [BOUNDARY]);
  assert.deepEqual(lint(file, "export * from '../delinquency/buckets.rules.ts';\n"), [BOUNDARY]);
  assert.deepEqual(lint(file, "export const load = () => import('../delinquency/delinquency.store.ts');\n"), [BOUNDARY]);
  assert.deepEqual(lint(file, "export type S = typeof import('../delinquency/delinquency.store.ts');\n"), [BOUNDARY]);
});

test('files inside one module import each other freely, including from sub-folders', () => {
  assert.deepEqual(
    lint('src/modules/contacts/providers/sms-smpp/client.ts', "import { outbox } from '../../contacts.store.ts';\nexport { outbox };\n"),
    [],
  );
  assert.deepEqual(lint('src/modules/contacts/index.ts', "export * from './providers/fake/fake.ts';\n"), []);
});

test('modules may import platform and packages', () => {
  assert.deepEqual(
    lint(
      'src/modules/ledger/ledger.commands.ts',
      "import { AppError } from '../../platform/errors.ts';\nimport { z } from 'zod';\nexport { AppError, z };\n",
    ),
    [],
  );
});

test('platform may not import from modules, http, cli, jobs or main.ts', () => {
  for (const spec of ['../modules/ledger/index.ts', '../http/app.ts', '../cli/main.ts', '../jobs/daily-cycle.ts', '../main.ts']) {
    assert.deepEqual(lint('src/platform/db.ts', `import { x } from '${spec}';\nexport { x };\n`), [BOUNDARY], spec);
  }
  assert.deepEqual(lint('src/platform/commands.ts', "import { AppError } from './errors.ts';\nexport { AppError };\n"), []);
});

test('the boundaries do not apply to http, cli, jobs, tests outside src, or benchmarks', () => {
  const code = "import { x } from '../src/modules/ledger/ledger.store.ts';\nexport { x };\n";
  assert.deepEqual(lint('test/scenario.ts', code), []);
  assert.deepEqual(lint('bench/ledger.ts', code), []);
  assert.deepEqual(lint('src/http/app.ts', "import { x } from '../modules/ledger/ledger.routes.ts';\nexport { x };\n"), []);
});

// ---------------------------------------------------------------------------------------------
// Pure rules: imports

const RULES_FILE = 'src/modules/negotiation/waivers.rules.ts';

test('a rules file may import money, errors, other rules and types files, zod and temporal-polyfill', () => {
  const code = [
    "import { addMinor } from '../../platform/money.ts';",
    "import { AppError } from '../../platform/errors.ts';",
    "import { limitFor } from './limits.rules.ts';",
    "import { WaiverSchema } from './negotiation.types.ts';",
    "import { z } from 'zod';",
    "import { Temporal } from 'temporal-polyfill';",
    'export { addMinor, AppError, limitFor, WaiverSchema, z, Temporal };',
    '',
  ].join('\n');
  assert.deepEqual(lint(RULES_FILE, code), []);
});

test('a rules file may import types from anywhere with `import type`', () => {
  const code = "import type { Db } from '../../platform/db.ts';\nimport type { FastifyInstance } from 'fastify';\nexport type T = [Db, FastifyInstance];\n";
  assert.deepEqual(lint(RULES_FILE, code), []);
});

test('a rules file may not import values from stores, commands, other platform files or other packages', () => {
  for (const spec of ['./negotiation.store.ts', './negotiation.commands.ts', '../../platform/db.ts', '../../platform/clock.ts', 'fastify', 'node:crypto']) {
    assert.deepEqual(lint(RULES_FILE, `import { x } from '${spec}';\nexport { x };\n`), [PURE_IMPORTS], spec);
  }
});

test('`import { type X }` still loads the module at run time, so it counts as a value import', () => {
  assert.deepEqual(lint(RULES_FILE, "import { type Db } from '../../platform/db.ts';\nexport type T = Db;\n"), [PURE_IMPORTS]);
});

test('a rules file may not import file system, process or database packages, not even their types', () => {
  for (const spec of ['node:fs', 'fs', 'node:fs/promises', 'node:child_process', 'child_process', 'pg', '@electric-sql/pglite', '@electric-sql/pglite/worker']) {
    assert.deepEqual(lint(RULES_FILE, `import type { X } from '${spec}';\nexport type T = X;\n`), [PURE_IMPORTS], spec);
    assert.deepEqual(lint(RULES_FILE, `import * as m from '${spec}';\nexport { m };\n`), [PURE_IMPORTS], spec);
  }
  assert.deepEqual(lint(RULES_FILE, "export const load = () => import('node:fs');\n"), [PURE_IMPORTS]);
});

test('the import restrictions apply to *.rules.ts only, not to their tests or other files', () => {
  const code = "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n";
  assert.deepEqual(lint('src/modules/negotiation/waivers.rules.test.ts', code), []);
  assert.deepEqual(lint('src/modules/negotiation/negotiation.commands.ts', code), []);
});

// ---------------------------------------------------------------------------------------------
// Pure rules: no clock

test('a rules file may not read the clock', () => {
  const clockReads = [
    'export const t = Date.now();',
    'export const t = new Date();',
    'export const t = new Date;',
    'export const t = Date();',
    'export const t = performance.now();',
    "import { Temporal } from 'temporal-polyfill'; export const t = Temporal.Now.instant();",
    "import { Temporal } from 'temporal-polyfill'; export const t = Temporal.Now.plainDateISO('Asia/Shanghai');",
    "import { Temporal } from 'temporal-polyfill'; const { Now } = Temporal; export const t = Now.instant();",
    'export const t = process.hrtime();',
    'export const t = process.hrtime.bigint();',
    'export const now = Date.now;',
    'const { now } = Date; export const t = now();',
    'export const t = globalThis.Date.now();',
  ];
  for (const code of clockReads) {
    const messages = messagesOf(RULES_FILE, code);
    // Exactly one report per clock read, and it says why.
    assert.equal(messages.length, 1, `${code}: ${messages.join(' | ')}`);
    assert.match(messages[0] ?? '', /rules are pure: time is passed in \(asOf\/now\)/, code);
  }
});

test('a rules file may build dates from values it was given', () => {
  const code = [
    "import { Temporal } from 'temporal-polyfill';",
    'export const at = (ms: number) => new Date(ms);',
    "export const day = (asOf: string) => Temporal.PlainDate.from(asOf).add({ days: 1 });",
    'export const iso = (d: Date) => d.toISOString();',
    '',
  ].join('\n');
  assert.deepEqual(lint(RULES_FILE, code), []);
});

test('a rules file may not draw random numbers', () => {
  assert.deepEqual(lint(RULES_FILE, 'export const pick = () => Math.random();\n'), ['no-restricted-properties']);
});

test('the project root comes from the settings, so a different working directory changes nothing', () => {
  const elsewhere = new Linter({ cwd: `${ROOT}/src/modules` });
  const onlyBoundaries: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { fairdebt },
      settings: { fairdebt: { root: ROOT } },
      rules: { [BOUNDARY]: 'error' },
    },
  ];
  const ids = elsewhere
    .verify("import { x } from '../ledger/ledger.store.ts';\nexport { x };\n", onlyBoundaries, {
      filename: `${ROOT}/src/modules/negotiation/plans.ts`,
    })
    .map((m) => m.ruleId);
  assert.deepEqual(ids, [BOUNDARY]);
});

test('other files may read the clock', () => {
  assert.deepEqual(lint('src/platform/clock.ts', 'export const t = Date.now();\nexport const d = new Date();\n'), []);
  assert.deepEqual(lint('src/modules/negotiation/waivers.rules.test.ts', 'export const t = new Date();\n'), []);
});
