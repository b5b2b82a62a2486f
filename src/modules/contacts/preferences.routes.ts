/** HTTP: the debtor's own contact preferences (portal): read, and save with an idempotency key. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { ACCESS, debtorOf, principalOf } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import { PORTAL_OPT_OUT_CHANNELS, PortalPreferencesInputSchema, WEEKDAY_CODES } from './preferences.rules.ts';
import { getPortalPreferences, savePortalPreferences } from './preferences.commands.ts';
import { ErrorSchema } from '../../platform/errors.ts';

const ViewSchema = z.object({
  customerId: z.string(), jurisdiction: z.string(), ceaseAvailable: z.boolean(), updatedAt: z.string().nullable(),
  optOuts: z.array(z.enum(PORTAL_OPT_OUT_CHANNELS)),
  quietHours: z.array(z.object({ from: z.string(), to: z.string(), days: z.array(z.enum(WEEKDAY_CODES)).optional() })),
  noThirdPartyContact: z.boolean(), ceaseRequested: z.boolean(),
});

export function registerPreferenceRoutes(server: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/portal/preferences', { config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: '联系偏好: the channels I stopped, my inconvenient hours, whether my contacts may be contacted, my cease request (US)', response: { 200: ViewSchema } },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), (db) => getPortalPreferences(db, debtorOf(req))));

  r.put('/api/v1/portal/preferences', { config: { access: ACCESS.debtor },
    schema: {
      tags: ['portal'], summary: 'Save my contact preferences; every later compliance check of a contact to me (planning and dispatch) applies them',
      headers: z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') }),
      body: PortalPreferencesInputSchema, response: { 200: ViewSchema, 400: ErrorSchema, 409: ErrorSchema },
    },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await savePortalPreferences(deps.db, deps.clock, customerId, req.body, { actor: principalOf(req).actor, idempotencyKey: `portal-preferences:${customerId}:${req.headers['idempotency-key']}` });
    reply.header('idempotent-replayed', String(out.replayed));
    return out.result;
  });
}
