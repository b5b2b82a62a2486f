import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agencyBreaches, commissionMinor, commissionStatement, complaintsPer10k, ipAllowed, isCidr, maskIdNumber, planPlacements, recoveryRateBp, regionOf, tierFor,
  type AccountForPlacement,
} from './agencies.rules.ts';
import { AgencyInputSchema, CommissionSchema, PlacementRuleInputSchema, type Commission, type PlacementRule } from './agencies.types.ts';

test('IP allow-lists match IPv4 and IPv6 CIDR blocks; an empty list or an unreadable address is refused', () => {
  const rows: Array<[string[], string, boolean]> = [
    [['203.0.113.0/24'], '203.0.113.7', true],
    [['203.0.113.0/24'], '203.0.114.7', false],
    [['203.0.113.0/24'], '::ffff:203.0.113.7', true], // how Node reports an IPv4 peer on a dual-stack socket
    [['203.0.113.7'], '203.0.113.7', true],
    [['203.0.113.7'], '203.0.113.8', false],
    [['10.0.0.0/8', '192.168.1.0/24'], '192.168.1.200', true],
    [['0.0.0.0/0'], '8.8.8.8', true],
    [['0.0.0.0/0'], '2001:db8::1', false], // all of IPv4 is not all of IPv6
    [['2001:db8::/32'], '2001:db8:ffff::1', true],
    [['2001:db8::/32'], '2001:db9::1', false],
    [['::1'], '::1', true],
    [['fe80::/10'], 'fe80::1234:5678', true],
    [['::/0'], '127.0.0.1', true],
    [[], '127.0.0.1', false],
    [['203.0.113.0/24'], 'not-an-ip', false],
    [['203.0.113.0/24'], '203.0.113.256', false],
    [['203.0.113.0/24'], '203.0.113.07', false],
  ];
  for (const [list, ip, expected] of rows) assert.equal(ipAllowed(list, ip), expected, `${ip} in [${list.join(', ')}]`);
});

test('CIDR blocks are validated: prefix within the family, four octets, at most one ::', () => {
  const rows: Array<[string, boolean]> = [
    ['10.0.0.0/8', true], ['10.0.0.0/33', false], ['10.0.0/8', false], ['2001:db8::/128', true], ['2001:db8::/129', false],
    ['2001:db8::1::2', false], ['1:2:3:4:5:6:7:8', true], ['1:2:3:4:5:6:7:8:9', false], ['::ffff:10.0.0.1', true], ['10.0.0.1/', false], ['x/8', false],
  ];
  for (const [cidr, ok] of rows) assert.equal(isCidr(cidr), ok, cidr);
});

test('agencies see the ID number as its first 3 and last 4 characters and the address as province and city', () => {
  const ids: Array<[string | null, string | null]> = [
    ['110101********1234', '110***********1234'],
    ['110101199001011234', '110***********1234'],
    ['***-**-1234', '*******1234'],
    ['1234567', '*******'],
    [null, null],
  ];
  for (const [input, out] of ids) assert.equal(maskIdNumber(input), out, String(input));
  const addresses: Array<[string | null, string | null]> = [
    ['北京市朝阳区建国路88号', '北京市'],
    ['广东省深圳市南山区科技园1号', '广东省深圳市'],
    ['新疆维吾尔自治区乌鲁木齐市天山区1号', '新疆维吾尔自治区乌鲁木齐市'],
    ['杭州市某路12号', '杭州市'],
    ['吉林省延边朝鲜族自治州延吉市1号', '吉林省延边朝鲜族自治州'],
    ['12 Main St, New York, NY', 'New York, NY'],
    ['12 High Street, London', 'London'],
    ['广东省某县某村', '广东省'],
    ['内蒙古自治区锡林郭勒盟某旗', '内蒙古自治区锡林郭勒盟'],
    ['somewhere', null],
    [null, null],
  ];
  for (const [input, out] of addresses) assert.equal(regionOf(input), out, String(input));
});

const rule = (r: Partial<PlacementRule> & { code: string; allocations: PlacementRule['allocations'] }): PlacementRule => PlacementRuleInputSchema.parse({ priority: 10, ...r });
const account = (id: number, a: Partial<AccountForPlacement> = {}): AccountForPlacement => ({
  accountId: id, bucket: 'M2', productCode: 'CN_LOAN', jurisdiction: 'CN', region: '北京市', balanceMinor: 500_000, dpd: 45, recalledFrom: [], ...a,
});

