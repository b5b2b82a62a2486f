/**
 * Legal use cases, each through the command runner (one transaction with its audit entries,
 * idempotency key required): refer an account (refused with the reasons when a criterion fails),
 * accept a strategy's 'recommend_legal' (which refers), approve or reject a referral (four-eyes:
 * another person whose role's limit covers the claim), attach an evidence bundle, move a case on
 * through court, record a legal cost (a ledger posting for what the policy lets the debtor bear, the
 * lender's expense for the rest) and save a policy version.
 *
 * Who acts comes from the caller's principal (actor and roles), never from the request body.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, parseInput as parse } from '../../platform/errors.ts';
import { epochDay } from '../../platform/dates.ts';
import type { Currency } from '../../platform/money.ts';
import { postLegalCharge, type CycleHooks } from '../ledger/index.ts';
import { buildEvidenceBundle } from '../evidence/index.ts';
import {
  AdvanceInputSchema, CostInputSchema, DecisionInputSchema, EvidenceInputSchema, LegalPolicySchema, ReferInputSchema,
  type AdvanceInput, type CaseStatus, type LegalAuditEvent, type LegalPolicy,
} from './legal.types.ts';
import { admitCost, approverRoleFor, capHeadroom, checkApprover, checkReferral, checkTransition, contactsPaused, type Eligibility } from './legal.rules.ts';
import {
  chargedSoFar, getCase, insertCase, insertEvent, insertPolicy, lastEventOn, legalPolicyFor, loadAccountFacts, type AccountFacts, type LegalCase,
} from './legal.store.ts';

export interface LegalDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
}

/** The caller: what audit entries name and the roles the approval limits are looked up by. */
export interface Caller {
  actor: string;
  roles: readonly string[];
}

interface Opts {
  idempotencyKey: string;
}

type Audit = LegalAuditEvent & { actor: string };


