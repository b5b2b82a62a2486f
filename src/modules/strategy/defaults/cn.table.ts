/**
 * The default CN strategy: the ladder the seed articles describe for Huabei/Jiebei — friendly digital
 * reminders first (SMS, app push, e-mail, in-app message), then robot calls, then collectors' calls,
 * one-to-one handling from about one month overdue, a letter in M2, an agency from M3, and legal action
 * from M4 for large balances and from M6+ for all. Before the due day, risky accounts get a push three days
 * and an SMS one day before.
 *
 * Fairness is built into the ladder rather than left to the gate alone: an account with an active plan or
 * an open promise to pay is left alone; in the first week reminders come at most every other day; calls
 * are spaced by cadence. The compliance gate still checks every contact (hours, caps, holds).
 */
import type { DecisionTableInput } from '../strategy.types.ts';
import { LATE_BUCKETS, OVERDUE_BUCKETS, PRE_DUE_RISK_SCORE } from './common.ts';

/** Balance (minor units, fen) from which legal action is recommended from M4: 10,000 CNY. */
export const CN_LEGAL_FROM_M4_BALANCE_MINOR = 1_000_000;

/** In the first week, at most one reminder every other day. */
const RESTED = { daysSinceLastContact: { min: 2, nulls: 'include' as const } };

