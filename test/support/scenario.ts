/**
 * Scenario tests in business language, by business date, on a fresh database (PGlite or PostgreSQL):
 *
 *   const s = await scenario();
 *   await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
 *   await s.at('2026-02-16').expectBucket('L1', 'M1');
 */
import assert from 'node:assert/strict';
import type { Db } from '../../src/platform/db.ts';
import { openTestDb } from '../../src/platform/testing.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { ensureDefaultProducts, openAccount, createCustomer, receiveTransaction, getAccountDetail, saveProduct, loadLedgerRows, deriveState, DEFAULT_PRODUCTS, type AccountDetail, type ProductTerms } from '../../src/modules/ledger/index.ts';
import { runCycle, replayAccounts, postOpenDay, type CycleSummary } from '../../src/jobs/cycle.ts';
import type { PlanningDeps } from '../../src/modules/contacts/index.ts';

export const hooks = { replayAccounts, postOpenDay };

let keys = 0;

export interface Scenario {
  db: Db;
  customer(id: string): Promise<void>;
  loan(ref: string, o: { principalMinor: number; termCount: number; openedOn: string; method?: 'equal_instalment' | 'equal_principal'; product?: string; firstDueOn?: string }): Promise<void>;
  line(ref: string, o: { creditLimitMinor: number; openedOn: string; product?: string }): Promise<void>;
  pay(ref: string, amountMinor: number, valueDate: string): Promise<Awaited<ReturnType<typeof receiveTransaction>>>;
  draw(ref: string, amountMinor: number, valueDate: string): Promise<void>;
  product(terms: Partial<ProductTerms> & { code: string }, base?: string): Promise<void>;
  closeThrough(date: string): Promise<CycleSummary>;
  at(date: string): Promise<View>;
  account(ref: string, asOf?: string): Promise<AccountDetail>;
  close(): Promise<void>;
}

export interface View {
  expectBucket(ref: string, bucket: string): Promise<View>;
  expectDpd(ref: string, dpd: number): Promise<View>;
  account(ref: string): Promise<AccountDetail>;
}

export async function scenario(options: { planning?: PlanningDeps } = {}): Promise<Scenario> {
  const db = await openTestDb();
  const clock = fixedClock('2026-01-01T00:00:00.000Z');
  await ensureDefaultProducts(db, clock.now());
  const opts = () => ({ actor: 'test', idempotencyKey: `k-${++keys}` });
  const customers = new Set<string>();
  const ensureCustomer = async (id: string) => {
    if (customers.has(id)) return;
    customers.add(id);
    await createCustomer(db, clock, { id, name: `客户 ${id}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+86 138 0000 0000'] }, opts());
  };
  const s: Scenario = {
    db,
    customer: ensureCustomer,
    async loan(ref, o) {
      await ensureCustomer(`C-${ref}`);
      await openAccount(db, clock, { ref, customerId: `C-${ref}`, productCode: o.product ?? 'CN_LOAN', openedOn: o.openedOn, principalMinor: o.principalMinor, termCount: o.termCount, scheduleMethod: o.method ?? 'equal_principal', ...(o.firstDueOn ? { firstDueOn: o.firstDueOn } : {}) }, opts());
    },
    async line(ref, o) {
      await ensureCustomer(`C-${ref}`);
      await openAccount(db, clock, { ref, customerId: `C-${ref}`, productCode: o.product ?? 'CN_LINE', openedOn: o.openedOn, creditLimitMinor: o.creditLimitMinor }, opts());
    },
    pay(ref, amountMinor, valueDate) {
      return receiveTransaction(db, clock, hooks, { accountRef: ref, type: 'payment', ref: `pay-${ref}-${++keys}`, amountMinor, currency: 'CNY', valueDate }, opts());
    },
    async draw(ref, amountMinor, valueDate) {
      await receiveTransaction(db, clock, hooks, { accountRef: ref, type: 'drawdown', ref: `draw-${ref}-${++keys}`, amountMinor, currency: 'CNY', valueDate }, opts());
    },
    async product(terms, base = 'CN_LOAN') {
      const b = DEFAULT_PRODUCTS.find((p) => p.code === base)!;
      await db.transaction((tx) => saveProduct(tx, { ...b, ...terms } as ProductTerms, clock.now()));
    },
    closeThrough: (date) => runCycle(db, clock, { date, ...(options.planning ? { planning: options.planning } : {}) }),
    async at(date) {
      await runCycle(db, clock, { date, ...(options.planning ? { planning: options.planning } : {}) });
      const view: View = {
        async expectBucket(ref, bucket) {
          const a = await getAccountDetail(db, ref);
          assert.equal(a.bucket, bucket, `${ref} on ${date}: bucket ${a.bucket}, expected ${bucket} (DPD ${a.dpd})`);
          return view;
        },
        async expectDpd(ref, dpd) {
          const a = await getAccountDetail(db, ref);
          assert.equal(a.dpd, dpd, `${ref} on ${date}: DPD ${a.dpd}, expected ${dpd}`);
          return view;
        },
        account: (ref) => getAccountDetail(db, ref),
      };
      return view;
    },
    account: (ref, asOf) => getAccountDetail(db, ref, asOf),
    close: () => db.close(),
  };
  return s;
}

/** The projection kept by the cycle must equal the state derived from the entries. */
export async function assertProjectionMatchesLedger(db: Db): Promise<void> {
  const rows = await db.query<{ ref: string; closed_through: string; principal_minor: number; interest_minor: number; penalty_minor: number; fees_minor: number; credit_minor: number; dpd: number; bucket: string; overdue_minor: number; accruing: boolean; principal_date_weight: number; cost_charged_minor: number; cost_capped_minor: number }>(
    'SELECT a.ref, s.*, coalesce(s.closed_through - s.delinquent_since, 0) AS dpd FROM account_state s JOIN accounts a ON a.id = s.account_id ORDER BY a.id',
  );
  for (const r of rows) {
    const d = await getAccountDetail(db, r.ref, r.closed_through);
    const ledger = await loadLedgerRows(db, [d.accountId]);
    const derived = deriveState(ledger.contracts.get(d.accountId) ?? [], ledger.entries.get(d.accountId) ?? [], r.closed_through);
    assert.deepEqual(
      { principal: r.principal_minor, interest: r.interest_minor, penalty: r.penalty_minor, fees: r.fees_minor, credit: r.credit_minor, dpd: r.dpd, bucket: r.bucket, overdue: r.overdue_minor, accruing: r.accruing, costCharged: r.cost_charged_minor, costCapped: r.cost_capped_minor },
      { principal: d.balances.principalMinor, interest: d.balances.interestMinor, penalty: d.balances.penaltyMinor, fees: d.balances.feesMinor, credit: d.balances.creditMinor, dpd: d.dpd, bucket: d.bucket, overdue: d.balances.overdueMinor, accruing: derived.accruing, costCharged: d.costCap.chargedMinor, costCapped: d.costCap.cappedMinor },
      `projection of ${r.ref} differs from its ledger`,
    );
  }
}
