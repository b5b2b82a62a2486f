/**
 * The ledger side of concessions (plans, deferrals, waivers, settlements from the negotiation module):
 * new due items of kind 'plan', items superseded by them, and the entries that carry a concession out
 * (WAIVER, RESTRUCTURE_OUT, RESTRUCTURE_IN), with the projection (due items, account state) kept in
 * step the way the cycle's own steps keep it. Negotiation decides the lines; only this file writes
 * the ledger's tables for it. Entries carry the concession's id, so a replay can tell whether a
 * concession's postings are live and post them again on their date.
 */
import type { Db } from '../../platform/db.ts';
import { epochDay } from '../../platform/dates.ts';
import type { ItemBalance } from './ledger.types.ts';

export type ConcessionEntryKind = 'WAIVER' | 'RESTRUCTURE_OUT' | 'RESTRUCTURE_IN';

/** One posting of a concession; amounts are signed as posted (a waiver or a move out is negative). */
export interface ConcessionLine {
  itemSeq: number | null;
  kind: ConcessionEntryKind;
  component: 'principal' | 'interest' | 'penalty' | 'fees' | 'credit';
  amountMinor: number;
}

/** A due item with the columns negotiation's rules read: its balances, and what a concession did to it. */
export interface ItemView extends Omit<ItemBalance, 'createdOn' | 'minimumDueMinor'> {
  chargedOn: string | null;
  supersededOn: string | null;
  concessionId: number | null;
}

export async function loadItemViews(db: Db, accountId: number): Promise<ItemView[]> {
  return db.query<ItemView>(
    `SELECT seq, kind, due_on AS "dueOn", principal_due_minor AS "principalDueMinor", interest_due_minor AS "interestDueMinor",
            principal_paid_minor AS "principalPaidMinor", interest_charged_minor AS "interestChargedMinor", interest_paid_minor AS "interestPaidMinor",
            penalty_charged_minor AS "penaltyChargedMinor", penalty_paid_minor AS "penaltyPaidMinor", fees_charged_minor AS "feesChargedMinor",
            fees_paid_minor AS "feesPaidMinor", settled_on AS "settledOn", charged_on AS "chargedOn", superseded_on AS "supersededOn", concession_id AS "concessionId"
     FROM due_items WHERE account_id = $1 ORDER BY seq`,
    [accountId],
  );
}

export interface PlanItemInput {
  dueOn: string;
  periodStart: string;
  principalMinor: number;
  /** New interest charged on the due date through the cost cap (the plan's or deferral's). */
  interestMinor: number;
  interestBaseMinor: number;
  interestDays: number;
  /** What the debtor pays on the due date, carried parts included: the item's minimum. */
  amountMinor: number;
}

/** Adds a concession's new items after the account's last item; returns their seqs in order. */
export async function addPlanItems(tx: Db, accountId: number, customerId: string, concessionId: number, createdOn: string, items: readonly PlanItemInput[]): Promise<number[]> {
  const [m] = await tx.query<{ max: number | null }>('SELECT max(seq) AS max FROM due_items WHERE account_id = $1', [accountId]);
  const first = (m?.max ?? 0) + 1;
  const seqs = items.map((_, k) => first + k);
  if (items.length === 0) return seqs;
  await tx.query(
    `INSERT INTO due_items (account_id, seq, kind, due_on, period_start, period_end, created_on, principal_due_minor, interest_due_minor, minimum_due_minor,
                            interest_base_minor, interest_rate_ppm, interest_days, concession_id, customer_id)
     SELECT $1, s, 'plan', d, ps, d, $2::date, p, i, m, b, NULL, n, $3, $12
     FROM unnest($4::int[], $5::date[], $6::date[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::int[]) AS u(s, d, ps, p, i, m, b, n)`,
    [
      accountId, createdOn, concessionId, seqs, items.map((i) => i.dueOn), items.map((i) => i.periodStart), items.map((i) => i.principalMinor),
      items.map((i) => i.interestMinor), items.map((i) => i.amountMinor), items.map((i) => i.interestBaseMinor), items.map((i) => i.interestDays),
      customerId,
    ],
  );
  return seqs;
}

/** Marks items as superseded on a date: charged nothing after it, settled once their balance has moved. */
export async function supersedeItems(tx: Db, accountId: number, seqs: readonly number[], on: string, concessionId: number): Promise<void> {
  if (seqs.length === 0) return;
  await tx.query(
    'UPDATE due_items SET superseded_on = $3::date, concession_id = coalesce(concession_id, $4) WHERE account_id = $1 AND seq = ANY($2::int[]) AND superseded_on IS NULL',
    [accountId, seqs, on, concessionId],
  );
}

