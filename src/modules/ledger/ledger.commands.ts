/**
 * Ledger use cases: products, customers, accounts, and money received. Bulk variants serve the
 * importer and the demo; every write from outside goes through the command runner.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, fromZodIssues, invalidField, type FieldIssue } from '../../platform/errors.ts';
import { addDays, addMonthsClamped } from '../../platform/dates.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { idNumberDigest, sealIdNumber, type IdKeyring } from '../../platform/id-keys.ts';
import { maskIdNumber } from './id-number.rules.ts';
import {
  AccountInputSchema, CustomerInputSchema, ProductTermsSchema, TransactionInputSchema,
  type AccountInput, type CustomerInput, type ProductTerms, type TransactionInput,
} from './ledger.types.ts';
import { buildInstalmentSchedule } from './schedule.rules.ts';
import { latestProducts, findAccount, type ProductRow } from './ledger.store.ts';
import { rewindAccounts } from './ledger.replay.ts';
import { DEFAULT_PRODUCTS } from './products/default-products.ts';

/** Saves product terms as a new version when they differ from the latest one. */
export async function saveProduct(tx: Db, terms: ProductTerms, now: string): Promise<{ code: string; version: number; created: boolean }> {
  const parsed = ProductTermsSchema.safeParse(terms);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, 'product');
  const t = parsed.data;
  const [latest] = await tx.query<{ version: number; terms: ProductTerms }>('SELECT version, terms FROM products WHERE code = $1 ORDER BY version DESC LIMIT 1', [t.code]);
  if (latest && canonicalJson(latest.terms) === canonicalJson(t)) return { code: t.code, version: latest.version, created: false };
  const version = (latest?.version ?? 0) + 1;
  await tx.query(
    `INSERT INTO products (code, version, kind, currency, interest_daily_ppm, overdue_interest_daily_ppm, penalty_daily_ppm, late_fee_minor,
                           grace_days, cost_cap_bp, statement_day, due_day, min_payment_bp, min_payment_floor_minor, bucket_policy, terms, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      t.code, version, t.kind, t.currency, t.interestDailyRatePpm, t.overdueInterestDailyRatePpm, t.penaltyDailyRatePpm, t.lateFeeMinor,
      t.graceDays, t.costCapAnnualBp, t.revolving?.statementDay ?? null, t.revolving?.dueDay ?? null, t.revolving?.minPaymentBp ?? null,
      t.revolving?.minPaymentFloorMinor ?? null, t.bucketPolicy, JSON.stringify(t), now,
    ],
  );
  return { code: t.code, version, created: true };
}

/** Makes sure the shipped products exist (a lender's own versions are left alone). */
export async function ensureDefaultProducts(db: Db, now: string): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await latestProducts(tx);
    for (const p of DEFAULT_PRODUCTS) if (!existing.has(p.code)) await saveProduct(tx, p, now);
  });
}

/** A problem with one row of a bulk write: which row, which field, what was wrong. */
export interface RowIssue extends FieldIssue {
  row: number;
}

export interface BulkResult {
  created: number;
  skipped: number;
}

/** The refusal when an ID number arrives and the server holds no key to seal it. */
export function noIdKeyError(): AppError {
  return new AppError('VALIDATION_FAILED', 'idNumber: full ID numbers are stored only sealed, and this server has no ID key (FAIRDEBT_ID_KEYS)', {
    issues: [{ path: 'idNumber', message: 'no ID key configured (FAIRDEBT_ID_KEYS)' }],
  });
}

/**
 * Creates customers; an id that exists already is skipped (imports are idempotent). A full ID number
 * is sealed with the current ID key (refused without one) and its masked form derived from it; the
 * clear number is never written.
 */
export async function createCustomers(tx: Db, rows: readonly CustomerInput[], now: string, idKeys?: IdKeyring): Promise<BulkResult> {
  if (rows.length === 0) return { created: 0, skipped: 0 };
  if (!idKeys && rows.some((r) => r.idNumber !== undefined)) throw noIdKeyError();
  const sealed = rows.map((r) => (r.idNumber !== undefined ? sealIdNumber(idKeys!, r.id, r.idNumber) : null));
  const inserted = await tx.query(
    `INSERT INTO customers (id, name, id_number_masked, phones, emails, address, time_zone, jurisdiction, language, created_at, id_number_sealed, id_number_key)
     SELECT u.id, u.name, u.idm, u.ph::jsonb, u.em::jsonb, u.addr, u.tz, u.jur, u.lang, $10::timestamptz, decode(u.sealed, 'base64'), u.key_id
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $11::text[], $12::text[])
          AS u(id, name, idm, ph, em, addr, tz, jur, lang, sealed, key_id)
     ON CONFLICT (id) DO NOTHING RETURNING 1`,
    [
      rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => (r.idNumber !== undefined ? maskIdNumber(r.idNumber) : (r.idNumberMasked ?? null))),
      rows.map((r) => JSON.stringify(r.phones)), rows.map((r) => JSON.stringify(r.emails)), rows.map((r) => r.address ?? null), rows.map((r) => r.timeZone),
      rows.map((r) => r.jurisdiction), rows.map((r) => r.language), now,
      sealed.map((s) => s?.sealed.toString('base64') ?? null), sealed.map((s) => s?.keyId ?? null),
    ],
  );
  return { created: inserted.length, skipped: rows.length - inserted.length };
}

/**
 * Checks account rows against what exists (products, customers, kind-specific fields); returns the
 * problems per row. Pure checks of single fields are done by the zod schema before this.
 */
export async function checkAccounts(db: Db, rows: readonly AccountInput[], products?: Map<string, ProductRow>): Promise<RowIssue[]> {
  const issues: RowIssue[] = [];
  const prods = products ?? (await latestProducts(db));
  const customerIds = [...new Set(rows.map((r) => r.customerId))];
  const found = new Set((await db.query<{ id: string }>('SELECT id FROM customers WHERE id = ANY($1::text[])', [customerIds])).map((r) => r.id));
  rows.forEach((r, row) => {
    const p = prods.get(r.productCode);
    if (!p) {
      issues.push({ row, path: 'productCode', message: `unknown product '${r.productCode}'` });
      return;
    }
    if (!found.has(r.customerId)) issues.push({ row, path: 'customerId', message: `unknown customer '${r.customerId}'` });
    if (p.kind === 'instalment') {
      if (r.principalMinor === undefined) issues.push({ row, path: 'principalMinor', message: 'required for an instalment loan' });
      if (r.termCount === undefined) issues.push({ row, path: 'termCount', message: 'required for an instalment loan' });
      else if (r.termCount > (p.terms.instalment?.maxTermCount ?? 0)) issues.push({ row, path: 'termCount', message: `at most ${p.terms.instalment?.maxTermCount} for ${p.code}` });
      if (r.scheduleMethod && !p.terms.instalment?.methods.includes(r.scheduleMethod)) issues.push({ row, path: 'scheduleMethod', message: `not offered by ${p.code} (${p.terms.instalment?.methods.join(', ')})` });
      if (r.creditLimitMinor !== undefined) issues.push({ row, path: 'creditLimitMinor', message: 'only for a revolving line' });
    } else {
      if (r.creditLimitMinor === undefined) issues.push({ row, path: 'creditLimitMinor', message: 'required for a revolving line' });
      for (const f of ['principalMinor', 'termCount', 'scheduleMethod', 'firstDueOn'] as const) if (r[f] !== undefined) issues.push({ row, path: f, message: 'only for an instalment loan' });
    }
  });
  return issues;
}

/**
 * Opens accounts (rows already checked): the schedule of an instalment loan, the projection closed
 * through the day before opening, and the disbursement as a pending money movement on the opening
 * date, so that the daily cycle posts it. A ref that exists already is skipped.
 */
export async function openAccounts(tx: Db, rows: readonly AccountInput[], now: string, products?: Map<string, ProductRow>): Promise<BulkResult> {
  if (rows.length === 0) return { created: 0, skipped: 0 };
  const prods = products ?? (await latestProducts(tx));
  const inserted = await tx.query<{ id: number; ref: string; customer_id: string }>(
    `INSERT INTO accounts (ref, customer_id, product_code, product_version, currency, opened_on, credit_limit_minor, principal_minor, term_count, schedule_method, first_due_on, created_at)
     SELECT * , $12::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::date[], $7::bigint[], $8::bigint[], $9::int[], $10::text[], $11::date[])
     ON CONFLICT (ref) DO NOTHING RETURNING id, ref, customer_id`,
    [
      rows.map((r) => r.ref), rows.map((r) => r.customerId), rows.map((r) => r.productCode), rows.map((r) => prods.get(r.productCode)!.version),
      rows.map((r) => prods.get(r.productCode)!.currency), rows.map((r) => r.openedOn), rows.map((r) => r.creditLimitMinor ?? null),
      rows.map((r) => r.principalMinor ?? null), rows.map((r) => r.termCount ?? null),
      rows.map((r) => (prods.get(r.productCode)!.kind === 'instalment' ? (r.scheduleMethod ?? prods.get(r.productCode)!.terms.instalment!.methods[0]!) : null)),
      rows.map((r) => (prods.get(r.productCode)!.kind === 'instalment' ? (r.firstDueOn ?? addMonthsClamped(r.openedOn, 1)) : null)),
      now,
    ],
  );
  if (inserted.length === 0) return { created: 0, skipped: rows.length };
  const idByRef = new Map(inserted.map((r) => [r.ref, r.id]));
  const items: Array<[number, number, string, string, string, string, number, number, number, number, number, number, string]> = [];
  const txs: Array<[number, string, number, string, string, string]> = [];
  const states: Array<[number, string, string]> = [];
  for (const r of rows) {
    const id = idByRef.get(r.ref);
    if (id === undefined) continue;
    const p = prods.get(r.productCode)!;
    states.push([id, addDays(r.openedOn, -1), r.customerId]);
    if (p.kind === 'instalment') {
      const schedule = buildInstalmentSchedule({
        principalMinor: r.principalMinor!, termCount: r.termCount!, interestDailyRatePpm: p.terms.interestDailyRatePpm, openedOn: r.openedOn,
        firstDueOn: r.firstDueOn ?? addMonthsClamped(r.openedOn, 1), method: r.scheduleMethod ?? p.terms.instalment!.methods[0]!,
      });
      for (const s of schedule) {
        items.push([id, s.seq, s.dueOn, s.periodStart, s.dueOn, r.openedOn, s.principalMinor, s.interestMinor, s.principalMinor + s.interestMinor, s.openingPrincipalMinor, p.terms.interestDailyRatePpm, s.days, r.customerId]);
      }
      txs.push([id, `disbursement:${r.ref}`, r.principalMinor!, p.currency, r.openedOn, r.customerId]);
    }
  }
  await tx.query(
    `INSERT INTO account_state (account_id, closed_through, customer_id) SELECT * FROM unnest($1::bigint[], $2::date[], $3::text[])`,
    [states.map((s) => s[0]), states.map((s) => s[1]), states.map((s) => s[2])],
  );
  if (items.length) {
    await tx.query(
      `INSERT INTO due_items (account_id, seq, kind, due_on, period_start, period_end, created_on, principal_due_minor, interest_due_minor, minimum_due_minor,
                              interest_base_minor, interest_rate_ppm, interest_days, customer_id)
       SELECT a, s, 'instalment', d, ps, pe, c, p, i, m, b, r, n, cu
       FROM unnest($1::bigint[], $2::int[], $3::date[], $4::date[], $5::date[], $6::date[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::int[], $12::int[], $13::text[])
            AS u(a, s, d, ps, pe, c, p, i, m, b, r, n, cu)`,
      Array.from({ length: 13 }, (_, k) => items.map((it) => it[k])),
    );
  }
  if (txs.length) {
    await tx.query(
      `INSERT INTO transactions (account_id, type, ref, amount_minor, currency, value_date, received_on, status, created_at, customer_id)
       SELECT a, 'disbursement', r, m, c, v, v, 'pending', $6::timestamptz, cu
       FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::date[], $7::text[]) AS u(a, r, m, c, v, cu)`,
      [txs.map((t) => t[0]), txs.map((t) => t[1]), txs.map((t) => t[2]), txs.map((t) => t[3]), txs.map((t) => t[4]), now, txs.map((t) => t[5])],
    );
  }
  return { created: inserted.length, skipped: rows.length - inserted.length };
}

export interface ReceiveResult {
  transactionId: number;
  accountRef: string;
  type: 'payment' | 'drawdown';
  amountMinor: number;
  currency: string;
  valueDate: string;
  /** The value date was before the date the account is closed through: history was derived again. */
  backdated: boolean;
  reversedEntries: number;
  /** How the money was applied: one line per entry posted for this transaction. */
  allocation: Array<{ itemSeq: number | null; component: string; amountMinor: number }>;
}

/** Hooks from the daily cycle, passed in by the composition root (the ledger does not import jobs). */
export interface CycleHooks {
  replayAccounts(tx: Db, accountIds: readonly number[], fromDate: string, toDate: string, postedOn: string): Promise<void>;
  postOpenDay(tx: Db, accountIds: readonly number[], date: string): Promise<void>;
}

/** A payment or drawdown received. A backdated one re-derives the account's history at once. */
export async function receiveTransaction(db: Db, clock: Clock, hooks: CycleHooks, input: unknown, opts: { actor: string; idempotencyKey: string }) {
  const parsed = TransactionInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const t: TransactionInput = parsed.data;
  return runCommand<ReceiveResult>(db, clock, { command: 'receiveTransaction', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: t }, async (tx) => {
    const acct = await findAccount(tx, t.accountRef, true);
    if (!acct) throw new AppError('NOT_FOUND', `accountRef: no account '${t.accountRef}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });
    if (t.currency !== acct.currency) throw invalidField('currency', `the account is in ${acct.currency}, not ${t.currency}`);
    const openDay = addDays(acct.closed_through, 1);
    if (t.valueDate < acct.opened_on) throw invalidField('valueDate', `before the account was opened (${acct.opened_on})`);
    if (t.valueDate > openDay) {
      throw new AppError('DATE_IN_FUTURE', `valueDate: ${t.valueDate} is after the open business date ${openDay} of this account`, { issues: [{ path: 'valueDate', message: `after the open business date ${openDay}` }] });
    }
    if (t.type === 'drawdown') {
      if (acct.kind !== 'revolving') throw invalidField('type', 'a drawdown needs a revolving line');
      if (acct.principal_minor + t.amountMinor > (acct.credit_limit_minor ?? 0)) throw invalidField('amountMinor', `exceeds the available credit (${(acct.credit_limit_minor ?? 0) - acct.principal_minor} minor units)`);
    }
    const [dup] = await tx.query('SELECT 1 FROM transactions WHERE ref = $1', [t.ref]);
    if (dup) throw new AppError('CONFLICT', `ref: '${t.ref}' was already received`, { issues: [{ path: 'ref', message: 'already received' }] });
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO transactions (account_id, type, ref, amount_minor, currency, value_date, received_on, channel, status, created_at, customer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10) RETURNING id`,
      [acct.id, t.type, t.ref, t.amountMinor, t.currency, t.valueDate, openDay, t.channel ?? null, clock.now(), acct.customer_id],
    );
    const backdated = t.valueDate <= acct.closed_through;
    let reversedEntries = 0;
    if (backdated) {
      reversedEntries = await rewindAccounts(tx, [acct.id], addDays(t.valueDate, -1), openDay);
      await hooks.replayAccounts(tx, [acct.id], t.valueDate, acct.closed_through, openDay);
    }
    await hooks.postOpenDay(tx, [acct.id], openDay);
    const allocation = await tx.query<{ itemSeq: number | null; component: string; amountMinor: number }>(
      `SELECT item_seq AS "itemSeq", component, -amount_minor AS "amountMinor" FROM entries
       WHERE transaction_id = $1 AND reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = entries.id) ORDER BY id`,
      [row!.id],
    );
    const result: ReceiveResult = { transactionId: row!.id, accountRef: acct.ref, type: t.type, amountMinor: t.amountMinor, currency: t.currency, valueDate: t.valueDate, backdated, reversedEntries, allocation };
    return {
      result,
      audit: { type: 'TRANSACTION_RECEIVED', actor: opts.actor, subject: `account:${acct.ref}`, data: { ref: t.ref, type: t.type, amountMinor: t.amountMinor, currency: t.currency, valueDate: t.valueDate, backdated, reversedEntries } },
    };
  });
}

/** Validates and writes customers through the command runner (API and single writes). */
export async function createCustomer(db: Db, clock: Clock, input: unknown, opts: { actor: string; idempotencyKey: string; idKeys?: IdKeyring | undefined }) {
  const parsed = CustomerInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { idNumber, ...rest } = parsed.data;
  if (idNumber !== undefined && !opts.idKeys) throw noIdKeyError();
  // The command log keeps a hash of the request: of a keyed digest of the ID number, never of the number.
  const logged = idNumber !== undefined ? { ...rest, idNumberDigest: idNumberDigest(opts.idKeys!, idNumber) } : rest;
  return runCommand(db, clock, { command: 'createCustomer', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: logged }, async (tx) => {
    const r = await createCustomers(tx, [parsed.data], clock.now(), opts.idKeys);
    if (r.created === 0) throw new AppError('CONFLICT', `id: customer '${parsed.data.id}' exists already`, { issues: [{ path: 'id', message: 'exists already' }] });
    return { result: { id: parsed.data.id }, audit: { type: 'CUSTOMERS_CREATED', actor: opts.actor, subject: `customer:${parsed.data.id}`, data: { count: 1, ids: [parsed.data.id] } } };
  });
}

export async function openAccount(db: Db, clock: Clock, input: unknown, opts: { actor: string; idempotencyKey: string }) {
  const parsed = AccountInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return runCommand(db, clock, { command: 'openAccount', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: parsed.data }, async (tx) => {
    const issues = await checkAccounts(tx, [parsed.data]);
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    const r = await openAccounts(tx, [parsed.data], clock.now());
    if (r.created === 0) throw new AppError('CONFLICT', `ref: account '${parsed.data.ref}' exists already`, { issues: [{ path: 'ref', message: 'exists already' }] });
    return { result: { ref: parsed.data.ref }, audit: { type: 'ACCOUNTS_OPENED', actor: opts.actor, subject: `account:${parsed.data.ref}`, data: { count: 1, refs: [parsed.data.ref] } } };
  });
}

/**
 * Checks money movements of a file against the accounts they name. Only what the database can tell
 * is checked here; single fields are checked by the schema before.
 */
export async function checkTransactions(db: Db, rows: readonly TransactionInput[]): Promise<RowIssue[]> {
  const refs = [...new Set(rows.map((r) => r.accountRef))];
  const accounts = new Map(
    (await db.query<{ ref: string; kind: string; currency: string; opened_on: string; closed_through: string }>(
      `SELECT a.ref, p.kind, a.currency, a.opened_on, s.closed_through FROM accounts a
       JOIN products p ON p.code = a.product_code AND p.version = a.product_version JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
       WHERE a.ref = ANY($1::text[])`,
      [refs],
    )).map((a) => [a.ref, a]),
  );
  // A file may carry an account's history ahead of its own closed date (a new account opened in the
  // past): money dated up to the portfolio's business date waits as pending until the cycle reaches it.
  const [setting] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'business_date'`);
  const businessDate = setting?.value ?? null;
  const issues: RowIssue[] = [];
  rows.forEach((r, row) => {
    const a = accounts.get(r.accountRef);
    if (!a) return issues.push({ row, path: 'accountRef', message: `no account '${r.accountRef}'` });
    if (a.currency !== r.currency) issues.push({ row, path: 'currency', message: `the account is in ${a.currency}` });
    if (r.valueDate < a.opened_on) issues.push({ row, path: 'valueDate', message: `before the account was opened (${a.opened_on})` });
    const latest = [addDays(a.closed_through, 1), businessDate].filter((d): d is string => d !== null).sort().at(-1)!;
    if (r.valueDate > latest) issues.push({ row, path: 'valueDate', message: `after the open business date ${latest}` });
    if (r.type === 'drawdown' && a.kind !== 'revolving') issues.push({ row, path: 'type', message: 'a drawdown needs a revolving line' });
    return undefined;
  });
  return issues;
}

