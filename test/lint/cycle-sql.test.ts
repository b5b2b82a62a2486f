/**
 * The daily cycle's SQL reads no clock and draws no random number inside the database: the business
 * date and any instant are passed as parameters. That keeps a replay of a date identical to its first
 * run, and keeps the statements within what a distributed PostgreSQL (Citus) runs on every shard
 * alike (docs/operations.md, "Scale-out": no volatile functions in distributed UPDATE/DELETE).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Volatile or clock-reading SQL functions; `performance.now()`, `clock.now()` and `Math.random()` in TypeScript are not SQL. */
const VOLATILE = /(?<![.\w])(now|random|clock_timestamp|statement_timestamp|transaction_timestamp|timeofday|gen_random_uuid|nextval)\s*\(|\b(current_date|current_timestamp|current_time|localtimestamp|localtime)\b/gi;

/** Finds the volatile calls in TypeScript source, comments left out. */
export function volatileCalls(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(VOLATILE)].map((m) => m[0].replace(/\s+/g, '').toLowerCase());
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every file holding a cycle step: the modules' *.cycle.ts, the files that export a step, the replay, and the cycle runner. */
function cycleFiles(): string[] {
  const sources = walk(join(ROOT, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const steps = sources.filter((f) => f.endsWith('.cycle.ts') || /export (async )?function (\w+Step|makePlanStep)\b|export const \w+Step\b/.test(readFileSync(f, 'utf8')));
  return [...new Set([...steps, join(ROOT, 'src/modules/ledger/ledger.replay.ts'), join(ROOT, 'src/jobs/cycle.ts'), join(ROOT, 'src/jobs/planning.ts')])].sort();
}

test('the matcher finds volatile SQL functions and leaves TypeScript clocks and comments alone', () => {
  assert.deepEqual(volatileCalls('await tx.query(`UPDATE account_state SET updated_at = now() WHERE closed_through < current_date`)'), ['now(', 'current_date']);
  assert.deepEqual(volatileCalls("tx.query('SELECT random () < 0.1, clock_timestamp(), CURRENT_TIMESTAMP')"), ['random(', 'clock_timestamp(', 'current_timestamp']);
  assert.deepEqual(volatileCalls('const t = performance.now(); const r = Math.random(); const at = clock.now(); // now() in a comment\n/* current_date */'), []);
});

test('no cycle step calls a volatile SQL function: the business date and instants are parameters', () => {
  const files = cycleFiles();
  assert.ok(files.length >= 8, `cycle files found: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  const found = files.flatMap((f) => volatileCalls(readFileSync(f, 'utf8')).map((call) => `${relative(ROOT, f)}: ${call}`));
  assert.deepEqual(found, [], 'pass the business date or clock.now() as a parameter instead');
});

/**
 * Joins of two account tables in source that do not also match customer_id. A distributed database
 * co-locates a customer's rows by customer_id, and runs a join on one shard only when it says so;
 * on one server the extra condition costs nothing (the keys end in customer_id). The alias `u` is
 * left alone: by convention it names the rows of an unnest, which carry only what the caller passed.
 */
export function joinsWithoutCustomer(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const m of code.matchAll(/\b(\w+)\.(account_id|id)\s*=\s*(\w+)\.(account_id|id)\b/g)) {
    const [text, x, xc, y, yc] = m as unknown as [string, string, string, string, string];
    if ((xc !== 'account_id' && yc !== 'account_id') || x === 'u' || y === 'u') continue;
    const near = code.slice(Math.max(0, m.index! - 200), m.index! + text.length + 200);
    const pair = new RegExp(`\\b${x}\\.customer_id\\s*=\\s*${y}\\.customer_id\\b|\\b${y}\\.customer_id\\s*=\\s*${x}\\.customer_id\\b`);
    if (!pair.test(near)) found.push(text.replace(/\s+/g, ' '));
  }
  return found;
}

test('the join matcher wants customer_id beside every join of two account rows', () => {
  assert.deepEqual(joinsWithoutCustomer('JOIN account_state s ON s.account_id = a.id WHERE x'), ['s.account_id = a.id']);
  assert.deepEqual(joinsWithoutCustomer('JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id'), []);
  assert.deepEqual(joinsWithoutCustomer('WHERE di.account_id = g.account_id AND g.customer_id = di.customer_id AND di.seq = g.item_seq'), []);
  assert.deepEqual(joinsWithoutCustomer('JOIN queues q ON q.code = u.queue_code WHERE c.id = calc.id'), []);
  assert.deepEqual(joinsWithoutCustomer('FROM unnest($1::bigint[]) AS u(account_id) JOIN account_state s ON s.account_id = u.account_id'), []);
});

test('every join of two account tables matches customer_id too, so it stays on one shard', () => {
  const sources = walk(join(ROOT, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  assert.ok(sources.length > 100, `source files found: ${sources.length}`);
  const found = sources.flatMap((f) => joinsWithoutCustomer(readFileSync(f, 'utf8')).map((j) => `${relative(ROOT, f)}: ${j}`));
  assert.deepEqual(found, [], 'add AND x.customer_id = y.customer_id beside the account join');
});
