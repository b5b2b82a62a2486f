/**
 * The demo portfolio: a reproducible synthetic book of consumer accounts whose payment behaviour
 * follows the real data (calibration.ts, docs/demo-data.md), simulated day by day through the real
 * ledger and daily cycle, so every figure on screen was produced by the same code as production.
 *
 * Each account gets a payer profile; the profile becomes planned payment events (pay everything due
 * on the due date, D days late, a fraction of each instalment, only the minimum, nothing after a
 * stop date…). Amounts are resolved on the day from the account's real balances.
 */
import type { App } from '../../main.ts';
import { addDays, addMonthsClamped, daysBetween } from '../../platform/dates.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { createCustomers, openAccounts, insertTransactions, latestProducts, type AccountInput, type CustomerInput, type TransactionInput } from '../ledger/index.ts';
import { runCycle, setSetting, type CycleProgress } from '../../jobs/cycle.ts';
import { DEMO_BEHAVIOUR_MIX, pickProfile, type PayerProfile } from './calibration.ts';
import { rng } from './demo.rng.ts';
import { collectionActivity, type ActivitySummary } from './demo.activity.ts';

export { rng };

export const DEMO_HISTORY_DAYS = 330;
const CHUNK_ACCOUNTS = 2_000;
/** Payers who pay a few days before an instalment falls due; the money waits as credit until then. */
const EARLY_PAYMENT_DAYS = 3;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '小红', '建华', '文'];
const EN_FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'Oliver', 'Amelia', 'Harry', 'Isla'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Garcia', 'Miller', 'Thomas'];
const CN_CITIES = ['北京市朝阳区', '上海市浦东新区', '广州市天河区', '深圳市南山区', '杭州市西湖区', '成都市武侯区', '武汉市洪山区', '西安市雁塔区'];

type Event =
  | { kind: 'pay_all_due' }
  | { kind: 'pay_item_fraction'; seq: number; fraction: number }
  | { kind: 'pay_minimum'; fractionOfRest: number };

export interface SeedOptions {
  accounts: number;
  seed: number;
  /** The demo's today: the cycle closes every date before it. */
  today: string;
  onProgress?: (p: CycleProgress & { phase: string }) => void;
}

export interface SeedSummary {
  accounts: number;
  seed: number;
  today: string;
  fromDate: string;
  lastClosedDate: string;
  profiles: Record<string, number>;
  buckets: Record<string, number>;
  /** The collectors' calls, promises and complaints simulated with the payments (demo.activity.ts). */
  activity: ActivitySummary;
  seconds: number;
}

interface Plan {
  ref: string;
  kind: 'revolving' | 'instalment';
  openedOn: string;
  profile: PayerProfile;
  /** When an overdue-at-seed profile stops paying (or starts missing), and how many due dates it misses. */
  stop: string | undefined;
  monthsMissed: number;
  /** Payment events by date. */
  events: Map<string, Event[]>;
}

