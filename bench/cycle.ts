/**
 * `npm run bench -- cycle [--accounts N] [--engine pg|pglite] [--date D] [--json]`
 *
 * Seeds a portfolio of N instalment loans directly in SQL (state as of the day before --date: most
 * current, a delinquent tail across every bucket, 2 % paying on the day), then measures in one run:
 *   1. a bare set-based UPDATE over the same rows (account_state, the table every cycle closes), the baseline;
 *   2. one daily-cycle date with every step (post-due, allocate, accrue, delinquency, cases, close);
 *   3. a rerun of the same date (must do nothing).
 * Prints accounts/s, the ratio to the bare UPDATE, and peak RSS of this process (with PGlite the
 * database runs in this process; with a server it does not).
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemClock } from '../src/platform/clock.ts';
import { addDays } from '../src/platform/dates.ts';
import { ensureDefaultProducts } from '../src/modules/ledger/index.ts';
import { runCycle, setSetting } from '../src/jobs/cycle.ts';
import { publishedPlanning } from '../src/jobs/planning.ts';
import { ensureDefaultTables } from '../src/modules/strategy/index.ts';
import { loadPacks } from '../src/jobs/dispatch.ts';
import { ensureDefaultTemplates, DEFAULT_LENDER } from '../src/modules/contacts/index.ts';
import type { CompiledPack } from '../src/modules/compliance/index.ts';

const SEED_BATCH_ACCOUNTS = 100_000;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: 'string', default: '1000000' },
      engine: { type: 'string', default: 'pg' },
      date: { type: 'string', default: '2026-06-01' },
      json: { type: 'boolean', default: false },
      // The planning step (strategy tables and the compliance gate for every candidate account) is part
      // of the cycle; --no-planning measures the ledger and delinquency steps alone.
      planning: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`--accounts: expected a positive whole number, got ${values.accounts}`);
  if (values.engine !== 'pg' && values.engine !== 'pglite') throw new Error(`--engine: expected pg or pglite, got ${values.engine}`);
  const say = (s: string) => {
    if (!values.json) process.stderr.write(`${s}\n`);
  };
  const { db, dispose } = await openBenchDb(values.engine);
  try {
    await migrate(db);
    await ensureDefaultProducts(db, systemClock.now());
    await ensureDefaultTemplates(db, systemClock, DEFAULT_LENDER);
    let packs: Promise<Record<string, CompiledPack>> | undefined;
    await ensureDefaultTables(db, systemClock.now());
    const planning = values.planning ? publishedPlanning((tx) => (packs ??= loadPacks({ db: tx })), DEFAULT_LENDER.id) : undefined;
    let t = performance.now();
    await seed(db, accounts, values.date, say);
    const seedSeconds = (performance.now() - t) / 1000;
    say(`seeded ${accounts} accounts in ${seedSeconds.toFixed(1)} s`);

    t = performance.now();
    await db.query(`UPDATE account_state SET closed_through = closed_through + 0`);
    const bareUpdateSeconds = (performance.now() - t) / 1000;
    say(`bare UPDATE of ${accounts} rows: ${bareUpdateSeconds.toFixed(2)} s`);
    await db.exec('VACUUM ANALYZE');

    t = performance.now();
    const summary = await runCycle(db, systemClock, { date: values.date, planning });
    const seconds = (performance.now() - t) / 1000;
    say(`cycle ${values.date}: ${seconds.toFixed(2)} s — rows ${JSON.stringify(summary.rows)} — seconds ${JSON.stringify(summary.stepSeconds)}`);

    t = performance.now();
    const rerun = await runCycle(db, systemClock, { date: values.date, planning });
    const rerunSeconds = (performance.now() - t) / 1000;
    if (!rerun.alreadyClosed) throw new Error('the rerun of a closed date did work');

    const result = {
      benchmark: 'cycle',
      engine: values.engine,
      planning: values.planning,
      accounts,
      date: values.date,
      seconds: round(seconds),
      accountsPerSecond: Math.round(accounts / seconds),
      bareUpdateSeconds: round(bareUpdateSeconds),
      ratioToBareUpdate: round(seconds / bareUpdateSeconds),
      rerunSeconds: round(rerunSeconds),
      rerunRatio: round(rerunSeconds / seconds),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      seedSeconds: round(seedSeconds),
      rows: summary.rows,
      stepSeconds: summary.stepSeconds,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `cycle on ${result.engine}, ${accounts} accounts: ${result.seconds} s (${result.accountsPerSecond} accounts/s); bare UPDATE ${result.bareUpdateSeconds} s; ` +
          `ratio ${result.ratioToBareUpdate}×; rerun ${result.rerunSeconds} s (${(result.rerunRatio * 100).toFixed(2)} %); peak RSS ${result.peakRssMiB} MiB\n`,
      );
    }
  } finally {
    await dispose();
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function openBenchDb(engine: 'pg' | 'pglite'): Promise<{ db: Db; dispose(): Promise<void> }> {
  if (engine === 'pg') {
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    const admin = await openDb({ databaseUrl: url, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const db = await openDb({ databaseUrl: url, schema, maxConnections: 2 });
    return {
      db,
      async dispose() {
        await db.close();
        // BENCH_KEEP=1 leaves the schema for looking at query plans afterwards.
        if (process.env.BENCH_KEEP === '1') process.stderr.write(`kept schema ${schema}\n`);
        else await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
        await admin.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-bench-'));
  const db = await openDb({ dataDir: dir });
  return {
    db,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The portfolio as of the day before `date`: 6-month equal-principal loans of ¥6,000 opened 35–184
 * days ago; by account number, 80 % are current, then 10 % / 5 % / 3 % / 2 % have their last 1 / 2 /
 * 3 / 5 past instalments unpaid (M1 … M6+); 2 % pay ¥500 on the day.
 */
