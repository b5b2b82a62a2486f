/**
 * The ledger's steps of the daily cycle, as set-based SQL over a batch of accounts (ids lo..hi) for
 * one business date. Each step only touches accounts whose projection is closed through the day
 * before (closed_through = date − 1), so the same statements serve the portfolio-wide cycle, the
 * catch-up of accounts that lag behind (new imports) and the replay of one account after a backdated
 * payment. Interest, penalty and fees pass the product's total-cost cap as they are posted; what the
 * cap removes is kept on the entry (capped_minor) so it stays visible.
 */
import type { Db } from '../../platform/db.ts';
import { epochDay } from '../../platform/dates.ts';
import { allocatePayment, applyLines, isSettled, type AllocationLine } from './allocation.rules.ts';
import type { ItemBalance, ItemKind, Waterfall } from './ledger.types.ts';

export interface StepContext {
  /** The business date being closed. */
  date: string;
  /** The date postings are made on: the date itself, or the open business date when catching up. */
  postedOn: string;
  lo: number;
  hi: number;
}

export type StepFn = (tx: Db, ctx: StepContext) => Promise<number>;

const PPM = 1_000_000;

/**
 * Posts candidate charges through the total-cost cap, in priority order per account, and keeps the
 * due items and the account projection in step, all in one statement.
 * The candidate query yields: account_id, customer_id, item_seq, kind, component, raw, base_minor, rate_ppm, days,
 * prio, sets_charged_on, sets_late_fee_on, past_due (the charge is on an item past due, so it adds to
 * the account's arrears), cost_cap_bp (the product's). Parameters: $1 date, $2 lo, $3 hi, $4 posted_on.
 */
function chargeSql(candidates: string): string {
  return `
WITH cand AS (${candidates}),
acct AS (
  SELECT s.account_id, s.customer_id,
         CASE WHEN c.cost_cap_bp IS NULL THEN NULL
              ELSE floor(c.cost_cap_bp::numeric * (s.principal_minor::numeric * (($1::date - DATE '1970-01-01') + 1) - s.principal_date_weight) / 3650000)::bigint
                   - s.cost_charged_minor END AS headroom
  FROM (SELECT account_id, customer_id, max(cost_cap_bp) AS cost_cap_bp FROM cand GROUP BY account_id, customer_id) c
  JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id
),
ranked AS (
  SELECT c.*, a.headroom,
         sum(c.raw) OVER (PARTITION BY c.account_id ORDER BY c.prio, c.item_seq ROWS UNBOUNDED PRECEDING) AS cum
  FROM cand c JOIN acct a ON a.account_id = c.account_id AND a.customer_id = c.customer_id
),
granted AS (
  SELECT r.*,
         CASE WHEN r.headroom IS NULL THEN r.raw
              ELSE greatest(0, least(r.raw, r.headroom - (r.cum - r.raw)))::bigint END AS amount
  FROM ranked r
),
ins AS (
  INSERT INTO entries (account_id, item_seq, value_date, posted_on, kind, component, amount_minor, capped_minor, base_minor, rate_ppm, days, customer_id)
  SELECT account_id, item_seq, $1::date, $4::date, kind, component, amount, raw - amount, base_minor, rate_ppm, days, customer_id
  FROM granted WHERE raw > 0
  RETURNING 1
),
items AS (
  UPDATE due_items di SET
    interest_charged_minor = di.interest_charged_minor + g.interest,
    penalty_charged_minor = di.penalty_charged_minor + g.penalty,
    fees_charged_minor = di.fees_charged_minor + g.fees,
    charged_on = CASE WHEN g.sets_charged_on THEN $1::date ELSE di.charged_on END,
    late_fee_on = CASE WHEN g.sets_late_fee_on THEN $1::date ELSE di.late_fee_on END
  FROM (
    SELECT account_id, customer_id, item_seq,
           coalesce(sum(amount) FILTER (WHERE component = 'interest'), 0)::bigint AS interest,
           coalesce(sum(amount) FILTER (WHERE component = 'penalty'), 0)::bigint AS penalty,
           coalesce(sum(amount) FILTER (WHERE component = 'fees'), 0)::bigint AS fees,
           bool_or(sets_charged_on) AS sets_charged_on,
           bool_or(sets_late_fee_on) AS sets_late_fee_on
    FROM granted GROUP BY account_id, customer_id, item_seq
  ) g
  WHERE di.account_id = g.account_id AND di.customer_id = g.customer_id AND di.seq = g.item_seq
  RETURNING 1
),
state AS (
  UPDATE account_state s SET
    interest_minor = s.interest_minor + g.interest,
    penalty_minor = s.penalty_minor + g.penalty,
    fees_minor = s.fees_minor + g.fees,
    cost_charged_minor = s.cost_charged_minor + g.interest + g.penalty + g.fees,
    cost_capped_minor = s.cost_capped_minor + g.capped,
    overdue_minor = s.overdue_minor + g.past_due
  FROM (
    SELECT account_id, customer_id,
           coalesce(sum(amount) FILTER (WHERE component = 'interest'), 0)::bigint AS interest,
           coalesce(sum(amount) FILTER (WHERE component = 'penalty'), 0)::bigint AS penalty,
           coalesce(sum(amount) FILTER (WHERE component = 'fees'), 0)::bigint AS fees,
           sum(raw - amount)::bigint AS capped,
           coalesce(sum(amount) FILTER (WHERE past_due), 0)::bigint AS past_due
    FROM granted GROUP BY account_id, customer_id
  ) g
  WHERE s.account_id = g.account_id AND s.customer_id = g.customer_id
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int AS n, (SELECT count(*) FROM items)::int AS items, (SELECT count(*) FROM state)::int AS accounts`;
}

