/** Health, the business date, and the portfolio overview shown on the start page. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../main.ts';
import { getSetting } from '../jobs/cycle.ts';
import { renderHome } from './home.ts';
import { ACCESS } from '../platform/access.ts';

/** `home`: serve the plain start page at / (when the web UI is not built or not served). */
export function registerSystemRoutes(server: FastifyInstance, app: App, opts: { home: boolean } = { home: true }): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/health', { config: { access: 'public' }, schema: { summary: 'Liveness and database reachability', tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), engine: z.string(), lastClosedDate: z.string().nullable(), businessDate: z.string().nullable() }) } } }, async () => {
    await app.db.query('SELECT 1');
    return { status: 'ok' as const, engine: app.db.engine, lastClosedDate: await getSetting(app.db, 'last_closed_date'), businessDate: await getSetting(app.db, 'business_date') };
  });
  r.get('/api/v1/portfolio/summary', { config: { access: ACCESS.staff }, schema: { summary: 'Accounts and balances by bucket', tags: ['portfolio'], response: { 200: PortfolioSummarySchema } } }, async () => portfolioSummary(app));
  if (!opts.home) return;
  server.get('/', { schema: { hide: true } }, async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    return renderHome(await portfolioSummary(app));
  });
}

const PortfolioSummarySchema = z.object({
  lastClosedDate: z.string().nullable(),
  accounts: z.number().int(),
  openCases: z.number().int(),
  buckets: z.array(z.object({ bucket: z.string(), currency: z.string(), accounts: z.number().int(), overdueMinor: z.number().int(), totalMinor: z.number().int() })),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummarySchema>;

async function portfolioSummary(app: App): Promise<PortfolioSummary> {
  const buckets = await app.db.query<{ bucket: string; currency: string; accounts: number; overdue_minor: number; total_minor: number }>(
    `SELECT s.bucket, a.currency, count(*)::int AS accounts, coalesce(sum(s.overdue_minor), 0)::bigint AS overdue_minor,
            coalesce(sum(s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor), 0)::bigint AS total_minor
     FROM account_state s JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
     JOIN products p ON p.code = a.product_code AND p.version = a.product_version
     JOIN buckets b ON b.policy = p.bucket_policy AND b.code = s.bucket
     GROUP BY s.bucket, b.ordinal, a.currency ORDER BY a.currency, b.ordinal`,
  );
  const [counts] = await app.db.query<{ accounts: number; open_cases: number }>(
    `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM collection_cases WHERE status = 'open')::int AS open_cases`,
  );
  return {
    lastClosedDate: await getSetting(app.db, 'last_closed_date'),
    accounts: counts?.accounts ?? 0,
    openCases: counts?.open_cases ?? 0,
    buckets: buckets.map((b) => ({ bucket: b.bucket, currency: b.currency, accounts: b.accounts, overdueMinor: b.overdue_minor, totalMinor: b.total_minor })),
  };
}
