/**
 * The demo's collection activity, simulated day by day with the payments (demo.seed.ts): the in-house
 * collectors' calls (催记) on open cases with their outcomes, the promises to pay those calls capture,
 * and the complaints (some of them amount disputes) that follow a few of the calls, with their
 * acknowledgement and closing. Everything goes through the worklist's and complaints' own commands,
 * each run with a clock set to the simulated moment, so the records carry the dates they would have
 * had; whether a promise is kept, partly kept or broken is left to the daily cycle, which sees the
 * simulated payments. The rates are stated in DEMO_ACTIVITY and in docs/demo-data.md.
 */
import type { App } from '../../main.ts';
import { fixedClock } from '../../platform/clock.ts';
import { addDays } from '../../platform/dates.ts';
import { DEFAULT_PROMISE_POLICY, minimumPromiseMinor } from '../negotiation/index.ts';
import { lockCase, recordCallOutcome, upsertCollector, type OutcomeCode } from '../worklist/index.ts';
import { acknowledgeComplaint, intakeComplaint, resolveComplaint, type ComplaintCategory, type ComplaintChannel } from '../complaints/index.ts';
import { DEMO_COLLECTORS } from './demo.worklist.ts';
import { rng } from './demo.rng.ts';

/** The stated rates of the simulated activity (docs/demo-data.md, "Collection activity"). */
export const DEMO_ACTIVITY = Object.freeze({
  /** Calls the in-house team makes per working day (Monday to Saturday), per 1,000 accounts in the book. */
  callsPer1000AccountsPerDay: 2,
  /** A case is not called again sooner than this after a call (later when the outcome's next action says so). */
  minDaysBetweenCalls: 3,
  /** How a call ends; `reached` is split below. */
  outcomes: [
    { code: 'no_answer', p: 0.4 },
    { code: 'busy', p: 0.08 },
    { code: 'voicemail', p: 0.04 },
    { code: 'wrong_number', p: 0.03 },
    { code: 'third_party', p: 0.08 },
    { code: 'reached', p: 0.37 },
  ] as const,
  /** A debtor reached promises to pay with this probability when a payment of theirs is in fact coming within the promise window… */
  promiseWhenPaying: 0.7,
  /** …and with this one when none is (those promises break). */
  promiseWhenNotPaying: 0.25,
  /** A debtor reached who makes no promise refuses to talk, or tells of hardship; the rest is a plain right-party contact. */
  refusedShare: 0.1,
  hardshipShare: 0.08,
  /** A promise without a coming payment is due this many days after the call. */
  brokenPromiseDueInDays: { min: 2, max: 10 },
  /** A call that reached a person (the debtor or someone else) is followed by a complaint with this probability. */
  complaintPerReachedCall: 0.012,
  /** What a complaint is about (third-party contact only after a call a third party answered). */
  complaintCategories: [
    { category: 'harassment', p: 0.3 },
    { category: 'amount_dispute', p: 0.2 },
    { category: 'privacy', p: 0.1 },
    { category: 'other', p: 0.4 },
  ] as const,
  complaintChannels: [
    { channel: 'hotline', p: 0.55 },
    { channel: 'app', p: 0.3 },
    { channel: 'email', p: 0.15 },
  ] as const,
  /** Days from the call to the complaint, to its acknowledgement, and from acknowledgement to its closing. */
  complaintAfterDays: { min: 0, max: 3 },
  acknowledgeAfterDays: 1,
  closeAfterDays: { min: 3, max: 12 },
  /** How complaints close. */
  closings: [
    { status: 'resolved', outcome: 'upheld', remedies: ['apology', 'contact_restricted'], p: 0.15 },
    { status: 'resolved', outcome: 'partly_upheld', remedies: ['apology'], p: 0.15 },
    { status: 'resolved', outcome: 'not_upheld', remedies: [], p: 0.55 },
    { status: 'resolved', outcome: 'withdrawn', remedies: [], p: 0.1 },
    { status: 'rejected', outcome: 'out_of_scope', remedies: [], p: 0.05 },
  ] as const,
  /** Local hours in which the collectors call (the debtor's time zone). */
  callHours: { from: 9, to: 20 },
  /** A lock taken to record a call lapses this long after it (the collector moves on). */
  lockLeaseMinutes: 5,
});

/** A payment the simulation will make for an account (from its payer profile). */
export interface ComingPayment {
  date: string;
  /** Pays everything due (a promise of the arrears is kept); otherwise a part of it. */
  full: boolean;
}

export interface ActivityDeps {
  app: Pick<App, 'db' | 'clock'>;
  accounts: number;
  seed: number;
  /** The first payment the simulation makes for the account on a date in [from, to], if any. */
  comingPayment: (ref: string, from: string, to: string) => ComingPayment | undefined;
}

export interface ActivitySummary {
  calls: number;
  rightPartyContacts: number;
  promises: number;
  complaints: number;
  disputes: number;
}

interface OpenCase {
  case_id: number;
  account_id: number;
  ref: string;
  bucket: string;
  time_zone: string;
  phone: string | null;
  overdue_minor: number;
  balance_minor: number;
  open_promise: boolean;
}

