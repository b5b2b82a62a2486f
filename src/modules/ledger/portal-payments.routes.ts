/** HTTP: the debtor pays one of their own accounts from the portal (sandbox provider unless another is given). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { ACCESS, debtorOf, principalOf } from '../../platform/access.ts';
import type { CycleHooks } from './ledger.commands.ts';
import { createSandboxPaymentProvider, type PaymentProvider } from './payment-provider.ts';
import { payFromPortal, PortalPaymentInputSchema } from './portal-payments.ts';
import { ErrorSchema } from '../../platform/errors.ts';

const PaymentResultSchema = z.object({
  accountRef: z.string(), amountMinor: z.number().int(), currency: z.string(), method: z.string(), providerRef: z.string(), sandbox: z.boolean(), valueDate: z.string(),
  transactionId: z.number().int(), allocation: z.array(z.object({ itemSeq: z.number().int().nullable(), component: z.string(), amountMinor: z.number().int() })),
  owedBeforeMinor: z.number().int(), owedAfterMinor: z.number().int(),
});

export function registerPortalPaymentRoutes(server: FastifyInstance, deps: { db: Db; clock: Clock; hooks: CycleHooks; provider?: PaymentProvider }): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const provider = deps.provider ?? createSandboxPaymentProvider();
  r.post('/api/v1/portal/payments', { config: { access: ACCESS.debtor },
    schema: {
      summary: '自助还款: pay one of my accounts (any amount up to the total owed); posted to the ledger like any payment, value date the open business date. The sandbox provider moves no real money',
      tags: ['portal'],
      headers: z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: the same key pays once and answers the first result') }),
      body: PortalPaymentInputSchema,
      response: { 200: PaymentResultSchema, 201: PaymentResultSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await payFromPortal({ db: deps.db, clock: deps.clock, hooks: deps.hooks, provider }, req.body, { customerId, actor: principalOf(req).actor, idempotencyKey: req.headers['idempotency-key'] });
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });
}
