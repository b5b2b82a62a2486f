/**
 * A debtor pays from the portal: the amount (any amount up to what is owed) is charged through the
 * payment provider and, once the provider confirms it, posted to the ledger by the same command that
 * records payments from the lender's systems (receiveTransaction), value-dated on the account's open
 * business date, so allocation, penalties and the projection are exactly those of any other payment.
 *
 * One idempotency key is one payment: the whole request runs as one command, and the provider gets the
 * same key, so a double click (or a retry after a lost answer) charges and posts once and answers the
 * first result. The charge and the posting share the command's transaction; should the posting fail
 * after the provider confirmed, the same key retried posts the same provider reference once.
 */
import { z } from 'zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, invalidField, parseInput } from '../../platform/errors.ts';
import { addDays } from '../../platform/dates.ts';
import type { Currency } from '../../platform/money.ts';
import { receiveTransaction, type CycleHooks, type ReceiveResult } from './ledger.commands.ts';
import { ownAccountOr404 } from './ledger.store.ts';
import { positiveMinor } from './ledger.types.ts';
import { PORTAL_PAYMENT_METHODS, type PaymentProvider } from './payment-provider.ts';

export const PortalPaymentInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  amountMinor: positiveMinor.describe('Integer minor units, more than 0 and at most the total owed'),
  method: z.enum(PORTAL_PAYMENT_METHODS),
});
export type PortalPaymentInput = z.infer<typeof PortalPaymentInputSchema>;

export interface PortalPaymentResult {
  accountRef: string;
  amountMinor: number;
  currency: string;
  method: string;
  /** The provider's reference; the ledger's payment reference is `portal:<providerRef>`. */
  providerRef: string;
  /** No real money moved. */
  sandbox: boolean;
  valueDate: string;
  transactionId: number;
  allocation: ReceiveResult['allocation'];
  /** What is owed before and after the payment, as the portal shows it. */
  owedBeforeMinor: number;
  owedAfterMinor: number;
}

/** Audit event of a portal payment, appended after the ledger's own TRANSACTION_RECEIVED. */
export type PortalPaymentAuditEvent = {
  type: 'PORTAL_PAYMENT_TAKEN';
  subject: `account:${string}`;
  data: { amountMinor: number; currency: string; method: string; provider: string; providerRef: string; sandbox: boolean; valueDate: string };
};

export interface PortalPaymentDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  provider: PaymentProvider;
}

async function owedNow(tx: Db, accountId: number): Promise<number> {
  const [s] = await tx.query<{ total: number }>(
    'SELECT (principal_minor + interest_minor + penalty_minor + fees_minor + credit_minor)::bigint AS total FROM account_state WHERE account_id = $1',
    [accountId],
  );
  return Number(s?.total ?? 0);
}

export async function payFromPortal(deps: PortalPaymentDeps, input: unknown, opts: { customerId: string; actor: string; idempotencyKey: string }) {
  const p = parseInput(PortalPaymentInputSchema, input);
  const key = `portal-payment:${opts.customerId}:${opts.idempotencyKey}`;
  return runCommand<PortalPaymentResult>(deps.db, deps.clock, { command: 'portalPayment', idempotencyKey: key, actor: opts.actor, input: p }, async (tx) => {
    const acct = await ownAccountOr404(tx, p.accountRef, opts.customerId, 'accountRef');
    const valueDate = addDays(acct.closed_through, 1);
    // What falls due on the open business date is charged first, so the limit is what is owed today.
    await deps.hooks.postOpenDay(tx, [acct.id], valueDate);
    const owedBefore = await owedNow(tx, acct.id);
    if (owedBefore <= 0) throw invalidField('amountMinor', 'nothing is owed on this account');
    if (p.amountMinor > owedBefore) throw invalidField('amountMinor', `more than the total owed (${owedBefore} minor units)`);
    const currency = acct.currency as Currency;
    const charge = await deps.provider.charge({ idempotencyKey: key, amountMinor: p.amountMinor, currency, method: p.method, description: `account ${acct.ref}` });
    if (charge.status !== 'succeeded') {
      throw new AppError('VALIDATION_FAILED', `method: the payment was declined (${charge.reason})`, { issues: [{ path: 'method', message: `declined: ${charge.reason}` }] });
    }
    const received = await receiveTransaction(tx, deps.clock, deps.hooks, {
      accountRef: acct.ref, type: 'payment', ref: `portal:${charge.providerRef}`, amountMinor: p.amountMinor, currency, valueDate, channel: `portal_${p.method}`,
    }, { actor: opts.actor, idempotencyKey: `${key}:ledger` });
    const r = received.result;
    const result: PortalPaymentResult = {
      accountRef: acct.ref, amountMinor: p.amountMinor, currency, method: p.method, providerRef: charge.providerRef, sandbox: charge.sandbox, valueDate,
      transactionId: r.transactionId, allocation: r.allocation, owedBeforeMinor: owedBefore, owedAfterMinor: await owedNow(tx, acct.id),
    };
    const audit: PortalPaymentAuditEvent & { actor: string } = {
      type: 'PORTAL_PAYMENT_TAKEN', actor: opts.actor, subject: `account:${acct.ref}`,
      data: { amountMinor: p.amountMinor, currency, method: p.method, provider: deps.provider.name, providerRef: charge.providerRef, sandbox: charge.sandbox, valueDate },
    };
    return { result, audit };
  });
}
