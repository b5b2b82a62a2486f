import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scenario } from '../../../test/support/scenario.ts';
import { planningWith, setUpContacts } from '../../../test/support/contacts.ts';
import { thresholdModel, ppmOf } from '../../../test/support/scoring.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { deciderFor } from '../../jobs/planning.ts';
import { DEFAULT_TABLES } from '../strategy/index.ts';
import { registerModel, scoreClosedAccounts, activeModelInfo } from './index.ts';

const clock = fixedClock('2026-02-01T02:00:00.000Z');
let k = 0;
const key = () => ({ actor: 'test', idempotencyKey: `model-${++k}` });

interface ScoreRow { ref: string; as_of: string; model_id: number; pd_ppm: number; pp_ppm: number; risk_score: number; band: string; owed_minor: number; expected_recovery_minor: number; entries_owed: number }
const scores = (db: Parameters<typeof runCycle>[0], date: string) =>
  db.query<ScoreRow>(
    `SELECT a.ref, sc.as_of, sc.model_id, sc.pd_ppm, sc.pp_ppm, sc.risk_score, sc.band, sc.owed_minor, sc.expected_recovery_minor,
            (SELECT sum(e.amount_minor) FROM entries e WHERE e.account_id = a.id AND e.value_date <= $1::date) AS entries_owed
     FROM account_scores sc JOIN accounts a ON a.id = sc.account_id ORDER BY a.ref`,
    [date],
  );

// Two CN loans opened 2026-01-15, first instalment due 2026-02-15. The test model calls a loan of more
// than 10,000 CNY risky (P(default) = sigmoid(3), risk score 953) and a smaller one safe (sigmoid(−3), 47).
test('score step: nothing without a model; with one, each account owing gets P(default), P(payment), band and expected recovery; the CN strategy sends the pre-due reminder to the risky account only; a replay scores again', async () => {
  const s = await scenario({ planning: planningWith(deciderFor(DEFAULT_TABLES)) });
  try {
    await setUpContacts(s.db);
    await s.loan('HI', { principalMinor: 2_000_000, termCount: 12, openedOn: '2026-01-15' });
    await s.loan('LO', { principalMinor: 500_000, termCount: 12, openedOn: '2026-01-15' });

    const before = await s.closeThrough('2026-02-05');
    assert.equal(before.rows.score ?? 0, 0, 'no model registered: the step scores nothing');
    assert.equal((await scores(s.db, '2026-02-05')).length, 0);
    assert.equal(await scoreClosedAccounts(s.db, '2026-02-05'), null);

    // Only a model of the accounts format can be put in force; bad input names the field and changes nothing.
    const uci = { ...thresholdModel('size_minor', 1_000_000, -3, 3), format: 'uci' };
    await assert.rejects(registerModel(s.db, clock, { artefact: uci, name: 'uci' }, key()), (e: unknown) => e instanceof AppError && e.issues[0]?.path === 'model.format');
    await assert.rejects(registerModel(s.db, clock, { artefact: { kind: 'other' }, name: 'x' }, key()), (e: unknown) => e instanceof AppError && e.issues[0]?.path === 'model');
    await assert.rejects(registerModel(s.db, clock, { artefact: thresholdModel('size_minor', 1, 0, 0), name: ' ' }, key()), (e: unknown) => e instanceof AppError && e.issues[0]?.path === 'name');
    assert.equal(await activeModelInfo(s.db), null);

    const first = await registerModel(s.db, clock, { artefact: thresholdModel('size_minor', 1_000_000, -1, 1), name: 'first' }, key());
    const k1 = key();
    const reg = await registerModel(s.db, clock, { artefact: thresholdModel('size_minor', 1_000_000, -3, 3), name: 'size' }, k1);
    assert.deepEqual(reg.retired, [first.id], 'one active model per purpose: the earlier one is retired');
    assert.deepEqual(await registerModel(s.db, clock, { artefact: thresholdModel('size_minor', 1_000_000, -3, 3), name: 'size' }, k1), reg, 'the same key gives the same result');
    assert.equal((await activeModelInfo(s.db))?.id, reg.id);

    const day = await s.closeThrough('2026-02-12');
    assert.equal(day.rows.score, 2 * 7, 'both accounts scored on each of the seven days');
    const rows = await scores(s.db, '2026-02-12');
    assert.equal(rows.length, 2);
    const [hi, lo] = rows as [ScoreRow, ScoreRow];
    const expect = (r: ScoreRow, logit: number, band: string) => {
      const pd = ppmOf(logit);
      assert.equal(r.as_of, '2026-02-12');
      assert.equal(Number(r.model_id), reg.id);
      assert.equal(r.pd_ppm, pd);
      assert.equal(r.pp_ppm, 1_000_000 - pd);
      assert.equal(r.risk_score, Math.round(pd / 1000));
      assert.equal(r.band, band);
      assert.equal(Number(r.owed_minor), Number(r.entries_owed), 'owed is everything the entries valued by the date say');
      assert.equal(Number(r.expected_recovery_minor), Math.floor(((1_000_000 - pd) * Number(r.owed_minor) + 500_000) / 1_000_000));
    };
    expect(hi, 3, 'high');
    expect(lo, -3, 'low');
    assert.equal(hi.risk_score, 953);
    assert.equal(lo.risk_score, 47);

    // Closing 02-12, the instalment is three days away: cn-predue-d3 for the risky account only.
    const planned = await s.db.query<{ ref: string; action: string; strategy_row: string }>(
      `SELECT a.ref, o.action, o.strategy_row FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id WHERE o.business_date = '2026-02-12' ORDER BY a.ref`,
    );
    assert.deepEqual(planned.map((p) => [p.ref, p.action, p.strategy_row]), [['HI', 'push_reminder', 'cn-predue-d3']]);

    // A payment dated in the past replays HI from its value date: the score follows the new history.
    await s.pay('HI', 1_000_000, '2026-02-08');
    await s.closeThrough('2026-02-13');
    const after = await scores(s.db, '2026-02-13');
    assert.equal(after[0]!.as_of, '2026-02-13');
    assert.ok(Number(after[0]!.owed_minor) < Number(hi.owed_minor) - 900_000, 'the payment lowers what HI owes');
    expect({ ...after[0]!, as_of: '2026-02-12' }, 3, 'high');

    // A replay of closed dates writes the same scores again.
    const snapshot = await scores(s.db, '2026-02-13');
    await runCycle(s.db, clock, { date: '2026-02-10', replay: true });
    assert.deepEqual(await scores(s.db, '2026-02-13'), snapshot);
  } finally {
    await s.close();
  }
});
