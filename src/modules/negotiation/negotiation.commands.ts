/**
 * Negotiation use cases. `capturePromise` runs inside a caller's transaction (a collector's call
 * record captures its promise in the same transaction); `recordPromiseToPay` is the same as a
 * command of its own, for the portal and robot calls.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, fromZodIssues, type FieldIssue } from '../../platform/errors.ts';
import { PromiseInputSchema, type PromisePolicy, type PromiseRecord, type PromiseSource, type PromiseTerms, type NegotiationAuditEvent } from './negotiation.types.ts';
import { checkPromise, DEFAULT_PROMISE_POLICY } from './promises.rules.ts';
import { insertPromise, loadPromiseContext } from './negotiation.store.ts';

export interface CaptureInput extends PromiseTerms {
  accountId: number;
  caseId?: number | null;
  source: PromiseSource;
  createdBy: string;
}

export interface CaptureOptions {
  /** The instant the promise is recorded (created_at). */
  now: string;
  policy?: PromisePolicy;
  /** Where the promise sits in the caller's request ('promise' for a call outcome): errors name that field. */
  fieldPrefix?: string;
  /** The field that named the account in the caller's request, for problems with the account as a whole. */
  accountField?: string;
}

/**
 * Checks a promise against the policy and the account's arrears on its open business date, and
 * stores it. Refuses with VALIDATION_FAILED naming each field that is wrong. The account's projection
 * row is locked, so two promises for one account cannot both pass the open-promise limit.
 */
export async function capturePromise(tx: Db, input: CaptureInput, opts: CaptureOptions): Promise<PromiseRecord> {
  const policy = opts.policy ?? DEFAULT_PROMISE_POLICY;
  const prefix = opts.fieldPrefix ?? '';
  const path = (field: string) => (field === 'account' ? (opts.accountField ?? (prefix || 'accountId')) : prefix ? `${prefix}.${field}` : field);
  const ctx = await loadPromiseContext(tx, input.accountId);
  if (!ctx) throw new AppError('NOT_FOUND', `${path('account')}: no account ${input.accountId}`, { issues: [{ path: path('account'), message: 'no such account' }] });
  const issues: FieldIssue[] = checkPromise(input, ctx, policy).map((i) => ({ path: path(i.field), message: i.message }));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return insertPromise(tx, {
    accountId: input.accountId, caseId: input.caseId ?? null, customerId: ctx.customerId, amountMinor: input.amountMinor, currency: ctx.currency,
    promisedOn: ctx.today, dueOn: input.dueOn, graceDays: policy.graceDays, source: input.source, createdBy: input.createdBy, createdAt: opts.now,
  });
}

/** A promise to pay made outside a collector's call record (portal, robot call). */
export async function recordPromiseToPay(db: Db, clock: Clock, input: unknown, opts: { actor: string; idempotencyKey: string; policy?: PromisePolicy }) {
  const parsed = PromiseInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const p = parsed.data;
  return runCommand<PromiseRecord>(db, clock, { command: 'recordPromiseToPay', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: p }, async (tx) => {
    const [acct] = await tx.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [p.accountRef]);
    if (!acct) throw new AppError('NOT_FOUND', `accountRef: no account '${p.accountRef}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });
    const [openCase] = await tx.query<{ id: number }>(`SELECT id FROM collection_cases WHERE account_id = $1 AND status = 'open'`, [acct.id]);
    const promise = await capturePromise(
      tx,
      { accountId: acct.id, caseId: openCase?.id ?? null, amountMinor: p.amountMinor, dueOn: p.dueOn, source: p.source, createdBy: opts.actor },
      { now: clock.now(), accountField: 'accountRef', ...(opts.policy ? { policy: opts.policy } : {}) },
    );
    return { result: promise, audit: promiseAudit(p.accountRef, promise, opts.actor) };
  });
}

/** The audit entry for a captured promise. */
export function promiseAudit(accountRef: string, p: PromiseRecord, actor: string): NegotiationAuditEvent & { actor: string } {
  return { type: 'PROMISE_CAPTURED', actor, subject: `account:${accountRef}`, data: { promiseId: p.id, amountMinor: p.amountMinor, currency: p.currency, dueOn: p.dueOn, source: p.source } };
}
