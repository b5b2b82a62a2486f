/**
 * Fuzzing every write endpoint and the CSV import (see test/support/fuzz.ts for what must hold):
 * CI-sized, seeded so a failure reproduces; `npm run bench -- fuzz` runs the same with more inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzHarness, fuzzRoute, malformedCsv, changedTables, judge, summarise, type FuzzFailure } from '../support/fuzz.ts';
import { signIn } from '../support/auth.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';

/**
 * Inputs per route in CI: embedded PGlite runs each request several times slower than the server, so
 * it tries fewer; `npm run bench -- fuzz` tries many more on either.
 */
const RUNS_PER_ROUTE = TEST_ENGINE === 'pg' ? 20 : 8;
const SEED = 20261203;

test(`every write route, ${RUNS_PER_ROUTE} arbitrary inputs each: no 5xx, refusals name the field and write nothing, no cookies (${TEST_ENGINE})`, { timeout: 1_800_000 }, async () => {
  const h = await fuzzHarness();
  try {
    assert.ok(h.routes.length >= 60, `the write routes come from the server's access table (${h.routes.length})`);
    assert.ok(h.routes.some((r) => r.url === '/api/v1/payments' && r.method === 'POST'));
    const failures: FuzzFailure[] = [];
    let tried = 0;
    for (const route of h.routes) {
      const r = await fuzzRoute(h, route, RUNS_PER_ROUTE, SEED);
      failures.push(...r.failures);
      tried += r.tried;
    }
    assert.deepEqual(summarise(failures), [], `${failures.length} of ${tried} inputs broke a rule; the first: ${JSON.stringify(failures[0])}`);
    assert.equal(tried, h.routes.length * RUNS_PER_ROUTE);
  } finally {
    await h.close();
  }
});

test(`malformed CSV imports: a clear error, nothing written (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const h = await fuzzHarness({ accounts: 4 });
  try {
    const auth = await signIn(h.app, { roles: ['admin'], userId: 'fuzz-import' });
    const failures: unknown[] = [];
    await fc.assert(fc.asyncProperty(malformedCsv(), fc.boolean(), async ({ kind, csv }, skipInvalid) => {
      const before = await h.counts();
      const res = await h.server.inject({ method: 'POST', url: `/api/v1/imports?kind=${kind}&skipInvalid=${skipInvalid}`, headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });
      const after = await h.counts();
      const problem = judge(res.statusCode, res.body, res.headers, res.statusCode >= 400 ? changedTables(before, after) : []);
      if (problem) failures.push({ kind, csv, status: res.statusCode, problem, body: res.body.slice(0, 300) });
      if (res.statusCode === 422) {
        const issues = (res.json() as { issues: Array<{ path: string; message: string }> }).issues;
        // Each error names the file, line and column, and the field: "upload.csv:3:2" / "amount: …".
        if (!issues.every((i) => /^.+:\d+:\d+$/.test(i.path) && /^.+: ./s.test(i.message))) failures.push({ kind, csv, problem: 'an import error without line, column and field', body: res.body.slice(0, 300) });
      }
      if (res.statusCode === 200 && !skipInvalid) {
        const report = res.json() as { errorCount: number };
        if (report.errorCount !== 0) failures.push({ kind, csv, problem: 'errors reported, yet rows written without skipInvalid' });
      }
      return true;
    }), { numRuns: TEST_ENGINE === 'pg' ? 60 : 30, seed: SEED });
    assert.deepEqual(failures.slice(0, 5), [], `${failures.length} malformed files broke a rule`);
  } finally {
    await h.close();
  }
});
