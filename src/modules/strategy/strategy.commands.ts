/**
 * Strategy use cases: save a table version as a draft, publish it, run champion/challenger experiments
 * and stop them (by hand or by their guardrails), ship the default tables, and load what is in force for
 * the daily cycle. Every write goes through the command runner: one transaction with its idempotency
 * record and its audit entries.
 *
 * The rules are checked where the data is: the validator runs against the bucket policy in the database
 * when a version is saved and again when it is published or becomes a challenger, because the policy may
 * have changed in between.
 */
import type { Db } from '../../platform/db.ts';
import { fixedClock, type Clock } from '../../platform/clock.ts';
import { requestHash, runCommand } from '../../platform/commands.ts';
import { AppError, fromZodIssues, invalidField } from '../../platform/errors.ts';
import { isIsoDate } from '../../platform/dates.ts';
import type { AuditEvent } from '../audit/index.ts';
import { loadBuckets } from '../delinquency/index.ts';
import {
  ArmCountsSchema,
  ARMS,
  DecisionTableSchema,
  ExperimentInputSchema,
  type Arm,
  type ArmCounts,
  type ArmMetrics,
  type ArmVerdict,
  type DecisionTable,
  type ExperimentInput,
  type Finding,
  type StrategyJurisdiction,
  type ValidationDomain,
} from './strategy.types.ts';
import { compileTable } from './decision.rules.ts';
import { domainOf, validateTable } from './validate.rules.ts';
import { armMetrics, evaluateGuardrails, type StrategyInForce } from './experiments.rules.ts';
import { DEFAULT_TABLES } from './defaults/index.ts';
import {
  getExperiment,
  getTableVersion,
  insertExperiment,
  insertTableVersion,
  listExperiments,
  lockTableCode,
  markExperimentStopped,
  markPublished,
  publishedFor,
  publishedVersions,
  retireVersion,
  runningExperimentFor,
  countTableVersions,
  type ExperimentRecord,
} from './strategy.store.ts';

/** The bucket policy tables are checked against unless a command names another. */
export const DEFAULT_BUCKET_POLICY = 'default';
/** Longest free-text reason for stopping an experiment, in characters. */
export const MAX_STOP_REASON_CHARS = 2000;

type Audit = AuditEvent & { actor: string };

export interface WriteOptions {
  actor: string;
  idempotencyKey: string;
}

/** The validation domain of a bucket policy, from the database. */
export async function loadDomain(db: Db, policy = DEFAULT_BUCKET_POLICY): Promise<ValidationDomain> {
  const buckets = await loadBuckets(db, policy);
  if (buckets.length === 0) throw invalidField('bucketPolicy', `no bucket policy '${policy}'`);
  return domainOf(buckets);
}

/** Parses a table from outside: every wrong field is named with its path. */
export function parseTable(input: unknown, prefix = ''): DecisionTable {
  const parsed = DecisionTableSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, prefix);
  return parsed.data;
}

/** Findings as field issues: an invalid finding by its field, the others by their rows. */
function findingIssues(findings: readonly Finding[]) {
  return findings.map((f) => ({ path: f.field ?? (f.rowIds.length ? `rows[${f.rowIds.join(',')}]` : f.kind), message: f.message.en }));
}

function refuseInvalid(findings: readonly Finding[]): void {
  const bad = findings.filter((f) => f.kind === 'invalid');
  if (bad.length === 0) return;
  throw new AppError('VALIDATION_FAILED', bad.map((f) => f.message.en).join('; '), { issues: findingIssues(bad), details: { findings: bad } });
}

// -------------------------------------------------------------------------------------------------------
// Tables

export interface SavedTable {
  code: string;
  version: number;
  jurisdiction: StrategyJurisdiction;
  status: 'draft';
  findings: Finding[];
}

/**
 * Saves a table as a new draft version. Invalid fields refuse the save (VALIDATION_FAILED naming the row and
 * field); shadowed rows, overlaps and gaps are stored with the version and must be gone before it can be
 * published. A code keeps its jurisdiction across versions.
 */