test('placement rules match on bucket, product, jurisdiction, region, balance and DPD; the first matching rule by priority wins', () => {
  const rules = [
    rule({ code: 'big', priority: 1, minBalanceMinor: 1_000_000, allocations: [{ agencyId: 'AG-B', shareBp: 10_000 }] }),
    rule({ code: 'south', priority: 5, regions: ['广东省'], allocations: [{ agencyId: 'AG-S', shareBp: 10_000 }] }),
    rule({ code: 'm2', priority: 9, buckets: ['M2'], minDpd: 31, maxDpd: 60, products: ['CN_LOAN'], jurisdictions: ['CN'], allocations: [{ agencyId: 'AG-A', shareBp: 10_000 }] }),
  ];
  const active = new Set(['AG-A', 'AG-B', 'AG-S']);
  const rows: Array<[AccountForPlacement, string | null]> = [
    [account(1), 'AG-A'],
    [account(2, { balanceMinor: 1_000_000 }), 'AG-B'],
    [account(3, { region: '广东省深圳市' }), 'AG-S'],
    [account(4, { bucket: 'M3', dpd: 75 }), null],
    [account(5, { dpd: 30 }), null],
    [account(6, { productCode: 'CN_LINE' }), null],
    [account(7, { jurisdiction: 'US' }), null],
    [account(8, { region: null, balanceMinor: 999_999 }), 'AG-A'],
  ];
  for (const [a, agency] of rows) {
    const plan = planPlacements([a], rules, active);
    assert.equal(plan.placements[0]?.agencyId ?? null, agency, `account ${a.accountId}`);
    if (!agency) assert.deepEqual(plan.unplaced, [{ accountId: a.accountId, reason: 'no_rule', ruleCode: null }]);
  }
});

test('allocation shares are kept to within one account, deterministically, and skip suspended agencies and agencies the account was recalled from', () => {
  const r = rule({ code: 'split', allocations: [{ agencyId: 'AG-A', shareBp: 5_000 }, { agencyId: 'AG-B', shareBp: 3_000 }, { agencyId: 'AG-C', shareBp: 2_000 }] });
  const accounts = Array.from({ length: 100 }, (_, i) => account(100 - i));
  const plan = planPlacements(accounts, [r], new Set(['AG-A', 'AG-B', 'AG-C']));
  const count = (p: typeof plan, ag: string) => p.placements.filter((x) => x.agencyId === ag).length;
  assert.deepEqual([count(plan, 'AG-A'), count(plan, 'AG-B'), count(plan, 'AG-C')], [50, 30, 20]);
  for (let n = 1; n <= 100; n++) {
    const prefix = plan.placements.slice(0, n);
    for (const [ag, share] of [['AG-A', 0.5], ['AG-B', 0.3], ['AG-C', 0.2]] as const) {
      const held = prefix.filter((x) => x.agencyId === ag).length;
      assert.ok(Math.abs(held - share * n) < 1, `after ${n} accounts ${ag} holds ${held}`);
    }
  }
  assert.deepEqual(planPlacements(accounts, [r], new Set(['AG-A', 'AG-B', 'AG-C'])), plan, 'the same input gives the same plan');
  assert.deepEqual(plan.placements.slice(0, 4).map((p) => [p.accountId, p.agencyId]), [[1, 'AG-A'], [2, 'AG-B'], [3, 'AG-C'], [4, 'AG-A']], 'in account id order');

  const withoutB = planPlacements(accounts, [r], new Set(['AG-A', 'AG-C']));
  assert.deepEqual([count(withoutB, 'AG-A'), count(withoutB, 'AG-B'), count(withoutB, 'AG-C')], [71, 0, 29], 'B suspended: its share goes to A and C by theirs (5:2)');

  const recalled = planPlacements([account(1, { recalledFrom: ['AG-A'] })], [r], new Set(['AG-A', 'AG-B', 'AG-C']));
  assert.equal(recalled.placements[0]!.agencyId, 'AG-B', 'never back to the agency it was recalled from');
  const nowhere = planPlacements([account(1, { recalledFrom: ['AG-A'] })], [rule({ code: 'solo', allocations: [{ agencyId: 'AG-A', shareBp: 10_000 }] })], new Set(['AG-A']));
  assert.deepEqual(nowhere.unplaced, [{ accountId: 1, reason: 'no_agency_available', ruleCode: 'solo' }]);
});

test('placement rule input: shares must add up to 10,000 bp, no agency twice, ranges in order, each problem named by field', () => {
  const bad = PlacementRuleInputSchema.safeParse({ code: 'x', priority: 1, minDpd: 60, maxDpd: 30, allocations: [{ agencyId: 'AG-A', shareBp: 6_000 }, { agencyId: 'AG-A', shareBp: 3_000 }] });
  assert.equal(bad.success, false);
  const issues = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  assert.deepEqual(issues.sort(), ['allocations.1.agencyId: agency \'AG-A\' appears twice', 'allocations: shares must add up to 10000 basis points, not 9000', 'maxDpd: must not be below minDpd'].sort());
  const agency = AgencyInputSchema.safeParse({ id: 'AG-A', name: 'A', ipAllowList: ['10.0.0.0/8', '10.0.0.0/40'], commission: { basis: 'dpd_at_placement', tiers: [{ from: 30, rateBp: 1_000 }] }, maxDaysPlaced: 90 });
  assert.equal(agency.success, false);
  assert.deepEqual(agency.error!.issues.map((i) => i.path.join('.')).sort(), ['commission.tiers.0.from', 'ipAllowList.1']);
});

