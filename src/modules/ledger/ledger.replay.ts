/**
 * Rewinding accounts to an earlier date, so that history can be derived again after a fact arrives
 * late (a backdated payment, an account imported with its past). Nothing is deleted from the ledger:
 * every entry dated after the rewind date is reversed by a new entry, the money movements after it
 * go back to pending, and the projections (due items, account state, bucket history) are rebuilt
 * from the entries as of that date. The daily-cycle steps then run again for the dates that follow.
 */
import type { Db } from '../../platform/db.ts';
import { addDays } from '../../platform/dates.ts';
import { bucketFor, loadBuckets, type Bucket } from '../delinquency/index.ts';
import { deriveState, type EntryRow, type ItemContract } from './projection.rules.ts';
import type { ItemKind } from './ledger.types.ts';

export const REWIND_CHUNK_ACCOUNTS = 500;

export interface LedgerRows {
  contracts: Map<number, ItemContract[]>;
  entries: Map<number, EntryRow[]>;
}

/** Loads due-item contracts and entries of some accounts, for deriving their state. */
export async function loadLedgerRows(db: Db, accountIds: readonly number[]): Promise<LedgerRows> {
  const contracts = new Map<number, ItemContract[]>();
  const entries = new Map<number, EntryRow[]>();
  const items = await db.query<{ account_id: number; seq: number; kind: ItemKind; due_on: string; created_on: string; principal_due_minor: number; interest_due_minor: number; minimum_due_minor: number; superseded_on: string | null }>(
    `SELECT account_id, seq, kind, due_on, created_on, principal_due_minor, interest_due_minor, minimum_due_minor, superseded_on
     FROM due_items WHERE account_id = ANY($1::bigint[]) ORDER BY account_id, seq`,
    [accountIds],
  );
  for (const r of items) {
    const list = contracts.get(r.account_id) ?? [];
    list.push({ seq: r.seq, kind: r.kind, dueOn: r.due_on, createdOn: r.created_on, principalDueMinor: r.principal_due_minor, interestDueMinor: r.interest_due_minor, minimumDueMinor: r.minimum_due_minor, supersededOn: r.superseded_on });
    contracts.set(r.account_id, list);
  }
  const rows = await db.query<{ id: number; account_id: number; item_seq: number | null; value_date: string; kind: EntryRow['kind']; component: EntryRow['component']; amount_minor: number; capped_minor: number; reverses_id: number | null }>(
    `SELECT id, account_id, item_seq, value_date, kind, component, amount_minor, capped_minor, reverses_id
     FROM entries WHERE account_id = ANY($1::bigint[]) ORDER BY account_id, value_date, id`,
    [accountIds],
  );
  for (const r of rows) {
    const list = entries.get(r.account_id) ?? [];
    list.push({ id: r.id, itemSeq: r.item_seq, valueDate: r.value_date, kind: r.kind, component: r.component, amountMinor: r.amount_minor, cappedMinor: r.capped_minor, reversesId: r.reverses_id });
    entries.set(r.account_id, list);
  }
  return { contracts, entries };
}

/**
 * Rewinds accounts to the end of `toDate` (their projection becomes closed through toDate).
 * Runs inside the caller's transaction.
 */
export async function rewindAccounts(tx: Db, accountIds: readonly number[], toDate: string, postedOn: string): Promise<number> {
  let reversed = 0;
  for (let i = 0; i < accountIds.length; i += REWIND_CHUNK_ACCOUNTS) {
    const ids = accountIds.slice(i, i + REWIND_CHUNK_ACCOUNTS);
    const rev = await tx.query(
      `INSERT INTO entries (account_id, item_seq, value_date, posted_on, kind, component, amount_minor, capped_minor, base_minor, rate_ppm, days, transaction_id, reverses_id, reason, customer_id)
       SELECT e.account_id, e.item_seq, e.value_date, $3::date, e.kind, e.component, -e.amount_minor, -e.capped_minor, e.base_minor, e.rate_ppm, e.days, e.transaction_id, e.id, 'replay', e.customer_id
       FROM entries e
       WHERE e.account_id = ANY($1::bigint[]) AND e.value_date > $2::date AND e.reverses_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND r.customer_id = e.customer_id)
       RETURNING 1`,
      [ids, toDate, postedOn],
    );
    reversed += rev.length;
    await tx.query(`UPDATE transactions SET status = 'pending', posted_on = NULL WHERE account_id = ANY($1::bigint[]) AND value_date > $2::date AND status = 'posted'`, [ids, toDate]);
    // Statements of later dates are kept (with their superseded marks): the replay of their date
    // issues them again under the same seq, or removes one with nothing to bill (ledger.cycle.ts).
    await tx.query(`DELETE FROM bucket_changes WHERE account_id = ANY($1::bigint[]) AND on_date > $2::date`, [ids, toDate]);
    await tx.query(`UPDATE collection_cases SET status = 'voided', void_reason = 'replayed' WHERE account_id = ANY($1::bigint[]) AND opened_on > $2::date AND status <> 'voided'`, [ids, toDate]);
    await tx.query(
      `UPDATE collection_cases SET status = 'open', closed_on = NULL, close_reason = NULL
       WHERE account_id = ANY($1::bigint[]) AND status = 'closed' AND closed_on > $2::date`,
      [ids, toDate],
    );
    await rebuildProjection(tx, ids, toDate);
  }
  return reversed;
}

