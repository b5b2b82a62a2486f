import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkResolution, disputeActionForOutcome, disputeHoldsCollection, nextComplaintStatus, nextDisputeStatus, opensReview, attributesAgency, type ComplaintAction } from './complaints.rules.ts';
import { addCalendarDays, addSpan, complaintDeadlines, isBusinessDay, slaPolicyFor, slaView, type SlaFacts } from './sla.rules.ts';
import { bundledHolidayCalendar } from '../compliance/index.ts';
import type { ClosingStatus, ComplaintStatus, DisputeAction, DisputeStatus, OutcomeCode, Remedy } from './complaints.types.ts';

const complaintSteps: Array<[ComplaintStatus, ComplaintAction, ComplaintStatus | null, string]> = [
  ['received', 'acknowledge', 'acknowledged', 'a new complaint is acknowledged'],
  ['acknowledged', 'acknowledge', null, 'acknowledging twice is refused'],
  ['received', 'assign', 'investigating', 'assigning starts the investigation (acknowledgement is its own step)'],
  ['acknowledged', 'assign', 'investigating', 'an acknowledged complaint goes to an investigator'],
  ['investigating', 'assign', 'investigating', 'reassigning keeps it under investigation'],
  ['received', 'resolved', 'resolved', 'a complaint settled on the first call is resolved at once'],
  ['investigating', 'rejected', 'rejected', 'an investigation may end in a rejection'],
  ['acknowledged', 'referred', 'referred', 'a complaint may be referred to the regulator'],
  ['investigating', 'extend', 'investigating', 'extending the deadline keeps the status'],
  ['resolved', 'assign', null, 'a closed complaint is not reassigned'],
  ['rejected', 'resolved', null, 'a closed complaint is not closed again'],
  ['referred', 'extend', null, 'a closed complaint has no deadline to extend'],
];
for (const [from, action, to, why] of complaintSteps) {
  test(`complaint ${from} --${action}--> ${to ?? 'refused'}: ${why}`, () => {
    const step = nextComplaintStatus(from, action);
    if (to === null) {
      assert.equal(step.ok, false);
      assert.match((step as { reason: string }).reason, new RegExp(`the complaint is (closed \\()?${from}`));
    } else assert.deepEqual(step, { ok: true, to });
  });
}

const resolutions: Array<[ClosingStatus, OutcomeCode, Remedy[], string[], string]> = [
  ['resolved', 'upheld', ['apology', 'fee_refund'], [], 'upheld with remedies'],
  ['resolved', 'upheld', [], ['remedies'], 'upheld needs a remedy'],
  ['resolved', 'partly_upheld', ['amount_corrected'], [], 'partly upheld with a correction'],
  ['resolved', 'not_upheld', [], [], 'not upheld, nothing to remedy'],
  ['resolved', 'not_upheld', ['apology'], ['remedies'], 'a complaint not upheld has no remedies'],
  ['resolved', 'withdrawn', [], [], 'the complainant withdrew'],
  ['resolved', 'duplicate', [], ['outcome'], 'a duplicate is rejected, not resolved'],
  ['rejected', 'duplicate', [], [], 'a duplicate is rejected'],
  ['rejected', 'upheld', ['apology'], ['outcome'], 'a rejected complaint is not upheld'],
  ['referred', 'referred_to_regulator', [], [], 'referred to the regulator'],
  ['referred', 'not_upheld', [], ['outcome'], 'a referral names where it went'],
  ['resolved', 'upheld', ['apology', 'apology'], ['remedies'], 'a remedy listed twice'],
];
for (const [status, outcome, remedies, paths, why] of resolutions) {
  test(`closing ${status} as ${outcome} with [${remedies.join(', ')}] is ${paths.length ? `refused on ${paths.join(', ')}` : 'accepted'}: ${why}`, () => {
    assert.deepEqual(checkResolution(status, outcome, remedies).map((i) => i.path), paths);
  });
}

const disputeSteps: Array<[DisputeStatus, DisputeAction, DisputeStatus | null, boolean, string]> = [
  ['open', 'send_verification', 'verification_sent', false, 'sending verification lifts the hold'],
  ['open', 'verify', 'verified', false, 'a debt verified as correct may be collected again'],
  ['verification_sent', 'verify', 'verified', false, 'verified after the verification was sent'],
  ['open', 'resolve', 'resolved', false, 'resolving (amount corrected) lifts the hold'],
  ['verified', 'resolve', 'resolved', false, 'a verified dispute is closed by resolving it'],
  ['open', 'reject', 'rejected', false, 'a dispute without grounds is rejected'],
  ['pending', 'withdraw', 'withdrawn', false, 'the debtor withdraws'],
  ['verified', 'send_verification', null, false, 'verification is not sent again after the debt is verified'],
  ['resolved', 'withdraw', null, false, 'a resolved dispute cannot be withdrawn'],
  ['rejected', 'verify', null, false, 'a rejected dispute is final'],
];
for (const [from, action, to, holds, why] of disputeSteps) {
  test(`dispute ${from} --${action}--> ${to ?? 'refused'}: ${why}`, () => {
    const step = nextDisputeStatus(from, action);
    if (to === null) assert.deepEqual(step, { ok: false, reason: `cannot ${action.replace('_', ' ')}: the dispute is ${from}` });
    else {
      assert.deepEqual(step, { ok: true, to });
      assert.equal(disputeHoldsCollection(to), holds);
    }
  });
}

