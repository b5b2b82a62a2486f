/** Strategy commands on a fresh database (PGlite, and PostgreSQL with --engine pg). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Db } from '../../platform/db.ts';
import { openTestDb } from '../../platform/testing.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyAuditChain } from '../audit/index.ts';
import {
  applyGuardrails,
  assignArm,
  decideForAccount,
  ensureDefaultTables,
  getExperiment,
  listTableVersions,
  loadDomain,
  loadPublishedTables,
  publishTable,
  saveDraftTable,
  startExperiment,
  stopExperiment,
  strategyFor,
  DEFAULT_BUCKET_DOMAIN,
  DEFAULT_TABLES,
  type ArmCounts,
  type DecisionTableInput,
} from './index.ts';
import { facts } from './strategy.fixtures.ts';

const NOW = '2026-03-02T08:00:00.000Z';
const clock = fixedClock(NOW);
const who = (key: string) => ({ actor: 'strategist', idempotencyKey: key });

let db: Db;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.close();
});

const CN = DEFAULT_TABLES.find((t) => t.jurisdiction === 'CN')!;
/** The CN default with its M2 wait row removed: saved with a gap finding, which blocks publishing. */
const withGap: DecisionTableInput = { ...CN, rows: CN.rows.filter((r) => r.id !== 'cn-m2-wait') };
/** The CN default with one change in the first week: the SMS cadence goes from 4 to 5 days. */
const slowerSms: DecisionTableInput = { ...CN, rows: CN.rows.map((r) => (r.id === 'cn-m1-sms' ? { ...r, outputs: { ...r.outputs, cadenceDays: 5 } } : r)) };

