/**
 * China (default jurisdiction). Data only: parameters with units and the rules with their sources.
 * Change a parameter here (and bump `version`), or override it at start-up; see docs/compliance.md.
 */
export default {
  id: 'CN',
  version: '1.0.0',
  title: { 'zh-CN': '中国催收合规规则包', en: 'China collection-contact rule pack' },
  effectiveFrom: '2026-01-30',
  defaultTimeZones: ['Asia/Shanghai'],
  holidayEffects:
    'Quiet hours and caps are the same on statutory holidays and make-up working days (调休). A field visit on a statutory holiday is flagged for review (fieldVisitOnStatutoryHolidayEffect).',
  parameters: {
    timeZone: 'Asia/Shanghai',
    quietStartLocalMinutes: 1320,
    quietEndLocalMinutes: 480,
    quietHoursChannels: ['call', 'sms', 'email', 'push', 'in_app', 'visit', 'voicemail'],
    useStricterOfDebtorAndChinaTime: true,
    maxConnectedConversationsPerDebtorPerDay: 3,
    conversationCountScope: 'creditor_and_agencies',
    maxUnansweredAttemptsPerContactPointPerDay: 6,
    consecutiveFailedAttemptsForUnreachable: 3,
    unreachableLookbackDays: 30,
    spouseTreatedAs: 'contact',
    contactPurposesAllowed: ['locate_debtor', 'pass_message'],
    minCollectorsPerFieldVisit: 2,
    fieldVisitRecordingRequired: true,
    registeredCallerNumberRequiredFor: 'all',
    creditReportPreNoticeDays: 7,
    disputeHoldsCollection: true,
    ceaseRequestEffect: 'flag',
    fieldVisitOnStatutoryHolidayEffect: 'flag',
  },
  rules: [
    {
      id: 'CN-HOURS-01',
      title: { 'zh-CN': '催收时段', en: 'Quiet hours' },
      requirement:
        'No collection by phone, visit, SMS or other means from quietStartLocalMinutes (22:00, inside the ban) to quietEndLocalMinutes (08:00, outside the ban) debtor-local, unless the debtor agreed other times (consent type contact_time). A debtor abroad gets the stricter of their zone and Asia/Shanghai.',
      parameters: ['quietStartLocalMinutes', 'quietEndLocalMinutes', 'quietHoursChannels', 'timeZone', 'useStricterOfDebtorAndChinaTime'],
      source: { citation: 'GB/T 互联网金融 个人网络消费信贷 贷后催收风控指引; 中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》2026; NIFA 2024 指引. 21:00 (NIFA 2018 公约) unverified', status: 'S' },
    },
    {
      id: 'CN-FREQ-01',
      title: { 'zh-CN': '主动有效通话次数上限', en: 'Cap on connected institution-initiated conversations' },
      requirement:
        'At most maxConnectedConversationsPerDebtorPerDay connected, institution-initiated voice conversations (human or AI) with one person per local day, counted across the lender and all its agencies. Debtor-initiated calls do not count.',
      parameters: ['maxConnectedConversationsPerDebtorPerDay', 'conversationCountScope'],
      source: { citation: 'GB/T 贷后催收风控指引 ("与单一债务人主动有效通话每日不应超过3次"); aggregation across agencies unverified', status: 'S' },
    },
    {
      id: 'CN-FREQ-02',
      title: { 'zh-CN': '未接通呼叫次数上限', en: 'Cap on unanswered attempts per contact point' },
      requirement:
        'At most maxUnansweredAttemptsPerContactPointPerDay unanswered call attempts to the same number per local day, unless the debtor agreed otherwise (consent type contact_frequency with maxPerDay). Enforced as a hard block.',
      parameters: ['maxUnansweredAttemptsPerContactPointPerDay'],
      source: { citation: '中国银行业协会《金融机构个人消费类贷款催收工作指引（试行）》2026 ("当天不宜超过6次")', status: 'S' },
    },
    {
      id: 'CN-3P-01',
      title: { 'zh-CN': '催收对象', en: 'Who may be contacted' },
      requirement:
        'Collect only from the debtor and guarantors. A contact (联系人) may be contacted only when the debtor is unreachable (last attempt hit an invalid number, or consecutiveFailedAttemptsForUnreachable consecutive failed attempts within unreachableLookbackDays), deceased or incapacitated. Unrelated third parties and employers may not be collected from, except a person who volunteers to pay.',
      parameters: ['consecutiveFailedAttemptsForUnreachable', 'unreachableLookbackDays', 'spouseTreatedAs'],
      source: { citation: 'GB/T 贷后催收风控指引; CBA 2026 指引; 《商业银行信用卡业务监督管理办法》第68条', status: 'S' },
    },
    {
      id: 'CN-PIPL-02',
      title: { 'zh-CN': '联系人信息的使用', en: 'Use of designated contacts' },
      requirement:
        'A contact is used only to reach the debtor (purpose in contactPurposesAllowed), without disclosing the debt or financial information; a contact who refused is never contacted again; contacts harvested from an address book are never used.',
      parameters: ['contactPurposesAllowed'],
      source: { citation: '《个人信息保护法》第5、6、10条 (primary); GB/T 贷后催收风控指引; CBA 2026 指引', status: 'S' },
    },
    {
      id: 'CN-VISIT-01',
      title: { 'zh-CN': '外访催收', en: 'Field visits' },
      requirement:
        'A field visit needs at least minCollectorsPerFieldVisit collectors and full audio and video recording, never in quiet hours, and no entry without consent. A visit on a statutory holiday is flagged.',
      parameters: ['minCollectorsPerFieldVisit', 'fieldVisitRecordingRequired', 'fieldVisitOnStatutoryHolidayEffect'],
      source: { citation: 'CBA 2026 指引 第22条; NIFA 2018 公约 ("现场催收要全程录音录像")', status: 'S' },
    },
    {
      id: 'CN-PROHIB-01',
      title: { 'zh-CN': '禁止性催收行为', en: 'Prohibited conduct' },
      requirement:
        'No threats, insults, impersonation of courts, police or lawyers, fictitious blacklists, exaggerated consequences, extra fees, induced borrowing or public posting; agency staff contact only from registered numbers (no private phones or social apps).',
      parameters: ['registeredCallerNumberRequiredFor'],
      source: { citation: 'CBA 2026 指引 (eight prohibitions); 《刑法》第293条之一, 第253条之一 (primary backstop)', status: 'S' },
    },
    {
      id: 'CN-CREDIT-01',
      title: { 'zh-CN': '报送不良信息前告知', en: 'Notice before adverse credit reporting' },
      requirement:
        'Adverse information is furnished to a credit-reporting agency only after the debtor was notified; the notice must precede furnishing by creditReportPreNoticeDays (interval unverified).',
      parameters: ['creditReportPreNoticeDays'],
      source: { citation: '《征信业管理条例》第15条; interval unverified', status: 'P' },
    },
    {
      id: 'FD-DISPUTE-01',
      title: { 'zh-CN': '异议期间暂停催收', en: 'Collection paused during a dispute' },
      requirement:
        'While a dispute on a debt is open or pending, no collection contact about that debt; responses to the dispute are allowed. Fairdebt policy (product C8), configurable by disputeHoldsCollection.',
      parameters: ['disputeHoldsCollection'],
      source: { citation: 'Fairdebt policy; 《征信业管理条例》第25条 (dispute handling)', status: 'U' },
    },
    {
      id: 'FD-STATUS-01',
      title: { 'zh-CN': '债务人状态', en: 'Debtor status holds' },
      requirement:
        'No collection contact with a deceased debtor, a minor or a debtor in bankruptcy; contact with an incapacitated debtor is flagged (deal through the guardian). A debt whose legal case holds contact (debts[].legalHold, set by the legal policy from filing) gets no collection contact: automated ones under \'automated\', every one under \'all\'; responses and statutory notices continue.',
      parameters: [],
      source: { citation: 'Fairdebt policy (conservative default)', status: 'U' },
    },
    {
      id: 'FD-CEASE-01',
      title: { 'zh-CN': '债务人要求停止联系', en: 'Debtor asked to stop contact' },
      requirement:
        'A debtor’s request to stop contact has no statutory effect in China; it is flagged for review (ceaseRequestEffect).',
      parameters: ['ceaseRequestEffect'],
      source: { citation: 'Fairdebt policy', status: 'U' },
    },
    {
      id: 'FD-PREF-01',
      title: { 'zh-CN': '债务人选择的联系方式与时段', en: 'Channels and hours the debtor chose' },
      requirement:
        'Contact only on the channels and within the hours the debtor chose (portal preferences or what staff recorded): no contact on a medium, number or address the debtor opted out of or named inconvenient, and none in a window they named inconvenient unless they agreed to that time (consent contact_time). Responses, statutory notices and opt-out confirmations still go out. Fairdebt policy in every pack; the statutory rules apply on top.',
      parameters: [],
      source: { citation: 'Fairdebt policy; 《个人信息保护法》第44条 (the data subject decides on the processing of their information)', status: 'U' },
    },
  ],
} as const;