export async function saveDraftTable(db: Db, clock: Clock, opts: WriteOptions & { table: unknown; bucketPolicy?: string }) {
  const table = parseTable(opts.table);
  return runCommand(db, clock, { command: 'saveDraftTable', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { table, bucketPolicy: opts.bucketPolicy ?? null } }, async (tx) => {
    const findings = validateTable(table, await loadDomain(tx, opts.bucketPolicy));
    refuseInvalid(findings);
    await lockTableCode(tx, table.code);
    const [prior] = await tx.query<{ jurisdiction: string }>('SELECT jurisdiction FROM strategy_tables WHERE code = $1 ORDER BY version DESC LIMIT 1', [table.code]);
    if (prior && prior.jurisdiction !== table.jurisdiction) {
      throw invalidField('jurisdiction', `table '${table.code}' is for ${prior.jurisdiction}; a new jurisdiction needs a new code`);
    }
    const version = await insertTableVersion(tx, { code: table.code, jurisdiction: table.jurisdiction, status: 'draft', table, findings, now: clock.now(), actor: opts.actor });
    const result: SavedTable = { code: table.code, version, jurisdiction: table.jurisdiction, status: 'draft', findings };
    const audit: Audit = {
      type: 'STRATEGY_TABLE_SAVED', actor: opts.actor, subject: `strategy:${table.code}`,
      data: { code: table.code, version, jurisdiction: table.jurisdiction, rows: table.rows.length, findings: findings.length },
    };
    return { result, audit };
  });
}

export interface PublishedTable {
  code: string;
  version: number;
  jurisdiction: StrategyJurisdiction;
  /** The versions taken out of force: the code's previous version, or another code's for the same jurisdiction. */
  retired: Array<{ code: string; version: number }>;
}

/**
 * Puts a draft version in force. The version in force for the same code, and any other table in force for
 * the same jurisdiction, are retired (history stays). Refused while an experiment runs on either table, and
 * when the validator, run again against today's bucket policy, reports anything at all.
 */
export async function publishTable(db: Db, clock: Clock, opts: WriteOptions & { code: string; version: number; bucketPolicy?: string }) {
  return runCommand(db, clock, { command: 'publishTable', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { code: opts.code, version: opts.version, bucketPolicy: opts.bucketPolicy ?? null } }, async (tx) => {
    await lockTableCode(tx, opts.code);
    const v = await getTableVersion(tx, opts.code, opts.version);
    if (!v) throw new AppError('NOT_FOUND', `version: table '${opts.code}' has no version ${opts.version}`, { issues: [{ path: 'version', message: 'no such version' }] });
    if (v.status !== 'draft') {
      throw new AppError('CONFLICT', `version: ${opts.code} v${opts.version} is ${v.status}; only a draft can be published (save it again as a new draft to bring it back)`, {
        issues: [{ path: 'version', message: `is ${v.status}, not a draft` }],
      });
    }
    // Two tables of one jurisdiction published at once would both retire the same third one.
    await lockTableCode(tx, `jurisdiction:${v.jurisdiction}`);
    const findings = validateTable(v.table, await loadDomain(tx, opts.bucketPolicy));
    if (findings.length > 0) {
      throw new AppError('VALIDATION_FAILED', `${opts.code} v${opts.version} has ${findings.length} finding(s); fix them before publishing: ${findings.map((f) => f.message.en).join('; ')}`, {
        issues: findingIssues(findings),
        details: { findings },
      });
    }
    const replaced = [await publishedFor(tx, { code: v.code }), await publishedFor(tx, { jurisdiction: v.jurisdiction })].filter((x) => x !== null);
    const retired = [...new Map(replaced.map((x) => [`${x.code}@${x.version}`, { code: x.code, version: x.version }])).values()];
    for (const r of retired) {
      const running = await runningExperimentFor(tx, r.code);
      if (running) {
        throw new AppError('CONFLICT', `experiment '${running.code}' is running on ${r.code}; stop it before publishing`, { issues: [{ path: 'code', message: `experiment ${running.code} is running` }] });
      }
    }
    const now = clock.now();
    for (const r of retired) await retireVersion(tx, r.code, r.version, now);
    await markPublished(tx, v.code, v.version, findings, now, opts.actor);
    const result: PublishedTable = { code: v.code, version: v.version, jurisdiction: v.jurisdiction, retired };
    const audit: Audit = {
      type: 'STRATEGY_TABLE_PUBLISHED', actor: opts.actor, subject: `strategy:${v.code}`,
      data: { code: v.code, version: v.version, jurisdiction: v.jurisdiction, retired, shipped: false },
    };
    return { result, audit };
  });
}

