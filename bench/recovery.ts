/**
 * `npm run bench -- recovery [--accounts 3000] [--seed 7] [--today 2026-03-01] [--days 30] [--calls 5,10,20] [--data-dir DIR] [--json]`
 *
 * Collector queues worked by delinquency (the baseline, the worklist's `dpd` order) against queues
 * worked by expected recovery (P(payment) × amount owed from the registered model), on the demo
 * portfolio. Seeds the demo (a fresh temporary database unless --data-dir names one seeded with the same
 * options; the demo's model, trained on another seed, is registered as `fairdebt demo seed` does), takes
 * the CNY accounts (so that amounts add up) delinquent `days` days before the last closed date as the
 * queue, scores them as of that date from history with
 * the model in force, and replays the following `days` days with each capacity of calls a day. The
 * outcome model is simulation.rules.ts's: payments are what the demo's payers actually paid in the
 * window; a call is credited with what its account pays from that day on. Random and oracle (perfect
 * foresight) orders are printed as bounds.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { addDays } from '../src/platform/dates.ts';
import { getSetting, lastClosedDate } from '../src/jobs/cycle.ts';
import { seedDemo, registerDemoModel } from '../src/modules/demo/index.ts';
import {
  accountFeatures, accountRowsDataset, activeModel, metricsOf, scoreDataset, scoreFigures, simulateRecovery, SIM_ORDERS, type SimAccount, type SimOrder, type SimResult,
} from '../src/modules/scoring/index.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, days: { type: 'string' }, calls: { type: 'string' },
      'data-dir': { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const accounts = Number(values.accounts ?? 3000);
  const seed = Number(values.seed ?? 7);
  const today = values.today ?? '2026-03-01';
  const days = Number(values.days ?? 30);
  const capacities = (values.calls ?? '5,10,20').split(',').map(Number);
  const dir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'fairdebt-recovery-'));
  const app = await openApp({ config: loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }) });
  try {
    const seeded = await getSetting(app.db, 'demo_seed');
    let seedSeconds = 0;
    if (seeded === null) {
      const t0 = performance.now();
      process.stderr.write(`seeding ${accounts} demo accounts (seed ${seed}, today ${today}) into ${dir}…\n`);
      await seedDemo(app, { accounts, seed, today });
      seedSeconds = (performance.now() - t0) / 1000;
    } else {
      const s = JSON.parse(seeded) as { accounts: number; seed: number; today: string };
      if (s.accounts !== accounts || s.seed !== seed || s.today !== today) throw new Error(`${dir} holds another demo portfolio: ${seeded}`);
    }
    // The demo's model in force (registered once per artefact: a portfolio seeded earlier gets the current one).
    await registerDemoModel(app, { seed, today, lastClosed: (await lastClosedDate(app.db))! });
    const model = (await activeModel(app.db))!;
    const last = (await lastClosedDate(app.db))!;
    const from = addDays(last, -days);
    // The queue: accounts delinquent on `from`, with their features and label as of that date.
    // One currency, so amounts add up: the CNY accounts (about 95 % of the demo book).
    const cny = new Set((await app.db.query<{ id: number }>(`SELECT id FROM accounts WHERE currency = 'CNY'`)).map((r) => Number(r.id)));
    const rows = (await accountFeatures(app.db, { asOf: from, horizonDays: days, lastClosed: last })).filter((r) => (r.dpd_now ?? 0) > 0 && cny.has(r.account_id!));
    const pd = scoreDataset(model.artefact, accountRowsDataset(rows));
    const labels = Uint8Array.from(rows, (r) => r.dpd30_within_horizon ?? 0);
    const overdue = new Map(
      (await app.db.query<{ account_id: number; overdue_minor: number }>(
        `SELECT e.account_id, sum(e.amount_minor) AS overdue_minor FROM entries e JOIN due_items d ON d.account_id = e.account_id AND d.seq = e.item_seq
         WHERE e.value_date <= $1::date AND d.due_on < $1::date AND e.account_id = ANY($2::bigint[]) GROUP BY e.account_id`,
        [from, rows.map((r) => r.account_id)],
      )).map((r) => [Number(r.account_id), Number(r.overdue_minor)]),
    );
    const payments = new Map<number, Array<{ day: number; amountMinor: number }>>();
    for (const p of await app.db.query<{ account_id: number; day: number; amount: number }>(
      `SELECT account_id, value_date - $1::date AS day, sum(amount_minor) AS amount FROM transactions
       WHERE type = 'payment' AND status = 'posted' AND value_date > $1::date AND value_date <= $1::date + $2::int AND account_id = ANY($3::bigint[])
       GROUP BY account_id, value_date ORDER BY account_id, value_date`,
      [from, days, rows.map((r) => r.account_id)],
    )) {
      const list = payments.get(Number(p.account_id)) ?? [];
      list.push({ day: Number(p.day), amountMinor: Number(p.amount) });
      payments.set(Number(p.account_id), list);
    }
    const queue: SimAccount[] = rows.map((r, i) => ({
      id: r.account_id!,
      dpd: r.dpd_now!,
      overdueMinor: overdue.get(r.account_id!) ?? 0,
      expectedRecoveryMinor: scoreFigures(pd[i]!, r.owed_minor ?? 0).expectedRecoveryMinor,
      payments: payments.get(r.account_id!) ?? [],
    }));
    const totalPaid = queue.reduce((s, a) => s + a.payments.reduce((t, p) => t + p.amountMinor, 0), 0);
    const results = capacities.map((calls) => {
      const by = Object.fromEntries(SIM_ORDERS.map((o) => [o, simulateRecovery(queue, { order: o, callsPerDay: calls, days, seed: 1 })])) as Record<SimOrder, SimResult>;
      return { callsPerDay: calls, ...by, ratio: by.expected_recovery.recoveredMinor / by.dpd.recoveredMinor };
    });
    const m = metricsOf(pd, labels);
    const summary = {
      accounts, seed, today, window: { from, to: last, days }, queue: queue.length, payingInWindow: queue.filter((a) => a.payments.length).length, totalPaidMinor: totalPaid,
      model: { id: model.id, auc: m.auc, rows: m.rows, bads: m.bads }, seedSeconds, results,
    };
    if (values.json) {
      process.stdout.write(JSON.stringify(summary) + '\n');
      return;
    }
    const yuan = (minor: number) => (minor / 100).toLocaleString('en', { maximumFractionDigits: 0 });
    process.stdout.write(
      `demo portfolio: ${accounts} accounts (seed ${seed}); queue: ${queue.length} CNY accounts delinquent on ${from}, ${summary.payingInWindow} of them paid ¥${yuan(totalPaid)} in the next ${days} days\n` +
        `model ${model.id} on the queue: AUC ${m.auc.toFixed(3)} for 30+ DPD by ${last}\n\n` +
        `recovered (CNY) over ${days} days\ncalls/day | by DPD (baseline) | by expected recovery | ratio | random | oracle\n`,
    );
    for (const r of results)
      process.stdout.write(
        `${String(r.callsPerDay).padStart(9)} | ${yuan(r.dpd.recoveredMinor).padStart(17)} | ${yuan(r.expected_recovery.recoveredMinor).padStart(20)} | ${r.ratio.toFixed(2).padStart(5)} | ${yuan(r.random.recoveredMinor).padStart(6)} | ${yuan(r.oracle.recoveredMinor)}\n`,
      );
  } finally {
    await app.close();
  }
}