async function rejects(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected ${code}`);
}

const auditTypes = async () => (await db.query<{ type: string }>('SELECT type FROM audit_log ORDER BY seq')).map((r) => r.type);

describe('default tables', () => {
  it('publishes the shipped CN, US and UK tables once, as version 1, and loads them compiled by jurisdiction', async () => {
    assert.deepEqual(await ensureDefaultTables(db, NOW), { published: ['cn-default', 'us-default', 'uk-default'], skipped: [] });
    assert.deepEqual(await ensureDefaultTables(db, NOW), { published: [], skipped: [] });
    const inForce = await loadPublishedTables(db);
    assert.deepEqual([...inForce.keys()].sort(), ['CN', 'UK', 'US']);
    assert.deepEqual([inForce.get('CN')!.code, inForce.get('CN')!.version, inForce.get('CN')!.experiment], ['cn-default', 1, null]);
    assert.equal(strategyFor(inForce, 'US-MA')!.code, 'us-default', 'a US state falls back to the US table');
    assert.equal(decideForAccount(inForce.get('CN')!, facts({ dpd: 1 })).decision?.action, 'sms_reminder');
    assert.deepEqual(await auditTypes(), ['STRATEGY_TABLE_PUBLISHED', 'STRATEGY_TABLE_PUBLISHED', 'STRATEGY_TABLE_PUBLISHED']);
  });

  it('checks tables against the default bucket policy of the database, which the pure tests copy', async () => {
    assert.deepEqual(await loadDomain(db), DEFAULT_BUCKET_DOMAIN);
  });

  it("does not ship a default for a jurisdiction that has a lender's own table in force", async () => {
    const own = { ...CN, code: 'cn-own' };
    await saveDraftTable(db, clock, { table: own, ...who('own-1') });
    await publishTable(db, clock, { code: 'cn-own', version: 1, ...who('own-2') });
    const out = await ensureDefaultTables(db, NOW);
    assert.deepEqual(out.published, ['us-default', 'uk-default']);
    assert.deepEqual(out.skipped, [{ code: 'cn-default', reason: 'cn-own is in force for CN' }]);
  });
});

describe('saving and publishing versions', () => {
  beforeEach(async () => {
    await ensureDefaultTables(db, NOW);
  });

  it('saves a draft as the next version and keeps its gap finding with it', async () => {
    const out = await saveDraftTable(db, clock, { table: withGap, ...who('save-1') });
    assert.equal(out.replayed, false);
    assert.deepEqual([out.result.code, out.result.version, out.result.status], ['cn-default', 2, 'draft']);
    assert.deepEqual(out.result.findings.map((f) => [f.kind, f.region?.bucket]), [['gap', 'M1'], ['gap', 'M2']]);
    const [v2] = await listTableVersions(db, 'cn-default');
    assert.deepEqual([v2!.version, v2!.status, v2!.findings.length, v2!.createdBy], [2, 'draft', 2, 'strategist']);
  });

  it('refuses a table with an invalid field, naming the row and the field, and writes nothing', async () => {
    const bad = { ...CN, rows: CN.rows.map((r) => (r.id === 'cn-m1-call' ? { ...r, conditions: { ...r.conditions, dpd: { min: 29, max: 16 } } } : r)) };
    const err = await rejects(saveDraftTable(db, clock, { table: bad, ...who('save-bad') }), 'VALIDATION_FAILED', /row cn-m1-call: rows\.\d+\.conditions\.dpd: min 29 is above max 16/);
    assert.match(err.issues[0]!.path, /^rows\.\d+\.conditions\.dpd$/);
    assert.equal((await listTableVersions(db, 'cn-default')).length, 1);
    // The key was not used up: the same key works once the table is fixed.
    assert.equal((await saveDraftTable(db, clock, { table: CN, ...who('save-bad') })).result.version, 2);
  });

  it('refuses a table whose shape is wrong with the path of the field', async () => {
    const err = await rejects(saveDraftTable(db, clock, { table: { ...CN, rows: [{ ...CN.rows[0], conditions: { dpd: { mn: 3 } } }] }, ...who('save-shape') }), 'VALIDATION_FAILED');
    assert.equal(err.issues[0]!.path, 'rows.0.conditions.dpd');
  });

  it('returns the stored result for a repeated key, and refuses the key for a different table', async () => {
    const first = await saveDraftTable(db, clock, { table: slowerSms, ...who('save-2') });
    const again = await saveDraftTable(db, clock, { table: slowerSms, ...who('save-2') });
    assert.deepEqual([again.replayed, again.result], [true, first.result]);
    await rejects(saveDraftTable(db, clock, { table: withGap, ...who('save-2') }), 'IDEMPOTENCY_KEY_REUSED');
    assert.equal((await listTableVersions(db, 'cn-default')).length, 2);
  });

  it('refuses to move a table code to another jurisdiction', async () => {
    await rejects(saveDraftTable(db, clock, { table: { ...CN, jurisdiction: 'UK' }, ...who('save-uk') }), 'VALIDATION_FAILED', /^jurisdiction: table 'cn-default' is for CN/);
  });

  it('refuses to publish a draft with findings and lists them', async () => {
    await saveDraftTable(db, clock, { table: withGap, ...who('save-3') });
    const err = await rejects(publishTable(db, clock, { code: 'cn-default', version: 2, ...who('pub-1') }), 'VALIDATION_FAILED', /has 2 finding\(s\); fix them before publishing: M1 DPD 30: no row decides/);
    assert.equal(err.issues.length, 2);
    assert.equal((await loadPublishedTables(db)).get('CN')!.version, 1);
  });

  it('publishes a clean draft, retires the version before it, and keeps every version in the history', async () => {
    await saveDraftTable(db, clock, { table: withGap, ...who('save-4') });
    await saveDraftTable(db, clock, { table: slowerSms, ...who('save-5') });
    const out = await publishTable(db, clock, { code: 'cn-default', version: 3, ...who('pub-2') });
    assert.deepEqual(out.result, { code: 'cn-default', version: 3, jurisdiction: 'CN', retired: [{ code: 'cn-default', version: 1 }] });
    const history = await listTableVersions(db, 'cn-default');
    assert.deepEqual(history.map((v) => [v.version, v.status, v.publishedBy]), [[3, 'published', 'strategist'], [2, 'draft', null], [1, 'retired', 'system']]);
    assert.equal(history[2]!.retiredAt, NOW);
    const cn = (await loadPublishedTables(db)).get('CN')!;
    assert.equal(cn.version, 3);
    assert.equal(decideForAccount(cn, facts({ dpd: 5, daysSinceLastContact: 4, daysSinceAction: { sms_reminder: 4 } })).decision?.action, 'email_reminder', 'SMS cadence is 5 days now');
    assert.deepEqual((await auditTypes()).slice(-3), ['STRATEGY_TABLE_SAVED', 'STRATEGY_TABLE_SAVED', 'STRATEGY_TABLE_PUBLISHED']);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('refuses to publish a retired version or one that does not exist', async () => {
    await saveDraftTable(db, clock, { table: slowerSms, ...who('save-6') });
    await publishTable(db, clock, { code: 'cn-default', version: 2, ...who('pub-3') });
    await rejects(publishTable(db, clock, { code: 'cn-default', version: 1, ...who('pub-4') }), 'CONFLICT', /v1 is retired; only a draft can be published/);
    await rejects(publishTable(db, clock, { code: 'cn-default', version: 9, ...who('pub-5') }), 'NOT_FOUND', /has no version 9/);
  });

  it("retires another code's table for the same jurisdiction when a new code is published there", async () => {
    await saveDraftTable(db, clock, { table: { ...CN, code: 'cn-2027' }, ...who('save-7') });
    const out = await publishTable(db, clock, { code: 'cn-2027', version: 1, ...who('pub-6') });
    assert.deepEqual(out.result.retired, [{ code: 'cn-default', version: 1 }]);
    assert.equal((await loadPublishedTables(db)).get('CN')!.code, 'cn-2027');
  });
});

describe('experiments and guardrails', () => {
  const guardrails = [
    { id: 'complaints-cap', metric: 'complaintsPer10kContacts' as const, ceiling: 5, minSample: 1000 },
    { id: 'complaints-rel', metric: 'complaintsPer10kContacts' as const, maxRatioToChampionBp: 15_000, minSample: 1000 },
  ];
  const experiment = { code: 'cn-sms-5d', tableCode: 'cn-default', challengerVersion: 2, holdoutBp: 500, challengerBp: 2000, guardrails };
  const counts = (over: Partial<ArmCounts>): ArmCounts => ({ accounts: 1000, accountDays: 7000, contacts: 20_000, complaints: 4, optOuts: 10, planned: 21_000, complianceBlocks: 30, ...over });

  beforeEach(async () => {
    await ensureDefaultTables(db, NOW);
    await saveDraftTable(db, clock, { table: slowerSms, ...who('draft') });
  });

  it('starts an experiment with the version in force as champion and decides per arm', async () => {
    const out = await startExperiment(db, clock, { experiment, businessDate: '2026-03-02', ...who('x-1') });
    assert.deepEqual([out.result.status, out.result.championVersion, out.result.challengerVersion, out.result.startedOn], ['running', 1, 2, '2026-03-02']);
    const cn = (await loadPublishedTables(db)).get('CN')!;
    assert.deepEqual([cn.experiment?.code, cn.experiment?.challengerVersion, cn.experiment?.holdoutBp], ['cn-sms-5d', 2, 500]);
    const f = (accountId: number) => facts({ accountId, dpd: 5, daysSinceLastContact: 4, daysSinceAction: { sms_reminder: 4 } });
    const arms = new Map<string, string | null>();
    for (let id = 1; id <= 300; id++) arms.set(assignArm(id, experiment), decideForAccount(cn, f(id)).decision?.action ?? null);
    assert.deepEqual(Object.fromEntries(arms), { champion: 'sms_reminder', challenger: 'email_reminder', holdout: null });
  });

  it('refuses a challenger with findings, a second experiment on the table, and publishing while it runs', async () => {
    await saveDraftTable(db, clock, { table: withGap, ...who('draft-gap') });
    await rejects(startExperiment(db, clock, { experiment: { ...experiment, challengerVersion: 3 }, businessDate: '2026-03-02', ...who('x-2') }), 'VALIDATION_FAILED', /^challengerVersion: cn-default v3 has 2 finding/);
    await rejects(startExperiment(db, clock, { experiment: { ...experiment, code: 'self', challengerVersion: 1 }, businessDate: '2026-03-02', ...who('x-6') }), 'VALIDATION_FAILED', /is the champion/);
    await startExperiment(db, clock, { experiment, businessDate: '2026-03-02', ...who('x-3') });
    await rejects(startExperiment(db, clock, { experiment: { ...experiment, code: 'other' }, businessDate: '2026-03-02', ...who('x-4') }), 'CONFLICT', /experiment 'cn-sms-5d' is already running/);
    await rejects(publishTable(db, clock, { code: 'cn-default', version: 2, ...who('pub-x') }), 'CONFLICT', /experiment 'cn-sms-5d' is running on cn-default; stop it before publishing/);
    await rejects(startExperiment(db, clock, { experiment: { ...experiment, code: 'bad-split', holdoutBp: 3000 }, businessDate: '2026-03-02', ...who('x-5') }), 'VALIDATION_FAILED', /^holdoutBp: /);
  });

  it('stops an experiment by hand with its reason; a second stop is refused', async () => {
    await startExperiment(db, clock, { experiment, businessDate: '2026-03-02', ...who('x-7') });
    const out = await stopExperiment(db, clock, { code: 'cn-sms-5d', reason: 'enough data', businessDate: '2026-03-20', completed: true, ...who('stop-1') });
    assert.deepEqual([out.result.status, out.result.stoppedOn, out.result.stopReason], ['completed', '2026-03-20', { kind: 'manual', reason: 'enough data', actor: 'strategist' }]);
    await rejects(stopExperiment(db, clock, { code: 'cn-sms-5d', reason: 'again', businessDate: '2026-03-21', ...who('stop-2') }), 'CONFLICT', /is completed already/);
    await rejects(stopExperiment(db, clock, { code: 'nope', reason: 'x', businessDate: '2026-03-21', ...who('stop-3') }), 'NOT_FOUND');
    assert.equal((await loadPublishedTables(db)).get('CN')!.experiment, null);
  });

  it('stops an experiment whose challenger crosses a guardrail and records why', async () => {
    await startExperiment(db, clock, { experiment, businessDate: '2026-03-02', ...who('x-8') });
    const out = await applyGuardrails(db, clock, { counts: { 'cn-sms-5d': { champion: counts({}), challenger: counts({ complaints: 9 }), holdout: counts({ contacts: 100, complaints: 0 }) } }, businessDate: '2026-03-09' });
    const [o] = out.result;
    assert.deepEqual([o!.code, o!.stopped, o!.metrics.champion?.complaintsPer10kContacts, o!.metrics.challenger?.complaintsPer10kContacts], ['cn-sms-5d', true, 2, 5]);
    assert.deepEqual(o!.verdicts.challenger.reasons.map((r) => r.rule), ['complaints-rel']);
    const x = await getExperiment(db, 'cn-sms-5d');
    assert.equal(x!.status, 'stopped');
    assert.equal(x!.stoppedOn, '2026-03-09');
    const reason = x!.stopReason as { kind: string; businessDate: string; reasons: Array<{ arm: string; rule: string; value: number; threshold: number }> };
    assert.deepEqual([reason.kind, reason.businessDate, reason.reasons.map((r) => [r.arm, r.rule, r.value, r.threshold])], ['guardrail', '2026-03-09', [['challenger', 'complaints-rel', 5, 3]]]);
    assert.deepEqual((await auditTypes()).slice(-2), ['STRATEGY_EXPERIMENT_STOPPED', 'STRATEGY_GUARDRAILS_CHECKED']);
    const again = await applyGuardrails(db, clock, { counts: { 'cn-sms-5d': { champion: counts({}), challenger: counts({ complaints: 9 }), holdout: counts({ contacts: 100, complaints: 0 }) } }, businessDate: '2026-03-09' });
    assert.equal(again.replayed, true, 'the same date and counts are one command');
  });

  it('keeps an experiment running when only the champion is over a ceiling, and reports it', async () => {
    await startExperiment(db, clock, { experiment, businessDate: '2026-03-02', ...who('x-9') });
    const out = await applyGuardrails(db, clock, { counts: { 'cn-sms-5d': { champion: counts({ complaints: 14 }), challenger: counts({ complaints: 4 }) } }, businessDate: '2026-03-09', idempotencyKey: 'g-1' });
    assert.deepEqual([out.result[0]!.stopped, out.result[0]!.verdicts.champion.stop, out.result[0]!.verdicts.challenger.reasons.map((r) => r.rule)], [false, true, []]);
    assert.equal((await getExperiment(db, 'cn-sms-5d'))!.status, 'running');
  });

  it('refuses counts for an experiment that is not running, or for an arm that does not exist', async () => {
    await rejects(applyGuardrails(db, clock, { counts: { ghost: { champion: counts({}) } }, businessDate: '2026-03-09', idempotencyKey: 'g-2' }), 'VALIDATION_FAILED', /^counts\.ghost: no running experiment/);
    await rejects(applyGuardrails(db, clock, { counts: { x: { control: counts({}) } as never }, businessDate: '2026-03-09', idempotencyKey: 'g-3' }), 'VALIDATION_FAILED', /^counts\.x\.control: not an arm/);
    await rejects(applyGuardrails(db, clock, { counts: { x: { champion: counts({ complaints: -1 }) } }, businessDate: '2026-03-09', idempotencyKey: 'g-4' }), 'VALIDATION_FAILED', /counts\.x\.champion\.complaints/);
  });
});