/**
 * Publishes each shipped default table (defaults/) whose code has no version yet and whose jurisdiction has
 * no table in force, as version 1. A lender's own tables are left alone. Called at start; safe to repeat and
 * to run from two processes at once (the idempotency key is derived from the table).
 */
export async function ensureDefaultTables(db: Db, now: string): Promise<{ published: string[]; skipped: Array<{ code: string; reason: string }> }> {
  const clock = fixedClock(now);
  const published: string[] = [];
  const skipped: Array<{ code: string; reason: string }> = [];
  for (const table of DEFAULT_TABLES) {
    if ((await countTableVersions(db, table.code)) > 0) continue;
    const inForce = await publishedFor(db, { jurisdiction: table.jurisdiction });
    if (inForce) {
      skipped.push({ code: table.code, reason: `${inForce.code} is in force for ${table.jurisdiction}` });
      continue;
    }
    const findings = validateTable(table, await loadDomain(db));
    if (findings.length > 0) {
      skipped.push({ code: table.code, reason: `does not validate against the bucket policy: ${findings.map((f) => f.message.en).join('; ')}` });
      continue;
    }
    const key = `strategy:defaults:${table.code}:${requestHash('ensureDefaultTables', table).slice(0, 16)}`;
    const out = await runCommand(db, clock, { command: 'ensureDefaultTables', idempotencyKey: key, actor: 'system', input: table }, async (tx) => {
      await lockTableCode(tx, table.code);
      if ((await countTableVersions(tx, table.code)) > 0) return { result: false, audit: [] };
      const version = await insertTableVersion(tx, { code: table.code, jurisdiction: table.jurisdiction, status: 'published', table, findings, now, actor: 'system' });
      const audit: Audit = {
        type: 'STRATEGY_TABLE_PUBLISHED', actor: 'system', subject: `strategy:${table.code}`,
        data: { code: table.code, version, jurisdiction: table.jurisdiction, retired: [], shipped: true },
      };
      return { result: true, audit };
    });
    if (out.result && !out.replayed) published.push(table.code);
  }
  return { published, skipped };
}

/** A table in force, compiled, with the experiment running on it: what the daily cycle decides with. */
export interface PublishedStrategy extends StrategyInForce {
  jurisdiction: StrategyJurisdiction;
  publishedAt: string;
}

/**
 * The tables in force by jurisdiction, compiled once, each with its running experiment's challenger
 * compiled too. Use `strategyFor(map, jurisdiction)` for a debtor's jurisdiction (state overlays fall
 * back to the US table) and `decideForAccount(strategy, facts)` per account.
 */
export async function loadPublishedTables(db: Db): Promise<Map<StrategyJurisdiction, PublishedStrategy>> {
  const out = new Map<StrategyJurisdiction, PublishedStrategy>();
  const running = new Map((await listExperiments(db, { status: 'running' })).map((x) => [x.tableCode, x]));
  for (const v of await publishedVersions(db)) {
    const x = running.get(v.code);
    let experiment: StrategyInForce['experiment'] = null;
    if (x) {
      const challenger = await getTableVersion(db, x.tableCode, x.challengerVersion);
      if (!challenger) throw new AppError('INTERNAL', `experiment ${x.code}: challenger ${x.tableCode} v${x.challengerVersion} is missing`);
      experiment = { code: x.code, holdoutBp: x.holdoutBp, challengerBp: x.challengerBp, challengerVersion: x.challengerVersion, challenger: compileTable(challenger.table) };
    }
    out.set(v.jurisdiction, { code: v.code, version: v.version, jurisdiction: v.jurisdiction, publishedAt: v.publishedAt!, compiled: compileTable(v.table), experiment });
  }
  return out;
}

// -------------------------------------------------------------------------------------------------------
// Experiments

