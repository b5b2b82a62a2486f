/**
 * United States, federal: Regulation F (12 CFR part 1006) and its Official Interpretations.
 * State overlays (us-ma, us-wa, us-nyc) stack on this pack. Data only.
 */
const REG_F = '12 CFR 1006';

export default {
  id: 'US',
  version: '1.0.0',
  title: { 'zh-CN': '美国联邦《F条例》规则包', en: 'US federal Regulation F pack' },
  effectiveFrom: '2021-11-30',
  defaultTimeZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  holidayEffects:
    'Federal public holidays (5 U.S.C. 6103(a)), with Saturdays and Sundays, are skipped when counting the 5 days to the assumed receipt of a validation notice. They do not change contact hours or call counts.',
  parameters: {
    earliestLocalMinutes: 480,
    latestLocalMinutes: 1260,
    hoursChannels: ['call', 'sms', 'email', 'push', 'in_app', 'visit', 'voicemail'],
    appliesToCreditors: true,
    maxCallsPerDebtPer7Days: 7,
    callWindowDays: 7,
    callBlackoutDaysAfterConversation: 7,
    callConsentWindowDays: 7,
    rapidRedialBlockMinutes: 5,
    callsPerDayFlagAbove: 3,
    electronicMessagesPerDayFlagAbove: 3,
    attemptsAllChannelsPer7DaysFlagAbove: 14,
    thirdPartyLocationContactsPerPerson: 1,
    electronicChannels: ['sms', 'email'],
    validationNoticeDeadlineDays: 5,
    validationAssumedReceiptBusinessDays: 5,
    validationPeriodDays: 30,
    furnishingWaitDays: 14,
    disputeHoldPurposesAllowed: ['dispute_response', 'statutory_notice'],
    ceasePurposesAllowed: ['cease_confirmation', 'remedy_notice', 'opt_out_confirmation'],
  },
  rules: [
    {
      id: 'US-SCOPE-01',
      title: { 'zh-CN': '适用范围', en: 'Who is covered' },
      requirement:
        'Regulation F covers debt collectors (agencies, debt buyers, creditors collecting under another name). With appliesToCreditors the pack also applies it to a creditor collecting its own debts, as many states reach creditors.',
      parameters: ['appliesToCreditors'],
      source: { citation: `${REG_F}.2(i), 1006.104`, status: 'P' },
    },
    {
      id: 'US-HOURS-01',
      title: { 'zh-CN': '不便时间与地点', en: 'Inconvenient times and places' },
      requirement:
        'No communication or attempt before earliestLocalMinutes (08:00) or after latestLocalMinutes (21:00; 21:00:00 itself is allowed) at the consumer’s location, in every known time zone (strictest wins), nor at a time or place the consumer designated as inconvenient, unless the consumer consented directly to the collector.',
      parameters: ['earliestLocalMinutes', 'latestLocalMinutes', 'hoursChannels'],
      source: { citation: `${REG_F}.6(b)(1), (b)(4); comments 6(b)(1)-1, -2, 6(b)(1)(i)-1, -2`, status: 'P' },
    },
    {
      id: 'US-WORK-01',
      title: { 'zh-CN': '工作场所', en: 'Workplace' },
      requirement:
        'No communication at the consumer’s workplace when the collector knows the employer prohibits it (designation no_work_contact or inconvenient_place work), and no e-mail to an address known to be employer-provided.',
      parameters: [],
      source: { citation: `${REG_F}.6(b)(3), 1006.22(f)(3); comment 6(b)(3)-1`, status: 'P' },
    },
    {
      id: 'US-ATTY-01',
      title: { 'zh-CN': '已委托律师', en: 'Consumer represented by an attorney' },
      requirement:
        'When the consumer has an attorney for the debt, contact only the attorney, unless the attorney consents or fails to respond within a reasonable time, or the consumer initiated the contact (one response).',
      parameters: [],
      source: { citation: `${REG_F}.6(b)(2); comment 6(b)(2)-1`, status: 'P' },
    },
    {
      id: 'US-CEASE-01',
      title: { 'zh-CN': '拒绝付款或要求停止联系', en: 'Refusal to pay or cease communication' },
      requirement:
        'After written notice that the consumer refuses to pay or wants communication to stop, no further communication about the debt except to say efforts end or a remedy may or will be invoked (ceasePurposesAllowed).',
      parameters: ['ceasePurposesAllowed'],
      source: { citation: `${REG_F}.6(c); comment 6(c)(1)-1`, status: 'P' },
    },
    {
      id: 'US-DISP-01',
      title: { 'zh-CN': '异议与核实', en: 'Disputes and verification' },
      requirement:
        'After a dispute of a debt, cease collection of that debt until verification is sent (dispute status verification_sent, verified, resolved, withdrawn or closed); only the verification response is allowed meanwhile.',
      parameters: ['disputeHoldPurposesAllowed'],
      source: { citation: `${REG_F}.38`, status: 'P' },
    },
    {
      id: 'US-FREQ-01',
      title: { 'zh-CN': '"7日7次"电话频率推定', en: 'Call frequency: the 7-in-7 presumptions' },
      requirement:
        'Per person and per debt: no call when maxCallsPerDebtPer7Days calls were already placed in the callWindowDays consecutive local days ending today, and no call within callBlackoutDaysAfterConversation days after a telephone conversation about the debt (conversation date is day 1). Ringless voicemail counts; texts and e-mails do not; busy or not-in-service calls, calls to the attorney, and calls within a direct consent window (callConsentWindowDays, ended by a conversation) are excluded. Policy: a redial to the same number within rapidRedialBlockMinutes is blocked, and more than callsPerDayFlagAbove calls in a day is flagged.',
      parameters: ['maxCallsPerDebtPer7Days', 'callWindowDays', 'callBlackoutDaysAfterConversation', 'callConsentWindowDays', 'rapidRedialBlockMinutes', 'callsPerDayFlagAbove'],
      source: { citation: `${REG_F}.14(b)(2)–(4); comments 14(b)(2)(i)-1…3, 14(b)(2)(ii)-1, -2, 14(b)(3), 14(b)(4)`, status: 'P' },
    },
    {
      id: 'US-HARASS-01',
      title: { 'zh-CN': '骚扰的一般标准', en: 'Harassment: cumulative effect' },
      requirement:
        'Conduct whose natural consequence is to harass, in any medium. Policy caps: more than electronicMessagesPerDayFlagAbove texts and e-mails to one person in a day, or more than attemptsAllChannelsPer7DaysFlagAbove attempts in 7 days across all channels, is flagged; abusive content is denied.',
      parameters: ['electronicMessagesPerDayFlagAbove', 'attemptsAllChannelsPer7DaysFlagAbove'],
      source: { citation: `${REG_F}.14(a); comments 14(a)-1, -2`, status: 'P' },
    },
    {
      id: 'US-MEDIUM-01',
      title: { 'zh-CN': '禁止使用的媒介', en: 'Prohibited media' },
      requirement:
        'A request not to use a medium, address or number binds for all debts ("stop calling" covers all calls and voicemails), except a one-time opt-out confirmation or a communication required by law.',
      parameters: [],
      source: { citation: `${REG_F}.14(h); comments 14(h)(1)-1…3, 14(h)(2)-1`, status: 'P' },
    },
    {
      id: 'US-EOPT-01',
      title: { 'zh-CN': '电子退订方式', en: 'Electronic opt-out notice' },
      requirement:
        'Every e-mail, text or other electronic communication (electronicChannels) includes a clear and simple way to opt out of that address or number, e.g. "Reply STOP" or an unsubscribe link. Checked on the content when it is given.',
      parameters: ['electronicChannels'],
      source: { citation: `${REG_F}.6(e); comment 6(e)-1`, status: 'P' },
    },
    {
      id: 'US-EMAIL-01',
      title: { 'zh-CN': '电子邮件与短信', en: 'E-mail and text procedures' },
      requirement: 'No e-mail to an address the collector knows is provided by the employer (contactPoint.type work_email or employerProvided).',
      parameters: [],
      source: { citation: `${REG_F}.6(d)(3)–(5), 1006.22(f)(3)`, status: 'P' },
    },
    {
      id: 'US-3P-01',
      title: { 'zh-CN': '第三人与寻址联系', en: 'Third parties and location information' },
      requirement:
        'No communication about the debt with anyone but the consumer (incl. spouse, guarantor as co-obligor), their attorney, or the creditor, except to obtain location information: purpose locate_debtor, no statement that the consumer owes a debt, each third party at most thirdPartyLocationContactsPerPerson times, and never when the consumer has a known attorney.',
      parameters: ['thirdPartyLocationContactsPerPerson'],
      source: { citation: `${REG_F}.6(d)(1)–(2), 1006.10`, status: 'P' },
    },
    {
      id: 'US-LCM-01',
      title: { 'zh-CN': '有限内容留言', en: 'Limited-content message' },
      requirement:
        'A voicemail is a limited-content message only if it holds a business name, a request to reply, names and callback numbers (and optional salutation, time, reply-time suggestions); anything else, such as a mention of a debt, makes it a communication. A voicemail that is a communication is flagged because others may hear it.',
      parameters: [],
      source: { citation: `${REG_F}.2(j); comments 2(j)-1…3`, status: 'P' },
    },
    {
      id: 'US-DISC-01',
      title: { 'zh-CN': '催收方身份披露', en: 'Debt-collector disclosures' },
      requirement:
        'A written or electronic communication by a debt collector states that it is from a debt collector (initial: attempting to collect a debt). Checked on the content when it is given.',
      parameters: [],
      source: { citation: `${REG_F}.18(e)`, status: 'P' },
    },
    {
      id: 'US-VAL-01',
      title: { 'zh-CN': '验证通知时限', en: 'Validation notice timing' },
      requirement:
        'Validation information is given in the initial communication or within validationNoticeDeadlineDays days after it. The validation period ends validationPeriodDays after the assumed receipt (validationAssumedReceiptBusinessDays business days after sending, skipping weekends and federal holidays). Runs when debtor.validationNotice is supplied.',
      parameters: ['validationNoticeDeadlineDays', 'validationAssumedReceiptBusinessDays', 'validationPeriodDays'],
      source: { citation: `${REG_F}.34(a), (b)(5); comments 34(b)(5)-1, -2`, status: 'P' },
    },
    {
      id: 'US-CRA-01',
      title: { 'zh-CN': '报送征信前的沟通', en: 'No credit furnishing before communicating' },
      requirement:
        'No furnishing to a consumer reporting agency until the collector spoke to the consumer about the debt, or sent a letter or electronic message and waited furnishingWaitDays consecutive days (send date is day 1) without an undeliverability notice.',
      parameters: ['furnishingWaitDays'],
      source: { citation: `${REG_F}.30(a); comments 30(a)(1)-1…3`, status: 'P' },
    },
    {
      id: 'US-TBD-01',
      title: { 'zh-CN': '超过诉讼时效的债务', en: 'Time-barred debt' },
      requirement: 'Never sue or threaten to sue on a time-barred debt.',
      parameters: [],
      source: { citation: `${REG_F}.26(b); statute-of-limitations table per state unverified`, status: 'P' },
    },
    {
      id: 'US-SOCIAL-01',
      title: { 'zh-CN': '社交媒体与明信片', en: 'Social media, postcards and public posting' },
      requirement: 'No communication visible to the public or to the consumer’s contacts, and no postcards.',
      parameters: [],
      source: { citation: `${REG_F}.22(f)(1), (f)(4)`, status: 'P' },
    },
    {
      id: 'FD-STATUS-01',
      title: { 'zh-CN': '债务人状态', en: 'Debtor status holds' },
      requirement:
        'No collection contact with a deceased debtor, a minor, a debtor in bankruptcy (automatic stay), or about a debt that is paid, discharged or from identity theft; contact with an incapacitated debtor is flagged. A debt whose legal case holds contact (debts[].legalHold, set by the legal policy from filing) gets no collection contact: automated ones under \'automated\', every one under \'all\'; responses and statutory notices continue.',
      parameters: [],
      source: { citation: 'Fairdebt policy; 11 U.S.C. 362 and 12 CFR 1006.30(b) (not re-read)', status: 'U' },
    },
    {
      id: 'FD-PREF-01',
      title: { 'zh-CN': '债务人选择的联系方式与时段', en: 'Channels and hours the debtor chose' },
      requirement:
        'Contact only on the channels and within the hours the debtor chose (portal preferences or what staff recorded): no contact on a medium, number or address the debtor opted out of or named inconvenient, and none in a window they named inconvenient unless they agreed to that time (consent contact_time). Responses, statutory notices and opt-out confirmations still go out. Fairdebt policy in every pack; the statutory rules apply on top.',
      parameters: [],
      source: { citation: 'Fairdebt policy; 12 CFR 1006.6(b)(1), 1006.14(h)', status: 'U' },
    },
  ],
} as const;
