import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTarget, fairdebtInProcess as fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { referralEligibility } from '../../src/modules/legal/index.ts';

test(`fairdebt legal: eligibility trace, refer, four-eyes approval, filing, a cost, list; bad input exits 2 naming the field (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const t = await newTarget();
  try {
    const seed = await fairdebt(['demo', 'seed', '--accounts', '60', '--seed', '5', '--today', '2026-03-01', '--json'], t.env);
    assert.equal(seed.code, 0, seed.stderr);
    const list = await fairdebt(['account', 'list', '--json', '--limit', '60'], t.env);
    const accounts = list.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; product: string; dpd: number });
    const candidates = accounts.filter((a) => a.product.startsWith('CN_') && a.dpd >= 90).sort((x, y) => y.dpd - x.dpd);
    assert.ok(candidates.length > 0, `the demo has CN accounts 90+ days past due: ${JSON.stringify(accounts.map((a) => [a.id, a.product, a.dpd]))}`);
    // Three collector calls each, one answered by the debtor (as the worklist records them); the first
    // candidate the criteria then accept is referred (the demo gives some accounts disputes or plans).
    let old: { id: string } | undefined;
    const db = await t.open();
    try {
      for (const c of candidates) {
        for (const [i, outcome] of ['connected', 'unanswered', 'unanswered'].entries()) {
          await db.query(
            `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, person_id, outcome, initiator_kind, initiator_id)
             SELECT customer_id, id, $2, 'call', 'outbound', 'debtor', customer_id, $3, 'lender', 'lender' FROM accounts WHERE ref = $1`,
            [c.id, `2026-02-1${i}T03:00:00.000Z`, outcome],
          );
        }
        if ((await referralEligibility({ db }, c.id)).eligible) {
          old = c;
          break;
        }
      }
    } finally {
      await db.close();
    }
    assert.ok(old, 'one of the candidates is eligible');

    const trace = await fairdebt(['legal', 'eligibility', old.id, '--json'], t.env);
    assert.equal(trace.code, 0, trace.stderr);
    const e = JSON.parse(trace.stdout);
    assert.equal(e.criteria.length, 8);
    const noKey = await fairdebt(['legal', 'refer', old.id, '--reason', 'r', '--actor', 'alice', '--role', 'legal'], t.env);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /key: an idempotency key is required/);
    const refer = await fairdebt(['legal', 'refer', old.id, '--reason', '长期逾期', '--actor', 'alice', '--role', 'legal', '--key', 'r1', '--json'], t.env);
    assert.equal(e.eligible, true);
    assert.equal(refer.code, 0, refer.stderr);
    const caseId = String(JSON.parse(refer.stdout).caseId);
    const self = await fairdebt(['legal', 'approve', caseId, '--actor', 'alice', '--role', 'admin', '--key', 'a1'], t.env);
    assert.equal(self.code, 2);
    assert.match(self.stderr, /FORBIDDEN: actor: four-eyes/);
    const ok = await fairdebt(['legal', 'approve', caseId, '--actor', 'bob', '--role', 'admin', '--evidence', '--key', 'a2'], t.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /prepared, evidence [0-9a-f]{64}/);
    const filed = await fairdebt(['legal', 'status', caseId, '--to', 'filed', '--on', '2026-03-01', '--court', '杭州互联网法院', '--case-number', '(2026)浙0192民初1号', '--actor', 'alice', '--role', 'legal', '--key', 's1'], t.env);
    assert.equal(filed.code, 0, filed.stderr);
    assert.match(filed.stdout, /prepared → filed on 2026-03-01; collection contacts held/);
    const cost = await fairdebt(['legal', 'cost', caseId, '--type', 'lawyer_fee', '--amount', '300000', '--incurred', '2026-03-01', '--description', '律师费', '--actor', 'alice', '--role', 'legal', '--key', 'k1'], t.env);
    assert.equal(cost.code, 0, cost.stderr);
    assert.match(cost.stdout, /debtor 0, lender 300000/);
    const listed = await fairdebt(['legal', 'list', '--status', 'filed'], t.env);
    assert.match(listed.stdout, new RegExp(`#${caseId} ${old.id} filed .*\\[contacts held\\]`));
  } finally {
    await t.dispose();
  }
});