function checkDate(field: string, date: string): void {
  if (!isIsoDate(date)) throw invalidField(field, `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

/**
 * Starts an experiment: the version in force of `tableCode` is the champion, `challengerVersion` (a draft or
 * a retired version of the same table, validating with no findings) the challenger. One experiment at a
 * time per table.
 */
export async function startExperiment(db: Db, clock: Clock, opts: WriteOptions & { experiment: ExperimentInput | unknown; businessDate: string; bucketPolicy?: string }) {
  const parsed = ExperimentInputSchema.safeParse(opts.experiment);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  const x = parsed.data;
  checkDate('businessDate', opts.businessDate);
  return runCommand(db, clock, { command: 'startExperiment', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { experiment: x, businessDate: opts.businessDate } }, async (tx) => {
    await lockTableCode(tx, x.tableCode);
    if (await getExperiment(tx, x.code)) throw new AppError('CONFLICT', `code: an experiment '${x.code}' exists already`, { issues: [{ path: 'code', message: 'already used' }] });
    const champion = await publishedFor(tx, { code: x.tableCode });
    if (!champion) throw new AppError('CONFLICT', `tableCode: table '${x.tableCode}' has no version in force to be the champion`, { issues: [{ path: 'tableCode', message: 'no published version' }] });
    const running = await runningExperimentFor(tx, x.tableCode);
    if (running) throw new AppError('CONFLICT', `tableCode: experiment '${running.code}' is already running on ${x.tableCode}`, { issues: [{ path: 'tableCode', message: `experiment ${running.code} is running` }] });
    const challenger = await getTableVersion(tx, x.tableCode, x.challengerVersion);
    if (!challenger) throw new AppError('NOT_FOUND', `challengerVersion: table '${x.tableCode}' has no version ${x.challengerVersion}`, { issues: [{ path: 'challengerVersion', message: 'no such version' }] });
    if (challenger.version === champion.version) throw invalidField('challengerVersion', `version ${champion.version} is the champion (in force) already`);
    const findings = validateTable(challenger.table, await loadDomain(tx, opts.bucketPolicy));
    if (findings.length > 0) {
      throw new AppError('VALIDATION_FAILED', `challengerVersion: ${x.tableCode} v${x.challengerVersion} has ${findings.length} finding(s): ${findings.map((f) => f.message.en).join('; ')}`, {
        issues: [{ path: 'challengerVersion', message: `${findings.length} finding(s)` }, ...findingIssues(findings)],
        details: { findings },
      });
    }
    const record = {
      code: x.code, tableCode: x.tableCode, championVersion: champion.version, challengerVersion: x.challengerVersion, holdoutBp: x.holdoutBp,
      challengerBp: x.challengerBp, guardrails: x.guardrails, startedOn: opts.businessDate, createdAt: clock.now(), createdBy: opts.actor,
    };
    await insertExperiment(tx, record);
    const result: ExperimentRecord = { ...record, status: 'running', stoppedOn: null, stopReason: null };
    const audit: Audit = {
      type: 'STRATEGY_EXPERIMENT_STARTED', actor: opts.actor, subject: `experiment:${x.code}`,
      data: { code: x.code, tableCode: x.tableCode, championVersion: champion.version, challengerVersion: x.challengerVersion, holdoutBp: x.holdoutBp, challengerBp: x.challengerBp, guardrails: x.guardrails.length, startedOn: opts.businessDate },
    };
    return { result, audit };
  });
}

/** Stops a running experiment by hand (`completed` when it ran its course): every account returns to the champion. */
export async function stopExperiment(db: Db, clock: Clock, opts: WriteOptions & { code: string; reason: string; businessDate: string; completed?: boolean }) {
  checkDate('businessDate', opts.businessDate);
  if (opts.reason.trim().length === 0 || opts.reason.length > MAX_STOP_REASON_CHARS) throw invalidField('reason', `required, 1–${MAX_STOP_REASON_CHARS} characters`);
  const status = opts.completed ? 'completed' : 'stopped';
  return runCommand(db, clock, { command: 'stopExperiment', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { code: opts.code, reason: opts.reason, businessDate: opts.businessDate, status } }, async (tx) => {
    const x = await getExperiment(tx, opts.code, { forUpdate: true });
    if (!x) throw new AppError('NOT_FOUND', `code: no experiment '${opts.code}'`, { issues: [{ path: 'code', message: 'no such experiment' }] });
    if (x.status !== 'running') throw new AppError('CONFLICT', `code: experiment '${opts.code}' is ${x.status} already`, { issues: [{ path: 'code', message: `is ${x.status}` }] });
    if (opts.businessDate < x.startedOn) throw invalidField('businessDate', `before the experiment started (${x.startedOn})`);
    const reason = { kind: 'manual', reason: opts.reason, actor: opts.actor };
    await markExperimentStopped(tx, x.code, status, opts.businessDate, reason);
    const result: ExperimentRecord = { ...x, status, stoppedOn: opts.businessDate, stopReason: reason };
    const audit: Audit = { type: 'STRATEGY_EXPERIMENT_STOPPED', actor: opts.actor, subject: `experiment:${x.code}`, data: { code: x.code, status, stoppedOn: opts.businessDate, reason } };
    return { result, audit };
  });
}

export interface GuardrailOutcome {
  code: string;
  stopped: boolean;
  metrics: Partial<Record<Arm, ArmMetrics>>;
  verdicts: Record<Arm, ArmVerdict>;
}

/**
 * Judges the running experiments' guardrails on the counts of the period ending on `businessDate` (one
 * entry per experiment code, counts per arm). An experiment whose challenger or holdout crosses a guardrail
 * is stopped, with the reasons, so every account returns to the champion. A champion over an absolute
 * ceiling is reported, not stopped: stopping the experiment would not change what the champion does.
 * Experiments without counts are left as they are.
 */
export async function applyGuardrails(
  db: Db,
  clock: Clock,
  opts: { counts: Record<string, Partial<Record<Arm, ArmCounts>>>; businessDate: string; actor?: string; idempotencyKey?: string },
) {
  checkDate('businessDate', opts.businessDate);
  const counts: Record<string, Partial<Record<Arm, ArmCounts>>> = {};
  for (const [code, perArm] of Object.entries(opts.counts)) {
    counts[code] = {};
    for (const [arm, c] of Object.entries(perArm)) {
      if (!(ARMS as readonly string[]).includes(arm)) throw invalidField(`counts.${code}.${arm}`, `not an arm (${ARMS.join(', ')})`);
      const parsed = ArmCountsSchema.safeParse(c);
      if (!parsed.success) throw fromZodIssues(parsed.error.issues, `counts.${code}.${arm}`);
      counts[code][arm as Arm] = parsed.data;
    }
  }
  const actor = opts.actor ?? 'system';
  const key = opts.idempotencyKey ?? `strategy:guardrails:${opts.businessDate}`;
  return runCommand(db, clock, { command: 'applyGuardrails', idempotencyKey: key, actor, input: { counts, businessDate: opts.businessDate } }, async (tx) => {
    const running = new Map((await listExperiments(tx, { status: 'running' })).map((x) => [x.code, x]));
    for (const code of Object.keys(counts)) {
      if (!running.has(code)) throw invalidField(`counts.${code}`, `no running experiment '${code}'`);
    }
    const outcomes: GuardrailOutcome[] = [];
    const audit: Audit[] = [];
    for (const [code, perArm] of Object.entries(counts)) {
      const x = running.get(code)!;
      const metrics: Partial<Record<Arm, ArmMetrics>> = {};
      for (const [arm, c] of Object.entries(perArm) as Array<[Arm, ArmCounts]>) metrics[arm] = armMetrics(c);
      const verdicts = evaluateGuardrails(metrics, x.guardrails);
      const stopped = verdicts.challenger.stop || verdicts.holdout.stop;
      if (stopped) {
        const reason = {
          kind: 'guardrail',
          businessDate: opts.businessDate,
          reasons: ARMS.flatMap((arm) => verdicts[arm].reasons.map((r) => ({ arm, ...r }))),
        };
        await markExperimentStopped(tx, code, 'stopped', opts.businessDate, reason);
        audit.push({ type: 'STRATEGY_EXPERIMENT_STOPPED', actor, subject: `experiment:${code}`, data: { code, status: 'stopped', stoppedOn: opts.businessDate, reason } });
      }
      outcomes.push({ code, stopped, metrics, verdicts });
    }
    audit.push({
      type: 'STRATEGY_GUARDRAILS_CHECKED', actor, subject: `guardrails:${opts.businessDate}`,
      data: { businessDate: opts.businessDate, experiments: outcomes.map((o) => ({ code: o.code, stopped: o.stopped, reasons: ARMS.reduce((n, a) => n + o.verdicts[a].reasons.length, 0) })) },
    });
    return { result: outcomes, audit };
  });
}

/** The business date for writes from the API: the stored one (the demo and the cycle set it), else today in UTC. */
export async function currentBusinessDate(db: Db, clock: Clock): Promise<string> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'business_date'`);
  return row?.value ?? clock.now().slice(0, 10);
}