export async function seedDemo(app: App, opts: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const random = rng(opts.seed);
  const now = app.clock.now();
  const products = await latestProducts(app.db);
  const fromDate = addDays(opts.today, -DEMO_HISTORY_DAYS);
  const plans: Plan[] = [];
  const customers: CustomerInput[] = [];
  const accounts: AccountInput[] = [];
  const draws: Array<{ accountRef: string; amountMinor: number; valueDate: string; currency: 'CNY' | 'USD' | 'GBP' }> = [];
  const profiles: Record<string, number> = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  for (let i = 1; i <= opts.accounts; i++) {
    const market = random();
    const productCode = market < 0.03 ? 'US_CARD' : market < 0.05 ? 'UK_LOAN' : market < 0.52 ? 'CN_LINE' : 'CN_LOAN';
    const product = products.get(productCode)!;
    const cid = `C${String(i).padStart(6, '0')}`;
    const ref = `A${String(i).padStart(6, '0')}`;
    const cn = productCode.startsWith('CN');
    customers.push({
      id: cid,
      name: cn ? `${pick(SURNAMES)}${pick(GIVEN)}` : `${pick(EN_FIRST)} ${pick(EN_LAST)}`,
      idNumberMasked: cn ? `${between(110, 650)}***********${String(between(0, 9999)).padStart(4, '0')}` : `***-**-${String(between(0, 9999)).padStart(4, '0')}`,
      phones: [cn ? `+86 1${between(30, 89)} ${between(1000, 9999)} ${between(1000, 9999)}` : productCode === 'US_CARD' ? `+1 212 555 ${between(1000, 9999)}` : `+44 20 7946 ${between(1000, 9999)}`],
      emails: [`user${i}@example.com`],
      address: cn ? `${pick(CN_CITIES)}某路${between(1, 999)}号` : productCode === 'US_CARD' ? `${between(1, 999)} Main St, New York, NY` : `${between(1, 200)} High Street, London`,
      timeZone: productCode === 'US_CARD' ? pick(['America/New_York', 'America/Chicago', 'America/Los_Angeles']) : productCode === 'UK_LOAN' ? 'Europe/London' : 'Asia/Shanghai',
      jurisdiction: productCode === 'US_CARD' ? 'US' : productCode === 'UK_LOAN' ? 'UK' : 'CN',
      language: cn ? 'zh-CN' : 'en',
    });
    const profile = pickProfile(DEMO_BEHAVIOUR_MIX, random());
    profiles[profile.kind] = (profiles[profile.kind] ?? 0) + 1;
    const openedOn = addDays(opts.today, -between(40, DEMO_HISTORY_DAYS));
    const plan: Plan = { ref, kind: product.kind, openedOn, profile, stop: undefined, monthsMissed: 0, events: new Map() };
    chooseStop(plan, opts.today, random);
    const unit = 100; // minor units per major unit (CNY, USD, GBP)
    if (product.kind === 'instalment') {
      const termCount = pick([6, 12, 12, 24]);
      const principalMinor = between(10, 500) * 100 * unit; // 1,000 – 50,000
      accounts.push({ ref, customerId: cid, productCode, openedOn, principalMinor, termCount, scheduleMethod: pick(product.terms.instalment!.methods), firstDueOn: addMonthsClamped(openedOn, 1) });
      const dueDates = Array.from({ length: termCount }, (_, k) => addMonthsClamped(openedOn, k + 1));
      planEvents(plan, dueDates, opts.today, random);
    } else {
      const limit = between(20, 300) * 100 * unit; // 2,000 – 30,000
      accounts.push({ ref, customerId: cid, productCode, openedOn, creditLimitMinor: limit });
      const r = product.terms.revolving!;
      // Purchases: a few a month, until the account stops paying (then it stops spending too).
      const stop = plan.stop;
      let budget = profile.kind === 'revolver' ? limit : Number.POSITIVE_INFINITY;
      for (let d = addDays(openedOn, between(1, 10)); d < opts.today && (!stop || d < stop); d = addDays(d, between(4, 15))) {
        const amount = Math.max(1_000, Math.round((limit * between(2, 12)) / 100 / 100) * 100);
        if (amount > budget) break;
        budget -= amount;
        draws.push({ accountRef: ref, amountMinor: Math.min(amount, limit), valueDate: d, currency: product.currency as 'CNY' });
      }
      const dueDates: string[] = [];
      for (let m = 1; m <= 14; m++) {
        const month = addMonthsClamped(`${openedOn.slice(0, 8)}01`, m);
        const due = `${month.slice(0, 8)}${String(r.dueDay).padStart(2, '0')}`;
        const due2 = r.dueDay > r.statementDay ? due : addMonthsClamped(due, 1);
        if (due2 > openedOn && due2 < opts.today) dueDates.push(due2);
      }
      planEvents(plan, dueDates, opts.today, random);
    }
    plans.push(plan);
  }

  for (let i = 0; i < customers.length; i += CHUNK_ACCOUNTS) {
    await app.db.transaction(async (tx) => {
      await createCustomers(tx, customers.slice(i, i + CHUNK_ACCOUNTS), now);
      await openAccounts(tx, accounts.slice(i, i + CHUNK_ACCOUNTS), now, products);
    });
  }
  for (let i = 0; i < draws.length; i += 10_000) {
    await app.db.transaction((tx) =>
      insertTransactions(tx, draws.slice(i, i + 10_000).map((d, k) => ({ ...d, type: 'drawdown' as const, ref: `demo-draw:${d.accountRef}:${d.valueDate}:${i + k}` })), now),
    );
  }

  // Day by day: the day's payments, then close of business.
  const byDate = new Map<string, Array<{ ref: string; event: Event }>>();
  for (const p of plans) for (const [d, evs] of p.events) for (const event of evs) byDate.set(d, [...(byDate.get(d) ?? []), { ref: p.ref, event }]);
  const last = addDays(opts.today, -1);
  const days = daysBetween(fromDate, last) + 1;
  let day = 0;
  const eventsByRef = new Map(plans.map((p) => [p.ref, [...p.events.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]));
  const activity = collectionActivity({
    app, accounts: opts.accounts, seed: opts.seed,
    comingPayment: (ref, from, to) => {
      for (const [d, evs] of eventsByRef.get(ref) ?? []) if (d >= from && d <= to) return { date: d, full: evs.some((e) => e.kind === 'pay_all_due') };
      return undefined;
    },
  });
  await runCycle(app.db, app.clock, {
    planning: app.planning,
    date: last,
    beforeDate: async (d) => {
      const events = byDate.get(d);
      if (events?.length) await payDue(app, d, events, now);
      await activity.day(d);
      opts.onProgress?.({ phase: 'simulate', date: d, step: 'cycle', done: ++day, total: days });
    },
  });
  await app.db.transaction(async (tx) => {
    await setSetting(tx, 'demo_seed', JSON.stringify({ accounts: opts.accounts, seed: opts.seed, today: opts.today }));
    await appendAudit(tx, app.clock.now(), { type: 'DEMO_SEEDED', actor: 'system:demo', subject: 'demo', data: { accounts: opts.accounts, seed: opts.seed, today: opts.today } });
  });
  const buckets = Object.fromEntries(
    (await app.db.query<{ bucket: string; n: number }>('SELECT bucket, count(*)::int AS n FROM account_state GROUP BY bucket ORDER BY bucket')).map((r) => [r.bucket, r.n]),
  );
  return { accounts: opts.accounts, seed: opts.seed, today: opts.today, fromDate, lastClosedDate: last, profiles, buckets, activity: activity.summary(), seconds: (performance.now() - started) / 1000 };
}

/**
 * The date an overdue-at-seed profile stops paying (or starts missing), chosen so that today's DPD
 * spreads over the buckets the profile's starting delinquency implies.
 */
function chooseStop(plan: Plan, today: string, random: () => number): void {
  const p = plan.profile;
  if (p.kind !== 'cures_after_months' && p.kind !== 'partial' && p.kind !== 'roll_to_default') return;
  let u = random();
  let start = p.starts[p.starts.length - 1];
  for (const s of p.starts) {
    if (u < s.probability) {
      start = s;
      break;
    }
    u -= s.probability;
  }
  const months = start?.overdueMonths ?? 1;
  // "4" stands for four or more months: spread those over M4 … M6+.
  const extra = months >= 4 ? Math.floor(random() * 150) : Math.floor(random() * 30);
  const d = addDays(today, -(months * 30 + extra));
  plan.stop = d > addDays(plan.openedOn, 20) ? d : addDays(plan.openedOn, 20);
  plan.monthsMissed = start && 'monthsMissed' in start ? Math.max(1, Number(start.monthsMissed)) : 2;
}

function planEvents(plan: Plan, dueDates: readonly string[], today: string, random: () => number): void {
  const p = plan.profile;
  const add = (d: string, e: Event) => {
    if (d >= today || d <= plan.openedOn) return;
    plan.events.set(d, [...(plan.events.get(d) ?? []), e]);
  };
  const stop = plan.stop;
  const fraction = p.kind === 'partial' ? p.fractionOfNewDue.min + random() * (p.fractionOfNewDue.max - p.fractionOfNewDue.min) : 1;
  let missed = 0;
  dueDates.forEach((due, k) => {
    const early = addDays(due, -Math.floor(random() * EARLY_PAYMENT_DAYS));
    switch (p.kind) {
      case 'on_time':
        add(early, { kind: 'pay_all_due' });
        break;
      case 'revolver':
        if (plan.kind === 'revolving') add(early, { kind: 'pay_minimum', fractionOfRest: random() < p.minimumOnlyShare ? 0 : random() });
        else add(early, { kind: 'pay_all_due' });
        break;
      case 'late_then_cures': {
        let u = random();
        let band = p.delayDays[0]!;
        for (const b of p.delayDays) {
          if (u < b.probability) {
            band = b;
            break;
          }
          u -= b.probability;
        }
        add(addDays(due, band.fromDay + Math.floor(random() * (band.toDay - band.fromDay + 1))), { kind: 'pay_all_due' });
        break;
      }
      case 'cures_after_months':
        if (stop && due >= stop && missed < plan.monthsMissed) missed++;
        else add(early, { kind: 'pay_all_due' });
        break;
      case 'partial':
        if (stop && due >= stop) add(due, { kind: 'pay_item_fraction', seq: k + 1, fraction });
        else add(early, { kind: 'pay_all_due' });
        break;
      case 'roll_to_default':
        if (!stop || due < stop) add(early, { kind: 'pay_all_due' });
        break;
    }
  });
}

/** Resolves the day's payment events against real balances and records them as payments. */
async function payDue(app: App, date: string, events: Array<{ ref: string; event: Event }>, now: string): Promise<void> {
  const refs = [...new Set(events.map((e) => e.ref))];
  const items = await app.db.query<{ ref: string; currency: 'CNY' | 'USD' | 'GBP'; seq: number; kind: string; outstanding: number; charges: number; principal_rest: number; minimum_rest: number; new_due: number }>(
    `SELECT a.ref, a.currency, di.seq, di.kind,
            di.principal_due_minor - di.principal_paid_minor
              + (CASE WHEN di.charged_on IS NULL THEN di.interest_due_minor ELSE di.interest_charged_minor END) - di.interest_paid_minor
              + di.penalty_charged_minor - di.penalty_paid_minor + di.fees_charged_minor - di.fees_paid_minor AS outstanding,
            (CASE WHEN di.charged_on IS NULL THEN di.interest_due_minor ELSE di.interest_charged_minor END) - di.interest_paid_minor
              + di.penalty_charged_minor - di.penalty_paid_minor + di.fees_charged_minor - di.fees_paid_minor AS charges,
            di.principal_due_minor - di.principal_paid_minor AS principal_rest,
            greatest(0, di.minimum_due_minor - di.principal_paid_minor - di.interest_paid_minor) AS minimum_rest,
            di.principal_due_minor + di.interest_due_minor AS new_due
     FROM accounts a JOIN due_items di ON di.account_id = a.id AND di.customer_id = a.customer_id
     WHERE a.ref = ANY($1::text[]) AND di.created_on <= $2::date AND (di.kind = 'statement' OR di.due_on <= $2::date + ${EARLY_PAYMENT_DAYS})`,
    [refs, date],
  );
  const byRef = new Map<string, typeof items>();
  for (const it of items) byRef.set(it.ref, [...(byRef.get(it.ref) ?? []), it]);
  const rows: TransactionInput[] = [];
  for (const { ref, event } of events) {
    const its = byRef.get(ref) ?? [];
    if (its.length === 0) continue;
    let amount = 0;
    if (event.kind === 'pay_all_due') amount = its.reduce((s, i) => s + Math.max(0, i.outstanding), 0);
    else if (event.kind === 'pay_item_fraction') amount = Math.round((its.find((i) => i.seq === event.seq)?.new_due ?? 0) * event.fraction);
    else {
      const charges = its.reduce((s, i) => s + Math.max(0, i.charges), 0);
      const minimum = its.reduce((s, i) => s + i.minimum_rest, 0);
      const rest = its.reduce((s, i) => s + Math.max(0, i.principal_rest), 0) - minimum;
      amount = charges + minimum + Math.round(Math.max(0, rest) * event.fractionOfRest);
    }
    if (amount > 0) rows.push({ accountRef: ref, type: 'payment' as const, ref: `demo-pay:${ref}:${date}:${rows.length}`, amountMinor: amount, currency: its[0]!.currency, valueDate: date, channel: 'demo' });
  }
  if (rows.length) await app.db.transaction((tx) => insertTransactions(tx, rows, now));
}