export const CN_DEFAULT_TABLE: DecisionTableInput = {
  code: 'cn-default',
  jurisdiction: 'CN',
  description: '默认催收策略（中国）：先友好提醒，再电话，逾期约一个月一对一沟通，M3 起委外，M4 起大额及 M6+ 建议诉讼。',
  rows: [
    // Before the due day: risky accounts only.
    { id: 'cn-predue-d3', priority: 10, description: 'push three days before the due day', conditions: { buckets: ['M0'], daysToDue: { min: 3, max: 3 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'push_reminder', channel: 'push', template: 'predue_push', priority: 10, cadenceDays: 2, fallback: [{ channel: 'sms', template: 'predue_sms' }] } },
    { id: 'cn-predue-d1', priority: 20, description: 'SMS the day before the due day', conditions: { buckets: ['M0'], daysToDue: { min: 1, max: 1 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'predue_sms', priority: 15, cadenceDays: 1, fallback: [{ channel: 'push', template: 'predue_push' }] } },
    { id: 'cn-current-wait', priority: 30, description: 'current accounts: nothing', conditions: { buckets: ['M0'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // Overdue, but the debtor is already on a plan or has promised a date: wait for it.
    { id: 'cn-plan-active', priority: 40, conditions: { buckets: OVERDUE_BUCKETS, planState: ['active'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'cn-promise-open', priority: 50, conditions: { buckets: OVERDUE_BUCKETS, promiseState: ['open'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'cn-promise-broken', priority: 60, description: 'a broken promise: a collector calls', conditions: { buckets: ['M1', 'M2'], promiseState: ['broken'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 70, cadenceDays: 3, fallback: [{ channel: 'sms', template: 'firm_sms' }] } },

    // M1, days 1–7: friendly digital reminders, at most every other day.
    { id: 'cn-m1-sms', priority: 100, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 }, ...RESTED },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'early_sms', priority: 20, cadenceDays: 4, fallback: [{ channel: 'push', template: 'early_push' }, { channel: 'in_app', template: 'early_in_app' }] } },
    { id: 'cn-m1-email', priority: 110, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 }, ...RESTED },
      outputs: { action: 'email_reminder', channel: 'email', template: 'early_email', priority: 15, cadenceDays: 7 } },
    { id: 'cn-m1-push', priority: 120, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 }, ...RESTED },
      outputs: { action: 'push_reminder', channel: 'push', template: 'early_push', priority: 15, cadenceDays: 4, fallback: [{ channel: 'in_app', template: 'early_in_app' }] } },
    { id: 'cn-m1-in-app', priority: 130, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 }, ...RESTED },
      outputs: { action: 'in_app_message', channel: 'in_app', template: 'early_in_app', priority: 10, cadenceDays: 4 } },
    { id: 'cn-m1-early-wait', priority: 140, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M1, days 8–15: robot calls, SMS where there is no phone to call.
    { id: 'cn-m1-robot', priority: 200, conditions: { buckets: ['M1'], dpd: { min: 8, max: 15 } },
      outputs: { action: 'robot_call', channel: 'robot_call', template: 'robot_call_script', priority: 30, cadenceDays: 2, fallback: [{ channel: 'sms', template: 'early_sms' }] } },
    { id: 'cn-m1-mid-in-app', priority: 210, conditions: { buckets: ['M1'], dpd: { min: 8, max: 15 } },
      outputs: { action: 'in_app_message', channel: 'in_app', template: 'early_in_app', priority: 10, cadenceDays: 7 } },
    { id: 'cn-m1-mid-wait', priority: 220, conditions: { buckets: ['M1'], dpd: { min: 8, max: 15 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M1, days 16–29: collectors call.
    { id: 'cn-m1-call', priority: 300, conditions: { buckets: ['M1'], dpd: { min: 16, max: 29 } },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 40, cadenceDays: 3, fallback: [{ channel: 'sms', template: 'firm_sms' }] } },
    { id: 'cn-m1-late-in-app', priority: 310, conditions: { buckets: ['M1'], dpd: { min: 16, max: 29 } },
      outputs: { action: 'in_app_message', channel: 'in_app', template: 'early_in_app', priority: 10, cadenceDays: 7 } },
    { id: 'cn-m1-late-wait', priority: 320, conditions: { buckets: ['M1'], dpd: { min: 16, max: 29 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // About one month overdue (DPD 30) and M2: one-to-one handling, a letter, collectors' calls.
    { id: 'cn-one-to-one', priority: 400, description: 'assign a personal handler, monthly', conditions: { buckets: ['M1', 'M2'], dpd: { min: 30, max: 60 } },
      outputs: { action: 'one_to_one', channel: 'collector_call', template: 'one_to_one_script', priority: 60, cadenceDays: 30, fallback: [{ channel: 'sms', template: 'firm_sms' }] } },
    { id: 'cn-m2-letter', priority: 410, conditions: { buckets: ['M2'] },
      outputs: { action: 'letter', channel: 'letter', template: 'notice_letter', priority: 50, cadenceDays: 30 } },
    { id: 'cn-m2-call', priority: 420, conditions: { buckets: ['M1', 'M2'], dpd: { min: 30, max: 60 } },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 3, fallback: [{ channel: 'sms', template: 'firm_sms' }] } },
    { id: 'cn-m2-wait', priority: 430, conditions: { buckets: ['M1', 'M2'], dpd: { min: 30, max: 60 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M3: recommend an agency (monthly while unplaced); in-house calls continue less often.
    { id: 'cn-m3-agency', priority: 500, conditions: { buckets: ['M3'] }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'cn-m3-call', priority: 510, conditions: { buckets: ['M3'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 5, fallback: [{ channel: 'sms', template: 'firm_sms' }] } },
    { id: 'cn-m3-wait', priority: 520, conditions: { buckets: ['M3'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M4–M6: legal action for large balances, an agency for the rest; M6+: legal action for all.
    { id: 'cn-late-legal-large', priority: 600, conditions: { buckets: LATE_BUCKETS, balanceMinor: { min: CN_LEGAL_FROM_M4_BALANCE_MINOR } },
      outputs: { action: 'recommend_legal', channel: 'none', priority: 80, cadenceDays: 90 } },
    { id: 'cn-late-agency', priority: 610, conditions: { buckets: LATE_BUCKETS, balanceMinor: { max: CN_LEGAL_FROM_M4_BALANCE_MINOR - 1 } },
      outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'cn-m6plus-legal', priority: 620, conditions: { buckets: ['M6+'] }, outputs: { action: 'recommend_legal', channel: 'none', priority: 80, cadenceDays: 90 } },
    { id: 'cn-late-letter', priority: 630, conditions: { buckets: [...LATE_BUCKETS, 'M6+'] },
      outputs: { action: 'letter', channel: 'letter', template: 'notice_letter', priority: 40, cadenceDays: 30 } },
    { id: 'cn-late-wait', priority: 640, conditions: { buckets: [...LATE_BUCKETS, 'M6+'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
  ],
};