/** Rewrites the projection of some accounts from their entries as of a date (closed through it). */
export async function rebuildProjection(tx: Db, accountIds: readonly number[], asOf: string): Promise<void> {
  const rows = await loadLedgerRows(tx, accountIds);
  const policies = await tx.query<{ account_id: number; bucket_policy: string; grace_days: number }>(
    `SELECT a.id AS account_id, p.bucket_policy, p.grace_days FROM accounts a JOIN products p ON p.code = a.product_code AND p.version = a.product_version WHERE a.id = ANY($1::bigint[])`,
    [accountIds],
  );
  const bucketCache = new Map<string, Bucket[]>();
  for (const pol of policies) {
    let buckets = bucketCache.get(pol.bucket_policy);
    if (!buckets) {
      buckets = await loadBuckets(tx, pol.bucket_policy);
      bucketCache.set(pol.bucket_policy, buckets);
    }
    const s = deriveState(rows.contracts.get(pol.account_id) ?? [], rows.entries.get(pol.account_id) ?? [], asOf);
    // The projection at the end of asOf is what the cycle would have computed closing asOf.
    const bucket = bucketFor(s.dpd, pol.grace_days, buckets).code;
    await tx.query(
      `UPDATE account_state SET closed_through = $2::date, principal_minor = $3, interest_minor = $4, penalty_minor = $5, fees_minor = $6,
              credit_minor = $7, principal_date_weight = $8, cost_charged_minor = $9, cost_capped_minor = $10, delinquent_since = $11, bucket = $12, overdue_minor = $13, accruing = $14
       WHERE account_id = $1`,
      [pol.account_id, asOf, s.principalMinor, s.interestMinor, s.penaltyMinor, s.feesMinor, s.creditMinor, s.principalDateWeight, s.costChargedMinor, s.costCappedMinor, s.delinquentSince, bucket, s.overdueMinor, s.accruing],
    );
    if (s.items.length) {
      await tx.query(
        `UPDATE due_items di SET principal_paid_minor = u.pp, interest_charged_minor = u.ic, interest_paid_minor = u.ip,
                penalty_charged_minor = u.nc, penalty_paid_minor = u.np, fees_charged_minor = u.fc, fees_paid_minor = u.fp,
                settled_on = u.so, charged_on = u.co, late_fee_on = u.lf
         FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::date[], $11::date[], $12::date[])
              AS u(seq, pp, ic, ip, nc, np, fc, fp, so, co, lf)
         WHERE di.account_id = $1 AND di.seq = u.seq`,
        [
          pol.account_id, s.items.map((i) => i.seq), s.items.map((i) => i.principalPaidMinor), s.items.map((i) => i.interestChargedMinor),
          s.items.map((i) => i.interestPaidMinor), s.items.map((i) => i.penaltyChargedMinor), s.items.map((i) => i.penaltyPaidMinor),
          s.items.map((i) => i.feesChargedMinor), s.items.map((i) => i.feesPaidMinor), s.items.map((i) => i.settledOn),
          s.items.map((i) => i.chargedOn), s.items.map((i) => i.lateFeeOn),
        ],
      );
    }
    // Items created later than asOf do not exist at asOf; instalments not yet due get a clean slate.
    await tx.query(
      `UPDATE due_items SET principal_paid_minor = 0, interest_charged_minor = 0, interest_paid_minor = 0, penalty_charged_minor = 0,
              penalty_paid_minor = 0, fees_charged_minor = 0, fees_paid_minor = 0, settled_on = NULL, charged_on = NULL, late_fee_on = NULL
       WHERE account_id = $1 AND created_on > $2::date`,
      [pol.account_id, asOf],
    );
  }
}

/** The day before a date: what an account is rewound to when a fact dated `date` arrives late. */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}