const INSTALMENT_INTEREST_SQL = chargeSql(`
  SELECT di.account_id, di.customer_id, di.seq AS item_seq, 'INTEREST'::text AS kind, 'interest'::text AS component,
         di.interest_due_minor AS raw, di.interest_base_minor AS base_minor, di.interest_rate_ppm AS rate_ppm,
         di.interest_days AS days, 1 AS prio, true AS sets_charged_on, false AS sets_late_fee_on, false AS past_due,
         p.cost_cap_bp
  FROM due_items di
  JOIN account_state s ON s.account_id = di.account_id AND s.customer_id = di.customer_id
  JOIN accounts a ON a.id = di.account_id AND a.customer_id = di.customer_id
  JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  WHERE di.due_on = $1::date AND di.kind IN ('instalment', 'plan') AND di.charged_on IS NULL
    AND (di.superseded_on IS NULL OR di.superseded_on >= $1::date)
    AND di.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1`);

/**
 * Bills a revolving line's unbilled principal on its statement day. A statement is identified by its
 * statement date: a rewind keeps the statements of later dates (a plan may have superseded them)
 * with a clean slate (charged_on NULL), and the replay of their date issues them again under the
 * same seq with the amounts derived now, or removes one that has nothing left to bill.
 * Unbilled is the principal not owed on any item created before the day. Items created later (a
 * kept statement, a plan's instalments during a replay) and items created today (a plan committed
 * today comes after the day's statement) do not count. Principal moved onto a plan's items is billed
 * there and never demanded again by a statement: a statement after a plan bills only the drawdowns
 * since the last statement, with its own minimum.
 */
