/** Massachusetts overlay; stacks on the US federal pack. Data only. */
export default {
  id: 'US-MA',
  version: '1.0.0',
  extends: 'US',
  title: { 'zh-CN': '美国马萨诸塞州叠加规则包', en: 'Massachusetts overlay' },
  effectiveFrom: '2021-11-30',
  defaultTimeZones: ['America/New_York'],
  holidayEffects: 'None beyond the federal pack.',
  parameters: {
    maxCallsAndTextsPer7DaysPersonalNumber: 2,
    maxCallsAndTextsPer30DaysOtherNumber: 2,
    maxVisitsPer30DaysPerDebt: 1,
    personalContactPointTypes: ['mobile', 'home_phone', 'landline', 'phone', 'personal', 'cell'],
  },
  rules: [
    {
      id: 'US-MA-01',
      title: { 'zh-CN': '马萨诸塞州联系频率', en: 'Massachusetts contact frequency' },
      requirement:
        'Per debt: at most maxCallsAndTextsPer7DaysPersonalNumber initiated calls or texts in 7 days to a residence, mobile or other personal number, at most maxCallsAndTextsPer30DaysOtherNumber in 30 days to other numbers (e.g. work), and at most maxVisitsPer30DaysPerDebt household visits in 30 days. Busy and not-in-service attempts are not counted; unanswered ones are (conservative reading).',
      parameters: ['maxCallsAndTextsPer7DaysPersonalNumber', 'maxCallsAndTextsPer30DaysOtherNumber', 'maxVisitsPer30DaysPerDebt', 'personalContactPointTypes'],
      source: { citation: '940 CMR 7.04(1)(f); 209 CMR 18.16(1)(d), 18.17(6); AG guidance on unsuccessful attempts secondary', status: 'P' },
    },
  ],
} as const;
