/** United Kingdom: FCA CONC 7 and the Debt Respite (Breathing Space) scheme. Data only. */
export default {
  id: 'UK',
  version: '1.0.0',
  title: { 'zh-CN': '英国催收规则包', en: 'United Kingdom pack' },
  effectiveFrom: '2024-11-04',
  defaultTimeZones: ['Europe/London'],
  holidayEffects: 'Bank holidays change nothing in this pack: CONC sets no numeric hours, and the policy window applies every day.',
  parameters: {
    timeZone: 'Europe/London',
    earliestLocalMinutes: 480,
    quietStartLocalMinutes: 1260,
    hoursChannels: ['call', 'sms', 'email', 'push', 'in_app', 'visit', 'voicemail'],
    standardMoratoriumDays: 60,
    mentalHealthCrisisExtraDays: 30,
    moratoriumPurposesAllowed: ['statutory_notice', 'response_to_debtor', 'unrelated_to_debt', 'dispute_response'],
    escalationPurposes: ['default_notice', 'legal_threat', 'legal_action', 'enforcement'],
    vulnerableBlocksFieldVisits: true,
    vulnerableBlocksAutomatedContact: true,
    thirdPartyPurposesAllowed: ['locate_debtor'],
    disputeHoldsCollection: true,
    ceaseRequestEffect: 'flag',
  },
  rules: [
    {
      id: 'UK-CONC-04',
      title: { 'zh-CN': '联系时间与方式', en: 'Contact times and manner' },
      requirement:
        'No contact at unreasonable times: policy window earliestLocalMinutes (08:00) to quietStartLocalMinutes (21:00, inside the ban) Europe/London; due regard to the customer’s requests about when, where and how to be contacted (designations and opt-outs).',
      parameters: ['timeZone', 'earliestLocalMinutes', 'quietStartLocalMinutes', 'hoursChannels'],
      source: { citation: 'FCA CONC 7.9.4R (no numeric hours; the window is policy, unverified)', status: 'U' },
    },
    {
      id: 'UK-BS-01',
      title: { 'zh-CN': '债务喘息期', en: 'Breathing Space moratorium' },
      requirement:
        'During a standard moratorium (standardMoratoriumDays from the start date; the end date itself still inside, conservative) or a mental health crisis moratorium (until treatment ends plus mentalHealthCrisisExtraDays), no contact to enforce or demand payment of a moratorium debt; allowed: statutory notices, replies to the debtor, matters unrelated to moratorium debts, contact with the debt adviser.',
      parameters: ['standardMoratoriumDays', 'mentalHealthCrisisExtraDays', 'moratoriumPurposesAllowed'],
      source: { citation: 'SI 2020/1311 regs 7, 11, 12, 26 (primary); day-count convention and reg 32 mechanics unverified', status: 'P' },
    },
    {
      id: 'UK-CONC-01',
      title: { 'zh-CN': '宽容与适当考虑', en: 'Forbearance and due consideration' },
      requirement:
        'A customer in financial difficulty gets no escalation (escalationPurposes, field visits) until forbearance has been assessed (debtor.forbearanceAssessed).',
      parameters: ['escalationPurposes'],
      source: { citation: 'FCA CONC 7.3.4R, 7.3.5G (PS24/2 in force 2024-11-04)', status: 'P' },
    },
    {
      id: 'UK-VULN-01',
      title: { 'zh-CN': '弱势客户', en: 'Vulnerable customers' },
      requirement:
        'A vulnerable customer is routed to a specialist: every contact is flagged, and field visits and automated dialling are denied (vulnerableBlocksFieldVisits, vulnerableBlocksAutomatedContact).',
      parameters: ['vulnerableBlocksFieldVisits', 'vulnerableBlocksAutomatedContact'],
      source: { citation: 'FCA FG21/1; CONC 7.2, 7.9.12R ff.', status: 'P' },
    },
    {
      id: 'UK-CONC-02',
      title: { 'zh-CN': '不得施压', en: 'No pressure' },
      requirement: 'No pressure to pay in one or very few payments, within an unreasonably short period, or by selling property or borrowing; no threats or abuse.',
      parameters: [],
      source: { citation: 'FCA CONC 7.3.10R', status: 'P' },
    },
    {
      id: 'UK-CONC-05',
      title: { 'zh-CN': '第三人与保密', en: 'Third parties and confidentiality' },
      requirement:
        'No disclosure of the debt to third parties and nothing publicly embarrassing; a third party may be contacted only for thirdPartyPurposesAllowed (locating the customer) and without mentioning the debt.',
      parameters: ['thirdPartyPurposesAllowed'],
      source: { citation: 'FCA CONC 7.9 (7.9.11G)', status: 'P' },
    },
    {
      id: 'UK-CONC-06',
      title: { 'zh-CN': '上门拜访', en: 'Visits' },
      requirement: 'No visit when the customer is known to be particularly vulnerable, and no entry without consent.',
      parameters: [],
      source: { citation: 'FCA CONC 7.9.12R ff.', status: 'P' },
    },
    {
      id: 'UK-CONC-07',
      title: { 'zh-CN': '不得虚假陈述', en: 'No misrepresentation' },
      requirement: 'No false claims of court or bailiff authority, no official-looking threats, no claim that action will be taken when it cannot.',
      parameters: [],
      source: { citation: 'FCA CONC 7.11', status: 'P' },
    },
    {
      id: 'FD-DISPUTE-01',
      title: { 'zh-CN': '异议期间暂停催收', en: 'Collection paused during a dispute' },
      requirement: 'While a dispute on a debt is open or pending, no collection contact about that debt (CONC 7.14 passes disputes to the owner). Configurable by disputeHoldsCollection.',
      parameters: ['disputeHoldsCollection'],
      source: { citation: 'Fairdebt policy; FCA CONC 7.14', status: 'U' },
    },
    {
      id: 'FD-STATUS-01',
      title: { 'zh-CN': '债务人状态', en: 'Debtor status holds' },
      requirement: 'No collection contact with a deceased debtor, a minor or a bankrupt debtor; contact with an incapacitated debtor is flagged. A debt whose legal case holds contact (debts[].legalHold, set by the legal policy from filing) gets no collection contact: automated ones under \'automated\', every one under \'all\'; responses and statutory notices continue.',
      parameters: [],
      source: { citation: 'Fairdebt policy; Insolvency Act 1986 s.285 (not re-read)', status: 'U' },
    },
    {
      id: 'FD-CEASE-01',
      title: { 'zh-CN': '债务人要求停止联系', en: 'Debtor asked to stop contact' },
      requirement: 'A request to stop contact is flagged for review and honoured per CONC 7.9.4R requests on how to be contacted (ceaseRequestEffect).',
      parameters: ['ceaseRequestEffect'],
      source: { citation: 'Fairdebt policy; FCA CONC 7.9.4R', status: 'U' },
    },
    {
      id: 'FD-PREF-01',
      title: { 'zh-CN': '债务人选择的联系方式与时段', en: 'Channels and hours the debtor chose' },
      requirement:
        'Contact only on the channels and within the hours the debtor chose (portal preferences or what staff recorded): no contact on a medium, number or address the debtor opted out of or named inconvenient, and none in a window they named inconvenient unless they agreed to that time (consent contact_time). Responses, statutory notices and opt-out confirmations still go out. Fairdebt policy in every pack; the statutory rules apply on top.',
      parameters: [],
      source: { citation: 'Fairdebt policy; FCA CONC 7.9.4R', status: 'U' },
    },
  ],
} as const;
