/**
 * Concession use cases: preview and commit a plan, ask for a deferral, a waiver or a settlement,
 * approve or reject what waits for a checker (four-eyes), and the portal's options and acceptance.
 *
 * Every write runs through the command runner (one transaction with its audit entries, idempotency
 * key required). A request first brings the account's open business date up to date (what falls due
 * today is charged, today's money allocated), so the terms are computed on the same figures the
 * postings then use; a preview does the same inside a transaction it rolls back, so preview and
 * commit agree to the cent. Within its maker's limit a concession takes effect at once; above it, it
 * waits in the approval queue with an SLA for a different person whose role's limit covers it.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, fromZodIssues, type FieldIssue, parseInput as parse } from '../../platform/errors.ts';
import type { Currency } from '../../platform/money.ts';
import { addDays } from '../../platform/dates.ts';
import type { CycleHooks } from '../ledger/index.ts';
import {
  DecisionInputSchema, DeferralInputSchema, PlanInputSchema, PlanPreviewInputSchema, PortalAcceptInputSchema, SettlementInputSchema, WaiverInputSchema,
  type ConcessionAuditEvent,
} from './concessions.types.ts';
import { buildDeferral, buildPlan, type AccountView, type Issue, type Restructure, type Verdict } from './plans.rules.ts';
import { buildSettlement, buildWaiver, canApprove, checkChecker, lowestRoleFor, type Settlement, type Waiver } from './waivers.rules.ts';
import { explainPending, explainPromise, explainRestructure, explainSettlement, explainWaiver, type Bilingual } from './explain.rules.ts';
import { applyConcession } from './concessions.ledger.ts';
import { getConcession, insertConcession, loadAccountView, policyFor, saveAgreement, type ConcessionKind, type ConcessionRecord, type ConcessionSource, type LoadedAccount } from './concessions.store.ts';
import type { NegotiationPolicy, Role } from './policy.types.ts';
import { renderAgreementPdf } from './agreement-pdf.ts';
import { minimumPromiseMinor, DEFAULT_PROMISE_POLICY } from './promises.rules.ts';
import { recordPromiseToPay } from './negotiation.commands.ts';
import { loadPromiseContext } from './negotiation.store.ts';

export interface NegotiationDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  /** The lender's name on agreements. */
  lenderName?: string;
}

interface Opts {
  idempotencyKey: string;
  source?: ConcessionSource;
}

type Audit = ConcessionAuditEvent & { actor: string };

/** Terms of a concession as the rules computed them, with what the debtor is told. */
export type ConcessionTerms =
  | { kind: 'plan' | 'deferral'; restructure: Restructure }
  | { kind: 'waiver'; waiver: Waiver }
  | { kind: 'settlement'; settlement: Settlement };

export interface ConcessionResult {
  concessionId: number;
  accountRef: string;
  kind: ConcessionKind;
  status: 'active' | 'pending_approval';
  effectiveOn: string | null;
  concessionMinor: number;
  terms: ConcessionTerms;
  explanation: Bilingual;
  /** Above the maker's limit: the lowest role that may approve it, and by when. */
  approval: { needsRole: Role | null; reason: string; slaDueAt: string } | null;
  agreementSha256: Record<string, string> | null;
}