const notFound = (ref: string) => new AppError('NOT_FOUND', `accountRef: no account '${ref}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });

async function caseOrThrow(tx: Db, id: number): Promise<LegalCase> {
  const c = await getCase(tx, id, true);
  if (!c) throw new AppError('NOT_FOUND', `caseId: no legal case ${id}`, { issues: [{ path: 'caseId', message: 'no such case' }] });
  return c;
}

/** The account with its open business date brought up to date (today's dues and money posted), locked. */
async function openAccountDay(tx: Db, hooks: CycleHooks, ref: string): Promise<AccountFacts> {
  const first = await loadAccountFacts(tx, ref, true);
  if (!first) throw notFound(ref);
  await hooks.postOpenDay(tx, [first.accountId], first.today);
  return (await loadAccountFacts(tx, ref, true))!;
}

/** The role a referrer acts in: the first of theirs that the approval limits name, else their first role. */
const roleOf = (roles: readonly string[], policy: LegalPolicy): string => roles.find((r) => policy.approval.limits.some((l) => l.role === r)) ?? roles[0] ?? 'unknown';

/** A referral's eligibility as of the account's open business date, without writing anything. */
export async function referralEligibility(deps: Pick<LegalDeps, 'db'>, accountRef: string): Promise<Eligibility & { accountRef: string; asOf: string; claimMinor: number; approverRole: string | null }> {
  const a = await loadAccountFacts(deps.db, accountRef, false);
  if (!a) throw notFound(accountRef);
  const policy = await legalPolicyFor(deps.db, a.jurisdiction);
  const e = checkReferral(a.facts, policy);
  return { accountRef: a.accountRef, asOf: a.today, claimMinor: a.facts.balanceMinor, approverRole: approverRoleFor(a.facts.balanceMinor, policy), ...e };
}

export interface ReferResult {
  caseId: number;
  accountRef: string;
  status: 'proposed';
  claimMinor: number;
  referredOn: string;
  eligibility: Eligibility;
  /** The lowest role whose limit covers the claim: who must approve. */
  approverRole: string | null;
}

async function refer(tx: Db, deps: LegalDeps, i: { accountRef: string; reason: string; source: 'staff' | 'recommendation' | 'cli'; recommendation: string | null }, who: Caller): Promise<{ result: ReferResult; audit: Audit[] }> {
  const a = await openAccountDay(tx, deps.hooks, i.accountRef);
  const policy = await legalPolicyFor(tx, a.jurisdiction);
  const e = checkReferral(a.facts, policy);
  if (!e.eligible) {
    const failed = e.criteria.filter((c) => !c.ok);
    throw new AppError('VALIDATION_FAILED', `accountRef: not eligible for legal referral under ${e.policy}: ${failed.map((c) => c.reason.en).join('; ')}`, {
      issues: failed.map((c) => ({ path: 'accountRef', message: `${c.criterion}: ${c.reason.en}` })),
      details: { eligibility: e },
    });
  }
  const makerRole = roleOf(who.roles, policy);
  const now = deps.clock.now();
  const id = await insertCase(tx, {
    accountId: a.accountId, customerId: a.customerId, policy, currency: a.facts.currency, claimMinor: a.facts.balanceMinor, referredOn: a.today,
    eligibility: e, reason: i.reason, source: i.source, maker: who.actor, makerRole, now,
  });
  await insertEvent(tx, { caseId: id, from: null, to: 'proposed', onDate: a.today, details: { reason: i.reason, recommendation: i.recommendation }, actor: who.actor, at: now });
  const result: ReferResult = { caseId: id, accountRef: a.accountRef, status: 'proposed', claimMinor: a.facts.balanceMinor, referredOn: a.today, eligibility: e, approverRole: approverRoleFor(a.facts.balanceMinor, policy) };
  const audit: Audit[] = [{
    type: 'LEGAL_REFERRED', actor: who.actor, subject: `account:${a.accountRef}`,
    data: { caseId: id, claimMinor: a.facts.balanceMinor, policy: e.policy, maker: who.actor, makerRole, source: i.source, recommendation: i.recommendation },
  }];
  return { result, audit };
}

/** Refers an account to legal action: a case 'proposed' with its eligibility trace, waiting for a checker. */
export async function referAccount(deps: LegalDeps, input: unknown, who: Caller, opts: Opts & { source?: 'staff' | 'cli' }) {
  const i = parse(ReferInputSchema, input);
  return runCommand(deps.db, deps.clock, { command: 'referToLegal', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { ...i, source: opts.source ?? 'staff' } }, (tx) =>
    refer(tx, deps, { ...i, source: opts.source ?? 'staff', recommendation: null }, who));
}

/**
 * Accepts the account's open 'recommend_legal' recommendation (the latest) and refers the account in
 * the same transaction; an ineligible account is refused and the recommendation stays open.
 */
export async function acceptLegalRecommendation(deps: LegalDeps, input: unknown, who: Caller, opts: Opts) {
  const i = parse(ReferInputSchema, input);
  return runCommand(deps.db, deps.clock, { command: 'acceptLegalRecommendation', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: i }, async (tx) => {
    const [rec] = await tx.query<{ account_id: number; business_date: string }>(
      `SELECT r.account_id, r.business_date::text FROM case_recommendations r JOIN accounts a ON a.id = r.account_id AND a.customer_id = r.customer_id
       WHERE a.ref = $1 AND r.kind = 'recommend_legal' AND r.status = 'open' ORDER BY r.business_date DESC LIMIT 1 FOR UPDATE OF r`,
      [i.accountRef],
    );
    if (!rec) throw new AppError('NOT_FOUND', `accountRef: no open legal recommendation for '${i.accountRef}'`, { issues: [{ path: 'accountRef', message: 'no open recommend_legal' }] });
    const out = await refer(tx, deps, { ...i, source: 'recommendation', recommendation: rec.business_date }, who);
    await tx.query(`UPDATE case_recommendations SET status = 'accepted' WHERE account_id = $1 AND kind = 'recommend_legal' AND status = 'open'`, [rec.account_id]);
    return out;
  });
}

export interface DecisionResult {
  caseId: number;
  status: CaseStatus;
  evidence: { sha256: string; sizeBytes: number } | null;
}

/** Four-eyes: another person whose role's limit covers the claim approves a referral; the case is prepared. */
export async function approveReferral(deps: LegalDeps, caseId: number, input: unknown, who: Caller, opts: Opts & { attachEvidence?: boolean }) {
  const d = parse(DecisionInputSchema, input);
  const attach = opts.attachEvidence ?? false;
  return runCommand<DecisionResult>(deps.db, deps.clock, { command: 'approveLegalReferral', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { caseId, ...d, attach } }, async (tx) => {
    const c = await caseOrThrow(tx, caseId);
    if (c.status !== 'proposed') throw new AppError('CONFLICT', `caseId: case ${caseId} is ${c.status}, not proposed`, { issues: [{ path: 'caseId', message: `is ${c.status}` }] });
    const policy = await legalPolicyFor(tx, (await loadAccountFacts(tx, c.accountRef, false))!.jurisdiction);
    const check = checkApprover({ maker: c.maker, checker: who.actor, checkerRoles: who.roles, claimMinor: c.claimMinor }, policy);
    if (!check.ok) throw new AppError('FORBIDDEN', `actor: ${check.reason}`, { issues: [{ path: 'actor', message: check.reason }] });
    const role = [...policy.approval.limits].sort((x, y) => x.maxClaimMinor - y.maxClaimMinor).find((l) => who.roles.includes(l.role) && c.claimMinor <= l.maxClaimMinor)!.role;
    const now = deps.clock.now();
    const today = (await loadAccountFacts(tx, c.accountRef, false))!.today;
    await tx.query(
      `UPDATE legal_cases SET status = 'prepared', checker = $2, checker_role = $3, decision_note = $4, decided_at = $5, updated_at = $5 WHERE id = $1`,
      [c.id, who.actor, role, d.note ?? null, now],
    );
    await insertEvent(tx, { caseId: c.id, from: 'proposed', to: 'prepared', onDate: today, details: { note: d.note ?? null }, actor: who.actor, at: now });
    const audit: Audit[] = [{ type: 'LEGAL_APPROVED', actor: who.actor, subject: `account:${c.accountRef}`, data: { caseId: c.id, checker: who.actor, checkerRole: role, claimMinor: c.claimMinor } }];
    let evidence: DecisionResult['evidence'] = null;
    if (attach) {
      const ev = await attach_(tx, deps, c, 'approval', who);
      audit.push(ev.audit);
      evidence = { sha256: ev.sha256, sizeBytes: ev.sizeBytes };
    }
    return { result: { caseId: c.id, status: 'prepared', evidence }, audit };
  });
}

export async function rejectReferral(deps: LegalDeps, caseId: number, input: unknown, who: Caller, opts: Opts) {
  const d = parse(DecisionInputSchema, input);
  return runCommand<DecisionResult>(deps.db, deps.clock, { command: 'rejectLegalReferral', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { caseId, ...d } }, async (tx) => {
    const c = await caseOrThrow(tx, caseId);
    if (c.status !== 'proposed') throw new AppError('CONFLICT', `caseId: case ${caseId} is ${c.status}, not proposed`, { issues: [{ path: 'caseId', message: `is ${c.status}` }] });
    if (c.maker === who.actor) throw new AppError('FORBIDDEN', 'actor: four-eyes: the referrer cannot decide their own referral', { issues: [{ path: 'actor', message: 'the referrer cannot decide their own referral' }] });
    const now = deps.clock.now();
    const today = (await loadAccountFacts(tx, c.accountRef, false))!.today;
    const role = who.roles[0] ?? 'unknown';
    await tx.query(
      `UPDATE legal_cases SET status = 'rejected', checker = $2, checker_role = $3, decision_note = $4, decided_at = $5, updated_at = $5 WHERE id = $1`,
      [c.id, who.actor, role, d.note ?? null, now],
    );
    await insertEvent(tx, { caseId: c.id, from: 'proposed', to: 'rejected', onDate: today, details: { note: d.note ?? null }, actor: who.actor, at: now });
    return { result: { caseId: c.id, status: 'rejected', evidence: null }, audit: { type: 'LEGAL_REJECTED', actor: who.actor, subject: `account:${c.accountRef}`, data: { caseId: c.id, checker: who.actor, checkerRole: role, note: d.note ?? null } } satisfies Audit };
  });
}

/** Stages a bundle may be attached at, by the case's status. */
const EVIDENCE_STAGES: Record<'approval' | 'filing', readonly CaseStatus[]> = { approval: ['proposed', 'prepared'], filing: ['prepared', 'filed'] };

/** Builds the account's evidence bundle (evidence module) and keeps it with the case; the audit entry records its sha256. */
async function attach_(tx: Db, deps: LegalDeps, c: LegalCase, stage: 'approval' | 'filing', who: Caller) {
  const now = deps.clock.now();
  const b = await buildEvidenceBundle(tx, { accountRef: c.accountRef, actor: who.actor, at: now });
  await tx.query(
    'INSERT INTO legal_evidence (case_id, customer_id, stage, sha256, size_bytes, manifest, bundle, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [c.id, c.customerId, stage, b.sha256, b.zip.byteLength, JSON.stringify(b.manifest), Buffer.from(b.zip), who.actor, now],
  );
  const audit: Audit = { type: 'LEGAL_EVIDENCE_ATTACHED', actor: who.actor, subject: `account:${c.accountRef}`, data: { caseId: c.id, stage, sha256: b.sha256, sizeBytes: b.zip.byteLength } };
  return { audit, sha256: b.sha256, sizeBytes: b.zip.byteLength };
}

export async function attachEvidence(deps: LegalDeps, caseId: number, input: unknown, who: Caller, opts: Opts) {
  const { stage } = parse(EvidenceInputSchema, input);
  return runCommand(deps.db, deps.clock, { command: 'attachLegalEvidence', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { caseId, stage } }, async (tx) => {
    const c = await caseOrThrow(tx, caseId);
    if (!EVIDENCE_STAGES[stage].includes(c.status)) {
      throw new AppError('CONFLICT', `stage: a bundle for ${stage} is attached to a ${EVIDENCE_STAGES[stage].join(' or ')} case; case ${caseId} is ${c.status}`, { issues: [{ path: 'stage', message: `case is ${c.status}` }] });
    }
    const ev = await attach_(tx, deps, c, stage, who);
    return { result: { caseId: c.id, stage, sha256: ev.sha256, sizeBytes: ev.sizeBytes }, audit: ev.audit };
  });
}

export interface AdvanceResult {
  caseId: number;
  from: CaseStatus;
  status: CaseStatus;
  onDate: string;
  contactsPaused: boolean;
  evidence: { sha256: string; sizeBytes: number } | null;
}

/** Moves a case on (filed, hearing, judgment, enforcement, settled, withdrawn, closed) with what the step records. */
export async function advanceCase(deps: LegalDeps, caseId: number, input: unknown, who: Caller, opts: Opts) {
  const a: AdvanceInput = parse(AdvanceInputSchema, input);
  return runCommand<AdvanceResult>(deps.db, deps.clock, { command: 'advanceLegalCase', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { caseId, ...a } }, async (tx) => {
    const c = await caseOrThrow(tx, caseId);
    const acct = (await loadAccountFacts(tx, c.accountRef, false))!;
    const t = checkTransition({ from: c.status, to: a.status, onDate: a.onDate, today: acct.today, lastEventOn: await lastEventOn(tx, c.id) });
    if (!t.ok) throw new AppError(t.field === 'status' ? 'CONFLICT' : 'VALIDATION_FAILED', `${t.field}: ${t.reason}`, { issues: [{ path: t.field, message: t.reason }] });
    const policy = await legalPolicyFor(tx, acct.jurisdiction);
    const paused = contactsPaused(a.status, policy);
    const now = deps.clock.now();
    const details: Record<string, unknown> = {};
    const sets: string[] = [];
    const params: unknown[] = [c.id, a.status, paused ? policy.pause.scope : null, now];
    const set = (col: string, v: unknown) => {
      params.push(v);
      sets.push(`${col} = $${params.length}`);
    };
    switch (a.status) {
      case 'filed':
        set('court', a.court);
        set('court_case_number', a.caseNumber);
        set('filed_on', a.onDate);
        Object.assign(details, { court: a.court, caseNumber: a.caseNumber });
        break;
      case 'hearing':
        set('hearing_on', a.hearingOn);
        details.hearingOn = a.hearingOn;
        break;
      case 'judgment':
        set('judgment_on', a.onDate);
        set('judgment_minor', a.judgmentMinor);
        set('costs_awarded', a.costsAwarded);
        Object.assign(details, { judgmentMinor: a.judgmentMinor, costsAwarded: a.costsAwarded });
        break;
      case 'closed':
        set('closed_on', a.onDate);
        set('close_reason', a.note);
        details.note = a.note;
        break;
      default:
        if (a.note) details.note = a.note;
    }
    await tx.query(`UPDATE legal_cases SET status = $2, contacts_hold = $3, updated_at = $4${sets.map((s) => `, ${s}`).join('')} WHERE id = $1`, params);
    await insertEvent(tx, { caseId: c.id, from: c.status, to: a.status, onDate: a.onDate, details, actor: who.actor, at: now });
    const audit: Audit[] = [{
      type: 'LEGAL_STATUS_CHANGED', actor: who.actor, subject: `account:${c.accountRef}`,
      data: { caseId: c.id, from: c.status, to: a.status, onDate: a.onDate, details, contactsPaused: paused },
    }];
    let evidence: AdvanceResult['evidence'] = null;
    if (a.status === 'filed' && a.attachEvidence) {
      const ev = await attach_(tx, deps, { ...c, status: 'filed' }, 'filing', who);
      audit.push(ev.audit);
      evidence = { sha256: ev.sha256, sizeBytes: ev.sizeBytes };
    }
    return { result: { caseId: c.id, from: c.status, status: a.status, onDate: a.onDate, contactsPaused: paused, evidence }, audit };
  });
}

/** Statuses in which costs are recorded. */
const COSTS_IN: readonly CaseStatus[] = ['prepared', 'filed', 'hearing', 'judgment', 'enforcement', 'settled', 'withdrawn'];

export interface CostResult {
  costId: number;
  caseId: number;
  costType: string;
  amountMinor: number;
  chargedMinor: number;
  cappedMinor: number;
  lenderExpenseMinor: number;
  entryKind: string | null;
  itemSeq: number | null;
  postedOn: string;
  reasons: Array<{ 'zh-CN': string; en: string }>;
}

/**
 * Records a legal cost. The debtor bears what the policy admits (and, for a fee within the cap, what
 * the total-cost cap still allows), posted on the account's open business date as LEGAL_COST or
 * LEGAL_FEE on the oldest unpaid item; the rest is the lender's expense. `chargeTo: 'debtor'` refuses
 * (nothing written) unless the debtor may bear all of it; `chargeTo: 'lender'` records an expense only.
 */
export async function recordCost(deps: LegalDeps, caseId: number, input: unknown, who: Caller, opts: Opts) {
  const i = parse(CostInputSchema, input);
  return runCommand<CostResult>(deps.db, deps.clock, { command: 'recordLegalCost', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: { caseId, ...i } }, async (tx) => {
    const c = await caseOrThrow(tx, caseId);
    if (!COSTS_IN.includes(c.status)) throw new AppError('CONFLICT', `caseId: costs are recorded on an approved case; case ${caseId} is ${c.status}`, { issues: [{ path: 'caseId', message: `is ${c.status}` }] });
    const a = await openAccountDay(tx, deps.hooks, c.accountRef);
    if (i.incurredOn > a.today) throw new AppError('VALIDATION_FAILED', `incurredOn: ${i.incurredOn} is after the business date ${a.today}`, { issues: [{ path: 'incurredOn', message: `after the business date ${a.today}` }] });
    const policy = await legalPolicyFor(tx, a.jurisdiction);
    const decision = i.chargeTo === 'lender'
      ? { entryKind: 'LEGAL_COST' as const, admissibleMinor: 0, chargedMinor: 0, cappedMinor: 0, lenderExpenseMinor: i.amountMinor, reasons: [{ 'zh-CN': '登记为出借方费用', en: 'recorded as the lender\'s expense' }] }
      : admitCost({
        costType: i.costType, amountMinor: i.amountMinor, claimMinor: c.claimMinor, currency: c.currency as Currency, costsAwarded: c.costsAwarded,
        chargedSoFarMinor: await chargedSoFar(tx, c.id, i.costType),
        capHeadroomMinor: capHeadroom({ costCapAnnualBp: a.costCapAnnualBp, principalMinor: a.principalMinor, principalDateWeight: a.principalDateWeight, costChargedMinor: a.costChargedMinor, epochDay: epochDay(a.today) }),
      }, policy);
    if (i.chargeTo === 'debtor' && decision.chargedMinor < i.amountMinor) {
      throw new AppError('VALIDATION_FAILED', `chargeTo: the debtor may bear ${decision.chargedMinor} of ${i.amountMinor} minor units under ${policy.code} v${policy.version}: ${decision.reasons.map((r) => r.en).join('; ')}`, {
        issues: [{ path: 'chargeTo', message: decision.reasons.map((r) => r.en).join('; ') }],
        details: { decision },
      });
    }
    const now = deps.clock.now();
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO legal_costs (case_id, account_id, cost_type, incurred_on, posted_on, currency, amount_minor, charged_minor, capped_minor, lender_expense_minor,
                                policy_code, policy_version, decision, description, actor, at, customer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [c.id, c.accountId, i.costType, i.incurredOn, a.today, c.currency, i.amountMinor, decision.chargedMinor, decision.cappedMinor, decision.lenderExpenseMinor,
        policy.code, policy.version, JSON.stringify(decision), i.description, who.actor, now, c.customerId],
    );
    const costId = row!.id;
    let itemSeq: number | null = null;
    if (decision.chargedMinor > 0 || (decision.entryKind === 'LEGAL_FEE' && decision.cappedMinor > 0)) {
      itemSeq = await postLegalCharge(tx, {
        accountId: c.accountId, customerId: c.customerId, date: a.today, postedOn: a.today, legalCostId: costId, kind: decision.entryKind, amountMinor: decision.chargedMinor,
        cappedMinor: decision.cappedMinor, reason: `legal case ${c.id}: ${i.costType}`,
      });
      if (itemSeq === null) throw new AppError('CONFLICT', `caseId: account ${c.accountRef} has no due item to charge the cost on`, { issues: [{ path: 'caseId', message: 'no due item to charge' }] });
      await tx.query('UPDATE legal_costs SET item_seq = $2 WHERE id = $1', [costId, itemSeq]);
    }
    const result: CostResult = {
      costId, caseId: c.id, costType: i.costType, amountMinor: i.amountMinor, chargedMinor: decision.chargedMinor, cappedMinor: decision.cappedMinor,
      lenderExpenseMinor: decision.lenderExpenseMinor, entryKind: itemSeq === null ? null : decision.entryKind, itemSeq, postedOn: a.today, reasons: decision.reasons,
    };
    const audit: Audit = {
      type: 'LEGAL_COST_RECORDED', actor: who.actor, subject: `account:${c.accountRef}`,
      data: { caseId: c.id, costId, costType: i.costType, amountMinor: i.amountMinor, chargedMinor: decision.chargedMinor, cappedMinor: decision.cappedMinor, lenderExpenseMinor: decision.lenderExpenseMinor, policy: `${policy.code}@${policy.version}` },
    };
    return { result, audit };
  });
}

/** Saves a legal policy version (validated; a version that exists is refused). */
export async function saveLegalPolicy(deps: Pick<LegalDeps, 'db' | 'clock'>, input: unknown, who: Caller, opts: Opts) {
  const p = parse(LegalPolicySchema, input);
  return runCommand(deps.db, deps.clock, { command: 'saveLegalPolicy', idempotencyKey: opts.idempotencyKey, actor: who.actor, input: p }, async (tx) => {
    if (!(await insertPolicy(tx, p, deps.clock.now()))) throw new AppError('CONFLICT', `version: ${p.code} v${p.version} exists; save a new version`, { issues: [{ path: 'version', message: 'exists' }] });
    return { result: { code: p.code, version: p.version }, audit: { type: 'LEGAL_POLICY_SAVED', actor: who.actor, subject: `legal-policy:${p.code}`, data: { code: p.code, version: p.version, jurisdiction: p.jurisdiction } } satisfies Audit };
  });
}