test('only an open or pending dispute holds collection', () => {
  assert.deepEqual((['open', 'pending', 'verification_sent', 'verified', 'resolved', 'withdrawn', 'rejected', 'closed'] as const).filter(disputeHoldsCollection), ['open', 'pending']);
});

test('closing an amount-dispute complaint decides its dispute: upheld resolves, not upheld verifies, withdrawn withdraws, the rest leave it', () => {
  assert.deepEqual((['upheld', 'partly_upheld', 'not_upheld', 'withdrawn', 'duplicate', 'out_of_scope', 'referred_to_regulator', 'referred_to_other_firm'] as const).map(disputeActionForOutcome),
    ['resolve', 'resolve', 'verify', 'withdraw', null, null, null, null]);
});

test('harassment, third-party contact and agency conduct open a quality review; harassment and agency conduct are attributed to the sending agency', () => {
  const cats = ['harassment', 'amount_dispute', 'third_party_contact', 'privacy', 'identity_theft', 'agency_conduct', 'other'];
  assert.deepEqual(cats.filter(opensReview), ['harassment', 'third_party_contact', 'agency_conduct']);
  assert.deepEqual(cats.filter(attributesAgency), ['harassment', 'agency_conduct']);
});

const cal = bundledHolidayCalendar();

// [jurisdiction, received, acknowledge by, respond by, extended, summary, why]
const deadlines: Array<[string, string, string, string, string | null, string | null, string]> = [
  ['CN', '2026-09-30', '2026-10-08', '2026-10-15', '2026-10-30', null, 'the National Day week is not a business day: the acknowledgement is due on 8 October'],
  ['CN', '2026-09-18', '2026-09-20', '2026-10-08', '2026-10-23', null, 'Sunday 20 September is a make-up working day; 15 days end on 3 October, a holiday, so on the first day after it'],
  ['CN', '2026-02-13', '2026-02-14', '2026-02-28', '2026-03-16', null, 'Saturday 14 February is a make-up working day before the Spring Festival; 28 February is one too'],
  ['US', '2026-07-02', '2026-07-17', '2026-08-31', null, null, 'CFPB: 15 and 60 calendar days, holidays or not'],
  ['US-NYC', '2026-07-02', '2026-07-17', '2026-08-31', null, null, 'a state or city pack uses the US clocks'],
  ['UK', '2026-03-06', '2026-03-11', '2026-05-01', null, '2026-03-11', 'DISP: three business days after a Friday end on Wednesday; eight weeks are 56 days'],
  ['EU', '2026-03-06', '2026-03-13', '2026-03-27', '2026-04-24', null, 'PSD2: 15 business days, at most 35 in all'],
  ['XX', '2026-03-06', '2026-03-10', '2026-04-05', null, null, 'an unknown jurisdiction gets the Fairdebt default'],
];
for (const [j, received, ack, respond, extended, summary, why] of deadlines) {
  test(`${j} complaint received ${received}: acknowledge by ${ack}, respond by ${respond}: ${why}`, () => {
    assert.deepEqual(complaintDeadlines(slaPolicyFor(j), cal, j, received), { acknowledgeBy: ack, respondBy: respond, extendedRespondBy: extended, summaryBy: summary });
  });
}

test('business days skip weekends and listed holidays; the day of receipt is not counted', () => {
  assert.equal(addSpan(cal, 'CN', '2026-02-13', { n: 2, unit: 'business_days' }), '2026-02-24');
  assert.equal(addSpan(cal, 'US', '2026-07-02', { n: 1, unit: 'business_days' }), '2026-07-06', 'Independence Day is observed on Friday 3 July 2026');
  assert.equal(addSpan(cal, 'CN', '2026-09-30', { n: 0, unit: 'calendar_days' }), '2026-09-30');
});

