/** HTTP: accounts (list, search, detail as of any date) and money received (payments, drawdowns). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { addDays, isIsoDate } from '../../platform/dates.ts';
import { CURRENCIES } from '../../platform/money.ts';
import { getAccountDetail, listAccounts } from './ledger.queries.ts';
import { receiveTransaction, type CycleHooks } from './ledger.commands.ts';
import { findAccount, ownAccountOr404 } from './ledger.store.ts';
import { ACCESS, debtorOf, principalOf } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import type { Config } from '../../platform/config.ts';
import { readIdNumber } from './id-numbers.ts';


const BalancesSchema = z.object({
  principalMinor: z.number().int(), interestMinor: z.number().int(), penaltyMinor: z.number().int(), feesMinor: z.number().int(),
  creditMinor: z.number().int(), totalMinor: z.number().int(), overdueMinor: z.number().int(),
});
const AccountSummarySchema = z.object({
  id: z.string(), accountId: z.number().int(), customerId: z.string(), product: z.string(), currency: z.string(), asOf: z.string(),
  dpd: z.number().int(), bucket: z.string(), balances: BalancesSchema,
});
const ChargeSchema = z.object({ kind: z.string(), itemSeq: z.number().int().nullable(), fromDate: z.string(), toDate: z.string(), days: z.number().int(), baseMinor: z.number().int().nullable(), ratePpm: z.number().int().nullable(), amountMinor: z.number().int(), cappedMinor: z.number().int() });
const ComponentExplanationSchema = z.object({
  balanceMinor: z.number().int(), chargedMinor: z.number().int(), reducedMinor: z.number().int(), cappedMinor: z.number().int(),
  charges: z.array(ChargeSchema), reductions: z.array(z.object({ kind: z.string(), valueDate: z.string(), itemSeq: z.number().int().nullable(), amountMinor: z.number().int() })),
});
const AccountDetailSchema = AccountSummarySchema.extend({
  openedOn: z.string(),
  closedThrough: z.string(),
  costCap: z.object({ annualBp: z.number().int().nullable(), chargedMinor: z.number().int(), cappedMinor: z.number().int() }),
  schedule: z.array(z.object({
    seq: z.number().int(), kind: z.string(), dueOn: z.string(), principalDueMinor: z.number().int(), interestDueMinor: z.number().int(), minimumDueMinor: z.number().int(),
    principalPaidMinor: z.number().int(), interestChargedMinor: z.number().int(), interestPaidMinor: z.number().int(), penaltyChargedMinor: z.number().int(),
    penaltyPaidMinor: z.number().int(), feesChargedMinor: z.number().int(), feesPaidMinor: z.number().int(), settledOn: z.string().nullable(), dpd: z.number().int(),
  })),
  bucketHistory: z.array(z.object({ onDate: z.string(), fromBucket: z.string(), toBucket: z.string(), dpd: z.number().int(), movement: z.string() })),
  cases: z.array(z.object({ id: z.number().int(), status: z.string(), openedOn: z.string(), closedOn: z.string().nullable(), closeReason: z.string().nullable(), bucket: z.string(), maxDpd: z.number().int() })),
  entries: z.array(z.object({
    id: z.number().int(), itemSeq: z.number().int().nullable(), valueDate: z.string(), postedOn: z.string(), kind: z.string(), component: z.string(), amountMinor: z.number().int(),
    cappedMinor: z.number().int(), reversesId: z.number().int().nullable(), baseMinor: z.number().int().nullable(), ratePpm: z.number().int().nullable(), days: z.number().int().nullable(), reason: z.string().nullable(),
  })),
  explain: z.object({ principal: ComponentExplanationSchema, interest: ComponentExplanationSchema, penalty: ComponentExplanationSchema, fees: ComponentExplanationSchema, credit: ComponentExplanationSchema }),
});

const dateParam = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

const MoneyInSchema = z.object({
  accountRef: z.string().min(1).max(64),
  amountMinor: z.number().int().positive().refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' }),
  currency: z.enum(CURRENCIES),
  valueDate: dateParam.optional().describe('Defaults to the open business date of the account'),
  ref: z.string().min(1).max(200).optional().describe('The payment reference; defaults to the idempotency key'),
  channel: z.string().max(40).optional(),
});

const ReceiveResultSchema = z.object({
  transactionId: z.number().int(), accountRef: z.string(), type: z.enum(['payment', 'drawdown']), amountMinor: z.number().int(), currency: z.string(),
  valueDate: z.string(), backdated: z.boolean(), reversedEntries: z.number().int(),
  allocation: z.array(z.object({ itemSeq: z.number().int().nullable(), component: z.string(), amountMinor: z.number().int() })),
});

export interface LedgerRouteDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  config?: Pick<Config, 'idKeys'>;
}

export function registerLedgerRoutes(server: FastifyInstance, deps: LedgerRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/accounts', { config: { access: ACCESS.staff },
    schema: {
      summary: 'List or search accounts (current state)', tags: ['accounts'],
      querystring: z.object({
        bucket: z.string().max(10).optional(),
        q: z.string().max(64).optional().describe('Part of an account ref or customer id'),
        limit: z.coerce.number().int().min(1).max(1000).default(50),
        after: z.coerce.number().int().min(0).optional().describe('Cursor: the last accountId of the previous page'),
      }),
      response: { 200: z.object({ items: z.array(AccountSummarySchema), nextAfter: z.number().int().nullable() }), 400: ErrorSchema },
    },
  }, async (req) => {
    const items = await listAccounts(deps.db, { bucket: req.query.bucket, limit: req.query.limit, afterId: req.query.after, q: req.query.q });
    return { items, nextAfter: items.length === req.query.limit ? items.at(-1)!.accountId : null };
  });

  r.get('/api/v1/accounts/:id', { config: { access: ACCESS.staff },
    schema: {
      summary: 'One account: balances with how each was computed, schedule, DPD, bucket history, entries', tags: ['accounts'],
      params: z.object({ id: z.string().min(1).max(64) }),
      querystring: z.object({ asOf: dateParam.optional() }),
      response: { 200: AccountDetailSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (req) => getAccountDetail(deps.db, req.params.id, req.query.asOf));

  r.get('/api/v1/customers/:id/id-number', { config: { access: ACCESS.idNumber },
    schema: {
      summary: 'A customer\'s full ID number, opened from its sealed form; every read is audited with the reader and the reason', tags: ['customers'],
      params: z.object({ id: z.string().min(1).max(64) }),
      querystring: z.object({ reason: z.string().trim().min(5).max(500).describe('Why the full number is needed (kept in the audit log)') }),
      response: { 200: z.object({ customerId: z.string(), idNumber: z.string(), idNumberMasked: z.string().nullable() }), 400: ErrorSchema, 404: ErrorSchema, 503: ErrorSchema },
    },
  }, async (req) => readIdNumber(deps.db, deps.clock, deps.config?.idKeys, req.params.id, { actor: principalOf(req).actor, reason: req.query.reason }));

  r.get('/api/v1/portal/accounts', { config: { access: ACCESS.debtor },
    schema: {
      summary: 'The signed-in debtor\'s accounts with what is owed now', tags: ['portal'],
      response: { 200: z.object({ items: z.array(AccountSummarySchema) }) },
    },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), async (db) => ({ items: await listAccounts(db, { customerId: debtorOf(req), limit: 100 }) })));

  r.get('/api/v1/portal/accounts/:id', { config: { access: ACCESS.debtor },
    schema: {
      summary: 'One of the debtor\'s own accounts: what is owed and why (each component, rate and dates), schedule, history', tags: ['portal'],
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: AccountDetailSchema, 404: ErrorSchema },
    },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), async (db) => {
    const own = await ownAccountOr404(db, req.params.id, debtorOf(req), 'id');
    return getAccountDetail(db, own.ref);
  }));

  for (const [path, type] of [['/api/v1/payments', 'payment'], ['/api/v1/drawdowns', 'drawdown']] as const) {
    r.post(path, { config: { access: ACCESS.payments },
      schema: {
        summary: type === 'payment' ? 'Record a payment; allocated at once by the product waterfall (backdated: history is derived again)' : 'Record a drawdown on a revolving line',
        tags: ['accounts'],
        headers: z.object({ 'idempotency-key': z.string().min(1).max(200).describe('Required: a retry with the same key returns the first result') }),
        body: MoneyInSchema,
        response: { 200: ReceiveResultSchema, 201: ReceiveResultSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    }, async (req, reply) => {
      const key = req.headers['idempotency-key'];
      let valueDate = req.body.valueDate;
      if (!valueDate) {
        const acct = await findAccount(deps.db, req.body.accountRef);
        if (!acct) throw new AppError('NOT_FOUND', `accountRef: no account '${req.body.accountRef}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });
        valueDate = addDays(acct.closed_through, 1);
      }
      const out = await receiveTransaction(deps.db, deps.clock, deps.hooks, { ...req.body, type, valueDate, ref: req.body.ref ?? key }, { actor: principalOf(req).actor, idempotencyKey: `${type}:${key}` });
      reply.header('idempotent-replayed', String(out.replayed));
      return reply.status(out.replayed ? 200 : 201).send(out.result);
    });
  }
}
