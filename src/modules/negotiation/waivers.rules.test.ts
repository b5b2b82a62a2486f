import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canApprove, checkChecker, lowestRoleFor, buildSettlement, buildWaiver, waiverLines } from './waivers.rules.ts';
import { assessPayment, tokenThresholdMinor } from './token.rules.ts';
import { CN_POLICY } from './policy.defaults.ts';
import type { Role } from './policy.types.ts';
import type { AccountView, ItemView } from './plans.rules.ts';

// CN limits: portal ¥100/5 %, collector ¥200/10 %, team lead ¥1,000/25 %, supervisor ¥5,000/50 %, manager ¥50,000/100 %.
const approvals: Array<[Role, number, number, boolean, string]> = [
  ['collector', 20_000, 1_000_000, true, 'exactly the collector\'s ¥200 on ¥10,000 (2 %)'],
  ['collector', 20_001, 1_000_000, false, 'one fen above the collector\'s amount limit'],
  ['collector', 15_000, 100_000, false, '¥150 is 15 % of ¥1,000, above the collector\'s 10 %'],
  ['team_lead', 100_000, 1_000_000, true, 'the team lead\'s ¥1,000 at 10 %'],
  ['supervisor', 300_000, 1_000_000, true, '¥3,000 at 30 % is within the supervisor\'s limits'],
  ['supervisor', 600_000, 1_000_000, false, '¥6,000 is above the supervisor\'s ¥5,000'],
  ['portal', 0, 1_000_000, true, 'nothing conceded needs no limit'],
];
for (const [role, amount, balance, ok, why] of approvals) {
  test(`${role} ${ok ? 'may' : 'may not'} concede ${amount} on ${balance}: ${why}`, () => {
    assert.equal(canApprove(role, amount, balance, CN_POLICY).ok, ok);
  });
}

test('the lowest role that may approve is named for the maker; four-eyes refuses the maker as checker', () => {
  assert.equal(lowestRoleFor(29_360, 1_000_000, CN_POLICY), 'team_lead');
  assert.equal(lowestRoleFor(400_000, 1_000_000, CN_POLICY), 'supervisor');
  assert.equal(lowestRoleFor(10_000_000, 1_000_000, CN_POLICY), null);
  assert.deepEqual(checkChecker({ maker: 'a', checker: 'a', checkerRole: 'manager', amountMinor: 1, balanceMinor: 100 }, CN_POLICY), { ok: false, reason: 'four-eyes: the checker must be a different person from the maker' });
  assert.equal(checkChecker({ maker: 'a', checker: 'b', checkerRole: 'team_lead', amountMinor: 150_000, balanceMinor: 1_000_000 }, CN_POLICY).ok, false);
});

const item = (seq: number, dueOn: string, penalty: number, penaltyPaid = 0): ItemView => ({
  seq, kind: 'instalment', dueOn, principalDueMinor: 100_000, interestDueMinor: 0, principalPaidMinor: 0, interestChargedMinor: 0, interestPaidMinor: 0,
  penaltyChargedMinor: penalty, penaltyPaidMinor: penaltyPaid, feesChargedMinor: 0, feesPaidMinor: 0, settledOn: null, chargedOn: dueOn, supersededOn: null,
});
const acct = (o: Partial<AccountView> = {}): AccountView => ({
  today: '2026-06-01', productCode: 'CN_LOAN', productKind: 'instalment', bucket: 'M4', dpd: 100, currency: 'CNY', costCapAnnualBp: 2400, principalMinor: 200_000,
  principalDateWeight: 0, costChargedMinor: 0, balanceMinor: 205_000, items: [item(2, '2026-03-15', 3_000), item(1, '2026-02-15', 2_500, 500)],
  openRestructures: [], lastDeferralOn: null, usedOneTimeFlags: [], ...o,
});

test('a waiver is spread over the items that owe the component, oldest first, never more than an item owes', () => {
  assert.deepEqual(waiverLines('penalty', 3_000, acct().items), [{ itemSeq: 1, component: 'penalty', amountMinor: 2_000 }, { itemSeq: 2, component: 'penalty', amountMinor: 1_000 }]);
  const all = buildWaiver({ component: 'penalty' }, acct(), CN_POLICY);
  assert.ok(all.ok && all.value.amountMinor === 5_000);
  const tooMuch = buildWaiver({ component: 'penalty', amountMinor: 5_001 }, acct(), CN_POLICY);
  assert.ok(!tooMuch.ok && tooMuch.issues[0]!.message === 'at most the penalty owed, 5000 minor units');
  const none = buildWaiver({ component: 'fees' }, acct(), CN_POLICY);
  assert.ok(!none.ok && none.issues[0]!.message === 'no fees is owed on this account');
  const second = buildWaiver({ component: 'interest', amountMinor: 1 }, acct({ usedOneTimeFlags: ['interest_waiver'] }), CN_POLICY);
  assert.ok(!second.ok && /once per customer/.test(second.issues[0]!.message));
});

test('a settlement needs 91 days past due, at least 60 % of the balance, paid within 30 days', () => {
  const ok = buildSettlement({ amountMinor: 123_000 }, acct(), CN_POLICY);
  assert.ok(ok.ok);
  assert.deepEqual(ok.value, { amountMinor: 123_000, payByOn: '2026-07-01', balanceMinor: 205_000, discountMinor: 82_000 });
  const low = buildSettlement({ amountMinor: 122_999 }, acct(), CN_POLICY);
  assert.ok(!low.ok && low.issues[0]!.message === 'at least 123000 minor units (60 % of the balance 205000)');
  const early = buildSettlement({ amountMinor: 150_000 }, acct({ dpd: 45 }), CN_POLICY);
  assert.ok(!early.ok && /at least 91 days past due; the account is at 45/.test(early.issues[0]!.message));
});

test('a payment below 10 % of the amount due is a token payment, explained in Chinese first', () => {
  assert.equal(tokenThresholdMinor(100_001, 1_000), 10_001, 'rounded up');
  const t = assessPayment(500, 120_000, 1_000, 'CNY');
  assert.equal(t.token, true);
  assert.match(t.explanation['zh-CN'], /^您本次还款 ¥5\.00，低于应还金额 ¥1,200\.00 的 10%（¥120\.00）。.*不会暂停催收/);
  assert.match(t.explanation.en, /does not pause collection/);
  assert.equal(assessPayment(12_000, 120_000, 1_000, 'CNY').token, false);
  assert.equal(assessPayment(1, 0, 1_000, 'CNY').token, false, 'nothing due: nothing to be a token of');
});
