/**
 * Debtor isolation at the database level: inside the debtor scope the database itself keeps every
 * row of other customers out, whatever the query asks, and refuses the tables the portal has no
 * business reading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { withDebtorScope } from '../../src/platform/debtor-scope.ts';
import { getAccountDetail, listAccounts } from '../../src/modules/ledger/index.ts';

test('inside the debtor scope only the customer’s own rows exist; staff tables are refused; nothing can be written', async () => {
  const s = await scenario();
  try {
    for (const ref of ['L1', 'L2']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-03-20');

    const own = await withDebtorScope(s.db, 'C-L1', async (db) => ({
      // No filter at all: the database filters.
      customers: (await db.query<{ id: string }>('SELECT id FROM customers ORDER BY id')).map((r) => r.id),
      accounts: (await db.query<{ ref: string }>('SELECT ref FROM accounts ORDER BY ref')).map((r) => r.ref),
      entryAccounts: (await db.query<{ ref: string }>('SELECT DISTINCT a.ref FROM entries e JOIN accounts a ON a.id = e.account_id')).map((r) => r.ref),
      dueItems: (await db.query<{ n: number }>('SELECT count(DISTINCT account_id)::int AS n FROM due_items'))[0]!.n,
      // Asking for the other customer by id finds nothing.
      other: await db.query(`SELECT id FROM customers WHERE id = 'C-L2'`),
      otherList: await listAccounts(db, { customerId: 'C-L2', limit: 10 }),
      // The module's own queries work unchanged inside the scope.
      detail: (await getAccountDetail(db, 'L1')).id,
    }));
    assert.deepEqual(own, { customers: ['C-L1'], accounts: ['L1'], entryAccounts: ['L1'], dueItems: 1, other: [], otherList: [], detail: 'L1' });
    await assert.rejects(withDebtorScope(s.db, 'C-L1', (db) => getAccountDetail(db, 'L2')), /L2/);

    for (const table of ['users', 'sessions', 'one_time_codes', 'audit_log', 'command_log', 'collectors', 'agencies', 'agency_placements', 'call_records', 'qa_reviews']) {
      await assert.rejects(withDebtorScope(s.db, 'C-L1', (db) => db.query(`SELECT * FROM ${table} LIMIT 1`)), /permission denied/, `${table} is refused`);
    }
    await assert.rejects(withDebtorScope(s.db, 'C-L1', (db) => db.query(`UPDATE accounts SET product_code = product_code`)), /read-only|permission denied/);
    await assert.rejects(withDebtorScope(s.db, '', (db) => db.query('SELECT 1')), /no customer/);
    // An id with a quote in it is a value, not SQL.
    assert.deepEqual(await withDebtorScope(s.db, "C-L1' OR 'x'='x", (db) => db.query('SELECT id FROM customers')), []);

    // Outside the scope, the application (and so staff) sees every customer as before.
    assert.deepEqual((await s.db.query<{ ref: string }>('SELECT ref FROM accounts ORDER BY ref')).map((r) => r.ref), ['L1', 'L2']);
    // The scope ends with its transaction: the next statement on the same connection is not the debtor's.
    assert.equal((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers'))[0]!.n, 2);
  } finally {
    await s.close();
  }
});
