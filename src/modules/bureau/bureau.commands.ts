/**
 * Use cases of credit-bureau furnishing, each through the command runner (one transaction, an
 * idempotency key, an audit entry): the monthly run, sending and recording pre-notices, opening and
 * resolving credit-report disputes. Rendering a run's files again reads only its stored rows.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand, type CommandOutcome } from '../../platform/commands.ts';
import { AppError, fromZodIssues } from '../../platform/errors.ts';
import { createInboxProvider } from '../contacts/index.ts';
import {
  DISPUTE_ANSWER_DAYS, HISTORY_MONTHS, NOTICE_POLICIES, disputeDueOn, fiveClass, isDisputeOverdue, isNegative, isPaidOff, metro2History, metro2Status,
  noticeVerdict, paymentRating, pbocAccountStatus, pbocHistory, periodEnd, previousPeriodEnds, regimeOf, resolutionEffect, type HistoryMonth, type MonthFigures,
} from './bureau.rules.ts';
import { renderCsv, renderMetro2, renderPboc } from './formats.rules.ts';
import {
  DEFAULT_FURNISHER, DisputeInputSchema, NoticeInputSchema, ResolveInputSchema, RunInputSchema, type BureauAuditEvent, type FileFormat, type Furnisher,
  type ReportKind, type ReportRow,
} from './bureau.types.ts';
import {
  accountsWithoutFigures, findAccountRef, findMonthlyRun, finishRun, getDispute, getRun, insertDispute, insertReports, insertRun, loadFigures, loadFileRows,
  loadReportedPeriods, markNoticeSent, pendingNotices, queueNotices, recordNotice, resolveDisputeRow, type AccountFigures, type DisputeRecord, type NewReport,
  type RunRecord,
} from './bureau.store.ts';

export interface BureauDeps {
  db: Db;
  clock: Clock;
  furnisher?: Furnisher;
}

export interface CommandOpts {
  actor: string;
  idempotencyKey: string;
}

/** Accounts read and written per round of a run: bounds its memory whatever the portfolio. */
export const RUN_CHUNK_ACCOUNTS = 2_000;
/** Pending notices sent per command. */
export const NOTICES_PER_SEND = 500;

type Audit = BureauAuditEvent & { actor: string };

function parse<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } } }, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZodIssues(r.error.issues);
  return r.data;
}

const notFound = (path: string, message: string) => new AppError('NOT_FOUND', `${path}: ${message}`, { issues: [{ path, message }] });
const conflict = (path: string, message: string, details?: Record<string, unknown>) => new AppError('CONFLICT', `${path}: ${message}`, { issues: [{ path, message }], ...(details ? { details } : {}) });

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

// ---------------------------------------------------------------------------------------------
// Snapshots

/** The figures of a month end as the rules take them. */
const figuresOf = (f: { balance_minor: number; principal_minor: number; past_due_minor: number; dpd: number }): MonthFigures => ({
  balanceMinor: f.balance_minor, principalMinor: f.principal_minor, pastDueMinor: f.past_due_minor, dpd: f.dpd,
});

/** The 24 months before `period`, most recent first: figures, not yet open, or no data. */
function historyOf(f: AccountFigures, period: string): HistoryMonth[] {
  const byEnd = new Map((f.history ?? []).map(([end, b, p, pd, dpd]) => [end, { balanceMinor: b, principalMinor: p, pastDueMinor: pd, dpd }]));
  return previousPeriodEnds(period, HISTORY_MONTHS).map((end) => (f.opened_on > end ? 'not_open' : byEnd.get(end) ?? 'no_data'));
}

