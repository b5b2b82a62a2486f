/**
 * Agencies use cases: agencies and placement rules, placement (by rule, by hand, by accepting the
 * strategy's recommendation), recall (by hand, after the days placed, and the complaint-aware loop),
 * each through the command runner with its audit entry.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, invalidField, parseInput as parse } from '../../platform/errors.ts';
import { agencyBreaches, planPlacements, type Breach, type UnplacedReason } from './agencies.rules.ts';
import {
  AcceptRecommendationInputSchema, AgencyInputSchema, BusinessDateInputSchema, PlaceAccountInputSchema, PlacementRuleInputSchema, RecallAccountInputSchema,
  type Agency, type AgencyAuditEvent, type Placement, type PlacementRule, type RecallReason,
} from './agencies.types.ts';
import {
  activePlacement, agencyComplaints, agencyContactCount, agencyPlacements, duePlacements, endPlacements, findAccountForPlacement, getAgency, handOverCases,
  insertPlacements, listAgencies, listPlacementRules, loadPlacementCandidates, saveAgency, savePlacementRule, setAgencyStatus, takeBackCases,
} from './agencies.store.ts';

export interface CommandOptions {
  actor: string;
  idempotencyKey: string;
}

/** The trailing window, in days up to and including the business date, over which the recall loop judges complaints and QA. */
export const HEALTH_WINDOW_DAYS = 30;
/** Serialises placement and recall runs, so that two runs cannot place or recall the same account twice. */
const PLACEMENT_LOCK_KEY = 7_310_0015;

/** Average QA score per agency over a period: the quality module's qaScores, passed in by the caller. */
export type QaScoreSource = (db: Db, period: { from: string; to: string }) => Promise<ReadonlyArray<{ agencyId: string; averageScore: number | null }>>;

type Audit = AgencyAuditEvent & { actor: string };


function notFound(path: string, message: string): AppError {
  return new AppError('NOT_FOUND', `${path}: ${message}`, { issues: [{ path, message }] });
}

function conflict(path: string, message: string): AppError {
  return new AppError('CONFLICT', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Creates or changes an agency (status, IP allow-list, commission, recall policy). */
export async function upsertAgency(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const a = parse(AgencyInputSchema, input);
  return runCommand<Agency>(db, clock, { command: 'upsertAgency', ...opts, input: a }, async (tx) => {
    const agency = await saveAgency(tx, a, clock.now());
    const audit: Audit = {
      type: 'AGENCY_SAVED', actor: opts.actor, subject: `agency:${a.id}`,
      data: { id: a.id, status: a.status, ipAllowList: a.ipAllowList, maxDaysPlaced: a.maxDaysPlaced, complaintThresholdPer10k: a.complaintThresholdPer10k, minQaScore: a.minQaScore },
    };
    return { result: agency, audit };
  });
}

/** Creates or changes a placement rule; every agency it names must exist. */
export async function upsertPlacementRule(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const r = parse(PlacementRuleInputSchema, input);
  return runCommand<PlacementRule>(db, clock, { command: 'upsertPlacementRule', ...opts, input: r }, async (tx) => {
    const known = new Set((await listAgencies(tx)).map((a) => a.id));
    const missing = r.allocations.findIndex((a) => !known.has(a.agencyId));
    if (missing >= 0) throw invalidField(`allocations.${missing}.agencyId`, `no agency '${r.allocations[missing]!.agencyId}'`);
    const rule = await savePlacementRule(tx, r, clock.now());
    const audit: Audit = { type: 'PLACEMENT_RULE_SAVED', actor: opts.actor, subject: `placement-rule:${r.code}`, data: rule };
    return { result: rule, audit };
  });
}

export interface PlaceResult {
  businessDate: string;
  placed: number;
  byAgency: Record<string, number>;
  unplaced: Record<UnplacedReason, number>;
  /** Placed cases the agencies' collectors took in the worklist. */
  handedOver: number;
}

/**
 * Places every account with an open case, no active placement and no open dispute by the placement
 * rules (agencies.rules.ts: first matching rule, allocation shares, never back to an agency the
 * account was recalled from, only active agencies). Running it again places only what is unplaced.
 */
export async function placeAccounts(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const { businessDate } = parse(BusinessDateInputSchema, input);
  return runCommand<PlaceResult>(db, clock, { command: 'placeAccounts', ...opts, input: { businessDate } }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK_KEY]);
    const rules = await listPlacementRules(tx);
    const active = new Set((await listAgencies(tx)).filter((a) => a.status === 'active').map((a) => a.id));
    const plan = planPlacements(await loadPlacementCandidates(tx), rules, active);
    const rows = await insertPlacements(tx, plan.placements, businessDate, 'rule', opts.actor);
    const byAgency: Record<string, number> = {};
    for (const r of rows) byAgency[r.agencyId] = (byAgency[r.agencyId] ?? 0) + 1;
    let handedOver = 0;
    for (const agencyId of Object.keys(byAgency).sort()) {
      handedOver += await handOverCases(tx, rows.filter((r) => r.agencyId === agencyId).map((r) => r.accountId), agencyId, businessDate);
    }
    const unplaced: Record<UnplacedReason, number> = { no_rule: 0, no_agency_available: 0 };
    for (const u of plan.unplaced) unplaced[u.reason]++;
    const audit: Audit = { type: 'ACCOUNTS_PLACED', actor: opts.actor, subject: `placement:${businessDate}`, data: { businessDate, placed: rows.length, byAgency, unplaced } };
    return { result: { businessDate, placed: rows.length, byAgency, unplaced, handedOver }, audit };
  });
}

