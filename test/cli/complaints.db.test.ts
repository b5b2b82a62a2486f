import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTarget, fairdebtInProcess as fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { createCustomer, openAccount } from '../../src/modules/ledger/index.ts';

test(`fairdebt complaints: intake from a regulator's referral and the hotline, list with SLA clocks, resolve, the SLA board and the regulator report; bad input exits 2 naming the field (${TEST_ENGINE})`, { timeout: 300_000 }, async () => {
  const t = await newTarget();
  try {
    assert.equal((await fairdebt(['db', 'migrate'], t.env)).code, 0);
    const db = await t.open();
    const c = fixedClock('2026-01-01T00:00:00.000Z');
    await createCustomer(db, c, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, { actor: 't', idempotencyKey: 'c1' });
    await openAccount(db, c, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { actor: 't', idempotencyKey: 'a1' });
    await db.close();

    const noRef = await fairdebt(['complaints', 'intake', '--customer', 'C1', '--channel', 'regulator_referral', '--category', 'harassment', '--summary', '监管转办', '--actor', 'cs-li', '--key', 'k0'], t.env);
    assert.equal(noRef.code, 2);
    assert.match(noRef.stderr, /VALIDATION_FAILED: regulatorReference: required when channel is regulator_referral/);
    const noKey = await fairdebt(['complaints', 'intake', '--customer', 'C1', '--channel', 'hotline', '--category', 'other', '--summary', 's', '--actor', 'cs-li'], t.env);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /key: an idempotency key is required/);

    const referral = await fairdebt(['complaints', 'intake', '--customer', 'C1', '--channel', 'regulator_referral', '--regulator-ref', 'NFRA-2026-7', '--category', 'harassment',
      '--summary', '监管转办：夜间来电', '--received-on', '2026-09-18', '--actor', 'cs-li', '--key', 'k1', '--json'], t.env);
    assert.equal(referral.code, 0, referral.stderr);
    const r = JSON.parse(referral.stdout);
    assert.deepEqual([r.acknowledgeBy, r.respondBy], ['2026-09-20', '2026-10-08']);
    const dispute = await fairdebt(['complaints', 'intake', '--account', 'L1', '--channel', 'hotline', '--category', 'amount_dispute', '--summary', '金额不对',
      '--received-on', '2026-09-18', '--actor', 'cs-li', '--key', 'k2'], t.env);
    assert.equal(dispute.code, 0, dispute.stderr);
    assert.match(dispute.stdout, /dispute #\d+ holds collection on L1/);

    const listed = await fairdebt(['complaints', 'list', '--status', 'open'], t.env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout.trim().split('\n').length, 2);
    assert.match(listed.stdout, new RegExp(`#${r.complaintId} 2026-09-18 CN regulator_referral harassment C1 received: acknowledge by 2026-09-20 \\(OVERDUE \\d+d\\)`));
    assert.equal((await fairdebt(['complaints', 'list', '--status', 'lost'], t.env)).code, 2);

    const bad = await fairdebt(['complaints', 'resolve', String(r.complaintId), '--status', 'resolved', '--outcome', 'upheld', '--note', '致歉', '--actor', 'co-chen', '--key', 'k3'], t.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /remedies: an upheld complaint names at least one remedy/);
    const ok = await fairdebt(['complaints', 'resolve', String(r.complaintId), '--status', 'resolved', '--outcome', 'upheld', '--remedies', 'apology,contact_restricted',
      '--note', '已致歉并限制夜间外呼', '--actor', 'co-chen', '--key', 'k4'], t.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /resolved \(upheld\) on \d{4}-\d{2}-\d{2}, SLA missed/);

    const sla = await fairdebt(['complaints', 'sla', '--json'], t.env);
    assert.equal(sla.code, 0, sla.stderr);
    assert.deepEqual(JSON.parse(sla.stdout).byStatus, { received: 1, resolved: 1 });

    const report = await fairdebt(['complaints', 'report', '--from', '2026-09-01', '--to', '2026-09-30', '--zh'], t.env);
    assert.equal(report.code, 0, report.stderr);
    const lines = report.stdout.trim().split('\r\n');
    assert.deepEqual(lines.slice(0, 2).map((l) => l.split(',')[0]), ['complaint_id', '投诉编号']);
    assert.equal(lines.length, 4);
    assert.match(lines[2]!, /,regulator_referral,NFRA-2026-7,harassment,CN,,resolved,.*,upheld,apology;contact_restricted,no,\d+$/);
    const range = await fairdebt(['complaints', 'report', '--from', '2026-09-30', '--to', '2026-09-01'], t.env);
    assert.equal(range.code, 2);
    assert.match(range.stderr, /to: 2026-09-01 is before from/);
  } finally {
    await t.dispose();
  }
});
