/**
 * Queries for negotiation: its own table (promises), and read-only lookups of the account projection
 * (account_state) that a promise is checked against.
 */
import type { Db } from '../../platform/db.ts';
import type { PromiseContext } from './promises.rules.ts';
import type { PromiseRecord, PromiseSource } from './negotiation.types.ts';

export interface AccountForPromise extends PromiseContext {
  customerId: string;
  currency: string;
}

/**
 * The account as a promise is checked against, on its open business date (the day after the date
 * it is closed through). Locks the account's projection row until the transaction ends.
 */
export async function loadPromiseContext(tx: Db, accountId: number): Promise<AccountForPromise | undefined> {
  const [a] = await tx.query<{ customer_id: string; currency: string; today: string; overdue_minor: number; balance_minor: number }>(
    `SELECT a.customer_id, a.currency, (s.closed_through + 1)::text AS today, s.overdue_minor,
            (s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor)::bigint AS balance_minor
     FROM accounts a JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     WHERE a.id = $1
     FOR UPDATE OF s`,
    [accountId],
  );
  if (!a) return undefined;
  const open = await tx.query<{ id: number; due_on: string }>(`SELECT id, due_on FROM promises WHERE account_id = $1 AND status = 'open' ORDER BY id`, [accountId]);
  return {
    customerId: a.customer_id, currency: a.currency, today: a.today, overdueMinor: a.overdue_minor, balanceMinor: a.balance_minor,
    openPromises: open.map((p) => ({ id: p.id, dueOn: p.due_on })),
  };
}

const COLUMNS = `id, account_id AS "accountId", case_id AS "caseId", customer_id AS "customerId", amount_minor AS "amountMinor", currency,
  promised_on AS "promisedOn", due_on AS "dueOn", grace_days AS "graceDays", status, paid_minor AS "paidMinor", evaluated_on AS "evaluatedOn",
  source, created_by AS "createdBy", created_at AS "createdAt"`;

export async function insertPromise(
  tx: Db,
  p: { accountId: number; caseId: number | null; customerId: string; amountMinor: number; currency: string; promisedOn: string; dueOn: string; graceDays: number; source: PromiseSource; createdBy: string; createdAt: string },
): Promise<PromiseRecord> {
  const [row] = await tx.query<PromiseRecord>(
    `INSERT INTO promises (account_id, case_id, customer_id, amount_minor, currency, promised_on, due_on, grace_days, source, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [p.accountId, p.caseId, p.customerId, p.amountMinor, p.currency, p.promisedOn, p.dueOn, p.graceDays, p.source, p.createdBy, p.createdAt],
  );
  return row!;
}

/** An account's promises, newest first. */
export async function listPromises(db: Db, accountId: number): Promise<PromiseRecord[]> {
  return db.query<PromiseRecord>(`SELECT ${COLUMNS} FROM promises WHERE account_id = $1 ORDER BY id DESC`, [accountId]);
}

/** A payment that counts towards a promise: dated inside its window, posted or still pending. */
export interface PromisePayment {
  promiseId: number;
  transactionId: number;
  ref: string;
  amountMinor: number;
  valueDate: string;
  receivedOn: string;
  status: 'pending' | 'posted';
}

/**
 * The payments of an account that count towards its promises: those the daily cycle sums
 * (negotiation.cycle.ts), dated from the day a promise was made to its due date plus grace days. A
 * payment inside two promises' windows counts towards both. For an open promise, what has come in so far.
 */
export async function listPromisePayments(db: Db, accountId: number): Promise<PromisePayment[]> {
  return db.query<PromisePayment>(
    `SELECT p.id AS "promiseId", t.id AS "transactionId", t.ref, t.amount_minor AS "amountMinor", t.value_date AS "valueDate",
            t.received_on AS "receivedOn", t.status
     FROM promises p
     JOIN transactions t ON t.account_id = p.account_id AND t.customer_id = p.customer_id AND t.type = 'payment' AND t.status IN ('pending', 'posted')
       AND t.value_date BETWEEN p.promised_on AND p.due_on + p.grace_days
     WHERE p.account_id = $1
     ORDER BY p.id DESC, t.value_date, t.id`,
    [accountId],
  );
}
