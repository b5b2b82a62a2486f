/**
 * The products Fairdebt ships with, as data. A lender changes terms by saving a new version
 * (ledger.commands.ts `saveProduct`); accounts keep the version they were opened under.
 *
 * CN_LINE is modelled on a 花呗-style consumer line: interest-free until the due date, then 0.05 % a
 * day on the unpaid statement balance. CN_LOAN on a 借呗-style loan: 0.04 % a day contractual interest
 * and penalty interest (罚息) at 1.5 × that rate on delinquent principal. Both under the 24 %
 * annualised total-cost cap (CN-RATE-02). These prices are contract parameters, not sourced facts
 * (regulation.md CN-RATE-03).
 */
import type { ProductTerms } from '../ledger.types.ts';
import { DEFAULT_WATERFALL } from '../ledger.types.ts';

export const DEFAULT_PRODUCTS: ProductTerms[] = [
  {
    code: 'CN_LINE',
    kind: 'revolving',
    currency: 'CNY',
    jurisdiction: 'CN',
    name: { 'zh-CN': '消费信用额度（花呗类）', en: 'Consumer credit line (Huabei-like)' },
    interestDailyRatePpm: 0,
    overdueInterestDailyRatePpm: 500,
    penaltyDailyRatePpm: 0,
    lateFeeMinor: 0,
    graceDays: 0,
    costCapAnnualBp: 2400,
    waterfall: DEFAULT_WATERFALL,
    bucketPolicy: 'default',
    revolving: { statementDay: 1, dueDay: 10, minPaymentBp: 1000, minPaymentFloorMinor: 1000 },
  },
  {
    code: 'CN_LOAN',
    kind: 'instalment',
    currency: 'CNY',
    jurisdiction: 'CN',
    name: { 'zh-CN': '信用贷款（借呗类）', en: 'Instalment loan (Jiebei-like)' },
    interestDailyRatePpm: 400,
    overdueInterestDailyRatePpm: 0,
    penaltyDailyRatePpm: 600,
    lateFeeMinor: 0,
    graceDays: 0,
    costCapAnnualBp: 2400,
    waterfall: DEFAULT_WATERFALL,
    bucketPolicy: 'default',
    instalment: { methods: ['equal_instalment', 'equal_principal'], maxTermCount: 24 },
  },
  {
    code: 'US_CARD',
    kind: 'revolving',
    currency: 'USD',
    jurisdiction: 'US',
    name: { 'zh-CN': '美国信用卡', en: 'US credit card' },
    interestDailyRatePpm: 0,
    overdueInterestDailyRatePpm: 650,
    penaltyDailyRatePpm: 0,
    lateFeeMinor: 3000,
    graceDays: 0,
    costCapAnnualBp: 3600,
    waterfall: { order: 'component_first', components: ['interest', 'fees', 'penalty', 'principal'] },
    bucketPolicy: 'default',
    revolving: { statementDay: 5, dueDay: 28, minPaymentBp: 300, minPaymentFloorMinor: 2500 },
  },
  {
    code: 'UK_LOAN',
    kind: 'instalment',
    currency: 'GBP',
    jurisdiction: 'UK',
    name: { 'zh-CN': '英国个人贷款', en: 'UK personal loan' },
    interestDailyRatePpm: 300,
    overdueInterestDailyRatePpm: 300,
    penaltyDailyRatePpm: 0,
    lateFeeMinor: 1200,
    graceDays: 3,
    costCapAnnualBp: null,
    waterfall: { order: 'item_first', components: ['interest', 'principal', 'fees', 'penalty'] },
    bucketPolicy: 'default',
    instalment: { methods: ['equal_instalment'], maxTermCount: 60 },
  },
];
