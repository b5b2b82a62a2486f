/** New York City overlay; stacks on the US federal pack. Data only. */
export default {
  id: 'US-NYC',
  version: '1.0.0',
  extends: 'US',
  title: { 'zh-CN': '美国纽约市叠加规则包', en: 'New York City overlay' },
  effectiveFrom: '2021-11-30',
  defaultTimeZones: ['America/New_York'],
  holidayEffects: 'None beyond the federal pack.',
  parameters: {
    maxCommunicationsPer7Days: 2,
    countScope: 'consumer',
    countUnansweredAttempts: true,
  },
  rules: [
    {
      id: 'US-NYC-01',
      title: { 'zh-CN': '纽约市过度频繁联系', en: 'New York City excessive frequency' },
      requirement:
        'No more than maxCommunicationsPer7Days communications or attempts in 7 days (countScope consumer: across all debts, stricter than the amended per-account cap); consumer-initiated contacts are excluded. The amended DCWP rule (reported effective 2026-09-01) has unverified numbers.',
      parameters: ['maxCommunicationsPer7Days', 'countScope', 'countUnansweredAttempts'],
      source: { citation: '6 RCNY 5-77 (legacy, via BBB NYC); amended DCWP rules unverified', status: 'S' },
    },
  ],
} as const;
