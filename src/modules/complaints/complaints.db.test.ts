import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../main.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { loadDebtorContexts } from '../contacts/index.ts';
import { getReview } from '../quality/index.ts';
import {
  acknowledgeComplaint, assignComplaint, extendComplaint, getComplaint, intakeComplaint, listComplaints, moveDispute, openDispute, regulatorReport, reportCsv,
  resolveComplaint, slaBoard, submitPortalComplaint,
} from './index.ts';

let n = 0;
const k = (actor = 'user:cs-li') => ({ actor, idempotencyKey: `k${++n}` });
// 2026-09-29 10:00 in Shanghai; 2026-09-29 in London (BST).
const NOW = '2026-09-29T02:00:00.000Z';
const at = (iso: string) => fixedClock(iso);

async function setUp(): Promise<App> {
  const app = await testApp(NOW);
  const c = fixedClock('2026-01-01T00:00:00.000Z');
  await createCustomer(app.db, c, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
  await createCustomer(app.db, c, { id: 'C2', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
  await createCustomer(app.db, c, { id: 'U1', name: 'Jo Bloggs', timeZone: 'Europe/London', jurisdiction: 'UK', language: 'en' }, k());
  await openAccount(app.db, c, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
  await openAccount(app.db, c, { ref: 'L2', customerId: 'C2', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
  return app;
}

async function agencyContact(db: Db, reference: string, customerId: string, accountRef: string, agencyId: string): Promise<void> {
  await db.query(
    `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, language, initiator_kind, initiator_id, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
     SELECT $1, a.id, $2, '2026-09-20', 'agency_call', 'collection', 'sms', 'zh-CN', 'agency', $4, '2026-09-21T01:00:00Z', '2026-09-21T12:00:00Z', 'sent', $1, '{}'::jsonb, '2026-09-20T00:00:00Z'
     FROM accounts a WHERE a.ref = $3`, [reference, customerId, accountRef, agencyId]);
}

async function rejected(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  assert.fail('expected an AppError');
}

test('a hotline complaint: CN deadlines over the National Day week, acknowledged, assigned, extended once, resolved upheld with remedies; each step audited; a retried key changes nothing', async () => {
  const app = await setUp();
  try {
    const r = await intakeComplaint(app.db, app.clock, { accountRef: 'L1', channel: 'hotline', category: 'other', summary: '客服态度差' }, { actor: 'user:cs-li', idempotencyKey: 'in1' });
    assert.equal(r.result.customerId, 'C1');
    assert.equal(r.result.receivedOn, '2026-09-29');
    assert.equal(r.result.acknowledgeBy, '2026-09-30');
    assert.equal(r.result.respondBy, '2026-10-14');
    const again = await intakeComplaint(app.db, app.clock, { accountRef: 'L1', channel: 'hotline', category: 'other', summary: '客服态度差' }, { actor: 'user:cs-li', idempotencyKey: 'in1' });
    assert.equal(again.replayed, true);
    assert.equal(again.result.complaintId, r.result.complaintId);
    const id = r.result.complaintId;

    const ack = await acknowledgeComplaint(app.db, at('2026-09-30T03:00:00.000Z'), id, k());
    assert.deepEqual(ack.result, { complaintId: id, status: 'acknowledged', acknowledgedOn: '2026-09-30', withinSla: true });
    const twice = await rejected(acknowledgeComplaint(app.db, app.clock, id, k()));
    assert.equal(twice.code, 'CONFLICT');
    assert.match(twice.message, /^complaintId: cannot acknowledge: the complaint is acknowledged/);
    assert.equal((await assignComplaint(app.db, app.clock, id, { assignee: 'u-zhao' }, k())).result.status, 'investigating');
    assert.equal((await extendComplaint(app.db, app.clock, id, { reason: '需调取录音' }, k())).result.respondBy, '2026-10-29');
    assert.match((await rejected(extendComplaint(app.db, app.clock, id, { reason: 'again' }, k()))).message, /already extended once/);

    const badOutcome = await rejected(resolveComplaint(app.db, app.clock, id, { status: 'resolved', outcome: 'duplicate', note: 'x' }, k()));
    assert.equal(badOutcome.code, 'VALIDATION_FAILED');
    assert.deepEqual(badOutcome.issues.map((i) => i.path), ['outcome']);
    const noRemedy = await rejected(resolveComplaint(app.db, app.clock, id, { status: 'resolved', outcome: 'upheld', note: 'x' }, k()));
    assert.match(noRemedy.message, /^remedies: an upheld complaint names at least one remedy/);
    const badRemedy = await rejected(resolveComplaint(app.db, app.clock, id, { status: 'resolved', outcome: 'upheld', remedies: ['free_money'], note: 'x' }, k()));
    assert.equal(badRemedy.issues[0]?.path, 'remedies.0');

    const done = await resolveComplaint(app.db, at('2026-10-20T03:00:00.000Z'), id, { status: 'resolved', outcome: 'upheld', remedies: ['apology', 'staff_action'], note: '已致歉，对坐席进行培训' }, k());
    assert.deepEqual(done.result, { complaintId: id, status: 'resolved', outcome: 'upheld', closedOn: '2026-10-20', slaMet: true, disputeId: null, disputeStatus: null });
    const c = await getComplaint(app.db, id, '2026-10-21T00:00:00.000Z');
    assert.equal(c?.sla.daysToResolve, 21);
    assert.deepEqual(c?.remedies, ['apology', 'staff_action']);
    const types = (await app.db.query<{ type: string }>(`SELECT type FROM audit_log WHERE subject = $1 ORDER BY seq`, [`complaint:${id}`])).map((x) => x.type);
    assert.deepEqual(types, ['COMPLAINT_RECEIVED', 'COMPLAINT_ACKNOWLEDGED', 'COMPLAINT_ASSIGNED', 'COMPLAINT_EXTENDED', 'COMPLAINT_CLOSED']);
  } finally {
    await app.close();
  }
});

test('bad intake is refused naming the field, and nothing is written', async () => {
  const app = await setUp();
  try {
    const cases: Array<[unknown, string, RegExp]> = [
      [{ customerId: 'C1', channel: 'regulator_referral', category: 'harassment', summary: 's' }, 'regulatorReference', /required when channel is regulator_referral/],
      [{ customerId: 'C1', channel: 'fax', category: 'harassment', summary: 's' }, 'channel', /./],
      [{ customerId: 'C1', channel: 'email', category: 'rudeness', summary: 's' }, 'category', /./],
      [{ customerId: 'C1', channel: 'email', category: 'other', summary: '  ' }, 'summary', /must not be empty/],
      [{ channel: 'email', category: 'other', summary: 's' }, 'customerId', /give customerId or accountRef/],
      [{ customerId: 'C1', accountRef: 'L2', channel: 'email', category: 'other', summary: 's' }, 'accountRef', /belongs to another customer/],
      [{ customerId: 'C1', channel: 'email', category: 'amount_dispute', summary: 's' }, 'accountRef', /required for an amount dispute/],
      [{ customerId: 'C1', channel: 'email', category: 'other', summary: 's', receivedOn: '2026-09-30' }, 'receivedOn', /is after today/],
      [{ customerId: 'C1', channel: 'email', category: 'harassment', summary: 's', contactReferences: ['nope'] }, 'contactReferences.0', /no contact 'nope'/],
      [{ customerId: 'NOBODY', channel: 'email', category: 'other', summary: 's' }, 'customerId', /no customer/],
    ];
    for (const [input, path, message] of cases) {
      const e = await rejected(intakeComplaint(app.db, app.clock, input, k()));
      assert.equal(e.issues[0]?.path, path, `${JSON.stringify(input)} → ${e.message}`);
      assert.match(e.message, message);
      assert.ok(e.message.startsWith(`${path}: `), e.message);
    }
    assert.equal((await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM complaints'))[0]?.n, 0);
  } finally {
    await app.close();
  }
});

test('an amount dispute opens a dispute that holds collection; a second one links to it; closing it not upheld verifies the debt and lifts the hold', async () => {
  const app = await setUp();
  try {
    const hold = async () => (await loadDebtorContexts(app.db, ['C1'], '2026-01-01T00:00:00Z')).get('C1')!.disputes;
    const a = await intakeComplaint(app.db, app.clock, { accountRef: 'L1', channel: 'email', category: 'amount_dispute', summary: '罚息计算有误' }, k());
    assert.equal(a.result.disputeCreated, true);
    assert.deepEqual((await hold()).map((d) => [d.accountRef, d.status]), [['L1', 'open']]);
    const b = await submitPortalComplaint(app.db, app.clock, 'C1', { accountRef: 'L1', category: 'amount_dispute', summary: '金额不对' }, k('debtor:C1'));
    assert.equal(b.result.disputeId, a.result.disputeId);
    assert.equal(b.result.disputeCreated, false);
    const direct = await openDispute(app.db, app.clock, { accountRef: 'L1', reason: 'again' }, k());
    assert.deepEqual([direct.result.disputeId, direct.result.created], [a.result.disputeId, false]);

    const closed = await resolveComplaint(app.db, app.clock, a.result.complaintId, { status: 'resolved', outcome: 'not_upheld', note: '经核实金额无误，已寄送核实材料' }, k());
    assert.equal(closed.result.disputeStatus, 'verified');
    assert.deepEqual(await hold(), [], 'a verified dispute no longer reaches the gate');
    // The other complaint on the same dispute closes without moving it again.
    const other = await resolveComplaint(app.db, app.clock, b.result.complaintId, { status: 'rejected', outcome: 'duplicate', note: '同一争议' }, k());
    assert.equal(other.result.disputeStatus, 'verified');
    const moved = await app.db.query<{ data: { from: string; to: string; holdLifted: boolean } }>(`SELECT data FROM audit_log WHERE type = 'DISPUTE_MOVED'`);
    assert.deepEqual(moved.map((m) => m.data), [{ disputeId: a.result.disputeId, from: 'open', to: 'verified', holdLifted: true, note: `complaint ${a.result.complaintId}: not_upheld` }]);
  } finally {
    await app.close();
  }
});

test('the dispute workflow: verification sent lifts the hold, then resolved; a step out of order is a conflict naming the dispute; a debtor cannot move another debtor’s dispute', async () => {
  const app = await setUp();
  try {
    const d = (await openDispute(app.db, app.clock, { accountRef: 'L1', reason: '不是我借的' }, { ...k('debtor:C1'), customerId: 'C1' })).result;
    assert.deepEqual([d.status, d.created], ['open', true]);
    const other = await rejected(openDispute(app.db, app.clock, { accountRef: 'L1', reason: 'x' }, { ...k('debtor:C2'), customerId: 'C2' }));
    assert.deepEqual([other.code, other.message], ['NOT_FOUND', "accountRef: no account 'L1'"]);
    const sent = await moveDispute(app.db, app.clock, d.disputeId, 'send_verification', { note: '已寄送借款合同' }, k());
    assert.deepEqual(sent.result, { disputeId: d.disputeId, status: 'verification_sent', holdLifted: true });
    const foreign = await rejected(moveDispute(app.db, app.clock, d.disputeId, 'withdraw', {}, { ...k('debtor:C2'), customerId: 'C2' }));
    assert.equal(foreign.code, 'NOT_FOUND');
    const bad = await rejected(moveDispute(app.db, app.clock, d.disputeId, 'send_verification', {}, k()));
    assert.deepEqual([bad.code, bad.message], ['CONFLICT', 'disputeId: cannot send verification: the dispute is verification_sent']);
    const res = await moveDispute(app.db, app.clock, d.disputeId, 'resolve', { note: '已更正' }, k());
    assert.deepEqual(res.result, { disputeId: d.disputeId, status: 'resolved', holdLifted: false });
    const [row] = await app.db.query<{ status: string; closed_at: string | null; note: string }>('SELECT status, closed_at, note FROM disputes WHERE id = $1', [d.disputeId]);
    assert.equal(row?.status, 'resolved');
    assert.ok(row?.closed_at);
    assert.equal(row?.note, '已更正');
  } finally {
    await app.close();
  }
});

test('a harassment complaint about an agency’s SMS is attributed to that agency; the debtor cannot name another debtor’s contact', async () => {
  const app = await setUp();
  try {
    await agencyContact(app.db, 'fd-ref-1', 'C1', 'L1', 'AG-EAST');
    await agencyContact(app.db, 'fd-ref-2', 'C2', 'L2', 'AG-WEST');
    const r = await submitPortalComplaint(app.db, app.clock, 'C1', { category: 'harassment', summary: '一天打了十次电话', contactReferences: ['fd-ref-1'] }, k('debtor:C1'));
    assert.equal(r.result.agencyId, 'AG-EAST');
    assert.ok(r.result.reviewId, 'a harassment complaint opens a quality review');
    const review = await getReview(app.db, r.result.reviewId);
    assert.equal(review?.complaintId, r.result.complaintId);
    assert.deepEqual(review?.itemsDetail.map((i) => i.contactReference), ['fd-ref-1']);
    const e = await rejected(submitPortalComplaint(app.db, app.clock, 'C1', { category: 'harassment', summary: 'x', contactReferences: ['fd-ref-2'] }, k('debtor:C1')));
    assert.deepEqual([e.code, e.issues[0]?.path], ['NOT_FOUND', 'contactReferences.0']);
    const privacy = await submitPortalComplaint(app.db, app.clock, 'C1', { category: 'privacy', summary: 'x', contactReferences: ['fd-ref-1'] }, k('debtor:C1'));
    assert.equal(privacy.result.agencyId, null, 'privacy complaints are not attributed to the sender unless an agency is named');
    assert.equal(privacy.result.reviewId, null, 'and open no quality review');
    const [c] = await listComplaints(app.db, NOW, { agencyId: 'AG-EAST', limit: 10 });
    assert.equal(c?.channel, 'app');
    assert.deepEqual(c?.contactReferences, ['fd-ref-1']);
  } finally {
    await app.close();
  }
});

test('the SLA board counts by status, overdue and due soon, by category and jurisdiction; the list’s overdue filter agrees with each complaint’s SLA view; the regulator report has a row per complaint', async () => {
  const app = await setUp();
  try {
    // CN, received 2026-09-25 (Fri): acknowledge by 2026-09-28 — overdue on 2026-09-29 when never acknowledged.
    const late = await intakeComplaint(app.db, app.clock, { customerId: 'C1', channel: 'hotline', category: 'harassment', summary: '夜间来电', receivedOn: '2026-09-25' }, k());
    // UK, received 2026-09-28: acknowledge by 2026-10-01 (due soon), respond by 2026-11-23.
    const uk = await intakeComplaint(app.db, app.clock, { customerId: 'U1', channel: 'regulator_referral', regulatorReference: 'FOS-2026-0042', category: 'privacy', summary: 'letter to wrong address', receivedOn: '2026-09-28' }, k());
    // CN, received and resolved today within the acknowledgement window.
    const quick = await intakeComplaint(app.db, app.clock, { customerId: 'C2', channel: 'email', category: 'other', summary: '咨询' }, k());
    await resolveComplaint(app.db, app.clock, quick.result.complaintId, { status: 'resolved', outcome: 'withdrawn', note: '客户撤回' }, k());

    const board = await slaBoard(app.db, NOW);
    assert.deepEqual(board.byStatus, { received: 2, resolved: 1 });
    assert.deepEqual([board.open, board.overdue, board.dueSoon, board.overdueAcknowledgements], [2, 1, 1, 1]);
    assert.deepEqual(board.byCategory, [{ category: 'harassment', open: 1, overdue: 1, dueSoon: 0 }, { category: 'privacy', open: 1, overdue: 0, dueSoon: 1 }]);
    assert.deepEqual(board.byJurisdiction.map((j) => j.jurisdiction), ['CN', 'UK']);
    assert.deepEqual(board.urgent.map((c) => [c.id, c.sla.daysLeft]), [[late.result.complaintId, -1], [uk.result.complaintId, 2]]);

    const overdue = await listComplaints(app.db, NOW, { overdue: true, limit: 10 });
    assert.deepEqual(overdue.map((c) => c.id), [late.result.complaintId]);
    const notOverdue = await listComplaints(app.db, NOW, { overdue: false, limit: 10 });
    for (const c of [...overdue, ...notOverdue]) assert.equal(c.sla.overdue, overdue.includes(c), `complaint ${c.id}`);

    const rows = await regulatorReport(app.db, NOW, '2026-09-01', '2026-09-30');
    assert.deepEqual(rows.map((r) => [r.complaint_id, r.channel, r.sla_met, r.days_to_resolve]), [
      [late.result.complaintId, 'hotline', 'no', null], [uk.result.complaintId, 'regulator_referral', 'open', null], [quick.result.complaintId, 'email', 'yes', 0],
    ]);
    const csv = reportCsv(rows, true).split('\r\n');
    assert.equal(csv[0], 'complaint_id,received_on,channel,regulator_reference,category,jurisdiction,agency_id,status,acknowledge_by,acknowledged_on,respond_by,closed_on,outcome,remedies,sla_met,days_to_resolve');
    assert.match(csv[1]!, /^投诉编号,受理日期/);
    assert.equal(csv[3], `${uk.result.complaintId},2026-09-28,regulator_referral,FOS-2026-0042,privacy,UK,,received,2026-10-01,,2026-11-23,,,,open,`);
    assert.equal(csv.length, 6, 'two header rows, three complaints, the final line end');
    // A reference a spreadsheet would run as a formula is kept as text; a comma or quote is quoted.
    const odd = reportCsv([{ ...rows[1]!, regulator_reference: '=HYPERLINK("x")', agency_id: 'A,B' }]).split('\r\n')[1]!;
    assert.match(odd, /,"'=HYPERLINK\(""x""\)",privacy,UK,"A,B",/);
  } finally {
    await app.close();
  }
});
