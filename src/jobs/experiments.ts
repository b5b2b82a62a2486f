/**
 * Champion/challenger in operation: counts per experiment arm from what the cycle planned and sent,
 * and the nightly guardrail check that stops an arm doing harm. Complaints are those received in the
 * period about the arm's accounts (or from the arm's debtors, when a complaint names no account);
 * opt-outs are those the debtors of the arm recorded in the period.
 */
import type { Db } from '../platform/db.ts';
import type { Clock } from '../platform/clock.ts';
import { applyGuardrails, listExperiments, type ArmCounts } from '../modules/strategy/index.ts';

type Arm = 'champion' | 'challenger' | 'holdout';

export async function loadArmCounts(db: Db, experiment: string, from: string, to: string): Promise<Partial<Record<Arm, ArmCounts>>> {
  const rows = await db.query<{ arm: Arm; accounts: number; account_days: number; contacts: number; planned: number; blocks: number; complaints: number; opt_outs: number }>(
    `WITH items AS (
       SELECT arm, account_id, customer_id, business_date, status FROM contacts_outbox WHERE experiment = $1 AND business_date BETWEEN $2::date AND $3::date AND arm IS NOT NULL
     ), members AS (SELECT DISTINCT arm, account_id, customer_id FROM items),
     days AS (SELECT arm, count(*)::int AS n FROM (SELECT DISTINCT arm, account_id, business_date FROM items) d GROUP BY arm),
     complaints AS (
       SELECT m.arm, count(DISTINCT c.id)::int AS n FROM complaints c
       JOIN members m ON m.account_id = c.account_id OR (c.account_id IS NULL AND m.customer_id = c.customer_id)
       WHERE c.received_on BETWEEN $2::date AND $3::date GROUP BY m.arm
     ),
     opt_outs AS (
       SELECT m.arm, count(*)::int AS n FROM (SELECT DISTINCT arm, customer_id FROM members) m
       JOIN contact_preferences p ON p.customer_id = m.customer_id CROSS JOIN LATERAL jsonb_array_elements(p.opt_outs) o
       WHERE (o->>'at') IS NOT NULL AND (o->>'at')::timestamptz >= $2::date AND (o->>'at')::timestamptz < $3::date + 1 GROUP BY m.arm
     )
     SELECT i.arm, count(DISTINCT i.account_id)::int AS accounts, coalesce(max(days.n), 0) AS account_days,
            count(*) FILTER (WHERE i.status IN ('sent', 'delivered'))::int AS contacts, count(*)::int AS planned,
            count(*) FILTER (WHERE i.status = 'blocked')::int AS blocks, coalesce(max(c.n), 0) AS complaints, coalesce(max(o.n), 0) AS opt_outs
     FROM items i LEFT JOIN days ON days.arm = i.arm LEFT JOIN complaints c ON c.arm = i.arm LEFT JOIN opt_outs o ON o.arm = i.arm
     GROUP BY i.arm`,
    [experiment, from, to],
  );
  const out: Partial<Record<Arm, ArmCounts>> = {};
  for (const r of rows) {
    out[r.arm] = { accounts: r.accounts, accountDays: r.account_days, contacts: r.contacts, complaints: r.complaints, optOuts: r.opt_outs, planned: r.planned, complianceBlocks: r.blocks };
  }
  return out;
}

/** Applies every running experiment's guardrails to its counts since it started; returns the experiments stopped. */
export async function checkGuardrails(db: Db, clock: Clock, businessDate: string): Promise<string[]> {
  const running = await listExperiments(db, { status: 'running' });
  if (running.length === 0) return [];
  const counts: Record<string, Partial<Record<Arm, ArmCounts>>> = {};
  for (const x of running) counts[x.code] = await loadArmCounts(db, x.code, x.startedOn, businessDate);
  const out = await applyGuardrails(db, clock, { counts, businessDate });
  return out.result.filter((o) => o.stopped).map((o) => o.code);
}
