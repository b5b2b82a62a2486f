import { test } from 'node:test';
import assert from 'node:assert/strict';
import { thresholdModel } from '../../../test/support/scoring.ts';
import { registerModel } from '../scoring/index.ts';
import { assignCases, getQueue, myQueue } from './index.ts';
import { scenario, overdueLoans, collector, queue, clock, key } from './worklist.test-app.ts';

// The test model: a loan above 15,000 CNY is risky (P(default) = sigmoid(2) ≈ 0.88), the others safe
// (sigmoid(−2) ≈ 0.12). By DPD (all M1) the largest overdue amount comes first: Z1, Z2, Z3. By expected
// recovery, P(payment) × owed: Z2 (0.88 × 12,000) before Z3 (0.88 × 6,000) before Z1 (0.12 × 36,000).
test('a queue worked by expected recovery lists its cases in the order of the scores the cycle wrote; by dpd as before; the setting is kept when left out', async () => {
  const s = await scenario();
  try {
    await registerModel(s.db, clock, { artefact: thresholdModel('size_minor', 1_500_000, -2, 2), name: 'size' }, { actor: 'test', idempotencyKey: key('model') });
    await overdueLoans(s, [{ ref: 'Z1', principalMinor: 3_600_000 }, { ref: 'Z2', principalMinor: 1_200_000 }, { ref: 'Z3', principalMinor: 600_000 }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 5 });
    const saved = await queue(s, { code: 'GEN', workOrder: 'expected_recovery' });
    assert.equal(saved.result.workOrder, 'expected_recovery');
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, { actor: 'test', idempotencyKey: key('assign') });

    const byScores = (await s.db.query<{ ref: string }>(`SELECT a.ref FROM account_scores sc JOIN accounts a ON a.id = sc.account_id ORDER BY sc.expected_recovery_minor DESC`)).map((r) => r.ref);
    assert.deepEqual(byScores, ['Z2', 'Z3', 'Z1']);
    const items = await myQueue(s.db, 'a', '2026-02-21');
    assert.deepEqual(items.map((i) => i.accountRef), byScores);
    assert.deepEqual(items.map((i) => [i.workOrder, i.riskScore]), [['expected_recovery', 119], ['expected_recovery', 119], ['expected_recovery', 881]]);
    const er = items.map((i) => i.expectedRecoveryMinor!);
    assert.ok(er[0]! > er[1]! && er[1]! > er[2]!, `expected recovery falls down the list: ${er.join(', ')}`);

    // Saving the queue without the setting (as the supervisors' form does) keeps it.
    await queue(s, { code: 'GEN', name: 'General' });
    assert.equal((await getQueue(s.db, 'GEN'))?.workOrder, 'expected_recovery');
    assert.deepEqual((await myQueue(s.db, 'a', '2026-02-21')).map((i) => i.accountRef), ['Z2', 'Z3', 'Z1']);

    await queue(s, { code: 'GEN', workOrder: 'dpd' });
    assert.deepEqual((await myQueue(s.db, 'a', '2026-02-21')).map((i) => i.accountRef), ['Z1', 'Z2', 'Z3']);
    await assert.rejects(queue(s, { code: 'GEN', workOrder: 'score' as 'dpd' }), (e: unknown) => e instanceof Error && /workOrder/.test(e.message));
  } finally {
    await s.close();
  }
});
