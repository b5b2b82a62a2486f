import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { promisesStep, recordPromiseToPay, listPromises } from './index.ts';

// CN_LOAN ¥12,000 over 12 months opened 2026-01-15: the first instalment (¥1,000 principal + ¥148.80
// interest) falls due 2026-02-15 and is missed, so every account is overdue by about ¥1,150 from 02-16.
const clock = fixedClock('2026-02-21T02:00:00.000Z');
let keys = 0;
const promise = (s: Scenario, accountRef: string, amountMinor: number, dueOn: string) =>
  recordPromiseToPay(s.db, clock, { accountRef, amountMinor, dueOn, source: 'portal' }, { actor: 'portal', idempotencyKey: `ptp-${++keys}` });

async function runStep(s: Scenario, date: string): Promise<number> {
  const [b] = await s.db.query<{ lo: number; hi: number }>('SELECT min(id) AS lo, max(id) AS hi FROM accounts');
  return s.db.transaction((tx) => promisesStep(tx, { date, postedOn: date, lo: b!.lo, hi: b!.hi }));
}

async function promisesByRef(s: Scenario): Promise<Record<string, { status: string; paidMinor: number; evaluatedOn: string | null }>> {
  const rows = await s.db.query<{ ref: string; status: string; paid_minor: number; evaluated_on: string | null }>(
    'SELECT a.ref, p.status, p.paid_minor, p.evaluated_on FROM promises p JOIN accounts a ON a.id = p.account_id ORDER BY a.ref',
  );
  return Object.fromEntries(rows.map((r) => [r.ref, { status: r.status, paidMinor: r.paid_minor, evaluatedOn: r.evaluated_on }]));
}

test('promises are kept, partly kept or broken by the payments in their window, once, and a late payment in the window corrects a broken one', async () => {
  const s = await scenario();
  try {
    for (const ref of ['K', 'P', 'B', 'E', 'F']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-20');
    // Made on the open business date 02-21; due 02-25 with one grace day, so the window is 02-21…02-26.
    for (const ref of ['K', 'P', 'B']) await promise(s, ref, 20_000, '2026-02-25');
    await promise(s, 'E', 20_000, '2026-02-23');
    await promise(s, 'F', 20_000, '2026-03-06');
    const made = (await listPromises(s.db, (await s.account('K')).accountId))[0]!;
    assert.deepEqual([made.promisedOn, made.dueOn, made.graceDays, made.status, made.source], ['2026-02-21', '2026-02-25', 1, 'open', 'portal']);

    await s.closeThrough('2026-02-22');
    await s.pay('K', 20_000, '2026-02-23');
    await s.pay('E', 25_000, '2026-02-23');
    await s.closeThrough('2026-02-23');
    await s.pay('P', 5_000, '2026-02-24');
    await s.closeThrough('2026-02-25');

    // 02-26 ends the window of K, P and B; E's ended on 02-24, when the cycle's own promises step
    // evaluated it; F's is open.
    assert.equal(await runStep(s, '2026-02-26'), 3);
    const evaluated = await promisesByRef(s);
    assert.deepEqual(evaluated, {
      K: { status: 'kept', paidMinor: 20_000, evaluatedOn: '2026-02-26' },
      P: { status: 'partly_kept', paidMinor: 5_000, evaluatedOn: '2026-02-26' },
      B: { status: 'broken', paidMinor: 0, evaluatedOn: '2026-02-26' },
      E: { status: 'kept', paidMinor: 25_000, evaluatedOn: '2026-02-24' },
      F: { status: 'open', paidMinor: 0, evaluatedOn: null },
    });
    assert.equal(await runStep(s, '2026-02-26'), 0, 'rerunning the date changes nothing');
    assert.deepEqual(await promisesByRef(s), evaluated);

    // After the close of 02-26: P pays after its window (does not count), B's payment dated 02-25
    // arrives late (received 02-27) and turns its broken promise into a kept one.
    await s.closeThrough('2026-02-26');
    await s.pay('P', 1_000, '2026-02-27');
    await s.pay('B', 20_000, '2026-02-25');
    assert.equal(await runStep(s, '2026-02-27'), 1);
    const after = await promisesByRef(s);
    assert.deepEqual(after.B, { status: 'kept', paidMinor: 20_000, evaluatedOn: '2026-02-27' });
    assert.deepEqual(after.P, evaluated.P);
    assert.equal(await runStep(s, '2026-02-27'), 0, 'rerunning the date changes nothing');
    assert.deepEqual(await promisesByRef(s), after);
  } finally {
    await s.close();
  }
});

test('a promise outside the policy is refused with the field named and nothing stored', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.loan('L2', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-10');
    const refused = async (run: () => Promise<unknown>, path: string, pattern: RegExp) => {
      await assert.rejects(run, (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === path && pattern.test(e.message));
    };
    // Before the first due date nothing is overdue.
    await refused(() => promise(s, 'L1', 20_000, '2026-02-12'), 'accountRef', /nothing is overdue/);
    await s.closeThrough('2026-02-20');
    await refused(() => promise(s, 'L1', 100, '2026-02-23'), 'amountMinor', /^amountMinor: at least 11\d{3} minor units/);
    await refused(() => promise(s, 'L1', 20_000, '2026-03-08'), 'dueOn', /at most 2026-03-07/);
    await refused(() => promise(s, 'L1', 20_000, '2026-02-20'), 'dueOn', /before the business date 2026-02-21/);
    await assert.rejects(() => promise(s, 'NOPE', 20_000, '2026-02-23'), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND' && e.issues[0]?.path === 'accountRef');
    await assert.rejects(() => recordPromiseToPay(s.db, clock, { accountRef: 'L1', amountMinor: 1.5, dueOn: '2026-02-30', source: 'mail' }, { actor: 't', idempotencyKey: 'bad' }), (e: unknown) =>
      e instanceof AppError && e.issues.map((i) => i.path).sort().join() === 'amountMinor,dueOn,source');
    assert.equal((await s.db.query('SELECT 1 FROM promises')).length, 0);

    await promise(s, 'L1', 20_000, '2026-02-23');
    await refused(() => promise(s, 'L1', 20_000, '2026-02-24'), 'accountRef', /already has 1 open promise/);
    await promise(s, 'L2', 20_000, '2026-02-24');
    assert.equal((await s.db.query('SELECT 1 FROM promises')).length, 2);
    const audit = await s.db.query<{ type: string; subject: string }>(`SELECT type, subject FROM audit_log WHERE type = 'PROMISE_CAPTURED' ORDER BY seq`);
    assert.deepEqual(audit.map((a) => a.subject), ['account:L1', 'account:L2']);
  } finally {
    await s.close();
  }
});