/** One snapshot row from an account's figures: the codes come from the rules. */
export function snapshotOf(f: AccountFigures, period: string, kind: ReportKind, o: { correctsId?: number | null; withheldReason?: string | null; disputed: boolean; complianceCode: string }): NewReport {
  const cur = figuresOf(f);
  const prev = historyOf(f, period);
  const status = metro2Status(cur, f.product_kind);
  const paidOff = isPaidOff(cur, f.product_kind);
  return {
    account_id: f.account_id, period, kind, corrects_id: o.correctsId ?? null, withheld_reason: o.withheldReason ?? null,
    account_ref: f.account_ref, customer_id: f.customer_id, jurisdiction: f.jurisdiction, product_kind: f.product_kind, currency: f.currency,
    opened_on: f.opened_on, maturity_on: f.maturity_on, term_count: f.term_count, credit_limit_minor: f.credit_limit_minor, original_minor: f.original_minor,
    scheduled_minor: f.scheduled_minor, actual_payment_minor: f.actual_payment_minor, last_payment_on: f.last_payment_on, last_payment_minor: f.last_payment_minor,
    balance_minor: f.balance_minor, past_due_minor: f.past_due_minor, dpd: f.dpd, items_past_due: f.items_past_due,
    first_delinquency_on: f.dpd > 0 ? f.delinquent_since : null, closed_on: paidOff ? f.last_payment_on : null,
    metro2_status: status, payment_rating: paymentRating(status, cur), metro2_history: metro2History(prev),
    pboc_status: pbocAccountStatus(cur, f.product_kind), pboc_history: pbocHistory([...prev.slice(0, HISTORY_MONTHS - 1).reverse(), cur], f.product_kind),
    five_class: fiveClass(cur), special_comment: '', compliance_code: o.complianceCode, disputed: o.disputed,
    debtor_name: f.debtor_name, id_number: f.id_number, address: f.address,
  };
}

/** Which files an account's rows go into besides the CSV. */
const FILE_REGIME: Record<Exclude<FileFormat, 'csv'>, 'CN' | 'US'> = { pboc: 'CN', metro2: 'US' };

/** Renders a run's files from its stored rows: the same rows give the same bytes. */
export async function renderRunFiles(db: Db, run: RunRecord, furnisher: Furnisher = DEFAULT_FURNISHER): Promise<Record<FileFormat, string>> {
  const rows = await loadFileRows(db, run.id);
  const meta = { furnisher, periodEnd: run.periodEnd, createdAt: run.createdAt, runId: run.id, runKind: run.kind };
  const of = (f: keyof typeof FILE_REGIME): ReportRow[] => rows.filter((r) => regimeOf(r.jurisdiction) === FILE_REGIME[f]);
  return { csv: renderCsv(rows), pboc: renderPboc(of('pboc'), meta), metro2: renderMetro2(of('metro2'), meta) };
}

async function sealFiles(tx: Db, runId: number, furnisher: Furnisher | undefined, counts: { reported: number; withheld: number; noticesQueued: number }): Promise<Record<string, string>> {
  const run = (await getRun(tx, runId))!;
  const files = await renderRunFiles(tx, run, furnisher);
  const hashes = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, sha256(v)]));
  await finishRun(tx, runId, { ...counts, files: hashes });
  return hashes;
}

// ---------------------------------------------------------------------------------------------
// The monthly run

export interface RunResult {
  runId: number;
  period: string;
  periodEnd: string;
  reported: number;
  withheld: number;
  noticesQueued: number;
  /** sha256 of each file, by format. */
  files: Record<string, string>;
  /** The period had been furnished already: this is that run, unchanged. */
  repeated: boolean;
}

/**
 * Furnishes a month: one snapshot row per reportable account from the month-end figures. An
 * account's first negative report is withheld until its pre-notice allows it (a notice is queued
 * when there is none). A period is furnished once: running it again returns the same run, so the
 * files are the same bytes.
 */
