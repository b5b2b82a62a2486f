import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { recordCallOutcome, upsertCollector } from '../worklist/index.ts';
import { attachTranscript, getReview, listReviews, openComplaintReview, qaScores, scanContent, scoreReview, SCORECARD } from './index.ts';

const ALL_MET = Object.fromEntries(SCORECARD.map((c) => [c.code, 'met']));

async function rejects(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code && pattern.test(e.message));
}

/** A customer with one account, an in-house collector and one of agency A1. */
async function world(db: Db, clock: Clock) {
  const k = (s: string) => ({ actor: 'test', idempotencyKey: s });
  await createCustomer(db, clock, { id: 'C1', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k('c1'));
  await createCustomer(db, clock, { id: 'C2', name: '赵六', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k('c2'));
  const a1 = await openAccount(db, clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k('a1'));
  const a2 = await openAccount(db, clock, { ref: 'L2', customerId: 'C2', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k('a2'));
  await upsertCollector(db, clock, { id: 'in-li', name: '李', team: 'T1', languages: ['zh-CN'], maxOpenCases: 10 }, k('u1'));
  await upsertCollector(db, clock, { id: 'ag-zhou', name: '周', team: 'A1', agencyId: 'A1', languages: ['zh-CN'], maxOpenCases: 10 }, k('u2'));
  const [acc1] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L1'`);
  const [acc2] = await db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L2'`);
  void a1;
  void a2;
  return { acc1: Number(acc1!.id), acc2: Number(acc2!.id) };
}

async function call(db: Db, clock: Clock, accountId: number, collectorId: string, at: string, key: string): Promise<number> {
  const r = await recordCallOutcome(db, clock, { accountId, collectorId, outcome: 'rpc', contactPoint: '+8613800000000', at }, { idempotencyKey: key });
  return r.result.callRecordId;
}

/** A sent message as the dispatcher leaves it (fixture: the planning and dispatch path is tested in contacts). */
async function sentMessage(db: Db, m: { ref: string; accountId: number; customerId: string; text: string; sentAt: string; agency?: string; role?: string }): Promise<void> {
  await db.query(
    `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, language, recipient_role, initiator_kind, initiator_id,
                                  scheduled_at, expires_at, status, verify_code, plan_verdict, rendered_text, sent_at, created_at)
     VALUES ($1, $2, $3, $4::date, 'sms_reminder', 'collection', 'sms', 'zh-CN', $5, $6, $7, $8, $8, 'sent', $1 || '-v', '{}', $9, $8, $8)`,
    [m.ref, m.accountId, m.customerId, m.sentAt.slice(0, 10), m.role ?? 'debtor', m.agency ? 'agency' : 'lender', m.agency ?? 'lender', m.sentAt, m.text],
  );
}

test('a threatening transcript of an agency collector is found, queued, scored by someone else, and shows in the agency QA figures', async () => {
  const app = await testApp('2026-03-10T08:00:00.000Z');
  try {
    const { acc1, acc2 } = await world(app.db, app.clock);
    const threat = await call(app.db, app.clock, acc1, 'ag-zhou', '2026-03-09T03:00:00.000Z', 'k-call1');
    const polite = await call(app.db, app.clock, acc2, 'in-li', '2026-03-09T04:00:00.000Z', 'k-call2');
    const agent = { actor: 'user:ag-zhou', userId: 'ag-zhou', scope: 'own' as const, agencyId: 'A1' };
    await attachTranscript(app.db, app.clock, { callRecordId: threat, language: 'zh-CN', text: '你再不还钱，我们就上门找你，让你坐 牢，还要告诉你单位领导。', recording: { ref: 'rec/1.wav', sha256: 'a'.repeat(64) } }, agent, { idempotencyKey: 't1' });
    // Someone else's call is refused to an agency agent.
    await rejects(attachTranscript(app.db, app.clock, { callRecordId: polite, language: 'zh-CN', text: '您好' }, agent, { idempotencyKey: 't2' }), 'FORBIDDEN', /not a call of your agency/);
    await attachTranscript(app.db, app.clock, { callRecordId: polite, language: 'zh-CN', text: '您好，我是XX银行的客服，来电提醒您的借款已逾期，您可以申请分期还款。' }, { actor: 'user:in-li', userId: 'in-li', scope: 'own', agencyId: null }, { idempotencyKey: 't3' });
    await sentMessage(app.db, { ref: 'M1', accountId: acc2, customerId: 'C2', text: '【XX银行】您的借款已逾期，请及时还款。', sentAt: '2026-03-09T02:00:00.000Z' });

    const scan = await scanContent(app.db, app.clock, { businessDate: '2026-03-09', sampling: { seed: 's', rateBp: 0 } }, { idempotencyKey: 'scan1', actor: 'user:qa' });
    assert.deepEqual({ ...scan.result, findings: undefined }, { businessDate: '2026-03-09', scanned: 3, findings: undefined, highItems: 1, reviewsOpened: 1, bySource: { finding: 1, sample: 0 }, more: false });
    const again = await scanContent(app.db, app.clock, { businessDate: '2026-03-09', sampling: { seed: 's', rateBp: 0 } }, { idempotencyKey: 'scan2', actor: 'user:qa' });
    assert.equal(again.result.scanned, 0, 'every item is scanned once');

    const queue = await listReviews(app.db, { status: 'open' });
    assert.equal(queue.length, 1);
    assert.deepEqual([queue[0]!.source, queue[0]!.agencyId, queue[0]!.collectorId], ['finding', 'A1', 'ag-zhou']);
    const detail = (await getReview(app.db, queue[0]!.id))!;
    const cats = detail.itemsDetail[0]!.findings.map((f) => `${f.category}:${f.severity}:${f.match}`);
    assert.ok(cats.includes('threat:high:坐 牢'), cats.join(' | '));
    assert.ok(cats.some((c) => c.startsWith('third_party_disclosure:high:告诉你单位')), cats.join(' | '));
    assert.deepEqual(detail.itemsDetail[0]!.recording, { ref: 'rec/1.wav', sha256: 'a'.repeat(64) });

    // The collector whose call it is may not score it; a compliance officer does.
    await rejects(scoreReview(app.db, app.clock, { reviewId: detail.id, answers: ALL_MET }, { actor: 'user:ag-zhou', userId: 'ag-zhou' }, { idempotencyKey: 's0' }), 'FORBIDDEN', /your own call/);
    await rejects(scoreReview(app.db, app.clock, { reviewId: detail.id, answers: { ...ALL_MET, bogus: 'met' } }, { actor: 'user:qa1', userId: 'qa1' }, { idempotencyKey: 's1' }), 'VALIDATION_FAILED', /^answers\.bogus: not a criterion/);
    const scored = await scoreReview(app.db, app.clock, { reviewId: detail.id, answers: { ...ALL_MET, no_threats: 'not_met', no_third_party_disclosure: 'not_met', respectful_tone: 'not_met' }, comment: '威胁坐牢、告知单位' }, { actor: 'user:qa1', userId: 'qa1' }, { idempotencyKey: 's2' });
    assert.deepEqual([scored.result.score, scored.result.passed, scored.result.failedCritical], [50, false, ['no_threats', 'no_third_party_disclosure']]);
    await rejects(scoreReview(app.db, app.clock, { reviewId: detail.id, answers: ALL_MET }, { actor: 'user:qa2', userId: 'qa2' }, { idempotencyKey: 's3' }), 'CONFLICT', /scored already by user:qa1/);

    const figures = await qaScores(app.db, { from: '2026-03-01', to: '2026-03-31' });
    const a1 = figures.agencies.find((r) => r.agencyId === 'A1')!;
    assert.deepEqual(a1, { agencyId: 'A1', collectorId: null, reviews: 1, failedReviews: 1, averageScore: 50, contacts: 1, highFindings: a1.highFindings, highFindingsPer1000: a1.highFindings * 1000 });
    assert.ok(a1.highFindings >= 2, 'the threat and the disclosure');
    const lender = figures.agencies.find((r) => r.agencyId === null)!;
    assert.deepEqual([lender.contacts, lender.highFindings, lender.reviews, lender.averageScore], [2, 0, 0, null], 'one message and one call of the lender, nothing found');
    assert.deepEqual(figures.collectors.map((r) => [r.collectorId, r.agencyId, r.contacts, r.reviews]), [['in-li', null, 1, 0], ['ag-zhou', 'A1', 1, 1]]);
    const empty = await qaScores(app.db, { from: '2026-04-01', to: '2026-04-30' });
    assert.deepEqual(empty.agencies, []);
    await rejects(qaScores(app.db, { from: '2026-04-30', to: '2026-04-01' }), 'VALIDATION_FAILED', /^to: must not be before from/);
  } finally {
    await app.close();
  }
});

test('openComplaintReview covers the named contacts and the customer\'s messages and calls since the date, and only those, once per complaint', async () => {
  const app = await testApp('2026-03-10T08:00:00.000Z');
  try {
    const { acc1, acc2 } = await world(app.db, app.clock);
    await sentMessage(app.db, { ref: 'OLD', accountId: acc1, customerId: 'C1', text: '请还款', sentAt: '2026-02-01T02:00:00.000Z' });
    await sentMessage(app.db, { ref: 'NEW', accountId: acc1, customerId: 'C1', text: '再不还就通知你的家人', sentAt: '2026-03-05T02:00:00.000Z', agency: 'A1' });
    await sentMessage(app.db, { ref: 'OTHER', accountId: acc2, customerId: 'C2', text: '请还款', sentAt: '2026-03-05T02:00:00.000Z' });
    const before = await call(app.db, app.clock, acc1, 'ag-zhou', '2026-02-20T03:00:00.000Z', 'k1');
    const after = await call(app.db, app.clock, acc1, 'ag-zhou', '2026-03-06T03:00:00.000Z', 'k2');
    const withText = await call(app.db, app.clock, acc1, 'in-li', '2026-03-07T03:00:00.000Z', 'k3');
    await call(app.db, app.clock, acc2, 'in-li', '2026-03-07T03:00:00.000Z', 'k4');
    await attachTranscript(app.db, app.clock, { callRecordId: withText, language: 'zh-CN', text: '你这个老赖' }, { actor: 'user:sup', userId: 'sup', scope: 'any', agencyId: null }, { idempotencyKey: 'tx' });

    const opened = await app.db.transaction((tx) => openComplaintReview(tx, app.clock, { complaintId: 7, accountId: acc1, customerId: 'C1', contactReferences: ['OLD', 'NOPE'], since: '2026-03-01' }));
    assert.deepEqual([opened.items, opened.unknownReferences], [4, ['NOPE']]);
    const review = (await getReview(app.db, opened.reviewId))!;
    assert.equal(review.source, 'complaint');
    assert.equal(review.complaintId, 7);
    assert.deepEqual(
      review.itemsDetail.map((i) => [i.kind, i.contactReference ?? i.callRecordId, i.findings.map((f) => f.category).join(',')]),
      [['message', 'OLD', ''], ['message', 'NEW', 'third_party_disclosure'], ['call', after, ''], ['transcript', withText, 'insult']],
    );
    assert.ok(!review.itemsDetail.some((i) => i.callRecordId === before), 'a call before `since` is not covered');
    assert.equal(review.agencyId, null, 'mixed work (agency and in-house) is not attributed');
    const twice = await app.db.transaction((tx) => openComplaintReview(tx, app.clock, { complaintId: 7, accountId: acc1, customerId: 'C1', contactReferences: [], since: '2026-03-01' }));
    assert.deepEqual([twice.reviewId, twice.items], [opened.reviewId, 4]);
    const [audit] = await app.db.query<{ type: string; subject: string }>(`SELECT type, subject FROM audit_log WHERE type = 'QA_COMPLAINT_REVIEW_OPENED'`);
    assert.deepEqual(audit, { type: 'QA_COMPLAINT_REVIEW_OPENED', subject: 'complaint:7' });
    // Items the complaint review scanned are not scanned again by the daily scan.
    const scan = await scanContent(app.db, app.clock, { businessDate: '2026-03-09', sampling: { seed: 's', rateBp: 0 } }, { idempotencyKey: 'scan', actor: 'user:qa' });
    assert.equal(scan.result.scanned, 1, 'only the other customer\'s message');
    await assert.rejects(app.db.transaction((tx) => openComplaintReview(tx, app.clock, { complaintId: 8, accountId: null, customerId: 'C1', contactReferences: [], since: 'yesterday' })), /^AppError: since: expected an ISO date/);
  } finally {
    await app.close();
  }
});
