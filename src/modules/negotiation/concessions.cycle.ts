/**
 * Negotiation's steps of the daily cycle for concessions, over a batch of accounts (ids lo..hi) for
 * one business date; like every step they touch only accounts closed through the day before, so they
 * serve the portfolio-wide cycle, catch-up and single-account replays alike.
 *
 * - `concessions` (after allocate): posts again the plans, deferrals and waivers taking effect today
 *   whose postings a replay reversed; settles settlements whose amount has been paid, and marks those
 *   whose pay-by date passed unpaid as broken.
 * - `token-payments` (after allocate): assesses today's payments on delinquent accounts against the
 *   token-payment policy and keeps the verdict with its explanation.
 * - `plans` (after cases, before promises): a plan or deferral whose instalment is unpaid more than the
 *   policy's days after its due date is broken (collection resumes: the account is delinquent again
 *   from that instalment's due date); one whose instalments are all settled is completed.
 */
import type { Db } from '../../platform/db.ts';
import type { Currency } from '../../platform/money.ts';
import { hasLivePostings, type StepFn } from '../ledger/index.ts';
import { applyConcession, applySettlement, type SettlementTerms } from './concessions.ledger.ts';
import { getConcession, policyFor } from './concessions.store.ts';
import { assessPayment } from './token.rules.ts';

export const concessionsStep: StepFn = async (tx: Db, ctx) => {
  let n = 0;
  const repost = await tx.query<{ id: number }>(
    `SELECT c.id FROM concessions c JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id AND s.closed_through = $1::date - 1
     WHERE c.effective_on = $1::date AND c.kind IN ('plan', 'deferral', 'waiver') AND c.status IN ('active', 'completed', 'broken')
       AND c.account_id BETWEEN $2 AND $3
     ORDER BY c.id`,
    [ctx.date, ctx.lo, ctx.hi],
  );
  for (const r of repost) {
    if (await hasLivePostings(tx, r.id)) continue;
    const c = (await getConcession(tx, r.id))!;
    const terms = await applyConcession(tx, c, ctx.date, ctx.postedOn);
    await tx.query('UPDATE concessions SET terms = $2 WHERE id = $1', [c.id, JSON.stringify(terms)]);
    n++;
  }
  const settlements = await tx.query<{ id: number; paid: number }>(
    `SELECT c.id, coalesce((SELECT sum(t.amount_minor) FROM transactions t WHERE t.account_id = c.account_id AND t.customer_id = c.customer_id AND t.type = 'payment'
                             AND t.value_date BETWEEN c.effective_on AND $1::date), 0)::bigint AS paid
     FROM concessions c JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id AND s.closed_through = $1::date - 1
     WHERE c.kind = 'settlement' AND c.effective_on <= $1::date AND c.account_id BETWEEN $2 AND $3
       AND (c.status = 'active' OR (c.status IN ('completed', 'broken') AND c.ended_on >= $1::date))
     ORDER BY c.id`,
    [ctx.date, ctx.lo, ctx.hi],
  );
  for (const r of settlements) {
    const c = (await getConcession(tx, r.id))!;
    const t = c.terms as unknown as SettlementTerms;
    if (r.paid >= t.settlement.amountMinor) {
      if (!(await hasLivePostings(tx, c.id))) await applySettlement(tx, c, ctx.date, ctx.postedOn);
      await tx.query(`UPDATE concessions SET status = 'completed', ended_on = $2 WHERE id = $1`, [c.id, ctx.date]);
      n++;
    } else if (ctx.date > t.settlement.payByOn) {
      await tx.query(`UPDATE concessions SET status = 'broken', ended_on = $2 WHERE id = $1`, [c.id, ctx.date]);
      n++;
    } else if (c.status !== 'active') {
      await tx.query(`UPDATE concessions SET status = 'active', ended_on = NULL WHERE id = $1`, [c.id]);
    }
  }
  return n;
};

/** Parameters: $1 business date, $2 lo, $3 hi. */
const PLANS_SQL = `
WITH cand AS (
  SELECT c.id, c.status, c.ended_on, coalesce((c.terms->>'brokenAfterDays')::int, 0) AS after_days
  FROM concessions c JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id AND s.closed_through = $1::date - 1
  WHERE c.kind IN ('plan', 'deferral') AND c.effective_on <= $1::date AND c.account_id BETWEEN $2 AND $3
    AND (c.status = 'active' OR (c.status IN ('broken', 'completed') AND c.ended_on >= $1::date))
),
calc AS (
  SELECT cand.id, cand.status AS old_status,
         CASE WHEN EXISTS (SELECT 1 FROM due_items d WHERE d.concession_id = cand.id AND d.kind = 'plan' AND d.settled_on IS NULL AND d.due_on + cand.after_days < $1::date) THEN 'broken'
              WHEN NOT EXISTS (SELECT 1 FROM due_items d WHERE d.concession_id = cand.id AND d.kind = 'plan' AND d.settled_on IS NULL) THEN 'completed'
              ELSE 'active' END AS status
  FROM cand
)
UPDATE concessions c SET status = calc.status,
       ended_on = CASE WHEN calc.status = 'active' THEN NULL WHEN calc.status = calc.old_status AND c.ended_on <= $1::date THEN c.ended_on ELSE $1::date END
FROM calc
WHERE c.id = calc.id AND (calc.status <> calc.old_status OR (calc.status <> 'active' AND c.ended_on > $1::date))
RETURNING 1`;

export const plansStep: StepFn = async (tx: Db, ctx) => {
  const rows = await tx.query(PLANS_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return rows.length;
};

export const tokenPaymentsStep: StepFn = async (tx: Db, ctx) => {
  const rows = await tx.query<{ id: number; account_id: number; customer_id: string; amount_minor: number; currency: Currency; jurisdiction: string; due_minor: number }>(
    `SELECT t.id, t.account_id, t.customer_id, t.amount_minor, t.currency, cu.jurisdiction,
            (s.overdue_minor + coalesce((SELECT sum(d.minimum_due_minor) FROM due_items d
                                         WHERE d.account_id = t.account_id AND d.customer_id = t.customer_id AND d.due_on = $1::date AND d.superseded_on IS NULL), 0))::bigint AS due_minor
     FROM transactions t
     JOIN account_state s ON s.account_id = t.account_id AND s.customer_id = t.customer_id AND s.closed_through = $1::date - 1
     JOIN customers cu ON cu.id = t.customer_id
     WHERE t.type = 'payment' AND t.status = 'posted' AND t.value_date = $1::date AND t.account_id BETWEEN $2 AND $3
       AND s.delinquent_since IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM payment_assessments pa WHERE pa.transaction_id = t.id AND pa.customer_id = t.customer_id)
     ORDER BY t.id`,
    [ctx.date, ctx.lo, ctx.hi],
  );
  const thresholds = new Map<string, number>();
  for (const r of rows) {
    if (!thresholds.has(r.jurisdiction)) thresholds.set(r.jurisdiction, (await policyFor(tx, r.jurisdiction)).token.thresholdBp);
    const bp = thresholds.get(r.jurisdiction)!;
    const v = assessPayment(r.amount_minor, r.due_minor, bp, r.currency);
    await tx.query(
      `INSERT INTO payment_assessments (transaction_id, account_id, customer_id, value_date, amount_minor, due_minor, threshold_bp, token, explanation, assessed_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $4) ON CONFLICT (transaction_id, customer_id) DO NOTHING`,
      [r.id, r.account_id, r.customer_id, ctx.date, r.amount_minor, r.due_minor, bp, v.token, JSON.stringify(v.explanation)],
    );
  }
  return rows.length;
};
