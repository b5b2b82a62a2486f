/**
 * Read models of an account: balances with their breakdown, the schedule, DPD and bucket history,
 * entries, and an explanation of every balance component (which entries, which rate, which days).
 * With `asOf`, everything is derived from the entries as of that date.
 */
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { daysBetween } from '../../platform/dates.ts';
import { bucketFor, loadBuckets } from '../delinquency/index.ts';
import { findAccount } from './ledger.store.ts';
import { loadLedgerRows } from './ledger.replay.ts';
import { deriveState, type EntryRow } from './projection.rules.ts';
import { explainEntries, type Explanation } from './explain.rules.ts';

export interface Balances {
  principalMinor: number;
  interestMinor: number;
  penaltyMinor: number;
  feesMinor: number;
  creditMinor: number;
  totalMinor: number;
  overdueMinor: number;
}

export interface AccountSummary {
  id: string;
  accountId: number;
  customerId: string;
  product: string;
  currency: string;
  asOf: string;
  dpd: number;
  bucket: string;
  balances: Balances;
}

export interface AccountDetail extends AccountSummary {
  openedOn: string;
  closedThrough: string;
  costCap: { annualBp: number | null; chargedMinor: number; cappedMinor: number };
  schedule: Array<{
    seq: number; kind: string; dueOn: string; principalDueMinor: number; interestDueMinor: number; minimumDueMinor: number;
    principalPaidMinor: number; interestChargedMinor: number; interestPaidMinor: number; penaltyChargedMinor: number; penaltyPaidMinor: number;
    feesChargedMinor: number; feesPaidMinor: number; settledOn: string | null; dpd: number;
  }>;
  bucketHistory: Array<{ onDate: string; fromBucket: string; toBucket: string; dpd: number; movement: string }>;
  cases: Array<{ id: number; status: string; openedOn: string; closedOn: string | null; closeReason: string | null; bucket: string; maxDpd: number }>;
  entries: Array<EntryRow & { postedOn: string; baseMinor: number | null; ratePpm: number | null; days: number | null; reason: string | null }>;
  explain: Explanation;
}

export async function getAccountDetail(db: Db, idOrRef: string, asOf?: string): Promise<AccountDetail> {
  const acct = await findAccount(db, idOrRef);
  if (!acct) throw new AppError('NOT_FOUND', `id: no account '${idOrRef}'`, { issues: [{ path: 'id', message: 'no such account' }] });
  const rows = await loadLedgerRows(db, [acct.id]);
  const date = asOf ?? acct.closed_through;
  const derived = deriveState(rows.contracts.get(acct.id) ?? [], rows.entries.get(acct.id) ?? [], date);
  const buckets = await loadBuckets(db, acct.bucket_policy);
  const entryRows = await db.query<{ id: number; item_seq: number | null; value_date: string; posted_on: string; kind: EntryRow['kind']; component: EntryRow['component']; amount_minor: number; capped_minor: number; reverses_id: number | null; base_minor: number | null; rate_ppm: number | null; days: number | null; reason: string | null }>(
    `SELECT id, item_seq, value_date, posted_on, kind, component, amount_minor, capped_minor, reverses_id, base_minor, rate_ppm, days, reason
     FROM entries WHERE account_id = $1 AND value_date <= $2 ORDER BY value_date, id`,
    [acct.id, date],
  );
  const entries = entryRows.map((e) => ({
    id: e.id, itemSeq: e.item_seq, valueDate: e.value_date, postedOn: e.posted_on, kind: e.kind, component: e.component, amountMinor: e.amount_minor,
    cappedMinor: e.capped_minor, reversesId: e.reverses_id, baseMinor: e.base_minor, ratePpm: e.rate_ppm, days: e.days, reason: e.reason,
  }));
  const history = await db.query<{ on_date: string; from_bucket: string; to_bucket: string; dpd: number; movement: string }>(
    'SELECT on_date, from_bucket, to_bucket, dpd, movement FROM bucket_changes WHERE account_id = $1 AND on_date <= $2 ORDER BY on_date',
    [acct.id, date],
  );
  const cases = await db.query<{ id: number; status: string; opened_on: string; closed_on: string | null; close_reason: string | null; bucket: string; max_dpd: number }>(
    `SELECT id, status, opened_on, closed_on, close_reason, bucket,
            CASE WHEN status = 'open' THEN greatest(max_dpd, coalesce($2::date - delinquent_since, 0)) ELSE max_dpd END AS max_dpd
     FROM collection_cases WHERE account_id = $1 AND status <> 'voided' AND opened_on <= $2 ORDER BY id`,
    [acct.id, date],
  );
  return {
    id: acct.ref,
    accountId: acct.id,
    customerId: acct.customer_id,
    product: acct.product_code,
    currency: acct.currency,
    asOf: date,
    openedOn: acct.opened_on,
    closedThrough: acct.closed_through,
    dpd: derived.dpd,
    bucket: bucketFor(derived.dpd, acct.grace_days, buckets).code,
    balances: {
      principalMinor: derived.principalMinor, interestMinor: derived.interestMinor, penaltyMinor: derived.penaltyMinor, feesMinor: derived.feesMinor,
      creditMinor: derived.creditMinor, totalMinor: derived.totalMinor, overdueMinor: derived.overdueMinor,
    },
    costCap: { annualBp: acct.terms.costCapAnnualBp, chargedMinor: derived.costChargedMinor, cappedMinor: derived.costCappedMinor },
    schedule: derived.items.map((i) => ({
      seq: i.seq, kind: i.kind, dueOn: i.dueOn, principalDueMinor: i.principalDueMinor, interestDueMinor: i.interestDueMinor, minimumDueMinor: i.minimumDueMinor,
      principalPaidMinor: i.principalPaidMinor, interestChargedMinor: i.interestChargedMinor, interestPaidMinor: i.interestPaidMinor,
      penaltyChargedMinor: i.penaltyChargedMinor, penaltyPaidMinor: i.penaltyPaidMinor, feesChargedMinor: i.feesChargedMinor, feesPaidMinor: i.feesPaidMinor,
      settledOn: i.settledOn && i.settledOn <= date ? i.settledOn : null,
      dpd: i.dueOn < date && (i.settledOn === null || i.settledOn > date) ? daysBetween(i.dueOn, date) : 0,
    })),
    bucketHistory: history.map((h) => ({ onDate: h.on_date, fromBucket: h.from_bucket, toBucket: h.to_bucket, dpd: h.dpd, movement: h.movement })),
    cases: cases.map((c) => ({ id: c.id, status: c.status, openedOn: c.opened_on, closedOn: c.closed_on, closeReason: c.close_reason, bucket: c.bucket, maxDpd: c.max_dpd })),
    entries,
    explain: explainEntries(entries),
  };
}