const base: SlaFacts = { status: 'received', receivedOn: '2026-03-02', acknowledgeBy: '2026-03-03', respondBy: '2026-03-17', summaryBy: null, acknowledgedOn: null, closedOn: null };
// [facts, asOf, stage, dueOn, daysLeft, overdue, dueSoon, ackMet, finalMet, slaMet, daysToResolve, why]
const views: Array<[Partial<SlaFacts>, string, string, string | null, number | null, boolean, boolean, boolean | null, boolean | null, boolean | null, number | null, string]> = [
  [{}, '2026-03-02', 'acknowledge', '2026-03-03', 1, false, true, null, null, null, null, 'a new complaint has a day left to be acknowledged'],
  [{}, '2026-03-04', 'acknowledge', '2026-03-03', -1, true, false, false, null, false, null, 'not acknowledged in time: overdue, SLA missed'],
  [{ status: 'acknowledged', acknowledgedOn: '2026-03-03' }, '2026-03-05', 'final_response', '2026-03-17', 12, false, false, true, null, null, null, 'acknowledged on time, the final clock runs'],
  [{ status: 'investigating', acknowledgedOn: '2026-03-03' }, '2026-03-15', 'final_response', '2026-03-17', 2, false, true, true, null, null, null, 'two days before the deadline it is due soon'],
  [{ status: 'investigating', acknowledgedOn: '2026-03-03' }, '2026-03-18', 'final_response', '2026-03-17', -1, true, false, true, false, false, null, 'past the final deadline'],
  [{ status: 'investigating', acknowledgedOn: '2026-03-04' }, '2026-03-05', 'final_response', '2026-03-17', 12, false, false, false, null, false, null, 'acknowledged a day late: not overdue now, but the SLA was missed'],
  [{ status: 'resolved', acknowledgedOn: '2026-03-03', closedOn: '2026-03-16' }, '2026-03-20', 'closed', null, null, false, false, true, true, true, 14, 'closed within both clocks'],
  [{ status: 'resolved', acknowledgedOn: '2026-03-03', closedOn: '2026-03-18' }, '2026-03-20', 'closed', null, null, false, false, true, false, false, 16, 'closed a day late'],
  [{ status: 'resolved', closedOn: '2026-03-03' }, '2026-03-20', 'closed', null, null, false, false, true, true, true, 1, 'closed within the acknowledgement window needs no acknowledgement'],
  [{ status: 'resolved', closedOn: '2026-03-10' }, '2026-03-20', 'closed', null, null, false, false, false, true, false, 8, 'closed on time but never acknowledged'],
  [{ status: 'resolved', acknowledgeBy: '2026-03-03', summaryBy: '2026-03-05', closedOn: '2026-03-05' }, '2026-03-20', 'closed', null, null, false, false, true, true, true, 3, 'UK summary resolution: closed by the third business day'],
];
for (const [facts, asOf, stage, dueOn, daysLeft, overdue, dueSoon, ack, final, met, toResolve, why] of views) {
  test(`SLA on ${asOf}: ${why}`, () => {
    assert.deepEqual(slaView({ ...base, ...facts }, asOf), {
      stage, dueOn, daysLeft, overdue, dueSoon, acknowledgementMet: ack, finalResponseMet: final, slaMet: met, daysToResolve: toResolve,
    });
  });
}

const jurisdictions = ['CN', 'US', 'US-MA', 'UK', 'EU', 'XX'] as const;
const receivedDates = fc.integer({ min: 0, max: 364 }).map((d) => addCalendarDays('2026-01-01', d));

test('property: deadlines come after receipt, acknowledgement before the final response, business-day deadlines on business days, an extension only later', () => {
  fc.assert(fc.property(fc.constantFrom(...jurisdictions), receivedDates, (j, received) => {
    const policy = slaPolicyFor(j);
    const d = complaintDeadlines(policy, cal, j, received);
    assert.ok(d.acknowledgeBy > received && d.respondBy > received, `${j} ${received}`);
    assert.ok(d.acknowledgeBy <= d.respondBy, `${j} ${received}: ${d.acknowledgeBy} > ${d.respondBy}`);
    if (policy.acknowledge.unit === 'business_days') assert.ok(isBusinessDay(cal, j, d.acknowledgeBy), `${j} ${d.acknowledgeBy}`);
    if (policy.rollToBusinessDay) assert.ok(isBusinessDay(cal, j, d.respondBy), `${j} ${d.respondBy}`);
    assert.equal(d.extendedRespondBy === null, policy.extension === null);
    if (d.extendedRespondBy !== null) assert.ok(d.extendedRespondBy > d.respondBy);
  }), { numRuns: 300 });
});

test('property: an open complaint is overdue exactly when today is past the deadline of its running clock or past the final deadline; closing stops the clock', () => {
  fc.assert(fc.property(receivedDates, fc.integer({ min: 0, max: 40 }), fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    (received, age, ackAfter, closeAfter) => {
      const d = complaintDeadlines(slaPolicyFor('CN'), cal, 'CN', received);
      const asOf = addCalendarDays(received, age);
      const acknowledgedOn = ackAfter === null || ackAfter > age ? null : addCalendarDays(received, ackAfter);
      const closedOn = closeAfter === null || closeAfter > age ? null : addCalendarDays(received, closeAfter);
      const v = slaView({ status: closedOn ? 'resolved' : 'investigating', receivedOn: received, ...d, acknowledgedOn, closedOn }, asOf);
      if (closedOn) {
        assert.equal(v.overdue, false);
        assert.equal(v.finalResponseMet, closedOn <= d.respondBy);
        assert.equal(v.daysToResolve, closeAfter);
      } else {
        assert.equal(v.overdue, (acknowledgedOn === null && asOf > d.acknowledgeBy) || asOf > d.respondBy);
        assert.equal(v.dueSoon, !v.overdue && v.daysLeft! <= 2);
      }
    }), { numRuns: 500 });
});