async function placeOne(tx: Db, o: { accountRef: string; agencyId: string; businessDate: string; source: Placement['source']; actor: string; note: string; refField: string }): Promise<{ placement: Placement; audit: Audit }> {
  const account = await findAccountForPlacement(tx, o.accountRef);
  if (!account) throw notFound(o.refField, `no account '${o.accountRef}'`);
  if (!account.caseOpen) throw conflict(o.refField, `account '${o.accountRef}' has no open collection case to place`);
  const agency = await getAgency(tx, o.agencyId);
  if (!agency) throw notFound('agencyId', `no agency '${o.agencyId}'`);
  if (agency.status !== 'active') throw conflict('agencyId', `agency '${o.agencyId}' is ${agency.status} and takes no new placements`);
  const current = await activePlacement(tx, account.accountId, true);
  if (current) throw conflict(o.refField, `account '${o.accountRef}' is placed with agency '${current.agencyId}' since ${current.placedOn}; recall it first`);
  const [row] = await insertPlacements(tx, [{ accountId: account.accountId, agencyId: o.agencyId, ruleCode: null }], o.businessDate, o.source, o.actor);
  if (!row) throw conflict(o.refField, `account '${o.accountRef}' was placed meanwhile`);
  await handOverCases(tx, [account.accountId], o.agencyId, o.businessDate);
  const placement = (await activePlacement(tx, account.accountId))!;
  return { placement, audit: { type: 'ACCOUNT_PLACED', actor: o.actor, subject: `account:${o.accountRef}`, data: { placementId: placement.id, agencyId: o.agencyId, source: o.source, placedOn: o.businessDate } } };
}

/** A supervisor places one account with an agency by hand. */
export async function placeAccount(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const p = parse(PlaceAccountInputSchema, input);
  return runCommand<Placement>(db, clock, { command: 'placeAccount', ...opts, input: p }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK_KEY]);
    const { placement, audit } = await placeOne(tx, { ...p, source: 'manual', actor: opts.actor, refField: 'accountRef' });
    return { result: placement, audit };
  });
}

/**
 * Accepting the strategy's 'recommend_agency' recommendation places the account (with the agency
 * given, or by the placement rules' first matching rule's first available agency) and marks the
 * recommendation accepted.
 */
export async function acceptAgencyRecommendation(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const r = parse(AcceptRecommendationInputSchema, input);
  return runCommand<Placement>(db, clock, { command: 'acceptAgencyRecommendation', ...opts, input: r }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK_KEY]);
    const [rec] = await tx.query<{ status: string }>(
      `SELECT cr.status FROM case_recommendations cr JOIN accounts a ON a.id = cr.account_id AND a.customer_id = cr.customer_id
       WHERE a.ref = $1 AND cr.kind = 'recommend_agency' AND cr.business_date = $2 FOR UPDATE OF cr`,
      [r.accountRef, r.recommendedOn],
    );
    if (!rec) throw notFound('recommendedOn', `no agency recommendation for account '${r.accountRef}' on ${r.recommendedOn}`);
    if (rec.status !== 'open') throw conflict('recommendedOn', `the recommendation of ${r.recommendedOn} is ${rec.status} already`);
    let agencyId = r.agencyId;
    if (!agencyId) {
      const active = new Set((await listAgencies(tx)).filter((a) => a.status === 'active').map((a) => a.id));
      const accountId = (await findAccountForPlacement(tx, r.accountRef))?.accountId;
      const candidate = (await loadPlacementCandidates(tx)).find((c) => c.accountId === accountId);
      const plan = candidate ? planPlacements([candidate], await listPlacementRules(tx), active) : null;
      agencyId = plan?.placements[0]?.agencyId;
      if (!agencyId) throw invalidField('agencyId', 'required: no placement rule places this account with an available agency');
    }
    const { placement, audit } = await placeOne(tx, { accountRef: r.accountRef, agencyId, businessDate: r.businessDate, source: 'recommendation', actor: opts.actor, note: '', refField: 'accountRef' });
    await tx.query(
      `UPDATE case_recommendations SET status = 'accepted' WHERE account_id = $1 AND kind = 'recommend_agency' AND business_date = $2`,
      [placement.accountId, r.recommendedOn],
    );
    return { result: placement, audit };
  });
}

export interface RecalledPlacement {
  placementId: number;
  accountRef: string;
  agencyId: string;
  reason: RecallReason;
}

