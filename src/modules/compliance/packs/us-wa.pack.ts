/** Washington overlay; stacks on the US federal pack. Data only. */
export default {
  id: 'US-WA',
  version: '1.0.0',
  extends: 'US',
  title: { 'zh-CN': '美国华盛顿州叠加规则包', en: 'Washington overlay' },
  effectiveFrom: '2021-11-30',
  defaultTimeZones: ['America/Los_Angeles'],
  holidayEffects: 'None beyond the federal pack.',
  parameters: {
    maxCommunicationsPer7Days: 3,
    maxWorkCommunicationsPer7Days: 1,
    earliestHomeLocalMinutes: 450,
    latestLocalMinutes: 1260,
    workContactPointTypes: ['work_phone', 'work', 'work_email', 'office'],
  },
  rules: [
    {
      id: 'US-WA-01',
      title: { 'zh-CN': '华盛顿州联系限制', en: 'Washington contact limits' },
      requirement:
        'At most maxCommunicationsPer7Days communications with the debtor or spouse in 7 days, at most maxWorkCommunicationsPer7Days at work, and no home contact before earliestHomeLocalMinutes (07:30) or after latestLocalMinutes (21:00). The AG page says 08:00; the federal 08:00 applies anyway, and a contact between 07:30 and 08:00 is flagged as the inconsistency.',
      parameters: ['maxCommunicationsPer7Days', 'maxWorkCommunicationsPer7Days', 'earliestHomeLocalMinutes', 'latestLocalMinutes', 'workContactPointTypes'],
      source: { citation: 'RCW 19.16.250 (via WA DFI and AG consumer pages)', status: 'S' },
    },
  ],
} as const;