export async function runFurnishing(deps: BureauDeps, input: unknown, opts: CommandOpts): Promise<CommandOutcome<RunResult>> {
  const { period } = parse(RunInputSchema, input);
  return runCommand<RunResult>(deps.db, deps.clock, { command: 'runFurnishing', ...opts, input: { period } }, async (tx) => {
    const existing = await findMonthlyRun(tx, period);
    if (existing) {
      const result: RunResult = { runId: existing.id, period, periodEnd: existing.periodEnd, reported: existing.reported, withheld: existing.withheld, noticesQueued: existing.noticesQueued, files: existing.files, repeated: true };
      return { result, audit: runAudit(opts.actor, result) };
    }
    const pe = periodEnd(period);
    const missing = await accountsWithoutFigures(tx, pe);
    if (missing.count > 0) {
      throw conflict('period', `the daily cycle has not closed ${pe} for ${missing.count} account(s) (e.g. ${missing.sample.join(', ')}): furnish a month after its last day is closed`, { missing: missing.count, sample: missing.sample });
    }
    const now = deps.clock.now();
    const runId = await insertRun(tx, { kind: 'monthly', period, periodEnd: pe, createdAt: now, createdBy: opts.actor, disputeId: null });
    const historyFrom = previousPeriodEnds(period, HISTORY_MONTHS)[HISTORY_MONTHS - 1]!;
    let reported = 0;
    let withheld = 0;
    let noticesQueued = 0;
    for (let after = 0; ;) {
      const chunk = await loadFigures(tx, { periodEnd: pe, periodStart: `${period}-01`, historyFrom, afterId: after, limit: RUN_CHUNK_ACCOUNTS });
      if (chunk.length === 0) break;
      after = chunk[chunk.length - 1]!.account_id;
      const rows: NewReport[] = [];
      const toNotify: Array<{ accountId: number; customerId: string }> = [];
      for (const f of chunk) {
        const cur = figuresOf(f);
        // A paid-off loan is reported once, closed, after having been reported open; then no more.
        if (isPaidOff(cur, f.product_kind) && (f.last_reported_status === null || f.last_reported_status === '13')) continue;
        const mark = { disputed: f.open_dispute || f.kept_mark, complianceCode: f.open_dispute ? 'XB' : '' };
        let withheldReason: string | null = null;
        if (isNegative(cur) && !f.reported_negative_before) {
          const v = noticeVerdict(NOTICE_POLICIES[regimeOf(f.jurisdiction)], f.notices ?? [], pe);
          if (v.verdict === 'none') {
            toNotify.push({ accountId: f.account_id, customerId: f.customer_id });
            withheldReason = 'pre_notice_queued';
          } else if (v.verdict === 'pending') withheldReason = 'pre_notice_not_sent';
          else if (v.verdict === 'waiting') withheldReason = `pre_notice_wait_until_${v.reportableFrom}`;
        }
        rows.push(snapshotOf(f, period, withheldReason ? 'withheld' : 'report', { ...mark, withheldReason }));
        if (withheldReason) withheld++;
        else reported++;
      }
      await insertReports(tx, runId, rows);
      noticesQueued += await queueNotices(tx, runId, toNotify, now);
    }
    const files = await sealFiles(tx, runId, deps.furnisher, { reported, withheld, noticesQueued });
    const result: RunResult = { runId, period, periodEnd: pe, reported, withheld, noticesQueued, files, repeated: false };
    return { result, audit: runAudit(opts.actor, result) };
  });
}

function runAudit(actor: string, r: RunResult): Audit {
  return { type: 'BUREAU_RUN_MADE', actor, subject: `bureau-run:${r.runId}`, data: { period: r.period, reported: r.reported, withheld: r.withheld, noticesQueued: r.noticesQueued, files: r.files, repeated: r.repeated } };
}

// ---------------------------------------------------------------------------------------------
// Pre-notices

/** The pre-notice text in the debtor's language. */
export function noticeText(language: string, accountRef: string, jurisdiction: string): { subject: string; text: string } {
  const regime = regimeOf(jurisdiction);
  const days = NOTICE_POLICIES[regime].waitDays;
  if (language === 'zh-CN') {
    return {
      subject: '征信报送提示',
      text: `您的账户 ${accountRef} 已逾期。根据《征信业管理条例》第十五条，我们将在本通知发出${days}日后向征信机构报送该账户的逾期信息。如您已还款或对信息有异议，请通过客户门户提出异议。`,
    };
  }
  return {
    subject: 'Notice before credit reporting',
    text: `Your account ${accountRef} is past due. We may report it to consumer reporting agencies as delinquent once ${days} days have passed from this notice. If you have paid or believe the information is wrong, you can dispute it through the customer portal.`,
  };
}

export interface NoticesResult {
  sent: Array<{ noticeId: number; accountRef: string; channel: string; reference: string; sentOn: string }>;
}