/**
 * Records money movements from a file as pending; the next cycle run posts them on their value
 * dates (re-deriving history first for any dated before the account's closed date). A ref seen
 * before is skipped, so a file imported twice records nothing twice.
 */
export async function insertTransactions(tx: Db, rows: readonly TransactionInput[], now: string): Promise<BulkResult> {
  if (rows.length === 0) return { created: 0, skipped: 0 };
  const inserted = await tx.query(
    `INSERT INTO transactions (account_id, type, ref, amount_minor, currency, value_date, received_on, channel, status, created_at, customer_id)
     SELECT a.id, u.type, u.ref, u.amount, u.currency, u.value_date, s.closed_through + 1, u.channel, 'pending', $8::timestamptz, a.customer_id
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::date[], $7::text[]) AS u(account_ref, type, ref, amount, currency, value_date, channel)
     JOIN accounts a ON a.ref = u.account_ref JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     ON CONFLICT (ref) DO NOTHING RETURNING 1`,
    [rows.map((r) => r.accountRef), rows.map((r) => r.type), rows.map((r) => r.ref), rows.map((r) => r.amountMinor), rows.map((r) => r.currency), rows.map((r) => r.valueDate), rows.map((r) => r.channel ?? null), now],
  );
  return { created: inserted.length, skipped: rows.length - inserted.length };
}