export async function seed(db: Db, n: number, date: string, say: (s: string) => void): Promise<void> {
  const closed = addDays(date, -1);
  const [{ v }] = (await db.query<{ v: number }>(`SELECT version AS v FROM products WHERE code = 'CN_LOAN' ORDER BY version DESC LIMIT 1`)) as [{ v: number }];
  for (let lo = 1; lo <= n; lo += SEED_BATCH_ACCOUNTS) {
    const hi = Math.min(n, lo + SEED_BATCH_ACCOUNTS - 1);
    await db.transaction(async (tx) => {
      const p = [lo, hi, date, v];
      await tx.query(
        `INSERT INTO customers (id, name, phones, emails, time_zone, jurisdiction, language, created_at)
         SELECT 'B' || i, '客户' || i, jsonb_build_array('+86 138 ' || lpad((i % 10000)::text, 4, '1') || ' ' || lpad((i % 9999)::text, 4, '2')),
                jsonb_build_array('b' || i || '@example.cn'), 'Asia/Shanghai', 'CN', 'zh-CN', now() FROM generate_series($1::bigint, $2::bigint) i`,
        [lo, hi],
      );
      await tx.query(
        `INSERT INTO accounts (id, ref, customer_id, product_code, product_version, currency, opened_on, principal_minor, term_count, schedule_method, first_due_on, created_at)
         SELECT i, 'B' || i, 'B' || i, 'CN_LOAN', $4, 'CNY', $3::date - (35 + (i * 7919) % 150)::int, 600000, 6, 'equal_principal', $3::date - (35 + (i * 7919) % 150)::int + 30, now()
         FROM generate_series($1::bigint, $2::bigint) i`,
        p,
      );
      await tx.query(
        `INSERT INTO due_items (account_id, seq, kind, due_on, period_start, period_end, created_on, principal_due_minor, interest_due_minor, minimum_due_minor,
                                interest_base_minor, interest_rate_ppm, interest_days, customer_id)
         SELECT a.id, k, 'instalment', a.opened_on + 30 * k, a.opened_on + 30 * (k - 1), a.opened_on + 30 * k, a.opened_on,
                100000, (600000 - 100000 * (k - 1)) * 12 / 1000, 100000 + (600000 - 100000 * (k - 1)) * 12 / 1000,
                600000 - 100000 * (k - 1), 400, 30, a.customer_id
         FROM accounts a CROSS JOIN generate_series(1, 6) k WHERE a.id BETWEEN $1 AND $2`,
        [lo, hi],
      );
      // Which past instalments are unpaid: the last `unpaid` of them, by the account's class.
      await tx.query(
        `WITH cls AS (
           SELECT a.id, CASE WHEN (a.id * 31) % 100 < 80 THEN 0 WHEN (a.id * 31) % 100 < 90 THEN 1 WHEN (a.id * 31) % 100 < 95 THEN 2
                             WHEN (a.id * 31) % 100 < 98 THEN 3 ELSE 5 END AS unpaid,
                  (SELECT count(*) FROM due_items d WHERE d.account_id = a.id AND d.customer_id = a.customer_id AND d.due_on < $3::date) AS past
           FROM accounts a WHERE a.id BETWEEN $1 AND $2
         )
         UPDATE due_items d SET
           charged_on = d.due_on,
           interest_charged_minor = d.interest_due_minor,
           principal_paid_minor = CASE WHEN d.seq > c.past - c.unpaid THEN 0 ELSE d.principal_due_minor END,
           interest_paid_minor = CASE WHEN d.seq > c.past - c.unpaid THEN 0 ELSE d.interest_due_minor END,
           penalty_charged_minor = CASE WHEN d.seq > c.past - c.unpaid THEN (d.principal_due_minor * 600 / 1000000) * ($3::date - 1 - d.due_on) ELSE 0 END,
           settled_on = CASE WHEN d.seq > c.past - c.unpaid THEN NULL ELSE d.due_on END
         FROM cls c WHERE d.account_id = c.id AND d.due_on < $3::date`,
        p.slice(0, 3),
      );
      await tx.query(
        `INSERT INTO account_state (account_id, customer_id, closed_through, principal_minor, interest_minor, penalty_minor, principal_date_weight, cost_charged_minor, delinquent_since, overdue_minor, accruing)
         SELECT a.id, a.customer_id, $3::date - 1,
                600000 - coalesce(sum(d.principal_paid_minor), 0),
                coalesce(sum(d.interest_charged_minor - d.interest_paid_minor), 0),
                coalesce(sum(d.penalty_charged_minor), 0),
                600000::bigint * (a.opened_on - DATE '1970-01-01') - coalesce(sum(d.principal_paid_minor * (d.due_on - DATE '1970-01-01')), 0),
                coalesce(sum(d.interest_charged_minor + d.penalty_charged_minor), 0),
                min(d.due_on) FILTER (WHERE d.settled_on IS NULL AND d.due_on < $3::date - 1),
                coalesce(sum(d.principal_due_minor - d.principal_paid_minor + d.interest_charged_minor - d.interest_paid_minor + d.penalty_charged_minor)
                         FILTER (WHERE d.due_on < $3::date - 1), 0),
                coalesce(bool_or(d.settled_on IS NULL) FILTER (WHERE d.due_on < $3::date - 1), false)
         FROM accounts a LEFT JOIN due_items d ON d.account_id = a.id AND d.customer_id = a.customer_id AND d.due_on < $3::date
         WHERE a.id BETWEEN $1 AND $2 GROUP BY a.id, a.customer_id`,
        p.slice(0, 3),
      );
      await tx.query(
        `UPDATE account_state s SET bucket = b.code FROM buckets b
         WHERE b.policy = 'default' AND s.closed_through - s.delinquent_since >= b.min_dpd
           AND (b.max_dpd IS NULL OR s.closed_through - s.delinquent_since <= b.max_dpd) AND s.account_id BETWEEN $1 AND $2 AND s.delinquent_since IS NOT NULL`,
        [lo, hi],
      );
      await tx.query(
        `INSERT INTO collection_cases (account_id, customer_id, status, opened_on, opened_bucket, bucket, delinquent_since, dpd, max_dpd, overdue_minor, updated_on)
         SELECT account_id, customer_id, 'open', delinquent_since + 1, 'M1', bucket, delinquent_since, closed_through - delinquent_since, closed_through - delinquent_since, overdue_minor, closed_through
         FROM account_state WHERE account_id BETWEEN $1 AND $2 AND delinquent_since IS NOT NULL`,
        [lo, hi],
      );
      await tx.query(
        `INSERT INTO transactions (account_id, customer_id, type, ref, amount_minor, currency, value_date, received_on, status, created_at)
         SELECT i, 'B' || i, 'payment', 'bench-pay-' || i, 50000, 'CNY', $3::date, $3::date, 'pending', now()
         FROM generate_series($1::bigint, $2::bigint) i WHERE (i * 17) % 100 < 2`,
        p.slice(0, 3),
      );
    });
    say(`  seeded accounts ${lo}–${hi}`);
  }
  await setSetting(db, 'last_closed_date', closed);
  await setSetting(db, 'business_date', date);
  await db.exec('VACUUM ANALYZE');
}