const notFound = (ref: string) => new AppError('NOT_FOUND', `accountRef: no account '${ref}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });

function refuse(issues: Issue[]): never {
  const list: FieldIssue[] = issues.map((i) => ({ path: i.field === 'account' ? 'accountRef' : i.field, message: i.message }));
  throw new AppError('VALIDATION_FAILED', list.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: list });
}

/** Loads the account with its open business date brought up to date, locked for the transaction. */
async function openAccountDay(tx: Db, hooks: CycleHooks, ref: string): Promise<LoadedAccount> {
  const first = await loadAccountView(tx, ref, true);
  if (!first) throw notFound(ref);
  await hooks.postOpenDay(tx, [first.accountId], first.view.today);
  return (await loadAccountView(tx, ref, true))!;
}

type Built = { kind: ConcessionKind; terms: ConcessionTerms; amountMinor: number; oneTimeFlags: string[]; explanation: Bilingual; stored: Record<string, unknown> };

function build(kind: ConcessionKind, request: Record<string, unknown>, view: AccountView, policy: NegotiationPolicy, currency: Currency): Verdict<Built> {
  if (kind === 'plan' || kind === 'deferral') {
    const v = kind === 'plan'
      ? buildPlan({ termCount: request.termCount as number, firstDueOn: request.firstDueOn as string | undefined, waive: request.waive as never }, view, policy)
      : buildDeferral({ months: request.months as number, hardship: request.hardship as never }, view, policy);
    if (!v.ok) return v;
    const r = v.value;
    if (!r.costCap.withinCap) return { ok: false, issues: [{ field: kind === 'plan' ? 'termCount' : 'months', message: `outside the total-cost cap: ${r.costCap.reason}` }] };
    const waivedComponents = (['interest', 'penalty', 'fees'] as const).filter((c) => kind === 'plan' && (policy.plan.waivedByPolicy.includes(c) || ((request.waive as string[] | undefined) ?? []).includes(c)));
    return {
      ok: true,
      value: {
        kind, terms: { kind, restructure: r }, amountMinor: r.discretionaryMinor, oneTimeFlags: r.oneTimeFlags, explanation: explainRestructure(r, currency),
        stored: { request, restructure: r, waivedComponents, brokenAfterDays: policy.plan.brokenAfterDays },
      },
    };
  }
  if (kind === 'waiver') {
    const v = buildWaiver({ component: request.component as never, amountMinor: request.amountMinor as number | undefined }, view, policy);
    if (!v.ok) return v;
    return { ok: true, value: { kind, terms: { kind, waiver: v.value }, amountMinor: v.value.amountMinor, oneTimeFlags: v.value.oneTimeFlags, explanation: explainWaiver(v.value, currency), stored: { request, waiver: v.value } } };
  }
  const v = buildSettlement({ amountMinor: request.amountMinor as number, payByOn: request.payByOn as string | undefined }, view, policy);
  if (!v.ok) return v;
  return { ok: true, value: { kind, terms: { kind, settlement: v.value }, amountMinor: v.value.discountMinor, oneTimeFlags: [], explanation: explainSettlement(v.value, currency), stored: { request, settlement: v.value } } };
}

/** Balance the approval share is measured against: everything owed before the concession. */
const balanceFor = (view: AccountView) => view.balanceMinor;

function addHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

/** Asks for a concession; shared by the collector, CLI, API and portal paths. */
async function requestConcession(deps: NegotiationDeps, kind: ConcessionKind, input: { accountRef: string; actor: string; role: Role; reason: string; request: Record<string, unknown> }, opts: Opts) {
  const command = `request${kind[0]!.toUpperCase()}${kind.slice(1)}`;
  return runCommand<ConcessionResult>(deps.db, deps.clock, { command, idempotencyKey: opts.idempotencyKey, actor: input.actor, input: { ...input, source: opts.source ?? 'api' } }, async (tx) => {
    const acct = await openAccountDay(tx, deps.hooks, input.accountRef);
    const policy = await policyFor(tx, acct.jurisdiction);
    const currency = acct.view.currency as Currency;
    const v = build(kind, input.request, acct.view, policy, currency);
    if (!v.ok) refuse(v.issues);
    const b = v.value;
    const now = deps.clock.now();
    const verdict = canApprove(input.role, b.amountMinor, balanceFor(acct.view), policy);
    const status = verdict.ok ? 'active' : 'pending_approval';
    const slaDueAt = verdict.ok ? null : addHours(now, policy.approval.slaHours);
    const id = await insertConcession(tx, {
      accountId: acct.accountId, customerId: acct.customerId, kind, status: 'pending_approval', policyCode: policy.code, policyVersion: policy.version,
      requestedOn: acct.view.today, effectiveOn: null, currency, concessionMinor: b.amountMinor, terms: b.stored, reason: input.reason,
      oneTimeFlag: b.oneTimeFlags[0] ?? null, source: opts.source ?? 'api', maker: input.actor, makerRole: input.role, requestedAt: now, slaDueAt,
    }).catch((err: unknown) => {
      if (String((err as Error).message).includes('concessions_one_time')) throw new AppError('CONFLICT', `accountRef: a one-time ${b.oneTimeFlags[0]} is already pending or used for this customer`, { issues: [{ path: 'accountRef', message: 'one-time concession already used' }] });
      throw err;
    });
    const audit: Audit[] = [{
      type: 'CONCESSION_REQUESTED', actor: input.actor, subject: `account:${acct.accountRef}`,
      data: { concessionId: id, kind, status, concessionMinor: b.amountMinor, maker: input.actor, makerRole: input.role, policy: `${policy.code}@${policy.version}`, needsRole: verdict.ok ? null : lowestRoleFor(b.amountMinor, balanceFor(acct.view), policy), slaDueAt, reason: input.reason },
    }];
    let agreementSha256: Record<string, string> | null = null;
    if (verdict.ok) {
      const out = await activate(deps, tx, id, acct, { checker: null, checkerRole: null, approvedBy: `${input.actor} (${input.role})` });
      audit.push(...out.audit.map((a) => ({ ...a, actor: input.actor }) as Audit));
      agreementSha256 = out.sha256;
    }
    const result: ConcessionResult = {
      concessionId: id, accountRef: acct.accountRef, kind, status, effectiveOn: verdict.ok ? acct.view.today : null, concessionMinor: b.amountMinor, terms: b.terms,
      explanation: verdict.ok ? b.explanation : { 'zh-CN': `${b.explanation['zh-CN']} ${explainPending(slaDueAt!)['zh-CN']}`, en: `${b.explanation.en} ${explainPending(slaDueAt!).en}` },
      approval: verdict.ok ? null : { needsRole: lowestRoleFor(b.amountMinor, balanceFor(acct.view), policy), reason: verdict.reason, slaDueAt: slaDueAt! },
      agreementSha256,
    };
    return { result, audit };
  });
}

/** Puts a concession into effect today: ledger postings (settlements wait for their payment), agreements. */
async function activate(deps: NegotiationDeps, tx: Db, id: number, acct: LoadedAccount, who: { checker: string | null; checkerRole: string | null; approvedBy: string }) {
  const today = acct.view.today;
  await tx.query(
    `UPDATE concessions SET status = 'active', effective_on = $2, checker = $3, checker_role = $4, decided_at = $5 WHERE id = $1`,
    [id, today, who.checker, who.checkerRole, deps.clock.now()],
  );
  const c = (await getConcession(tx, id))!;
  if (c.kind !== 'settlement') {
    const terms = await applyConcession(tx, c, today, today);
    await tx.query('UPDATE concessions SET terms = $2 WHERE id = $1', [id, JSON.stringify(terms)]);
  }
  const sha256 = await renderAgreements(deps, tx, c, acct, who.approvedBy);
  const audit: ConcessionAuditEvent[] = [
    { type: 'CONCESSION_APPROVED', subject: `account:${acct.accountRef}`, data: { concessionId: id, kind: c.kind, effectiveOn: today, concessionMinor: c.concessionMinor, checker: who.checker, checkerRole: who.checkerRole, auto: who.checker === null } },
    { type: 'AGREEMENT_RENDERED', subject: `account:${acct.accountRef}`, data: { concessionId: id, sha256 } },
  ];
  return { audit, sha256 };
}

async function renderAgreements(deps: NegotiationDeps, tx: Db, c: ConcessionRecord, acct: LoadedAccount, approvedBy: string): Promise<Record<string, string>> {
  const currency = c.currency as Currency;
  const t = c.terms as Record<string, unknown>;
  let summary: Bilingual;
  let schedule: Array<{ n: number; dueOn: string; amountMinor: number }> = [];
  if (c.kind === 'plan' || c.kind === 'deferral') {
    const r = t.restructure as Restructure;
    summary = explainRestructure(r, currency);
    schedule = r.items.map((i) => ({ n: i.n, dueOn: i.dueOn, amountMinor: i.amountMinor }));
  } else if (c.kind === 'waiver') summary = explainWaiver(t.waiver as Waiver, currency);
  else {
    const s = t.settlement as Settlement;
    summary = explainSettlement(s, currency);
    schedule = [{ n: 1, dueOn: s.payByOn, amountMinor: s.amountMinor }];
  }
  const out: Record<string, string> = {};
  for (const language of ['zh-CN', 'en'] as const) {
    const { pdf, sha256 } = await renderAgreementPdf({
      concessionId: c.id, kind: c.kind, date: acct.view.today, lender: deps.lenderName ?? 'Fairdebt', customerName: acct.customerName, accountRef: acct.accountRef,
      currency, summary, schedule, approvedBy,
    }, language);
    await saveAgreement(tx, c.id, language, sha256, pdf, deps.clock.now());
    out[language] = sha256;
  }
  return out;
}

/** A plan as it would be committed now, without writing anything. */
export async function previewPlan(deps: Pick<NegotiationDeps, 'db' | 'hooks'>, input: unknown) {
  const parsed = PlanPreviewInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const { accountRef, ...request } = parsed.data;
  return inRolledBack(deps.db, async (tx) => {
    const acct = await openAccountDay(tx, deps.hooks, accountRef);
    const policy = await policyFor(tx, acct.jurisdiction);
    const v = build('plan', request, acct.view, policy, acct.view.currency as Currency);
    if (!v.ok) refuse(v.issues);
    const r = (v.value.terms as { restructure: Restructure }).restructure;
    return { accountRef, asOf: acct.view.today, policy: `${policy.code}@${policy.version}`, plan: r, explanation: v.value.explanation, approvalNeededAbove: v.value.amountMinor };
  });
}

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/** Runs fn in a transaction and rolls it back: how a preview sees the open day's postings without keeping them. */
async function inRolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error('unreachable');
}


export async function commitPlan(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const { accountRef, actor, role, reason, ...request } = parse(PlanInputSchema, input);
  return requestConcession(deps, 'plan', { accountRef, actor, role, reason, request }, opts);
}

export async function requestDeferral(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const { accountRef, actor, role, reason, ...request } = parse(DeferralInputSchema, input);
  return requestConcession(deps, 'deferral', { accountRef, actor, role, reason, request }, opts);
}

export async function requestWaiver(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const { accountRef, actor, role, reason, ...request } = parse(WaiverInputSchema, input);
  return requestConcession(deps, 'waiver', { accountRef, actor, role, reason, request }, opts);
}

export async function requestSettlement(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const { accountRef, actor, role, reason, ...request } = parse(SettlementInputSchema, input);
  return requestConcession(deps, 'settlement', { accountRef, actor, role, reason, request }, opts);
}

/**
 * A checker approves a pending concession (four-eyes): a different person whose role's limit covers
 * it. The terms are computed again on today's figures (what was owed may have moved since the
 * request) and take effect today.
 */
export async function approveConcession(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const d = parse(DecisionInputSchema, input);
  return runCommand<ConcessionResult>(deps.db, deps.clock, { command: 'approveConcession', idempotencyKey: opts.idempotencyKey, actor: d.actor, input: d }, async (tx) => {
    const c = await pendingConcession(tx, d.concessionId);
    const acct = await openAccountDay(tx, deps.hooks, c.accountRef);
    const policy = await policyFor(tx, acct.jurisdiction);
    const view = { ...acct.view, openRestructures: acct.view.openRestructures.filter((o) => o.id !== c.id), usedOneTimeFlags: acct.view.usedOneTimeFlags.filter((f) => f !== c.oneTimeFlag) };
    const request = (c.terms as { request: Record<string, unknown> }).request;
    const v = build(c.kind, request, view, policy, c.currency as Currency);
    if (!v.ok) refuse(v.issues);
    const check = checkChecker({ maker: c.maker, checker: d.actor, checkerRole: d.role, amountMinor: v.value.amountMinor, balanceMinor: balanceFor(view) }, policy);
    if (!check.ok) throw new AppError('FORBIDDEN', `actor: ${check.reason}`, { issues: [{ path: d.actor === c.maker ? 'actor' : 'role', message: check.reason }] });
    await tx.query('UPDATE concessions SET terms = $2, concession_minor = $3, decision_note = $4 WHERE id = $1', [c.id, JSON.stringify(v.value.stored), v.value.amountMinor, d.note ?? null]);
    const out = await activate(deps, tx, c.id, { ...acct, view }, { checker: d.actor, checkerRole: d.role, approvedBy: `${c.maker} (${c.makerRole}), ${d.actor} (${d.role})` });
    const result: ConcessionResult = {
      concessionId: c.id, accountRef: c.accountRef, kind: c.kind, status: 'active', effectiveOn: acct.view.today, concessionMinor: v.value.amountMinor, terms: v.value.terms,
      explanation: v.value.explanation, approval: null, agreementSha256: out.sha256,
    };
    return { result, audit: out.audit.map((a) => ({ ...a, actor: d.actor }) as Audit) };
  });
}

export async function rejectConcession(deps: NegotiationDeps, input: unknown, opts: Opts) {
  const d = parse(DecisionInputSchema, input);
  return runCommand(deps.db, deps.clock, { command: 'rejectConcession', idempotencyKey: opts.idempotencyKey, actor: d.actor, input: d }, async (tx) => {
    const c = await pendingConcession(tx, d.concessionId);
    if (c.maker === d.actor) throw new AppError('FORBIDDEN', 'actor: four-eyes: the checker must be a different person from the maker', { issues: [{ path: 'actor', message: 'the maker cannot decide their own request' }] });
    await tx.query(`UPDATE concessions SET status = 'rejected', checker = $2, checker_role = $3, decision_note = $4, decided_at = $5 WHERE id = $1`, [c.id, d.actor, d.role, d.note ?? null, deps.clock.now()]);
    const audit: Audit = { type: 'CONCESSION_REJECTED', actor: d.actor, subject: `account:${c.accountRef}`, data: { concessionId: c.id, kind: c.kind, checker: d.actor, checkerRole: d.role, note: d.note ?? null } };
    return { result: { concessionId: c.id, status: 'rejected' as const }, audit };
  });
}

async function pendingConcession(tx: Db, id: number): Promise<ConcessionRecord> {
  const c = await getConcession(tx, id, true);
  if (!c) throw new AppError('NOT_FOUND', `concessionId: no concession ${id}`, { issues: [{ path: 'concessionId', message: 'no such concession' }] });
  if (c.status !== 'pending_approval') throw new AppError('CONFLICT', `concessionId: concession ${id} is ${c.status}, not pending approval`, { issues: [{ path: 'concessionId', message: `is ${c.status}` }] });
  return c;
}

// ---------------------------------------------------------------------------------------------
// The debtor's self-service: the options the account is eligible for, each computed by the rules
// within the policy and explained, and accepting one.

/** Plan lengths offered to debtors, when the policy allows them. */
export const PORTAL_PLAN_TERMS = [3, 6, 12] as const;

export interface PortalOption {
  kind: 'plan' | 'deferral' | 'promise';
  choice: Record<string, unknown>;
  explanation: Bilingual;
  /** Within the portal's own limit: takes effect when accepted; otherwise it goes to a reviewer. */
  instant: boolean;
  terms: unknown;
}

export async function portalOptions(deps: Pick<NegotiationDeps, 'db' | 'hooks'>, input: unknown): Promise<{ accountRef: string; asOf: string; options: PortalOption[]; notOffered: Array<{ kind: string; reason: Bilingual }> }> {
  const { accountRef } = parse(PortalAcceptInputSchema.pick({ accountRef: true }), input);
  return inRolledBack(deps.db, async (tx) => {
    const acct = await openAccountDay(tx, deps.hooks, accountRef);
    const policy = await policyFor(tx, acct.jurisdiction);
    const currency = acct.view.currency as Currency;
    const options: PortalOption[] = [];
    const notOffered: Array<{ kind: string; reason: Bilingual }> = [];
    const terms = PORTAL_PLAN_TERMS.filter((n) => n >= policy.plan.minTermCount && n <= policy.plan.maxTermCount);
    for (const termCount of terms) {
      const v = build('plan', { termCount }, acct.view, policy, currency);
      if (v.ok) options.push({ kind: 'plan', choice: { kind: 'plan', termCount }, explanation: v.value.explanation, instant: canApprove('portal', v.value.amountMinor, acct.view.balanceMinor, policy).ok, terms: v.value.terms });
      else notOffered.push({ kind: `plan:${termCount}`, reason: { 'zh-CN': v.issues.map((i) => i.message).join('；'), en: v.issues.map((i) => i.message).join('; ') } });
    }
    const months = policy.deferral.maxMonths;
    const d = build('deferral', { months, hardship: { kind: 'declared', reference: 'portal' } }, acct.view, policy, currency);
    if (d.ok) options.push({ kind: 'deferral', choice: { kind: 'deferral', months, hardship: policy.deferral.requiresHardship ? '(evidence required)' : undefined }, explanation: d.value.explanation, instant: true, terms: d.value.terms });
    else notOffered.push({ kind: 'deferral', reason: { 'zh-CN': `暂不符合延期条件：${d.issues.map((i) => i.message).join('；')}`, en: `Not eligible for a deferral: ${d.issues.map((i) => i.message).join('; ')}` } });
    // The promise offered is measured as the promise check measures it (the overdue amount at the
    // last close), so that the minimum offered is never one the check then refuses.
    const promiseCtx = await loadPromiseContext(tx, acct.accountId);
    if (promiseCtx && promiseCtx.overdueMinor > 0) {
      const min = minimumPromiseMinor(promiseCtx.overdueMinor, DEFAULT_PROMISE_POLICY);
      const latest = addDays(promiseCtx.today, DEFAULT_PROMISE_POLICY.maxDaysAhead);
      options.push({ kind: 'promise', choice: { kind: 'promise', amountMinor: min, dueOn: latest }, explanation: explainPromise(min, latest, currency), instant: true, terms: { minimumMinor: min, latestDueOn: latest } });
    }
    return { accountRef: acct.accountRef, asOf: acct.view.today, options, notOffered };
  });
}

/** The debtor accepts an option: the portal is the maker, with the portal role's limit. */
export async function acceptPortalOption(deps: NegotiationDeps, input: unknown, opts: { idempotencyKey: string }) {
  const { accountRef, choice } = parse(PortalAcceptInputSchema, input);
  const [owner] = await deps.db.query<{ customer_id: string }>('SELECT customer_id FROM accounts WHERE ref = $1', [accountRef]);
  if (!owner) throw notFound(accountRef);
  const actor = `portal:${owner.customer_id}`;
  const o = { idempotencyKey: opts.idempotencyKey, source: 'portal' as const };
  if (choice.kind === 'promise') {
    const out = await recordPromiseToPay(deps.db, deps.clock, { accountRef, amountMinor: choice.amountMinor, dueOn: choice.dueOn, source: 'portal' }, { actor, idempotencyKey: opts.idempotencyKey });
    return { kind: 'promise' as const, replayed: out.replayed, promise: out.result };
  }
  const reason = 'accepted by the debtor in the portal';
  const out = choice.kind === 'plan'
    ? await requestConcession(deps, 'plan', { accountRef, actor, role: 'portal', reason, request: { termCount: choice.termCount, ...(choice.waive ? { waive: choice.waive } : {}) } }, o)
    : await requestConcession(deps, 'deferral', { accountRef, actor, role: 'portal', reason, request: { months: choice.months, ...(choice.hardship ? { hardship: choice.hardship } : {}) } }, o);
  return { kind: choice.kind, replayed: out.replayed, concession: out.result };
}