const STATEMENT_SQL = `
WITH calc AS (
  SELECT s.account_id, s.customer_id, coalesce(b.max_seq, 0) AS max_seq, k.seq AS kept_seq,
         CASE WHEN p.due_day > p.statement_day
              THEN date_trunc('month', $1::date)::date + (p.due_day - 1)
              ELSE (date_trunc('month', $1::date) + interval '1 month')::date + (p.due_day - 1) END AS due_on,
         coalesce(b.last_end, a.opened_on - 1) + 1 AS period_start,
         s.principal_minor - coalesce(b.billed, 0) AS unbilled,
         p.min_payment_floor_minor, p.min_payment_bp
  FROM products p
  JOIN accounts a ON a.product_code = p.code AND a.product_version = p.version AND a.id BETWEEN $2 AND $3
  JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
  LEFT JOIN LATERAL (
    SELECT max(seq) AS max_seq,
           max(period_end) FILTER (WHERE kind = 'statement' AND created_on < $1::date) AS last_end,
           sum(principal_due_minor - principal_paid_minor) FILTER (WHERE created_on < $1::date)::bigint AS billed
    FROM due_items WHERE account_id = s.account_id AND customer_id = s.customer_id
  ) b ON true
  LEFT JOIN due_items k ON k.account_id = s.account_id AND k.customer_id = s.customer_id AND k.kind = 'statement' AND k.created_on = $1::date
  WHERE p.kind = 'revolving' AND p.statement_day = extract(day FROM $1::date)
    AND s.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1
    -- Issued already today (the open day's post-due step runs before the cycle's): nothing to do.
    -- A statement kept by a rewind has charged_on NULL until its date is replayed.
    AND (k.seq IS NULL OR k.charged_on IS NULL)
),
ins AS (
  INSERT INTO due_items (account_id, seq, kind, due_on, period_start, period_end, created_on,
                         principal_due_minor, interest_due_minor, minimum_due_minor, charged_on, customer_id)
  SELECT account_id, max_seq + 1, 'statement', due_on, period_start, $1::date, $1::date, unbilled, 0,
         least(unbilled, greatest(min_payment_floor_minor, (unbilled * min_payment_bp + 5000) / 10000)), $1::date, customer_id
  FROM calc WHERE kept_seq IS NULL AND unbilled > 0
  RETURNING 1
),
reissued AS (
  UPDATE due_items di SET due_on = c.due_on, period_start = c.period_start, period_end = $1::date, principal_due_minor = c.unbilled,
         interest_due_minor = 0, minimum_due_minor = least(c.unbilled, greatest(c.min_payment_floor_minor, (c.unbilled * c.min_payment_bp + 5000) / 10000)),
         charged_on = $1::date
  FROM calc c WHERE c.kept_seq IS NOT NULL AND c.unbilled > 0 AND di.account_id = c.account_id AND di.customer_id = c.customer_id AND di.seq = c.kept_seq
  RETURNING 1
),
dropped AS (
  DELETE FROM due_items di USING calc c
  WHERE c.kept_seq IS NOT NULL AND c.unbilled <= 0 AND di.account_id = c.account_id AND di.customer_id = c.customer_id AND di.seq = c.kept_seq
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins)::int + (SELECT count(*) FROM reissued)::int AS n`;

