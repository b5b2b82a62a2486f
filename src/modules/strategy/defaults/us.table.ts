/**
 * The default US strategy (FDCPA / Regulation F). The validation notice (§1006.34) goes out before
 * anything else once an account is overdue, and nothing else is planned until it has been sent. It goes
 * by post only: delivering it electronically needs E-SIGN consent, which the facts do not carry. Calls are
 * spaced by cadence (every 3–5 days), so the table never plans a call every day; the 7-calls-in-7-days
 * presumption (§1006.14(b)(2)) and call hours are enforced by the compliance gate, not here. E-mail
 * reminders carry the opt-out notice Regulation F requires; SMS and robot calls are used only where the
 * debtor is reachable on them (consent is part of `hasChannel`).
 */
import type { DecisionTableInput } from '../strategy.types.ts';
import { LATE_BUCKETS, OVERDUE_BUCKETS, PRE_DUE_RISK_SCORE } from './common.ts';

export const US_DEFAULT_TABLE: DecisionTableInput = {
  code: 'us-default',
  jurisdiction: 'US',
  description: 'Default US strategy: validation notice first, then e-mail and SMS reminders, calls every few days, agency from M3, legal from M6+.',
  rows: [
    // Before the due day: risky accounts only.
    { id: 'us-predue-d3', priority: 10, conditions: { buckets: ['M0'], daysToDue: { min: 3, max: 3 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'push_reminder', channel: 'push', template: 'predue_push', priority: 10, cadenceDays: 2, fallback: [{ channel: 'sms', template: 'predue_sms' }] } },
    { id: 'us-predue-d1', priority: 20, conditions: { buckets: ['M0'], daysToDue: { min: 1, max: 1 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'predue_sms', priority: 15, cadenceDays: 1, fallback: [{ channel: 'push', template: 'predue_push' }] } },
    { id: 'us-current-wait', priority: 30, conditions: { buckets: ['M0'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // The validation notice before any other collection contact; while it is on its way, nothing else.
    { id: 'us-validation-notice', priority: 40, description: 'Reg F §1006.34 validation notice', conditions: { buckets: OVERDUE_BUCKETS, validationNoticeSent: false },
      outputs: { action: 'letter', channel: 'letter', template: 'validation_notice', priority: 90, cadenceDays: 7, legallyRequired: true } },
    { id: 'us-validation-wait', priority: 50, conditions: { buckets: OVERDUE_BUCKETS, validationNoticeSent: false }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    { id: 'us-plan-active', priority: 60, conditions: { buckets: OVERDUE_BUCKETS, planState: ['active'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'us-promise-open', priority: 70, conditions: { buckets: OVERDUE_BUCKETS, promiseState: ['open'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'us-promise-broken', priority: 80, conditions: { buckets: ['M1', 'M2'], promiseState: ['broken'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 70, cadenceDays: 4, fallback: [{ channel: 'email', template: 'firm_email' }] } },

    // M1, days 1–10: written reminders.
    { id: 'us-m1-email', priority: 100, conditions: { buckets: ['M1'], dpd: { min: 1, max: 10 } },
      outputs: { action: 'email_reminder', channel: 'email', template: 'early_email', priority: 20, cadenceDays: 5, fallback: [{ channel: 'in_app', template: 'early_in_app' }] } },
    { id: 'us-m1-sms', priority: 110, conditions: { buckets: ['M1'], dpd: { min: 1, max: 10 } },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'early_sms', priority: 20, cadenceDays: 7, fallback: [{ channel: 'push', template: 'early_push' }] } },
    { id: 'us-m1-early-wait', priority: 120, conditions: { buckets: ['M1'], dpd: { min: 1, max: 10 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M1, days 11–30: a collector calls every third day at most.
    { id: 'us-m1-call', priority: 200, conditions: { buckets: ['M1'], dpd: { min: 11, max: 30 } },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 40, cadenceDays: 3, fallback: [{ channel: 'email', template: 'firm_email' }] } },
    { id: 'us-m1-late-email', priority: 210, conditions: { buckets: ['M1'], dpd: { min: 11, max: 30 } },
      outputs: { action: 'email_reminder', channel: 'email', template: 'firm_email', priority: 15, cadenceDays: 7 } },
    { id: 'us-m1-late-wait', priority: 220, conditions: { buckets: ['M1'], dpd: { min: 11, max: 30 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M2: one-to-one handling, a letter, calls every fourth day at most.
    { id: 'us-m2-one-to-one', priority: 300, conditions: { buckets: ['M2'] },
      outputs: { action: 'one_to_one', channel: 'collector_call', template: 'one_to_one_script', priority: 60, cadenceDays: 30, fallback: [{ channel: 'email', template: 'firm_email' }] } },
    { id: 'us-m2-letter', priority: 310, conditions: { buckets: ['M2'] }, outputs: { action: 'letter', channel: 'letter', template: 'notice_letter', priority: 50, cadenceDays: 30 } },
    { id: 'us-m2-call', priority: 320, conditions: { buckets: ['M2'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 4, fallback: [{ channel: 'email', template: 'firm_email' }] } },
    { id: 'us-m2-wait', priority: 330, conditions: { buckets: ['M2'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M3: recommend an agency; in-house calls every fifth day at most.
    { id: 'us-m3-agency', priority: 400, conditions: { buckets: ['M3'] }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'us-m3-call', priority: 410, conditions: { buckets: ['M3'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 5, fallback: [{ channel: 'email', template: 'firm_email' }] } },
    { id: 'us-m3-wait', priority: 420, conditions: { buckets: ['M3'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M4–M6: the agency; M6+ (charged off): legal action.
    { id: 'us-late-agency', priority: 500, conditions: { buckets: LATE_BUCKETS }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'us-m6plus-legal', priority: 510, conditions: { buckets: ['M6+'] }, outputs: { action: 'recommend_legal', channel: 'none', priority: 80, cadenceDays: 90 } },
    { id: 'us-late-letter', priority: 520, conditions: { buckets: [...LATE_BUCKETS, 'M6+'] },
      outputs: { action: 'letter', channel: 'letter', template: 'notice_letter', priority: 40, cadenceDays: 30 } },
    { id: 'us-late-wait', priority: 530, conditions: { buckets: [...LATE_BUCKETS, 'M6+'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
  ],
};
