/**
 * The default UK strategy (FCA CONC 7, Consumer Credit Act 1974). Early contact is about forbearance:
 * the first messages offer an income and expenditure (I&E) review and signpost free debt advice, and the
 * first calls are to agree an affordable plan. The notice of sums in arrears (CCA s86B/s86C) is sent from
 * M2 and again every six months while arrears last (cadence 180 days); it is legally required, so an
 * experiment's holdout still gets it. It goes out with the shipped overdue-notice letter template until a
 * template in the prescribed form is added (then only the row's template code changes). It is the table's only letter: cadence is kept per action, so a
 * second letter row would share the NOSIA's clock and delay its six-monthly repeat. The default notice
 * (s87) is a precondition of placement and legal referral, checked by those steps, not planned here.
 * Breathing space and vulnerability holds are enforced by the compliance gate.
 */
import type { DecisionTableInput } from '../strategy.types.ts';
import { LATE_BUCKETS, OVERDUE_BUCKETS, PRE_DUE_RISK_SCORE } from './common.ts';

export const UK_DEFAULT_TABLE: DecisionTableInput = {
  code: 'uk-default',
  jurisdiction: 'UK',
  description: 'Default UK strategy: support-first contact with an income & expenditure offer, NOSIA from M2, one-to-one I&E reviews, agency from M4, legal from M6+.',
  rows: [
    // Before the due day: risky accounts get a support message, not a demand.
    { id: 'uk-predue-d3', priority: 10, conditions: { buckets: ['M0'], daysToDue: { min: 3, max: 3 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'email_reminder', channel: 'email', template: 'forbearance_email', priority: 10, cadenceDays: 2, fallback: [{ channel: 'sms', template: 'predue_sms' }] } },
    { id: 'uk-predue-d1', priority: 20, conditions: { buckets: ['M0'], daysToDue: { min: 1, max: 1 }, riskScore: { min: PRE_DUE_RISK_SCORE } },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'predue_sms', priority: 15, cadenceDays: 1, fallback: [{ channel: 'email', template: 'forbearance_email' }] } },
    { id: 'uk-current-wait', priority: 30, conditions: { buckets: ['M0'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // The statutory arrears notice comes first from M2, whatever else is going on.
    { id: 'uk-nosia', priority: 40, description: 'notice of sums in arrears, every 6 months', conditions: { buckets: ['M2', 'M3', ...LATE_BUCKETS, 'M6+'] },
      outputs: { action: 'letter', channel: 'letter', template: 'notice_letter', priority: 90, cadenceDays: 180, legallyRequired: true } },
    { id: 'uk-plan-active', priority: 50, conditions: { buckets: OVERDUE_BUCKETS, planState: ['active'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'uk-promise-open', priority: 60, conditions: { buckets: OVERDUE_BUCKETS, promiseState: ['open'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
    { id: 'uk-promise-broken', priority: 70, description: 'a broken arrangement: call to review affordability', conditions: { buckets: ['M1', 'M2'], promiseState: ['broken'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 70, cadenceDays: 5, fallback: [{ channel: 'email', template: 'forbearance_email' }] } },

    // M1, days 1–14: the I&E offer by e-mail (or letter), gentle SMS.
    { id: 'uk-m1-ie-offer', priority: 100, description: 'income & expenditure offer with free debt-advice signposting', conditions: { buckets: ['M1'], dpd: { min: 1, max: 14 } },
      outputs: { action: 'email_reminder', channel: 'email', template: 'forbearance_email', priority: 30, cadenceDays: 7, fallback: [{ channel: 'letter', template: 'notice_letter' }] } },
    { id: 'uk-m1-sms', priority: 110, conditions: { buckets: ['M1'], dpd: { min: 1, max: 14 } },
      outputs: { action: 'sms_reminder', channel: 'sms', template: 'early_sms', priority: 20, cadenceDays: 5, fallback: [{ channel: 'in_app', template: 'early_in_app' }] } },
    { id: 'uk-m1-early-wait', priority: 120, conditions: { buckets: ['M1'], dpd: { min: 1, max: 14 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M1, days 15–30: a call to agree an affordable plan.
    { id: 'uk-m1-ie-call', priority: 200, conditions: { buckets: ['M1'], dpd: { min: 15, max: 30 } },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 40, cadenceDays: 4, fallback: [{ channel: 'email', template: 'forbearance_email' }] } },
    { id: 'uk-m1-late-in-app', priority: 210, conditions: { buckets: ['M1'], dpd: { min: 15, max: 30 } },
      outputs: { action: 'in_app_message', channel: 'in_app', template: 'early_in_app', priority: 10, cadenceDays: 7 } },
    { id: 'uk-m1-late-wait', priority: 220, conditions: { buckets: ['M1'], dpd: { min: 15, max: 30 } }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M2: a specialist reviews I&E one to one.
    { id: 'uk-m2-one-to-one', priority: 300, conditions: { buckets: ['M2'] },
      outputs: { action: 'one_to_one', channel: 'collector_call', template: 'one_to_one_script', priority: 60, cadenceDays: 30, fallback: [{ channel: 'letter', template: 'notice_letter' }] } },
    { id: 'uk-m2-call', priority: 310, conditions: { buckets: ['M2'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 5, fallback: [{ channel: 'email', template: 'forbearance_email' }] } },
    { id: 'uk-m2-wait', priority: 320, conditions: { buckets: ['M2'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M3: the monthly I&E review goes on; calls once a week at most.
    { id: 'uk-m3-one-to-one', priority: 400, conditions: { buckets: ['M3'] },
      outputs: { action: 'one_to_one', channel: 'collector_call', template: 'one_to_one_script', priority: 60, cadenceDays: 30, fallback: [{ channel: 'letter', template: 'notice_letter' }] } },
    { id: 'uk-m3-call', priority: 410, conditions: { buckets: ['M3'] },
      outputs: { action: 'collector_call', channel: 'collector_call', template: 'collector_call_script', priority: 50, cadenceDays: 7, fallback: [{ channel: 'email', template: 'forbearance_email' }] } },
    { id: 'uk-m3-wait', priority: 420, conditions: { buckets: ['M3'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },

    // M4–M6: the agency; M6+: legal action.
    { id: 'uk-late-agency', priority: 500, conditions: { buckets: LATE_BUCKETS }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'uk-m6plus-legal', priority: 510, conditions: { buckets: ['M6+'] }, outputs: { action: 'recommend_legal', channel: 'none', priority: 80, cadenceDays: 90 } },
    { id: 'uk-late-wait', priority: 530, conditions: { buckets: [...LATE_BUCKETS, 'M6+'] }, outputs: { action: 'none', channel: 'none', priority: 0 } },
  ],
};