/** Whether a concession has postings that are not reversed (a replay reverses them). */
export async function hasLivePostings(db: Db, concessionId: number): Promise<boolean> {
  const [r] = await db.query<{ live: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM entries e WHERE e.concession_id = $1 AND e.reverses_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND r.customer_id = e.customer_id)) AS live`,
    [concessionId],
  );
  return r?.live ?? false;
}

const REDUCING: ReadonlySet<ConcessionEntryKind> = new Set(['WAIVER', 'RESTRUCTURE_OUT']);

/**
 * Posts a concession's lines on a value date and updates the due items and the account projection
 * as the entries say (deriveState is the definition; this is its incremental twin). Items that are
 * payable or superseded by then and now reach their settlement threshold are settled that day.
 */
export async function postConcessionLines(tx: Db, o: { accountId: number; customerId: string; date: string; postedOn: string; concessionId: number; reason: string; lines: readonly ConcessionLine[] }): Promise<number> {
  const lines = o.lines.filter((l) => l.amountMinor !== 0);
  if (lines.length === 0) return 0;
  await tx.query(
    `INSERT INTO entries (account_id, item_seq, value_date, posted_on, kind, component, amount_minor, reason, concession_id, customer_id)
     SELECT $1, i, $2::date, $3::date, k, c, m, $4, $5, $10 FROM unnest($6::int[], $7::text[], $8::text[], $9::bigint[]) AS u(i, k, c, m)`,
    [o.accountId, o.date, o.postedOn, o.reason, o.concessionId, lines.map((l) => l.itemSeq), lines.map((l) => l.kind), lines.map((l) => l.component), lines.map((l) => l.amountMinor), o.customerId],
  );
  const perItem = new Map<number, { pp: number; ic: number; ip: number; nc: number; np: number; fc: number; fp: number }>();
  const acct = { principal: 0, interest: 0, penalty: 0, fees: 0, credit: 0 };
  for (const l of lines) {
    acct[l.component] += l.amountMinor;
    if (l.itemSeq === null || l.component === 'credit') continue;
    const d = perItem.get(l.itemSeq) ?? { pp: 0, ic: 0, ip: 0, nc: 0, np: 0, fc: 0, fp: 0 };
    const reducing = REDUCING.has(l.kind);
    if (l.component === 'principal') {
      if (reducing) d.pp -= l.amountMinor;
    } else if (l.component === 'interest') {
      if (reducing) d.ip -= l.amountMinor;
      else d.ic += l.amountMinor;
    } else if (l.component === 'penalty') {
      if (reducing) d.np -= l.amountMinor;
      else d.nc += l.amountMinor;
    } else if (reducing) d.fp -= l.amountMinor;
    else d.fc += l.amountMinor;
    perItem.set(l.itemSeq, d);
  }
  const seqs = [...perItem.keys()];
  const col = (k: 'pp' | 'ic' | 'ip' | 'nc' | 'np' | 'fc' | 'fp') => seqs.map((s) => perItem.get(s)![k]);
  if (seqs.length) {
    await tx.query(
      `UPDATE due_items di SET principal_paid_minor = di.principal_paid_minor + u.pp, interest_charged_minor = di.interest_charged_minor + u.ic,
              interest_paid_minor = di.interest_paid_minor + u.ip, penalty_charged_minor = di.penalty_charged_minor + u.nc,
              penalty_paid_minor = di.penalty_paid_minor + u.np, fees_charged_minor = di.fees_charged_minor + u.fc, fees_paid_minor = di.fees_paid_minor + u.fp
       FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[]) AS u(s, pp, ic, ip, nc, np, fc, fp)
       WHERE di.account_id = $1 AND di.seq = u.s`,
      [o.accountId, seqs, col('pp'), col('ic'), col('ip'), col('nc'), col('np'), col('fc'), col('fp')],
    );
  }
  await tx.query(
    `UPDATE account_state SET principal_minor = principal_minor + $2, interest_minor = interest_minor + $3, penalty_minor = penalty_minor + $4,
            fees_minor = fees_minor + $5, credit_minor = credit_minor + $6, principal_date_weight = principal_date_weight + $2::bigint * $7::bigint
     WHERE account_id = $1`,
    [o.accountId, acct.principal, acct.interest, acct.penalty, acct.fees, acct.credit, epochDay(o.date)],
  );
  // The settlement rule of allocation.rules.ts isSettled, for items payable or superseded by the date.
  await tx.query(
    `UPDATE due_items SET settled_on = $2::date
     WHERE account_id = $1 AND settled_on IS NULL
       AND (superseded_on <= $2::date OR (kind = 'statement' AND created_on <= $2::date) OR (kind <> 'statement' AND due_on <= $2::date))
       AND principal_paid_minor + interest_paid_minor >= least(minimum_due_minor, principal_due_minor + interest_charged_minor)`,
    [o.accountId, o.date],
  );
  return lines.length;
}