export interface ListOptions {
  bucket?: string | undefined;
  limit?: number | undefined;
  afterId?: number | undefined;
  q?: string | undefined;
  /** Only this customer's accounts (the debtor portal). */
  customerId?: string | undefined;
}

/**
 * The statement behind listAccounts: only the conditions asked for, so that each variant gets its own
 * plan (a customer's accounts by the customer index, a bucket's by the state) rather than one plan
 * for every combination of optional filters.
 */
export function accountsQuery(opts: ListOptions): { sql: string; params: unknown[] } {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 10_000);
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (opts.customerId !== undefined) where.push(`a.customer_id = ${p(opts.customerId)}`);
  if (opts.bucket !== undefined) where.push(`s.bucket = ${p(opts.bucket)}`);
  if (opts.afterId) where.push(`a.id > ${p(opts.afterId)}`);
  if (opts.q !== undefined) {
    const q = p(opts.q);
    where.push(`(a.ref ILIKE '%' || ${q} || '%' OR a.customer_id ILIKE '%' || ${q} || '%')`);
  }
  const sql = `SELECT a.id, a.ref, a.customer_id, a.product_code, a.currency, s.closed_through, coalesce(s.closed_through - s.delinquent_since, 0) AS dpd, s.bucket,
            s.principal_minor, s.interest_minor, s.penalty_minor, s.fees_minor, s.credit_minor, s.overdue_minor
     FROM accounts a JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.id LIMIT ${p(limit)}`;
  return { sql, params };
}

/** Accounts from the projection (current state), by id; for lists and search. */
export async function listAccounts(db: Db, opts: ListOptions): Promise<AccountSummary[]> {
  const { sql, params } = accountsQuery(opts);
  const rows = await db.query<{ id: number; ref: string; customer_id: string; product_code: string; currency: string; closed_through: string; dpd: number; bucket: string; principal_minor: number; interest_minor: number; penalty_minor: number; fees_minor: number; credit_minor: number; overdue_minor: number }>(sql, params, { prepare: true });
  return rows.map((r) => ({
    id: r.ref, accountId: r.id, customerId: r.customer_id, product: r.product_code, currency: r.currency, asOf: r.closed_through, dpd: r.dpd, bucket: r.bucket,
    balances: {
      principalMinor: r.principal_minor, interestMinor: r.interest_minor, penaltyMinor: r.penalty_minor, feesMinor: r.fees_minor, creditMinor: r.credit_minor,
      totalMinor: r.principal_minor + r.interest_minor + r.penalty_minor + r.fees_minor + r.credit_minor, overdueMinor: r.overdue_minor,
    },
  }));
}
