/**
 * The legal module's step of the daily cycle, over a batch of accounts (ids lo..hi) for one business
 * date: `legal-costs` (after concessions) posts again the legal costs charged to the debtor that day
 * whose posting a replay reversed (a payment backdated before the cost rewinds the account), with the
 * amounts decided when the cost was recorded, so that a replay leaves the ledger as it was.
 */
import { hasLiveLegalPosting, postLegalCharge, type LegalEntryKind, type StepFn } from '../ledger/index.ts';

export const legalCostsStep: StepFn = async (tx, ctx) => {
  const rows = await tx.query<{ id: number; case_id: number; account_id: number; customer_id: string; cost_type: string; charged_minor: number; capped_minor: number; kind: LegalEntryKind }>(
    `SELECT k.id, k.case_id, k.account_id, k.customer_id, k.cost_type, k.charged_minor, k.capped_minor, k.decision->>'entryKind' AS kind
     FROM legal_costs k JOIN account_state s ON s.account_id = k.account_id AND s.customer_id = k.customer_id AND s.closed_through = $1::date - 1
     WHERE k.posted_on = $1::date AND k.item_seq IS NOT NULL AND k.account_id BETWEEN $2 AND $3
     ORDER BY k.id`,
    [ctx.date, ctx.lo, ctx.hi],
  );
  let n = 0;
  for (const r of rows) {
    if (await hasLiveLegalPosting(tx, r.id)) continue;
    const seq = await postLegalCharge(tx, {
      accountId: r.account_id, customerId: r.customer_id, date: ctx.date, postedOn: ctx.postedOn, legalCostId: r.id, kind: r.kind, amountMinor: r.charged_minor, cappedMinor: r.capped_minor,
      reason: `legal case ${r.case_id}: ${r.cost_type}`,
    });
    if (seq !== null) await tx.query('UPDATE legal_costs SET item_seq = $2 WHERE id = $1', [r.id, seq]);
    n++;
  }
  return n;
};
