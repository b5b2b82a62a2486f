import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTarget, fairdebtInProcess as fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';

test(`fairdebt negotiate: preview, commit a plan, a waiver to the queue, four-eyes approval, bad input exits 2 naming the field (${TEST_ENGINE})`, { timeout: 300_000 }, async () => {
  const t = await newTarget();
  try {
    const seed = await fairdebt(['demo', 'seed', '--accounts', '60', '--seed', '5', '--today', '2026-03-01', '--json'], t.env);
    assert.equal(seed.code, 0, seed.stderr);
    const list = await fairdebt(['account', 'list', '--json', '--limit', '60', '--bucket', 'M1'], t.env);
    const loans = list.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; product: string; balances: { interestMinor: number } }).filter((a) => a.product.startsWith('CN_LOAN'));
    assert.ok(loans.length >= 2, 'the demo has overdue CN loans');
    // The waiver goes to the loan owing the most interest: above a collector's ¥200, so it needs a checker.
    const b = [...loans].sort((x, y) => y.balances.interestMinor - x.balances.interestMinor)[0]!;
    const a = loans.find((x) => x.id !== b.id);
    assert.ok(b.balances.interestMinor > 20_000, `interest owed ${b.balances.interestMinor}`);

    const preview = await fairdebt(['negotiate', 'preview', a!.id, '--terms', '3', '--json'], t.env);
    assert.equal(preview.code, 0, preview.stderr);
    const p = JSON.parse(preview.stdout);
    assert.equal(p.plan.items.length, 3);
    const plan = await fairdebt(['negotiate', 'plan', a!.id, '--terms', '3', '--actor', 'c-wang', '--role', 'collector', '--reason', '分期', '--key', 'p1', '--json'], t.env);
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(JSON.parse(plan.stdout).terms.restructure.items, p.plan.items, 'the plan committed is the plan previewed');

    const noKey = await fairdebt(['negotiate', 'waive', b!.id, '--component', 'interest', '--actor', 'c-wang', '--role', 'collector', '--reason', 'r'], t.env);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /key: an idempotency key is required/);
    const badRole = await fairdebt(['negotiate', 'waive', b!.id, '--component', 'interest', '--actor', 'c-wang', '--role', 'boss', '--reason', 'r', '--key', 'w0'], t.env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /VALIDATION_FAILED: role: /);

    const waive = await fairdebt(['negotiate', 'waive', b!.id, '--component', 'interest', '--amount', '20001', '--actor', 'c-wang', '--role', 'collector', '--reason', '困难', '--key', 'w1', '--json'], t.env);
    assert.equal(waive.code, 0, waive.stderr);
    const w = JSON.parse(waive.stdout);
    assert.equal(w.status, 'pending_approval');
    const pending = await fairdebt(['negotiate', 'pending'], t.env);
    assert.match(pending.stdout, new RegExp(`#${w.concessionId} ${b!.id} waiver 20001 by c-wang \\(collector\\)`));
    const self = await fairdebt(['negotiate', 'approve', String(w.concessionId), '--actor', 'c-wang', '--role', 'manager', '--key', 'a1'], t.env);
    assert.equal(self.code, 2);
    assert.match(self.stderr, /FORBIDDEN: actor: four-eyes/);
    const ok = await fairdebt(['negotiate', 'approve', String(w.concessionId), '--actor', 't-zhou', '--role', 'team_lead', '--key', 'a2'], t.env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /active/);
  } finally {
    await t.dispose();
  }
});
