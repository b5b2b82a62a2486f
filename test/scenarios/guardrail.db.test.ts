import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { scenario } from '../support/scenario.ts';
import { packs, setUpContacts, dispatchAt } from '../support/contacts.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { publishedPlanning } from '../../src/jobs/planning.ts';
import { checkGuardrails, loadArmCounts } from '../../src/jobs/experiments.ts';
import { ensureDefaultTables, saveDraftTable, startExperiment, listExperiments, DEFAULT_TABLES } from '../../src/modules/strategy/index.ts';
import { createFakeProvider, DEFAULT_LENDER, PROVIDER_CHANNELS, type ChannelProvider, type ProviderChannel } from '../../src/modules/contacts/index.ts';
import { openDispute, submitPortalComplaint } from '../../src/modules/complaints/index.ts';

// Twenty CN loans miss their first instalment (due 2026-02-15). A challenger table that sends the
// early SMS every day instead of every fourth day runs against the default table, half and half, with
// a guardrail: at most 500 complaints per 10,000 contacts. Debtors in the challenger arm complain;
// the nightly check stops the arm and says why, and the next day's plans are all the champion's.

const clock = fixedClock('2026-02-01T00:00:00.000Z');
let n = 0;
const who = () => ({ actor: 'strategy-manager', idempotencyKey: `g-${++n}` });

test('a guardrail on complaints stops a challenger arm, says why, and the next plans are the champion’s', async () => {
  const s = await scenario({ planning: publishedPlanning(async () => packs, DEFAULT_LENDER.id) });
  try {
    await setUpContacts(s.db);
    await ensureDefaultTables(s.db, clock.now());
    const cn = DEFAULT_TABLES.find((t) => t.jurisdiction === 'CN')!;
    const daily = { ...cn, rows: cn.rows.map((r) => (r.id === 'cn-m1-sms' ? { ...r, conditions: { ...r.conditions, daysSinceLastContact: undefined }, outputs: { ...r.outputs, cadenceDays: 1 } } : r)) };
    const draft = await saveDraftTable(s.db, clock, { table: daily, ...who() });
    await startExperiment(s.db, clock, {
      experiment: { code: 'sms-daily', tableCode: cn.code, challengerVersion: draft.result.version, challengerBp: 5_000, guardrails: [{ id: 'complaints', metric: 'complaintsPer10kContacts', ceiling: 500, minSample: 5 }] },
      businessDate: '2026-02-14', ...who(),
    });
    for (let i = 1; i <= 20; i++) await s.loan(`G${i}`, { principalMinor: 600_000, termCount: 6, openedOn: '2026-01-15' });
    const providers: Partial<Record<ProviderChannel, ChannelProvider>> = Object.fromEntries(PROVIDER_CHANNELS.map((c) => [c, createFakeProvider(c)]));
    for (let d = Temporal.PlainDate.from('2026-02-10'); d.toString() <= '2026-02-19'; d = d.add({ days: 1 })) {
      await s.closeThrough(d.toString());
      // Everything planned at this close goes out the next morning, 10:00 Shanghai time.
      await dispatchAt(s.db, `${d.add({ days: 1 }).toString()}T02:00:00.000Z`, providers);
    }
    const arms = await s.db.query<{ arm: string; n: number }>(`SELECT arm, count(DISTINCT account_id)::int AS n FROM contacts_outbox WHERE experiment = 'sms-daily' GROUP BY arm ORDER BY arm`);
    assert.deepEqual(arms.map((a) => a.arm), ['champion', 'challenger'].sort(), 'both arms were planned');
    const before = await loadArmCounts(s.db, 'sms-daily', '2026-02-14', '2026-02-19');
    assert.ok((before.challenger?.contacts ?? 0) > (before.champion?.contacts ?? 0) / Math.max(1, before.champion?.accounts ?? 1), 'the challenger arm was contacted');

    // A dispute of the amount is not a complaint: it does not count against the arm.
    const challengers = await s.db.query<{ ref: string; customer_id: string }>(
      `SELECT DISTINCT a.ref, a.customer_id FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id WHERE o.arm = 'challenger' ORDER BY a.ref LIMIT 3`);
    const complainedOn = fixedClock('2026-02-19T06:00:00.000Z');
    for (const c of challengers) await openDispute(s.db, complainedOn, { accountRef: c.ref, reason: '金额有误' }, { actor: 'debtor', idempotencyKey: `d-${c.ref}` });
    assert.equal((await loadArmCounts(s.db, 'sms-daily', '2026-02-14', '2026-02-19')).challenger?.complaints ?? 0, 0);
    // Three debtors of the challenger arm complain in the portal about the daily SMS.
    for (const c of challengers) {
      await submitPortalComplaint(s.db, complainedOn, c.customer_id, { category: 'harassment', summary: '每天都发短信，太多了', accountRef: c.ref }, { actor: `debtor:${c.customer_id}`, idempotencyKey: `c-${c.ref}` });
    }
    assert.equal((await loadArmCounts(s.db, 'sms-daily', '2026-02-14', '2026-02-19')).challenger?.complaints, 3);
    assert.deepEqual(await checkGuardrails(s.db, clock, '2026-02-19'), ['sms-daily']);
    const [x] = await listExperiments(s.db, {});
    assert.equal(x?.status, 'stopped');
    assert.match(JSON.stringify(x?.stopReason), /complaintsPer10kContacts/);

    for (const d of ['2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', '2026-02-24']) await s.closeThrough(d);
    const after = await s.db.query<{ arm: string | null; n: number }>(`SELECT arm, count(*)::int AS n FROM contacts_outbox WHERE business_date >= '2026-02-20' GROUP BY arm`);
    assert.equal(after.length, 1, `one group: ${JSON.stringify(after)}`);
    assert.equal(after[0]!.arm, null, 'no arm any more: the champion table decides alone');
    assert.ok(after[0]!.n > 0, 'and it still plans contacts');
  } finally {
    await s.close();
  }
});
