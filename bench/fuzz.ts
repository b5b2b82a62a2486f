/**
 * `npm run bench -- fuzz [--runs N] [--csv N] [--seed S] [--json]`
 *
 * The fuzzing of test/http/fuzz.db.test.ts with more inputs: every write route under /api (from the
 * server's access table) gets --runs arbitrary requests (default 200), and the CSV import --csv
 * malformed files (default 500), on embedded PGlite (FAIRDEBT_TEST_ENGINE=pg and TEST_DATABASE_URL for
 * PostgreSQL). Prints the inputs tried, per route and in total, and every broken rule: a 5xx, a
 * refusal that names no field or is not JSON, a refused request that wrote, a cookie. Exits 1 when
 * any rule broke.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzHarness, fuzzRoute, malformedCsv, judge, changedTables, summarise, type FuzzFailure } from '../test/support/fuzz.ts';
import { signIn } from '../test/support/auth.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string', default: '200' }, csv: { type: 'string', default: '500' }, seed: { type: 'string', default: '20261203' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const runs = Number(values.runs);
  const csvRuns = Number(values.csv);
  const seed = Number(values.seed);
  for (const [name, n] of [['runs', runs], ['csv', csvRuns], ['seed', seed]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got '${values[name]}'`);
  }
  const started = performance.now();
  const h = await fuzzHarness();
  const failures: FuzzFailure[] = [];
  const perRoute: Array<{ route: string; tried: number; failures: number }> = [];
  try {
    for (const route of h.routes) {
      const r = await fuzzRoute(h, route, runs, seed);
      failures.push(...r.failures);
      perRoute.push({ route: `${route.method} ${route.url}`, tried: r.tried, failures: r.failures.length });
      if (!values.json) process.stdout.write(`${route.method.padEnd(6)} ${route.url.padEnd(64)} ${String(r.tried).padStart(6)} inputs${r.failures.length ? `  ${r.failures.length} BROKE A RULE` : ''}\n`);
    }
    const auth = await signIn(h.app, { roles: ['admin'], userId: 'fuzz-import' });
    let csvTried = 0;
    await fc.assert(fc.asyncProperty(malformedCsv(), async ({ kind, csv }) => {
      const before = await h.counts();
      const res = await h.server.inject({ method: 'POST', url: `/api/v1/imports?kind=${kind}`, headers: { ...auth, 'content-type': 'text/csv' }, payload: csv });
      csvTried++;
      const problem = judge(res.statusCode, res.body, res.headers, res.statusCode >= 400 ? changedTables(before, await h.counts()) : []);
      if (problem) failures.push({ route: 'POST /api/v1/imports (CSV)', request: { kind, csv }, status: res.statusCode, problem, body: res.body.slice(0, 400) });
      return true;
    }), { numRuns: csvRuns, seed });
    const tried = perRoute.reduce((s, r) => s + r.tried, 0);
    const result = {
      routes: h.routes.length, runsPerRoute: runs, inputs: tried, csvFiles: csvTried, seed,
      seconds: Math.round((performance.now() - started) / 100) / 10, broken: summarise(failures), examples: failures.slice(0, 10),
    };
    if (values.json) process.stdout.write(`${JSON.stringify({ ...result, perRoute })}\n`);
    else {
      process.stdout.write(`\n${result.routes} write routes × ${runs} inputs = ${tried} requests, ${csvTried} malformed CSV files, seed ${seed}, ${result.seconds} s\n`);
      process.stdout.write(failures.length ? `${failures.length} inputs broke a rule:\n${result.broken.map((b) => `  ${b}`).join('\n')}\n` : 'no input broke a rule: no 5xx, every refusal named its field and wrote nothing, no cookies\n');
    }
    if (failures.length) process.exitCode = 1;
  } finally {
    await h.close();
  }
}