/**
 * Sends the queued pre-notices as in-app messages (站内信) in the debtor's language, each under the
 * reference `bn-<id>`, in the same transaction that marks them sent on `businessDate`.
 */
export async function sendBureauNotices(deps: BureauDeps, o: { businessDate: string }, opts: CommandOpts): Promise<CommandOutcome<NoticesResult>> {
  return runCommand<NoticesResult>(deps.db, deps.clock, { command: 'sendBureauNotices', ...opts, input: o }, async (tx) => {
    const now = deps.clock.now();
    const provider = createInboxProvider(tx, 'in_app');
    const sent: NoticesResult['sent'] = [];
    for (const n of await pendingNotices(tx, NOTICES_PER_SEND)) {
      const reference = `bn-${n.id}`;
      const { subject, text } = noticeText(n.language, n.accountRef, n.jurisdiction);
      await provider.send({ reference, channel: 'in_app', to: n.customerId, from: 'lender', language: n.language === 'zh-CN' ? 'zh-CN' : 'en', subject, text, verifyCode: reference, customerId: n.customerId, accountRef: n.accountRef, at: now });
      await markNoticeSent(tx, n.id, { channel: 'in_app', reference, sentOn: o.businessDate, sentAt: now, recordedBy: opts.actor });
      sent.push({ noticeId: n.id, accountRef: n.accountRef, channel: 'in_app', reference, sentOn: o.businessDate });
    }
    return { result: { sent }, audit: { type: 'BUREAU_NOTICES_SENT', actor: opts.actor, subject: 'bureau-notices', data: { items: sent } } satisfies Audit };
  });
}

/** Records a pre-notice given outside the queue: a call, in person, or a letter sent by staff. */
export async function recordBureauNotice(deps: BureauDeps, input: unknown, opts: CommandOpts): Promise<CommandOutcome<NoticesResult>> {
  const n = parse(NoticeInputSchema, input);
  return runCommand<NoticesResult>(deps.db, deps.clock, { command: 'recordBureauNotice', ...opts, input: n }, async (tx) => {
    const a = await findAccountRef(tx, n.accountRef);
    if (!a) throw notFound('accountRef', `no account '${n.accountRef}'`);
    const id = await recordNotice(tx, { accountId: a.id, customerId: a.customerId, channel: n.channel, reference: n.reference, sentOn: n.sentOn, sentAt: deps.clock.now(), recordedBy: opts.actor });
    const sent = [{ noticeId: id, accountRef: a.ref, channel: n.channel, reference: n.reference, sentOn: n.sentOn }];
    return { result: { sent }, audit: { type: 'BUREAU_NOTICES_SENT', actor: opts.actor, subject: 'bureau-notices', data: { items: sent } } satisfies Audit };
  });
}

// ---------------------------------------------------------------------------------------------
// Disputes

export interface DisputeView extends DisputeRecord {
  answerDays: number;
  overdue: boolean;
}

export function disputeView(d: DisputeRecord, asOf: string): DisputeView {
  return { ...d, answerDays: DISPUTE_ANSWER_DAYS[regimeOf(d.jurisdiction)], overdue: isDisputeOverdue(d, asOf) };
}

/**
 * Opens a credit-report dispute. From the portal, `customerId` is the signed-in debtor: an account
 * of anyone else is answered exactly like one that does not exist.
 */
export async function openBureauDispute(deps: BureauDeps, input: unknown, o: { source: 'portal' | 'staff'; customerId?: string; businessDate: string }, opts: CommandOpts): Promise<CommandOutcome<DisputeView>> {
  const d = parse(DisputeInputSchema, input);
  return runCommand<DisputeView>(deps.db, deps.clock, { command: 'openBureauDispute', ...opts, input: { ...d, source: o.source, customerId: o.customerId ?? null, businessDate: o.businessDate } }, async (tx) => {
    const a = await findAccountRef(tx, d.accountRef);
    if (!a || (o.customerId !== undefined && a.customerId !== o.customerId)) throw notFound('accountRef', `no account '${d.accountRef}'`);
    const dueOn = disputeDueOn(regimeOf(a.jurisdiction), o.businessDate);
    const id = await insertDispute(tx, { accountId: a.id, customerId: a.customerId, jurisdiction: a.jurisdiction, source: o.source, reason: d.reason, periods: d.periods, receivedOn: o.businessDate, dueOn, now: deps.clock.now() });
    const view = disputeView((await getDispute(tx, id))!, o.businessDate);
    return { result: view, audit: { type: 'BUREAU_DISPUTE_OPENED', actor: opts.actor, subject: `account:${a.ref}`, data: { disputeId: id, source: o.source, periods: d.periods, receivedOn: o.businessDate, dueOn } } satisfies Audit };
  });
}

