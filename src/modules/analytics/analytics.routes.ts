/**
 * HTTP: the portfolio analytics (C15), one read-only route per metric under /api/v1/analytics, all
 * with the same filter in the query string, and the values the filter bar offers. Open to those who
 * manage, steer or check the operation (ACCESS.analytics), not to each collector.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../main.ts';
import { ACCESS } from '../../platform/access.ts';
import { daysBetween, isIsoDate } from '../../platform/dates.ts';
import { IN_HOUSE, MAX_RANGE_DAYS, PERIODS } from './analytics.rules.ts';
import {
  analyticsFilters, complaintRates, complianceBlocks, cureRates, promiseKeptRates, recoveryByAgency, recoveryByStrategy, rightPartyContactRates, rollRates,
} from './analytics.queries.ts';
import { ErrorSchema } from '../../platform/errors.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

const filterShape = {
  from: isoDate.describe('First business date, inclusive'),
  to: isoDate.describe('Last business date, inclusive'),
  product: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a product code').optional(),
  jurisdiction: z.string().regex(/^[A-Z]{2}(-[A-Z]{2,3})?$/, 'expected a jurisdiction such as CN or US-CA').optional(),
  agency: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, `expected an agency id or ${IN_HOUSE}`).optional().describe(`An agency id, or ${IN_HOUSE} for the lender's own staff`),
  period: z.enum(PERIODS).optional().describe('How series are cut (default month)'),
};

/** `from` not after `to`, and the range within MAX_RANGE_DAYS. */
function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!isIsoDate(q.from) || !isIsoDate(q.to)) return;
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: `from ${q.from} is after to ${q.to}` });
  else if (daysBetween(q.from, q.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the range may cover at most ${MAX_RANGE_DAYS} days` });
}

/** The filter every metric takes. */
export const AnalyticsQuerySchema = z.object(filterShape).superRefine(checkRange);
const RollQuerySchema = z.object({ ...filterShape, step: z.enum(PERIODS).optional().describe('Compare month-ends (default) or every 7th day') }).superRefine(checkRange);

const int = z.number().int();
const Ratio = z.object({ numerator: int, denominator: int, rate: z.number().nullable() });
const Recovery = { key: z.string(), accounts: int, baseMinor: int, recoveredMinor: int, rate: Ratio };

const RollSchema = z.object({
  step: z.enum(PERIODS), dates: z.array(z.string()), transitions: z.array(z.object({ from: z.string(), to: z.string() })), buckets: z.array(z.string()), accounts: int,
  matrix: z.array(z.object({ bucket: z.string(), total: int, cells: z.array(z.object({ to: z.string(), count: int, rate: z.number().nullable() })), rollForward: Ratio, rollBack: Ratio, stay: Ratio })),
});
const CureSchema = z.object({
  asOf: z.string(), curves: z.array(z.object({ cohort: z.string(), entered: int, cured: int, points: z.array(Ratio.extend({ day: int })) })),
});
const PromiseSchema = z.object({
  period: z.enum(PERIODS),
  series: z.array(z.object({ period: z.string(), kept: int, partlyKept: int, broken: int, open: int, promisedMinor: int, paidMinor: int, keptRate: Ratio, anyPaymentRate: Ratio })),
});
const RpcSchema = z.object({
  period: z.enum(PERIODS), rightPartyOutcomes: z.array(z.string()),
  byPeriod: z.array(z.object({ period: z.string(), rate: Ratio })), byTeam: z.array(z.object({ agency: z.string(), team: z.string(), rate: Ratio })),
});
const StrategyRecoverySchema = z.object({ groups: z.array(z.object({ ...Recovery, version: int, experiment: z.string().nullable(), arm: z.string().nullable() })) });
const AgencyRecoverySchema = z.object({ groups: z.array(z.object(Recovery)) });
const ComplaintSchema = z.object({
  period: z.enum(PERIODS),
  byPeriod: z.array(z.object({ period: z.string(), complaints: int, contacts: int, per10k: Ratio })),
  byAgency: z.array(z.object({ agency: z.string(), complaints: int, contacts: int, per10k: Ratio })),
});
const BlockSchema = z.object({
  period: z.enum(PERIODS), total: int, byRule: z.array(z.object({ rule: z.string(), count: int })),
  byRuleAndJurisdiction: z.array(z.object({ rule: z.string(), jurisdiction: z.string(), count: int })), byPeriod: z.array(z.object({ period: z.string(), count: int })),
});
const FiltersSchema = z.object({ products: z.array(z.string()), jurisdictions: z.array(z.string()), agencies: z.array(z.object({ id: z.string(), name: z.string() })), inHouse: z.string() });

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema };

export function registerAnalyticsRoutes(server: FastifyInstance, app: Pick<App, 'db'>): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['analytics'];
  const config = { access: ACCESS.analytics };
  const { db } = app;

  r.get('/api/v1/analytics/filters', { config, schema: { tags, summary: 'Products, jurisdictions and agencies present, for the analytics filters', response: { 200: FiltersSchema, ...errors } } },
    async () => analyticsFilters(db));
  r.get('/api/v1/analytics/roll-rates', { config, schema: { tags, summary: 'Roll-rate matrix between consecutive month-ends (or weeks)', querystring: RollQuerySchema, response: { 200: RollSchema, ...errors } } },
    async (req) => rollRates(db, req.query));
  r.get('/api/v1/analytics/cure-curves', { config, schema: { tags, summary: 'Cumulative share cured by days since entering delinquency, per monthly cohort', querystring: AnalyticsQuerySchema, response: { 200: CureSchema, ...errors } } },
    async (req) => cureRates(db, req.query));
  r.get('/api/v1/analytics/promises', { config, schema: { tags, summary: 'Promises to pay due in the window: kept, partly kept, broken; kept rate by period', querystring: AnalyticsQuerySchema, response: { 200: PromiseSchema, ...errors } } },
    async (req) => promiseKeptRates(db, req.query));
  r.get('/api/v1/analytics/right-party-contact', { config, schema: { tags, summary: 'Right-party contacts per call attempt, by period and by agency and team', querystring: AnalyticsQuerySchema, response: { 200: RpcSchema, ...errors } } },
    async (req) => rightPartyContactRates(db, req.query));
  r.get('/api/v1/analytics/recovery/strategies', { config, schema: { tags, summary: 'Recovered over owed, by strategy table version and experiment arm', querystring: AnalyticsQuerySchema, response: { 200: StrategyRecoverySchema, ...errors } } },
    async (req) => recoveryByStrategy(db, req.query));
  r.get('/api/v1/analytics/recovery/agencies', { config, schema: { tags, summary: 'Recovered over owed at placement, by agency and in house', querystring: AnalyticsQuerySchema, response: { 200: AgencyRecoverySchema, ...errors } } },
    async (req) => recoveryByAgency(db, req.query));
  r.get('/api/v1/analytics/complaints', { config, schema: { tags, summary: 'Complaints per 10,000 contacts, by period and by agency', querystring: AnalyticsQuerySchema, response: { 200: ComplaintSchema, ...errors } } },
    async (req) => complaintRates(db, req.query));
  r.get('/api/v1/analytics/compliance-blocks', { config, schema: { tags, summary: 'Contacts blocked by the compliance gate, by rule, jurisdiction and period', querystring: AnalyticsQuerySchema, response: { 200: BlockSchema, ...errors } } },
    async (req) => complianceBlocks(db, req.query));
}