/** A supervisor recalls one account from its agency, saying why. */
export async function recallAccount(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const r = parse(RecallAccountInputSchema, input);
  return runCommand<RecalledPlacement>(db, clock, { command: 'recallAccount', ...opts, input: r }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK_KEY]);
    const account = await findAccountForPlacement(tx, r.accountRef);
    if (!account) throw notFound('accountRef', `no account '${r.accountRef}'`);
    const p = await activePlacement(tx, account.accountId, true);
    if (!p) throw conflict('accountRef', `account '${r.accountRef}' is not placed with any agency`);
    await endPlacements(tx, [p.id], r.businessDate, 'manual', { note: r.note }, opts.actor);
    await takeBackCases(tx, [account.accountId], p.agencyId, r.businessDate);
    const recalled: RecalledPlacement = { placementId: p.id, accountRef: r.accountRef, agencyId: p.agencyId, reason: 'manual' };
    const audit: Audit = { type: 'PLACEMENTS_RECALLED', actor: opts.actor, subject: `account:${r.accountRef}`, data: { businessDate: r.businessDate, recalled: [recalled] } };
    return { result: recalled, audit };
  });
}

export interface AgencyCheck {
  agencyId: string;
  window: { from: string; to: string };
  complaints: number;
  contacts: number;
  qaScore: number | null;
  breaches: Breach[];
  suspended: boolean;
}

export interface RecallRunResult {
  businessDate: string;
  recalled: RecalledPlacement[];
  agencies: AgencyCheck[];
}

/**
 * The recall loop of a business date. First every placement at or past its recall date ends
 * ('max_days'). Then each agency that is not terminated is judged over the trailing
 * HEALTH_WINDOW_DAYS: complaints against it per 10,000 of its contacts, and its average QA score
 * (from `qaScores`, the quality module's figures). An agency that crosses a threshold of its recall
 * policy is suspended (no new placements until someone sets it active again) and, by its breach
 * action, loses the accounts named by the complaints of the window or all its accounts, with the
 * breach as the recorded reason. Each recall and suspension is in the audit entries.
 */
export async function recallPlacements(db: Db, clock: Clock, input: unknown, opts: CommandOptions, deps: { qaScores?: QaScoreSource } = {}) {
  const { businessDate } = parse(BusinessDateInputSchema, input);
  return runCommand<RecallRunResult>(db, clock, { command: 'recallPlacements', ...opts, input: { businessDate } }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PLACEMENT_LOCK_KEY]);
    const recalled: RecalledPlacement[] = [];
    const audits: Audit[] = [];
    const end = async (list: ReadonlyArray<{ id: number; agencyId: string; accountRef: string }>, reason: RecallReason, details: unknown) => {
      const ended = await endPlacements(tx, list.map((p) => p.id), businessDate, reason, details, opts.actor);
      const byId = new Map(list.map((p) => [p.id, p]));
      for (const agencyId of [...new Set(ended.map((e) => e.agencyId))].sort()) {
        await takeBackCases(tx, ended.filter((e) => e.agencyId === agencyId).map((e) => e.accountId), agencyId, businessDate);
      }
      for (const e of ended) recalled.push({ placementId: e.id, accountRef: byId.get(e.id)!.accountRef, agencyId: e.agencyId, reason });
    };

    await end(await duePlacements(tx, businessDate), 'max_days', { businessDate });

    const window = { from: addDays(businessDate, -(HEALTH_WINDOW_DAYS - 1)), to: businessDate };
    const qa = new Map((deps.qaScores ? await deps.qaScores(tx, window) : []).map((q) => [q.agencyId, q.averageScore]));
    const checks: AgencyCheck[] = [];
    for (const agency of await listAgencies(tx)) {
      if (agency.status === 'terminated') continue;
      const complaints = await agencyComplaints(tx, agency.id, window.from, window.to);
      const contacts = await agencyContactCount(tx, agency.id, window.from, window.to);
      const qaScore = qa.get(agency.id) ?? null;
      const breaches = agencyBreaches({ complaintThresholdPer10k: agency.complaintThresholdPer10k, minQaScore: agency.minQaScore, complaints: complaints.count, contacts, qaScore });
      let suspended = false;
      if (breaches.length) {
        const reason = breaches[0]!.reason;
        const details = { businessDate, window, complaints: complaints.count, byCategory: complaints.byCategory, contacts, qaScore, breaches };
        const targets = agency.breachAction === 'recall_all' || reason === 'qa_score'
          ? await agencyPlacements(tx, agency.id, null)
          : await agencyPlacements(tx, agency.id, complaints.accountIds);
        await end(targets, reason, details);
        if (agency.status === 'active') {
          await setAgencyStatus(tx, agency.id, 'suspended', details, clock.now());
          suspended = true;
          audits.push({ type: 'AGENCY_SUSPENDED', actor: opts.actor, subject: `agency:${agency.id}`, data: { businessDate, reasons: breaches } });
        }
      }
      checks.push({ agencyId: agency.id, window, complaints: complaints.count, contacts, qaScore, breaches, suspended });
    }
    audits.unshift({ type: 'PLACEMENTS_RECALLED', actor: opts.actor, subject: `recall:${businessDate}`, data: { businessDate, recalled } });
    return { result: { businessDate, recalled, agencies: checks }, audit: audits };
  });
}