export interface ResolveResult {
  dispute: DisputeView;
  /** Answered after its due date. */
  answeredLate: boolean;
  correctionRunId: number | null;
  records: number;
  files: Record<string, string>;
}

/**
 * Answers a credit-report dispute. 'corrected': a correction run with a corrected snapshot of each
 * period concerned, from the month-end figures as they are now (after the ledger was put right);
 * 'deleted' (and 'unverifiable' in the US): delete records for those periods; 'no_error' (and
 * 'unverifiable' in CN, which keeps the mark): no records. The dispute mark goes from the next file.
 */
export async function resolveBureauDispute(deps: BureauDeps, disputeId: number, input: unknown, o: { businessDate: string }, opts: CommandOpts): Promise<CommandOutcome<ResolveResult>> {
  const r = parse(ResolveInputSchema, input);
  return runCommand<ResolveResult>(deps.db, deps.clock, { command: 'resolveBureauDispute', ...opts, input: { ...r, disputeId, businessDate: o.businessDate } }, async (tx) => {
    const d = await getDispute(tx, disputeId, true);
    if (!d) throw notFound('id', `no credit-report dispute ${disputeId}`);
    if (d.status !== 'open') throw conflict('id', `dispute ${disputeId} was already resolved (${d.outcome}) on ${d.resolvedOn}`);
    const overdue = isDisputeOverdue(d, o.businessDate);
    const effect = resolutionEffect(regimeOf(d.jurisdiction), r.outcome);
    let correctionRunId: number | null = null;
    let records = 0;
    let files: Record<string, string> = {};
    const targets = effect.records === 'none' ? [] : await loadReportedPeriods(tx, d.accountId, d.periods);
    if (targets.length > 0) {
      const latest = targets[targets.length - 1]!.period;
      correctionRunId = await insertRun(tx, { kind: 'correction', period: latest, periodEnd: periodEnd(latest), createdAt: deps.clock.now(), createdBy: opts.actor, disputeId: d.id });
      const rows: NewReport[] = [];
      for (const t of targets) {
        const pe = periodEnd(t.period);
        const [f] = await loadFigures(tx, { periodEnd: pe, periodStart: `${t.period}-01`, historyFrom: previousPeriodEnds(t.period, HISTORY_MONTHS)[HISTORY_MONTHS - 1]!, afterId: 0, limit: 1, accountIds: [d.accountId] });
        if (!f) throw new AppError('INTERNAL', `no month-end figures of account ${d.accountRef} for ${pe}, which was reported`);
        rows.push(snapshotOf(f, t.period, effect.records === 'delete' ? 'delete' : 'correction', { correctsId: t.id, disputed: false, complianceCode: '' }));
      }
      await insertReports(tx, correctionRunId, rows);
      records = rows.length;
      files = await sealFiles(tx, correctionRunId, deps.furnisher, { reported: records, withheld: 0, noticesQueued: 0 });
    }
    await resolveDisputeRow(tx, d.id, { outcome: r.outcome, note: r.note, resolvedOn: o.businessDate, resolvedBy: opts.actor, correctionRunId });
    const dispute = disputeView((await getDispute(tx, d.id))!, o.businessDate);
    return {
      result: { dispute, answeredLate: overdue, correctionRunId, records, files },
      audit: { type: 'BUREAU_DISPUTE_RESOLVED', actor: opts.actor, subject: `account:${d.accountRef}`, data: { disputeId: d.id, outcome: r.outcome, resolvedOn: o.businessDate, overdue, correctionRunId, records, files } } satisfies Audit,
    };
  });
}
