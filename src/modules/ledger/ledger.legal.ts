/**
 * The ledger side of legal costs (the legal module decides what the debtor bears): one fees posting
 * on a due item, LEGAL_COST (costs a court ordered the debtor to bear, outside the total-cost cap) or
 * LEGAL_FEE (a cost of credit inside the cap), with the due item and the account projection kept in
 * step the way the cycle's charge statement keeps them. Entries carry the legal cost's id, so a
 * replay can tell whether a cost's posting is live and post it again on its date.
 */
import type { Db } from '../../platform/db.ts';

export type LegalEntryKind = 'LEGAL_COST' | 'LEGAL_FEE';

/**
 * The item a legal cost is charged on: the oldest item payable by the date that is not settled or
 * superseded (so the waterfall collects it with the arrears), else the account's last live item.
 */
async function itemFor(tx: Db, accountId: number, date: string): Promise<{ seq: number; due_on: string } | undefined> {
  const [arrears] = await tx.query<{ seq: number; due_on: string }>(
    `SELECT seq, due_on::text FROM due_items WHERE account_id = $1 AND superseded_on IS NULL AND settled_on IS NULL AND due_on <= $2::date
     ORDER BY due_on, seq LIMIT 1`,
    [accountId, date],
  );
  if (arrears) return arrears;
  const [last] = await tx.query<{ seq: number; due_on: string }>(
    'SELECT seq, due_on::text FROM due_items WHERE account_id = $1 AND superseded_on IS NULL AND created_on <= $2::date ORDER BY seq DESC LIMIT 1',
    [accountId, date],
  );
  return last;
}

/**
 * Posts a legal cost charged to the debtor on a value date; returns the item charged (null when the
 * account has no item to charge, and then nothing is posted). `cappedMinor` is what the cap removed
 * of a LEGAL_FEE (kept on the entry, as for any capped charge).
 */
export async function postLegalCharge(
  tx: Db,
  o: { accountId: number; customerId: string; date: string; postedOn: string; legalCostId: number; kind: LegalEntryKind; amountMinor: number; cappedMinor: number; reason: string },
): Promise<number | null> {
  if (o.amountMinor <= 0 && o.cappedMinor <= 0) return null;
  const item = await itemFor(tx, o.accountId, o.date);
  if (!item) return null;
  await tx.query(
    `INSERT INTO entries (account_id, item_seq, value_date, posted_on, kind, component, amount_minor, capped_minor, reason, legal_cost_id, customer_id)
     VALUES ($1, $2, $3::date, $4::date, $5, 'fees', $6, $7, $8, $9, $10)`,
    [o.accountId, item.seq, o.date, o.postedOn, o.kind, o.amountMinor, o.kind === 'LEGAL_FEE' ? o.cappedMinor : 0, o.reason, o.legalCostId, o.customerId],
  );
  await tx.query('UPDATE due_items SET fees_charged_minor = fees_charged_minor + $3 WHERE account_id = $1 AND seq = $2', [o.accountId, item.seq, o.amountMinor]);
  const cost = o.kind === 'LEGAL_FEE';
  await tx.query(
    `UPDATE account_state SET fees_minor = fees_minor + $2, cost_charged_minor = cost_charged_minor + $3, cost_capped_minor = cost_capped_minor + $4,
            overdue_minor = overdue_minor + $5
     WHERE account_id = $1`,
    [o.accountId, o.amountMinor, cost ? o.amountMinor : 0, cost ? o.cappedMinor : 0, item.due_on < o.date ? o.amountMinor : 0],
  );
  return item.seq;
}

/** Whether a legal cost has a posting that is not reversed (a replay reverses it). */
export async function hasLiveLegalPosting(db: Db, legalCostId: number): Promise<boolean> {
  const [r] = await db.query<{ live: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM entries e WHERE e.legal_cost_id = $1 AND e.reverses_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id AND r.customer_id = e.customer_id)) AS live`,
    [legalCostId],
  );
  return r?.live ?? false;
}
