/** European Union baseline: CSD Art. 10, CCD2 Art. 35, GDPR. National law adds to it. Data only. */
export default {
  id: 'EU',
  version: '1.0.0',
  title: { 'zh-CN': '欧盟基线规则包', en: 'European Union baseline pack' },
  effectiveFrom: '2025-11-20',
  defaultTimeZones: ['Europe/Brussels'],
  holidayEffects: 'None: public holidays are national; add them to the holiday table under the country code when a national pack needs them.',
  parameters: {
    timeZone: 'Europe/Brussels',
    earliestLocalMinutes: 480,
    quietStartLocalMinutes: 1260,
    hoursChannels: ['call', 'sms', 'email', 'push', 'in_app', 'visit', 'voicemail'],
    enforcementPurposes: ['legal_action', 'enforcement'],
    thirdPartyPurposesAllowed: ['locate_debtor'],
    transferNoticeInitiators: ['servicer', 'purchaser'],
    disputeHoldsCollection: true,
    ceaseRequestEffect: 'flag',
  },
  rules: [
    {
      id: 'EU-CSD-10',
      title: { 'zh-CN': '信贷服务商行为义务', en: 'Conduct of credit servicers and purchasers' },
      requirement:
        'Communicate without harassment, coercion or undue influence (content checks; policy contact window earliestLocalMinutes–quietStartLocalMinutes, national law unverified); before the first collection by a new owner or servicer (transferNoticeInitiators), a transfer notice on a durable medium (debtor.transferNoticeSent).',
      parameters: ['earliestLocalMinutes', 'quietStartLocalMinutes', 'hoursChannels', 'transferNoticeInitiators', 'timeZone'],
      source: { citation: 'Directive (EU) 2021/2167 Art. 10(1), 10(2)', status: 'P' },
    },
    {
      id: 'EU-CCD2-35',
      title: { 'zh-CN': '执行前的合理宽容', en: 'Forbearance before enforcement' },
      requirement: 'Enforcement (enforcementPurposes) only after reasonable forbearance was considered and documented (debtor.forbearanceAssessed).',
      parameters: ['enforcementPurposes'],
      source: { citation: 'Directive (EU) 2023/2225 Art. 35 (applies from 2026-11-20)', status: 'P' },
    },
    {
      id: 'EU-GDPR-01',
      title: { 'zh-CN': '第三人数据最小化', en: 'Third parties: minimisation' },
      requirement:
        'A third party is contacted only for thirdPartyPurposesAllowed (locating the debtor), without disclosing the debt; each such contact is flagged to record the legitimate-interest balancing.',
      parameters: ['thirdPartyPurposesAllowed'],
      source: { citation: 'Regulation (EU) 2016/679 Arts. 5(1)(b)–(c), 6(1)(f), 14(3)', status: 'P' },
    },
    {
      id: 'FD-DISPUTE-01',
      title: { 'zh-CN': '异议期间暂停催收', en: 'Collection paused during a dispute' },
      requirement: 'While a dispute on a debt is open or pending, no collection contact about that debt. Configurable by disputeHoldsCollection.',
      parameters: ['disputeHoldsCollection'],
      source: { citation: 'Fairdebt policy', status: 'U' },
    },
    {
      id: 'FD-STATUS-01',
      title: { 'zh-CN': '债务人状态', en: 'Debtor status holds' },
      requirement: 'No collection contact with a deceased debtor, a minor or a bankrupt debtor; contact with an incapacitated debtor is flagged. A debt whose legal case holds contact (debts[].legalHold, set by the legal policy from filing) gets no collection contact: automated ones under \'automated\', every one under \'all\'; responses and statutory notices continue.',
      parameters: [],
      source: { citation: 'Fairdebt policy', status: 'U' },
    },
    {
      id: 'FD-CEASE-01',
      title: { 'zh-CN': '债务人要求停止联系', en: 'Debtor asked to stop contact' },
      requirement: 'A request to stop contact is flagged for review (ceaseRequestEffect); GDPR Art. 21 objections are handled by the data-protection process.',
      parameters: ['ceaseRequestEffect'],
      source: { citation: 'Fairdebt policy; GDPR Art. 21', status: 'U' },
    },
    {
      id: 'FD-PREF-01',
      title: { 'zh-CN': '债务人选择的联系方式与时段', en: 'Channels and hours the debtor chose' },
      requirement:
        'Contact only on the channels and within the hours the debtor chose (portal preferences or what staff recorded): no contact on a medium, number or address the debtor opted out of or named inconvenient, and none in a window they named inconvenient unless they agreed to that time (consent contact_time). Responses, statutory notices and opt-out confirmations still go out. Fairdebt policy in every pack; the statutory rules apply on top.',
      parameters: [],
      source: { citation: 'Fairdebt policy', status: 'U' },
    },
  ],
} as const;