const byDpd: Commission = { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 800 }, { from: 91, rateBp: 1_500 }, { from: 181, rateBp: 2_500 }] };
const byRate: Commission = { basis: 'recovery_rate', tiers: [{ from: 0, rateBp: 1_000 }, { from: 1_000, rateBp: 1_500 }, { from: 2_500, rateBp: 2_000 }] };

test('commission tiers: the highest lower bound not above the value; amounts rounded half up per line in exact integers', () => {
  const tiers: Array<[Commission, number, number]> = [[byDpd, 0, 800], [byDpd, 90, 800], [byDpd, 91, 1_500], [byDpd, 400, 2_500], [byRate, 999, 1_000], [byRate, 1_000, 1_500], [byRate, 10_000, 2_000]];
  for (const [c, v, bp] of tiers) assert.equal(tierFor(c, v).rateBp, bp, `${c.basis} ${v}`);
  const amounts: Array<[number, number, number]> = [
    [10_000, 800, 800], [12_345, 800, 988 /* 987.6 */], [12_343, 800, 987 /* 987.44 */], [6_250, 800, 500], [1, 5_000, 1 /* 0.5 up */], [1, 4_999, 0],
    [Number.MAX_SAFE_INTEGER, 10_000, Number.MAX_SAFE_INTEGER],
  ];
  for (const [amount, bp, out] of amounts) assert.equal(commissionMinor(amount, bp), out, `${amount} × ${bp} bp`);
  assert.equal(recoveryRateBp(1_234, 10_000), 1_234);
  assert.equal(recoveryRateBp(1, 3), 3_333);
  assert.equal(recoveryRateBp(5, 0), 0);
});

test('a commission statement: lines by DPD band or by the month’s recovery rate tier, a total that is the sum of its lines', () => {
  const placements = [
    { placementId: 1, accountRef: 'L1', dpdAtPlacement: 45, balanceAtPlacementMinor: 1_000_000, recoveredMinor: 123_457 },
    { placementId: 2, accountRef: 'L2', dpdAtPlacement: 120, balanceAtPlacementMinor: 500_000, recoveredMinor: 33_333 },
    { placementId: 3, accountRef: 'L3', dpdAtPlacement: 200, balanceAtPlacementMinor: 500_000, recoveredMinor: 0 },
  ];
  const d = commissionStatement(byDpd, placements, 2_000_000);
  assert.deepEqual(d.lines.map((l) => [l.accountRef, l.rateBp, l.commissionMinor]), [['L1', 800, 9_877 /* 9876.56 */], ['L2', 1_500, 5_000 /* 4999.95 */]]);
  assert.equal(d.commissionMinor, 14_877);
  assert.equal(d.recoveredMinor, 156_790);
  assert.equal(d.recoveryRateBp, 783);
  const r = commissionStatement(byRate, placements, 1_000_000);
  assert.equal(r.recoveryRateBp, 1_567);
  assert.deepEqual(r.lines.map((l) => [l.rateBp, l.commissionMinor]), [[1_500, 18_519 /* 18518.55 */], [1_500, 5_000 /* 4999.95 */]]);
  assert.equal(r.commissionMinor, 23_519);
});

test('recall thresholds: complaints per 10k contacts strictly above the threshold, QA strictly below the minimum, nothing without a threshold', () => {
  assert.equal(complaintsPer10k(3, 10_000), 3);
  assert.equal(complaintsPer10k(1, 3), 3_333);
  assert.equal(complaintsPer10k(0, 0), 0);
  assert.equal(complaintsPer10k(1, 0), Number.POSITIVE_INFINITY);
  const base = { complaintThresholdPer10k: 5, minQaScore: 70, complaints: 0, contacts: 10_000, qaScore: 80 };
  const rows: Array<[Partial<typeof base>, string[]]> = [
    [{}, []],
    [{ complaints: 5 }, []],
    [{ complaints: 6 }, ['complaints']],
    [{ complaints: 1, contacts: 0 }, ['complaints']],
    [{ qaScore: 70 }, []],
    [{ qaScore: 69 }, ['qa_score']],
    [{ qaScore: null as unknown as number }, []],
    [{ complaints: 9, qaScore: 50 }, ['complaints', 'qa_score']],
    [{ complaintThresholdPer10k: null as unknown as number, minQaScore: null as unknown as number, complaints: 9_999, qaScore: 0 }, []],
  ];
  for (const [change, reasons] of rows) assert.deepEqual(agencyBreaches({ ...base, ...change }).map((b) => b.reason), reasons, JSON.stringify(change));
  const [b] = agencyBreaches({ ...base, complaints: 7 });
  assert.match(b!.message['zh-CN'], /投诉率每万次联系7件，超过阈值5件/);
  assert.match(b!.message.en, /^7 complaints per 10,000 contacts, above the threshold of 5/);
});

test('a commission schedule without tiers is a validation error naming the field, not a crash (found by fuzzing PUT /api/v1/agencies/:id)', () => {
  const r = CommissionSchema.safeParse({ basis: 'recovery_rate', tiers: [] });
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')), ['tiers']);
});
