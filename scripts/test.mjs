#!/usr/bin/env node
/**
 * Runs the test suite with node's test runner (TypeScript through tsx).
 *
 *   node scripts/test.mjs                  all tests, database tests on embedded PGlite
 *   node scripts/test.mjs --engine pg      only the database tests (*.db.test.ts), on PostgreSQL
 *                                          at TEST_DATABASE_URL (default 127.0.0.1:5432/test); fails
 *                                          loudly when the server cannot be reached
 *   node scripts/test.mjs [--engine E] PATTERN…   only files whose path contains a pattern
 *
 * Browser tests (*.browser.test.ts, in real Chromium) run in the PGlite pass only: the UI does not
 * depend on the engine, which the database tests cover. The web UI is built first when stale.
 *
 * Ends with one plain line `N passed, N failed` counted from the runner's TAP output.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
let engine = 'pglite';
const patterns = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--engine') engine = args[++i];
  else patterns.push(args[i]);
}
if (!['pglite', 'pg'].includes(engine)) {
  console.error(`--engine must be pglite or pg, got '${engine}'`);
  process.exit(2);
}

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

let files = ['src', 'test'].flatMap((d) => {
  try {
    return find(join(root, d));
  } catch {
    return [];
  }
});
if (engine === 'pg') files = files.filter((f) => f.endsWith('.db.test.ts'));
if (patterns.length) files = files.filter((f) => patterns.some((p) => f.includes(p)));
files.sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// The browser tests (*.browser.test.ts, PGlite run only) drive the built UI: build it first if stale.
if (files.some((f) => f.endsWith('.browser.test.ts'))) {
  const { webBuildIsStale, buildWeb } = await import('./ensure-web-build.mjs');
  if (webBuildIsStale()) {
    console.log('Building the web UI for the browser tests…');
    await buildWeb();
  }
}

const env = { ...process.env, FAIRDEBT_TEST_ENGINE: engine };
if (engine === 'pg') {
  env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  // Test sessions don't wait for each commit's WAL flush: a commit is still atomic and visible at once,
  // and a killed client (the crash tests) loses nothing; only a crash of the server itself could drop
  // the last commits, which a test database does not need to survive. The cycle commits every step.
  if (!/[?&]options=/.test(env.TEST_DATABASE_URL)) {
    env.TEST_DATABASE_URL += `${env.TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c synchronous_commit=off')}`;
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: env.TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('SHOW server_version');
    console.log(`PostgreSQL ${rows[0].server_version} at ${env.TEST_DATABASE_URL.replace(/\/\/[^@]*@/, '//').replace(/\?.*$/, '')}`);
    await client.end();
  } catch (err) {
    console.error(`PostgreSQL is not reachable at ${env.TEST_DATABASE_URL}: ${err.message}`);
    console.error('The database tests must run on PostgreSQL as well as PGlite; start the server or set TEST_DATABASE_URL.');
    process.exit(1);
  }
}

// The run's scratch directory: the TAP results, and what test files share within one run (the
// browser tests' seeded portfolio, see test/browser/support.ts).
const tapDir = mkdtempSync(join(tmpdir(), 'fairdebt-test-'));
env.FAIRDEBT_TEST_RUN_DIR = tapDir;
const tapFile = join(tapDir, 'results.tap');
const timingFile = join(tapDir, 'timing.json');
const nodeArgs = [
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
  `--test-reporter=${join(root, 'scripts/test-timing-reporter.mjs')}`, `--test-reporter-destination=${timingFile}`,
  ...files,
];
const child = spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: 'inherit' });
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
let passed = 0;
let failed = 0;
try {
  const tap = readFileSync(tapFile, 'utf8');
  passed = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  failed = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
try {
  // Where the time goes: the slowest files, by the summed time of their tests.
  const byFile = Object.entries(JSON.parse(readFileSync(timingFile, 'utf8'))).sort((a, b) => b[1] - a[1]);
  console.log('slowest test files (seconds, summed over their tests):');
  for (const [file, ms] of byFile.slice(0, 12)) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)}  ${relative(root, file)}`);
} catch {
  // no timings: the run ended before the reporter wrote them
}
rmSync(tapDir, { recursive: true, force: true });
if (code !== 0 && failed === 0) failed = 1;
console.log(`${engine}: ${passed} passed, ${failed} failed`);
process.exit(code === 0 && failed === 0 && passed > 0 ? 0 : 1);