type Pending =
  | { kind: 'complaint'; accountRef: string; timeZone: string; category: ComplaintCategory; channel: ComplaintChannel; closeAfter: number; closing: number }
  | { kind: 'acknowledge'; complaintId: number; timeZone: string; closeAfter: number; closing: number }
  | { kind: 'close'; complaintId: number; timeZone: string; closing: number; accountRef: string; disputed: boolean };

const SYSTEM = 'system:demo';

/** The instant of a local wall-clock time in a time zone (the offset of that day, which is enough away from DST changes). */
export function localInstant(date: string, minutes: number, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(guess)).map((p) => [p.type, p.value]),
  );
  const asUtc = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
  return new Date(guess - (asUtc - guess)).toISOString();
}

/** The simulator of the collectors' days; `day(d)` runs before the cycle closes d (accounts are closed through d − 1). */
export function collectionActivity(deps: ActivityDeps): { day: (date: string) => Promise<void>; summary: () => ActivitySummary } {
  const { app } = deps;
  // Its own stream of random numbers: the payer profiles drawn before the simulation stay the same.
  const random = rng(deps.seed ^ 0x5eed_ac7);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T extends { p: number }>(xs: readonly T[]): T => {
    let u = random();
    for (const x of xs) {
      if (u < x.p) return x;
      u -= x.p;
    }
    return xs[xs.length - 1]!;
  };
  const capacity = Math.max(1, Math.round((deps.accounts * DEMO_ACTIVITY.callsPer1000AccountsPerDay) / 1000));
  const nextCallable = new Map<number, string>();
  const disputed = new Set<string>();
  const pending = new Map<string, Pending[]>();
  const schedule = (date: string, p: Pending) => pending.set(date, [...(pending.get(date) ?? []), p]);
  const pendingDisputes = new Map<number, { accountRef: string; disputed: boolean }>();
  const summary: ActivitySummary = { calls: 0, rightPartyContacts: 0, promises: 0, complaints: 0, disputes: 0 };
  let collectorsReady = false;

  async function ensureCollectors(): Promise<void> {
    if (collectorsReady) return;
    for (const c of DEMO_COLLECTORS) {
      await upsertCollector(app.db, app.clock, { ...c, languages: [...c.languages], skills: [...c.skills] }, { actor: SYSTEM, idempotencyKey: `demo-worklist:collector:${c.id}` });
    }
    collectorsReady = true;
  }

  async function complaintsDue(date: string): Promise<void> {
    for (const p of pending.get(date) ?? []) {
      const clock = fixedClock(localInstant(date, between(9 * 60, 18 * 60), p.timeZone));
      const opts = (what: string) => ({ actor: SYSTEM, idempotencyKey: `demo-complaint:${deps.seed}:${date}:${what}` });
      if (p.kind === 'complaint') {
        const received = await intakeComplaint(app.db, clock, {
          accountRef: p.accountRef, channel: p.channel, category: p.category, contactReferences: [],
          summary: p.category === 'amount_dispute' ? '债务人对欠款金额有异议，要求核实。' : p.category === 'harassment' ? '债务人称催收来电过于频繁。' : p.category === 'privacy' ? '债务人询问其个人信息的使用。' : '债务人对催收服务不满意。',
        }, opts(`intake:${p.accountRef}`));
        summary.complaints++;
        if (received.result.disputeCreated) {
          summary.disputes++;
          disputed.add(p.accountRef);
        }
        schedule(addDays(date, DEMO_ACTIVITY.acknowledgeAfterDays), { kind: 'acknowledge', complaintId: received.result.complaintId, timeZone: p.timeZone, closeAfter: p.closeAfter, closing: p.closing });
        pendingDisputes.set(received.result.complaintId, { accountRef: p.accountRef, disputed: received.result.disputeId !== null });
      } else if (p.kind === 'acknowledge') {
        await acknowledgeComplaint(app.db, clock, p.complaintId, opts(`ack:${p.complaintId}`));
        const d = pendingDisputes.get(p.complaintId)!;
        schedule(addDays(date, p.closeAfter), { kind: 'close', complaintId: p.complaintId, timeZone: p.timeZone, closing: p.closing, accountRef: d.accountRef, disputed: d.disputed });
      } else {
        const c = DEMO_ACTIVITY.closings[p.closing]!;
        await resolveComplaint(app.db, clock, p.complaintId, {
          status: c.status, outcome: c.outcome, remedies: [...c.remedies],
          note: c.outcome === 'upheld' || c.outcome === 'partly_upheld' ? '已致歉并调整联系安排。' : c.outcome === 'withdrawn' ? '债务人撤回投诉。' : '经核查，催收行为与金额无误。',
        }, opts(`close:${p.complaintId}`));
        if (p.disputed) disputed.delete(p.accountRef);
        pendingDisputes.delete(p.complaintId);
      }
    }
    pending.delete(date);
  }
  async function calls(date: string): Promise<void> {
    // The team works Monday to Saturday.
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === 0) return;
    const open = await app.db.query<OpenCase>(
      `SELECT c.id AS case_id, c.account_id, a.ref, c.bucket, cu.time_zone, cu.phones->>0 AS phone, s.overdue_minor,
              (s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor)::bigint AS balance_minor,
              EXISTS (SELECT 1 FROM promises p WHERE p.account_id = c.account_id AND p.customer_id = c.customer_id AND p.status = 'open') AS open_promise
       FROM collection_cases c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE c.status = 'open' AND s.overdue_minor > 0 AND s.closed_through < $1::date
       ORDER BY c.id`,
      [date],
    );
    const callable = open.filter((c) => c.phone !== null && !disputed.has(c.ref) && (nextCallable.get(c.case_id) ?? '') <= date);
    if (callable.length === 0) return;
    await ensureCollectors();
    // A partial Fisher–Yates shuffle picks the day's calls.
    const n = Math.min(capacity, callable.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(random() * (callable.length - i));
      [callable[i], callable[j]] = [callable[j]!, callable[i]!];
    }
    const today = callable.slice(0, n).sort((a, b) => a.case_id - b.case_id);
    for (const c of today) {
      const late = !['M1', 'M2'].includes(c.bucket);
      const collector = late ? DEMO_COLLECTORS[2] : DEMO_COLLECTORS[c.case_id % 2]!;
      const at = localInstant(date, between(DEMO_ACTIVITY.callHours.from * 60, DEMO_ACTIVITY.callHours.to * 60 - 1), c.time_zone);
      const clock = fixedClock(at);
      const key = `demo-call:${deps.seed}:${date}:${c.case_id}`;
      let outcome = pick(DEMO_ACTIVITY.outcomes).code as OutcomeCode | 'reached';
      let promise: { amountMinor: number; dueOn: string } | undefined;
      if (outcome === 'reached') {
        const latest = addDays(date, DEFAULT_PROMISE_POLICY.maxDaysAhead);
        const coming = deps.comingPayment(c.ref, date, latest);
        const u = random();
        // Who will pay everything promises the arrears; who will pay a part promises the least the policy accepts.
        const overdue = Math.min(Number(c.overdue_minor), Number(c.balance_minor));
        const amountMinor = coming && !coming.full ? minimumPromiseMinor(overdue, DEFAULT_PROMISE_POLICY) : overdue;
        if (!c.open_promise && amountMinor > 0 && u < (coming ? DEMO_ACTIVITY.promiseWhenPaying : DEMO_ACTIVITY.promiseWhenNotPaying)) {
          outcome = 'ptp';
          promise = { amountMinor, dueOn: coming?.date ?? addDays(date, between(DEMO_ACTIVITY.brokenPromiseDueInDays.min, DEMO_ACTIVITY.brokenPromiseDueInDays.max)) };
        } else {
          const v = random();
          outcome = v < DEMO_ACTIVITY.refusedShare ? 'refused' : v < DEMO_ACTIVITY.refusedShare + DEMO_ACTIVITY.hardshipShare ? 'hardship' : 'rpc';
        }
      }
      await lockCase(app.db, clock, { caseId: c.case_id, collectorId: collector.id, leaseMinutes: DEMO_ACTIVITY.lockLeaseMinutes }, { actor: `collector:${collector.id}`, idempotencyKey: `${key}:lock` });
      const recorded = await recordCallOutcome(app.db, clock, {
        caseId: c.case_id, collectorId: collector.id, outcome, contactPoint: c.phone!, at, ...(promise ? { promise } : {}),
        note: outcome === 'ptp' ? '债务人承诺还款' : '',
      }, { idempotencyKey: key });
      summary.calls++;
      const r = recorded.result;
      if (['rpc', 'ptp', 'refused', 'hardship'].includes(outcome)) summary.rightPartyContacts++;
      if (promise) summary.promises++;
      const gap = addDays(date, DEMO_ACTIVITY.minDaysBetweenCalls);
      nextCallable.set(c.case_id, r.nextActionOn !== null && r.nextActionOn > gap ? r.nextActionOn : gap);
      // A few calls that reached someone are complained about a little later.
      if (outcome !== 'no_answer' && outcome !== 'busy' && outcome !== 'voicemail' && outcome !== 'wrong_number' && random() < DEMO_ACTIVITY.complaintPerReachedCall) {
        const category = outcome === 'third_party' ? 'third_party_contact' : pick(DEMO_ACTIVITY.complaintCategories).category;
        const closing = DEMO_ACTIVITY.closings.indexOf(pick(DEMO_ACTIVITY.closings));
        schedule(addDays(date, between(DEMO_ACTIVITY.complaintAfterDays.min, DEMO_ACTIVITY.complaintAfterDays.max)), {
          kind: 'complaint', accountRef: c.ref, timeZone: c.time_zone, category, channel: pick(DEMO_ACTIVITY.complaintChannels).channel,
          closeAfter: between(DEMO_ACTIVITY.closeAfterDays.min, DEMO_ACTIVITY.closeAfterDays.max), closing,
        });
      }
    }
  }

  return {
    async day(date) {
      await complaintsDue(date);
      await calls(date);
    },
    summary: () => ({ ...summary }),
  };
}