/** Charges contractual interest of instalments due today and issues today's statements. */
export const postDueStep: StepFn = async (tx, ctx) => {
  const params = [ctx.date, ctx.lo, ctx.hi, ctx.postedOn];
  const [r] = await tx.query<{ n: number }>(INSTALMENT_INTEREST_SQL, params);
  const [st] = await tx.query<{ n: number }>(STATEMENT_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return (r?.n ?? 0) + (st?.n ?? 0);
};

/** Accounts with something past due, or an item that fell due yesterday: the only ones that accrue. */
const ARREARS_ACCOUNTS = `
  SELECT s.account_id, s.customer_id FROM account_state s
  WHERE s.accruing AND s.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1
  UNION
  SELECT s.account_id, s.customer_id FROM (
    SELECT DISTINCT account_id, customer_id FROM due_items
    WHERE due_on = $1::date - 1 AND account_id BETWEEN $2 AND $3 AND (settled_on IS NULL OR principal_paid_minor < principal_due_minor)
  ) di
  JOIN account_state s ON s.account_id = di.account_id AND s.customer_id = di.customer_id
  WHERE s.closed_through = $1::date - 1`;

export const ACCRUE_SQL = chargeSql(`
  WITH acc AS (${ARREARS_ACCOUNTS}),
  items AS (
    SELECT di.account_id, di.customer_id, di.seq, di.due_on, di.settled_on, di.late_fee_on,
           di.principal_due_minor - di.principal_paid_minor AS principal_out,
           p.overdue_interest_daily_ppm, p.penalty_daily_ppm, p.late_fee_minor, p.grace_days, p.cost_cap_bp
    FROM acc
    JOIN due_items di ON di.account_id = acc.account_id AND di.customer_id = acc.customer_id AND di.due_on < $1::date
    JOIN accounts a ON a.id = di.account_id AND a.customer_id = di.customer_id
    JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  )
  SELECT account_id, customer_id, seq AS item_seq, 'OVERDUE_INTEREST'::text AS kind, 'interest'::text AS component,
         (principal_out * overdue_interest_daily_ppm + ${PPM / 2}) / ${PPM} AS raw,
         principal_out AS base_minor, overdue_interest_daily_ppm AS rate_ppm, 1 AS days, 2 AS prio,
         false AS sets_charged_on, false AS sets_late_fee_on, true AS past_due, cost_cap_bp
  FROM items WHERE principal_out > 0 AND overdue_interest_daily_ppm > 0
  UNION ALL
  SELECT account_id, customer_id, seq, 'PENALTY', 'penalty',
         (principal_out * penalty_daily_ppm + ${PPM / 2}) / ${PPM},
         principal_out, penalty_daily_ppm, 1, 3, false, false, true, cost_cap_bp
  FROM items WHERE settled_on IS NULL AND principal_out > 0 AND penalty_daily_ppm > 0 AND $1::date - due_on > grace_days
  UNION ALL
  SELECT account_id, customer_id, seq, 'LATE_FEE', 'fees', late_fee_minor, NULL, NULL, NULL, 4, false, true, true, cost_cap_bp
  FROM items WHERE settled_on IS NULL AND late_fee_on IS NULL AND late_fee_minor > 0 AND $1::date - due_on > grace_days`);

/** Daily overdue interest and penalty interest on principal past due, and late fees when grace ends. */
export const accrueStep: StepFn = async (tx, ctx) => {
  const [r] = await tx.query<{ n: number }>(ACCRUE_SQL, [ctx.date, ctx.lo, ctx.hi, ctx.postedOn]);
  return r?.n ?? 0;
};

/** Marks the batch closed for the date: the last step. */
export const closeStep: StepFn = async (tx, ctx) => {
  const rows = await tx.query('UPDATE account_state SET closed_through = $1::date WHERE account_id BETWEEN $2 AND $3 AND closed_through = $1::date - 1 RETURNING 1', [ctx.date, ctx.lo, ctx.hi]);
  return rows.length;
};

// ---------------------------------------------------------------------------------------------
// Posting money movements: disbursements, drawdowns and payments on their value date, and credit
// held from earlier overpayments applied to what falls due today. The waterfall is a pure rule, so
// this step works in JS over the batch: one read, the rule per account, bulk writes.

interface PendingTx {
  id: number;
  account_id: number;
  type: 'disbursement' | 'drawdown' | 'payment';
  amount_minor: number;
}

interface AccountRow {
  account_id: number;
  customer_id: string;
  kind: 'revolving' | 'instalment';
  waterfall: Waterfall;
  principal_minor: number;
  credit_minor: number;
}

interface ItemRow {
  account_id: number;
  seq: number;
  kind: ItemKind;
  due_on: string;
  created_on: string;
  principal_due_minor: number;
  interest_due_minor: number;
  minimum_due_minor: number;
  principal_paid_minor: number;
  interest_charged_minor: number;
  interest_paid_minor: number;
  penalty_charged_minor: number;
  penalty_paid_minor: number;
  fees_charged_minor: number;
  fees_paid_minor: number;
  settled_on: string | null;
  superseded_on: string | null;
}

export function toItemBalance(r: ItemRow): ItemBalance {
  return {
    seq: r.seq, kind: r.kind, dueOn: r.due_on, createdOn: r.created_on,
    principalDueMinor: r.principal_due_minor, interestDueMinor: r.interest_due_minor, minimumDueMinor: r.minimum_due_minor,
    principalPaidMinor: r.principal_paid_minor, interestChargedMinor: r.interest_charged_minor, interestPaidMinor: r.interest_paid_minor,
    penaltyChargedMinor: r.penalty_charged_minor, penaltyPaidMinor: r.penalty_paid_minor,
    feesChargedMinor: r.fees_charged_minor, feesPaidMinor: r.fees_paid_minor, settledOn: r.settled_on,
  };
}

interface NewEntry {
  accountId: number;
  itemSeq: number | null;
  kind: 'DISBURSEMENT' | 'DRAWDOWN' | 'PAYMENT' | 'CREDIT_APPLIED';
  component: 'principal' | 'interest' | 'penalty' | 'fees' | 'credit';
  amountMinor: number;
  transactionId: number | null;
}

export const allocateStep: StepFn = async (tx, ctx) => {
  const params = [ctx.date, ctx.lo, ctx.hi];
  const pending = await tx.query<PendingTx>(
    `SELECT t.id, t.account_id, t.type, t.amount_minor FROM transactions t
     JOIN account_state s ON s.account_id = t.account_id AND s.customer_id = t.customer_id
     WHERE t.status = 'pending' AND t.value_date = $1::date AND t.account_id BETWEEN $2 AND $3
       AND s.closed_through = $1::date - 1
     ORDER BY t.account_id, t.id`,
    params,
  );
  const withCredit = await tx.query<{ account_id: number }>(
    `SELECT s.account_id FROM account_state s
     WHERE s.credit_minor < 0 AND s.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1
       AND EXISTS (SELECT 1 FROM due_items di WHERE di.account_id = s.account_id AND di.customer_id = s.customer_id AND (di.due_on = $1::date OR di.created_on = $1::date))`,
    params,
  );
  const ids = [...new Set([...pending.map((p) => p.account_id), ...withCredit.map((c) => c.account_id)])];
  if (ids.length === 0) return 0;
  const accounts = await tx.query<AccountRow>(
    `SELECT s.account_id, s.customer_id, p.kind, p.terms->'waterfall' AS waterfall, s.principal_minor, s.credit_minor
     FROM account_state s JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
     JOIN products p ON p.code = a.product_code AND p.version = a.product_version
     WHERE s.account_id = ANY($1::bigint[])`,
    [ids],
  );
  const itemRows = await tx.query<ItemRow>(
    `SELECT account_id, seq, kind, due_on, created_on, principal_due_minor, interest_due_minor, minimum_due_minor,
            principal_paid_minor, interest_charged_minor, interest_paid_minor, penalty_charged_minor, penalty_paid_minor,
            fees_charged_minor, fees_paid_minor, settled_on, superseded_on
     FROM due_items WHERE account_id = ANY($1::bigint[])`,
    [ids],
  );
  const itemsByAccount = new Map<number, ItemBalance[]>();
  // What a revolving line has billed today: items created by today, less those a concession
  // supersedes by today (their balance is on the concession's items, even in a replay before the
  // concessions step has posted it again). Kept statements of later dates bill nothing yet.
  const billing = new Set<string>();
  for (const r of itemRows) {
    if (r.created_on <= ctx.date && !(r.superseded_on !== null && r.superseded_on <= ctx.date)) billing.add(`${r.account_id}:${r.seq}`);
  }
  for (const r of itemRows) {
    const list = itemsByAccount.get(r.account_id) ?? [];
    list.push(toItemBalance(r));
    itemsByAccount.set(r.account_id, list);
  }
  const customerOf = new Map(accounts.map((a) => [a.account_id, a.customer_id]));
  const pendingByAccount = new Map<number, PendingTx[]>();
  for (const p of pending) pendingByAccount.set(p.account_id, [...(pendingByAccount.get(p.account_id) ?? []), p]);

  const entries: NewEntry[] = [];
  const itemUpdates: Array<{ accountId: number; item: ItemBalance; settledOn: string | null }> = [];
  const stateDeltas: Array<{ accountId: number; principal: number; interest: number; penalty: number; fees: number; credit: number }> = [];

  for (const acct of accounts) {
    const before = itemsByAccount.get(acct.account_id) ?? [];
    let items = before;
    let principal = acct.principal_minor;
    let credit = acct.credit_minor;
    const delta = { accountId: acct.account_id, principal: 0, interest: 0, penalty: 0, fees: 0, credit: 0 };
    const unbilled = () => principal - items.reduce((s, i) => s + (billing.has(`${acct.account_id}:${i.seq}`) ? i.principalDueMinor - i.principalPaidMinor : 0), 0);
    const book = (lines: AllocationLine[], kind: NewEntry['kind'], transactionId: number | null) => {
      for (const l of lines) {
        entries.push({ accountId: acct.account_id, itemSeq: l.itemSeq, kind, component: l.component, amountMinor: -l.amountMinor, transactionId });
        delta[l.component] -= l.amountMinor;
        if (l.component === 'principal') principal -= l.amountMinor;
        if (l.component === 'credit') credit -= l.amountMinor;
      }
      items = applyLines(items, lines);
    };
    if (credit < 0) {
      const lines = allocatePayment({ amountMinor: -credit, valueDate: ctx.date, productKind: acct.kind, items, unbilledPrincipalMinor: unbilled(), waterfall: acct.waterfall }).filter(
        (l) => l.component !== 'credit',
      );
      const used = lines.reduce((s, l) => s + l.amountMinor, 0);
      if (used > 0) {
        entries.push({ accountId: acct.account_id, itemSeq: null, kind: 'CREDIT_APPLIED', component: 'credit', amountMinor: used, transactionId: null });
        delta.credit += used;
        credit += used;
        book(lines, 'CREDIT_APPLIED', null);
      }
    }
    for (const t of pendingByAccount.get(acct.account_id) ?? []) {
      if (t.type === 'payment') {
        const lines = allocatePayment({ amountMinor: t.amount_minor, valueDate: ctx.date, productKind: acct.kind, items, unbilledPrincipalMinor: unbilled(), waterfall: acct.waterfall });
        book(lines, 'PAYMENT', t.id);
      } else {
        entries.push({ accountId: acct.account_id, itemSeq: null, kind: t.type === 'disbursement' ? 'DISBURSEMENT' : 'DRAWDOWN', component: 'principal', amountMinor: t.amount_minor, transactionId: t.id });
        delta.principal += t.amount_minor;
        principal += t.amount_minor;
      }
    }
    const beforeBySeq = new Map(before.map((i) => [i.seq, i]));
    for (const item of items) {
      const old = beforeBySeq.get(item.seq)!;
      const settleNow = item.settledOn === null && (item.kind === 'statement' ? item.createdOn <= ctx.date : item.dueOn <= ctx.date) && isSettled(item);
      if (settleNow || old.principalPaidMinor !== item.principalPaidMinor || old.interestPaidMinor !== item.interestPaidMinor || old.penaltyPaidMinor !== item.penaltyPaidMinor || old.feesPaidMinor !== item.feesPaidMinor) {
        itemUpdates.push({ accountId: acct.account_id, item, settledOn: settleNow ? ctx.date : item.settledOn });
      }
    }
    stateDeltas.push(delta);
  }

  if (entries.length) {
    await tx.query(
      `INSERT INTO entries (account_id, item_seq, value_date, posted_on, kind, component, amount_minor, transaction_id, customer_id)
       SELECT a, i, $1::date, $2::date, k, c, m, t, cu
       FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[]) AS u(a, i, k, c, m, t, cu)`,
      [
        ctx.date, ctx.postedOn, entries.map((e) => e.accountId), entries.map((e) => e.itemSeq), entries.map((e) => e.kind), entries.map((e) => e.component),
        entries.map((e) => e.amountMinor), entries.map((e) => e.transactionId), entries.map((e) => customerOf.get(e.accountId)!),
      ],
    );
  }
  if (itemUpdates.length) {
    await tx.query(
      `UPDATE due_items di SET principal_paid_minor = u.pp, interest_paid_minor = u.ip, penalty_paid_minor = u.np, fees_paid_minor = u.fp, settled_on = u.so
       FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::date[], $8::text[]) AS u(a, s, pp, ip, np, fp, so, cu)
       WHERE di.account_id = u.a AND di.customer_id = u.cu AND di.seq = u.s`,
      [
        itemUpdates.map((u) => u.accountId), itemUpdates.map((u) => u.item.seq), itemUpdates.map((u) => u.item.principalPaidMinor),
        itemUpdates.map((u) => u.item.interestPaidMinor), itemUpdates.map((u) => u.item.penaltyPaidMinor), itemUpdates.map((u) => u.item.feesPaidMinor),
        itemUpdates.map((u) => u.settledOn), itemUpdates.map((u) => customerOf.get(u.accountId)!),
      ],
    );
  }
  const epoch = epochDay(ctx.date);
  await tx.query(
    `UPDATE account_state s SET principal_minor = s.principal_minor + u.p, interest_minor = s.interest_minor + u.i,
            penalty_minor = s.penalty_minor + u.n, fees_minor = s.fees_minor + u.f, credit_minor = s.credit_minor + u.c,
            principal_date_weight = s.principal_date_weight + u.p * $7::bigint
     FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $8::text[]) AS u(a, p, i, n, f, c, cu)
     WHERE s.account_id = u.a AND s.customer_id = u.cu`,
    [
      stateDeltas.map((d) => d.accountId), stateDeltas.map((d) => d.principal), stateDeltas.map((d) => d.interest), stateDeltas.map((d) => d.penalty),
      stateDeltas.map((d) => d.fees), stateDeltas.map((d) => d.credit), epoch, stateDeltas.map((d) => customerOf.get(d.accountId)!),
    ],
  );
  if (pending.length) {
    await tx.query(`UPDATE transactions SET status = 'posted', posted_on = $2::date WHERE id = ANY($1::bigint[])`, [pending.map((p) => p.id), ctx.postedOn]);
  }
  return entries.length;
};
