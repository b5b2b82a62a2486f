/**
 * Content checks for collection messages: the same lexicon runs when a template is saved (lint) and on the
 * rendered text just before sending. PURE.
 *
 * Each entry is a pattern for one category in one language. Entries marked `negatable` are skipped when
 * the words just before the match negate it ("我们不会通知您的家人", "we will never contact your employer"),
 * so that reassurances are not mistaken for threats. Negation is looked for only in the same clause:
 * "如不还款将通知你的家人" is still a threat.
 */
import type { Bilingual, LintCategory, LintFinding, LintResult, RecipientRole } from './compliance.types.ts';

type Lang = 'zh-CN' | 'en';

interface LexiconEntry {
  category: LintCategory;
  lang: Lang;
  pattern: RegExp;
  negatable: boolean;
}

const CATEGORY_MESSAGES: Record<LintCategory, Bilingual> = {
  threat: { 'zh-CN': '含有威胁、恐吓或以告知他人相要挟的内容', en: 'threatens the debtor, or threatens to tell other people' },
  insult: { 'zh-CN': '含有侮辱、辱骂性语言', en: 'insults or abuses the debtor' },
  impersonation: { 'zh-CN': '冒充司法机关、行政机关、律师或其他机构', en: 'impersonates a court, the police, a lawyer or another authority' },
  fictitious_blacklist: { 'zh-CN': '虚构"黑名单"等不存在的惩戒措施', en: 'invents a "blacklist" or similar sanction' },
  exaggerated_consequence: { 'zh-CN': '夸大逾期的法律后果（如坐牢、立案、影响子女）', en: 'exaggerates the legal consequences (jail, arrest, criminal case, children)' },
  extra_fee: { 'zh-CN': '以催收名义收取额外费用', en: 'charges an extra fee in the name of collection' },
  public_exposure: { 'zh-CN': '公开曝光、张贴或向通讯录群发债务信息', en: 'exposes the debt publicly or to the debtor’s contacts' },
  induced_borrowing: { 'zh-CN': '诱导或强迫借新还旧、以贷还贷', en: 'pushes the debtor to borrow to repay' },
  pressure: { 'zh-CN': '不当施压（不合理的期限、一次性还清、变卖财产）', en: 'puts undue pressure on the debtor (unreasonable deadline, pay in full, sell property)' },
  debt_disclosure: { 'zh-CN': '向第三人透露债务或财务信息', en: 'discloses the debt or financial information to a third party' },
};

function zh(category: LintCategory, source: string, negatable = true): LexiconEntry {
  return { category, lang: 'zh-CN', pattern: new RegExp(source, 'g'), negatable };
}
function en(category: LintCategory, source: string, negatable = true): LexiconEntry {
  return { category, lang: 'en', pattern: new RegExp(source, 'gi'), negatable };
}

const PEOPLE_ZH = '(?:单位|公司|领导|同事|家人|家里人|父母|爸妈|老婆|老公|配偶|子女|孩子|亲友|亲戚|朋友|邻居|通讯录|紧急联系人)';
const AUTHORITY_ZH = '(?:法院|公安局?|警察|民警|派出所|检察院|刑警|经侦|律师事务所|律所|律师|仲裁委|执行局|监管部门|银保监|金融监管局)';
const PEOPLE_EN = "(?:employer|boss|manager|workplace|neighbou?rs?|friends|family|relatives|colleagues|co-?workers|contacts|spouse|wife|husband|children|kids|parents)";

/** The lexicon. Order does not matter; every entry runs. */
export const LEXICON: readonly LexiconEntry[] = [
  // threats and intimidation
  zh('threat', '弄死|打死|砍死|废了你|打断你的?腿|让你好看|让你(?:全家)?不得安宁|后果自负|走着瞧|出门小心|不会放过你|找人(?:收拾|教训)你'),
  zh('threat', `上门(?:找你|堵你|闹)|到你(?:家|单位|公司)(?:去)?(?:闹|堵|找你)`),
  zh('threat', `(?:通知|告诉|告知|联系|打给|打电话给|发给)(?:你|您)?的?${PEOPLE_ZH}`),
  zh('threat', `让(?:你|您)?的?(?:全家|${PEOPLE_ZH.slice(3, -1)})(?:人)?(?:都|全都)?(?:知道|晓得)`),
  en('threat', "\\b(?:we know where you (?:live|work)|you(?:'ll| will) regret|or else|watch your back|hurt you|make your life (?:hell|miserable))\\b"),
  en('threat', `\\b(?:tell|inform|notify|contact|call|visit|email|text)\\s+(?:all\\s+(?:of\\s+)?)?your\\s+${PEOPLE_EN}\\b`),
  // insults
  zh('insult', '老赖|不要脸|人渣|去死|王八蛋|混蛋|贱人|傻逼|狗东西|死全家|畜生|败类'),
  zh('insult', '你(?:这个|就是|是个|是)?(?:垃圾|废物|骗子|无赖|loser)', true),
  en('insult', '\\b(?:deadbeat|loser|scum|idiot|stupid|moron|worthless|pathetic|liar|low-?life|parasite)\\b'),
  // impersonation of authorities and lawyers
  zh('impersonation', `(?:我(?:们)?是|这里是|本人(?:系|是)|我方(?:系|是)|我们这边是)[^，。,.!！?？\\s]{0,8}${AUTHORITY_ZH}`),
  zh('impersonation', '(?:法院|公安局?|派出所|检察院|执行局)(?:工作人员|的?传票)|拘传|逮捕令|传票'),
  en('impersonation', "\\b(?:this is|i am|i'm|we are|calling from|on behalf of)\\s+(?:the\\s+|a\\s+|an\\s+|your\\s+)?(?:local\\s+)?(?:police|sheriff|officer|detective|court|judge|magistrate|bailiff|attorney|lawyer|solicitor|fbi|irs|government|law enforcement)\\b"),
  en('impersonation', '\\b(?:court summons|official summons|court order against you|bailiffs? (?:will|are coming))\\b'),
  // invented blacklists
  zh('fictitious_blacklist', '黑名单|失信名单|全网(?:通报|曝光|通缉)|(?:永久|终身)(?:不能|无法)(?:贷款|借款|坐高铁|坐飞机|出行|出国)'),
  en('fictitious_blacklist', '\\bblack-?\\s?list(?:ed|ing)?\\b'),
  // exaggerated consequences
  zh('exaggerated_consequence', '坐牢|判刑|拘留|逮捕|抓(?:你|人)|刑事(?:责任|案件|立案|处罚|拘留)|(?:已经?|将|马上|立即)(?:立案|报案)|通缉|诈骗罪|拒执罪'),
  zh('exaggerated_consequence', '(?:影响|连累)(?:你|您)?的?(?:子女|孩子|家人)(?:上学|就业|考公|政审)?|(?:子女|孩子)(?:不能|无法)(?:上学|考公|当兵)'),
  zh('exaggerated_consequence', '冻结(?:你|您)?的?(?:全部)?(?:银行卡|账户|资产)|(?:强制)?(?:拍卖|查封)(?:你|您)?的?(?:房|车|财产)'),
  en('exaggerated_consequence', '\\b(?:arrest(?:ed)?|jail|prison|imprison(?:ed|ment)?|criminal (?:charges?|case|prosecution|record)|deport(?:ed|ation)?|warrant for your arrest|lose your (?:children|kids|job|home)|handcuff(?:s|ed)?)\\b'),
  // extra fees
  zh('extra_fee', '催收费|上门费|外访费|外催费|加急费|处理费|调解费|停催费|销账费|(?:额外|另外|另行)收取'),
  en('extra_fee', '\\b(?:collection|processing|visit|handling|convenience|admin(?:istration)?|call-?out)\\s+fees?\\b'),
  // public exposure
  zh('public_exposure', '曝光|张贴|(?:公开|公示)(?:你|您)的?|发(?:到|在)?(?:朋友圈|微博|抖音|群里|网上)|(?:爆|轰炸)通讯录|通讯录(?:轰炸|群发)|群发(?:给)?(?:你|您)?的?(?:亲友|联系人|通讯录)|挂(?:到|在)网上'),
  en('public_exposure', '\\b(?:post|publish|share|expose|broadcast)\\b[^.!?]{0,30}\\b(?:online|on the internet|social media|facebook|twitter|publicly|in public)\\b'),
  // induced borrowing
  zh('induced_borrowing', '以贷养贷|以贷还贷|借钱(?:来)?还|去借(?:钱|贷)|(?:网贷|信用卡|借呗|花呗)套现|找(?:亲戚|朋友|家人)借|刷信用卡(?:来)?还|拆东墙补西墙'),
  en('induced_borrowing', "\\b(?:take out|get|apply for) (?:another|a new|a payday|a second) loan\\b|\\bborrow (?:money )?from (?:your )?(?:friends|family|relatives|another lender)\\b|\\buse (?:a|your|another) credit card to pay\\b"),
  // undue pressure (CONC 7.3.10R)
  zh('pressure', '今天(?:必须|务必)?(?:全额|一次性)?(?:还清|结清)|立即(?:全额)?还清|(?:卖|变卖)(?:房|车|房子|车子)(?:来)?还|最后通牒'),
  en('pressure', '\\bsell your (?:house|home|car|property|belongings)\\b|\\bfinal warning\\b|\\blast chance\\b|\\bpay (?:the )?(?:full|whole|entire) (?:amount|balance)[^.!?]{0,30}\\b(?:today|immediately|right now|within (?:24|48) hours)\\b'),
  // disclosure of the debt (checked only for third-party recipients)
  zh('debt_disclosure', '欠款|欠钱|欠债|逾期|还款|债务|催收|贷款|借款|账单|还钱|欠费|拖欠', false),
  en('debt_disclosure', '\\b(?:debts?|owes?|owed|owing|overdue|arrears|past[- ]due|collections?|collector|loans?|repay(?:ment)?|payments?|balance|delinquen(?:t|cy))\\b', false),
];

const ZH_NEGATION_BEFORE = /(?:不|没有|没|绝不|并不|无需|勿|别|非)(?:会|再|要|去|能|将|得|是|可能|可以|用|会再)?(?:所谓的?|任何|什么|被|上|列入|进)?$/;
const EN_NEGATION_BEFORE = /(?:\bnot|\bnever|\bno|n't|\bwithout)(?:\s+[a-z]+){0,2}\s*$/i;
/** "why not borrow…" suggests rather than negates. */
const SUGGESTION_BEFORE = /\bwhy\s+not\b/i;
const CLAUSE_BREAK = /[，。,.;；!！?？:：\n]/;

function isNegated(text: string, index: number, lang: Lang): boolean {
  const windowStart = Math.max(0, index - (lang === 'en' ? 40 : 6));
  let before = text.slice(windowStart, index);
  // only the current clause counts
  for (let i = before.length - 1; i >= 0; i--) {
    if (CLAUSE_BREAK.test(before.charAt(i))) {
      before = before.slice(i + 1);
      break;
    }
  }
  if (lang === 'en') return EN_NEGATION_BEFORE.test(before) && !SUGGESTION_BEFORE.test(before);
  return ZH_NEGATION_BEFORE.test(before);
}

/** Which jurisdiction rules a category breaches, so a lint finding names the rule it would fail. */
const CATEGORY_RULES: Record<LintCategory, string[]> = {
  threat: ['CN-PROHIB-01', 'US-HARASS-01', 'UK-CONC-02', 'EU-CSD-10'],
  insult: ['CN-PROHIB-01', 'US-HARASS-01', 'UK-CONC-02', 'EU-CSD-10'],
  impersonation: ['CN-PROHIB-01', 'US-HARASS-01', 'UK-CONC-07', 'EU-CSD-10'],
  fictitious_blacklist: ['CN-PROHIB-01', 'US-HARASS-01', 'UK-CONC-07', 'EU-CSD-10'],
  exaggerated_consequence: ['CN-PROHIB-01', 'US-HARASS-01', 'UK-CONC-07', 'EU-CSD-10'],
  extra_fee: ['CN-PROHIB-01', 'UK-CONC-02', 'EU-CSD-10'],
  public_exposure: ['CN-PROHIB-01', 'US-SOCIAL-01', 'UK-CONC-05', 'EU-GDPR-01'],
  induced_borrowing: ['CN-PROHIB-01', 'UK-CONC-02', 'EU-CSD-10'],
  pressure: ['UK-CONC-02', 'EU-CSD-10'],
  debt_disclosure: ['CN-PIPL-02', 'US-3P-01', 'UK-CONC-05', 'EU-GDPR-01'],
};

export interface LintOptions {
  lang?: Lang | undefined;
  /** Also look for disclosure of the debt (a message to someone other than the debtor). */
  thirdParty?: boolean | undefined;
}

/** Runs the lexicon over a text. Deterministic: findings are ordered by position, then category. */
export function lintText(text: string, opts: LintOptions = {}): LintResult {
  const findings: LintFinding[] = [];
  for (const entry of LEXICON) {
    if (opts.lang !== undefined && entry.lang !== opts.lang) continue;
    if (entry.category === 'debt_disclosure' && !opts.thirdParty) continue;
    entry.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = entry.pattern.exec(text)) !== null) {
      if (m[0].length === 0) {
        entry.pattern.lastIndex++;
        continue;
      }
      if (entry.negatable && isNegated(text, m.index, entry.lang)) continue;
      findings.push({
        category: entry.category,
        lang: entry.lang,
        match: m[0],
        index: m.index,
        ruleIds: CATEGORY_RULES[entry.category],
        message: CATEGORY_MESSAGES[entry.category],
      });
    }
  }
  findings.sort((a, b) => a.index - b.index || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  return { ok: findings.length === 0, findings };
}

/** Lint for a template or rendered message addressed to a given recipient role. */
export function lintMessage(text: string, lang: Lang | undefined, recipientRole: RecipientRole | undefined): LintResult {
  const thirdParty = recipientRole !== undefined && recipientRole !== 'debtor' && recipientRole !== 'attorney' && recipientRole !== 'debt_adviser';
  return lintText(text, { lang, thirdParty });
}

/** Categories found in a text, without positions: what the contact check needs. */
export function contentCategories(text: string, thirdParty: boolean): Set<LintCategory> {
  const out = new Set<LintCategory>();
  for (const f of lintText(text, { thirdParty }).findings) out.add(f.category);
  return out;
}

export function categoryMessage(category: LintCategory): Bilingual {
  return CATEGORY_MESSAGES[category];
}

/** Electronic opt-out instructions (US §1006.6(e)): "Reply STOP", an unsubscribe link, 回复TD退订. */
const OPT_OUT_NOTICE = /\b(?:reply|text|send)\s+["'“]?stop\b|\bunsubscribe\b|\bopt[- ]?out\b|回复\s*(?:TD|T|退订|STOP)|退订/i;
export function hasElectronicOptOut(text: string): boolean {
  return OPT_OUT_NOTICE.test(text);
}

/** US §1006.18(e): "this communication is from a debt collector" / "attempting to collect a debt". */
const DEBT_COLLECTOR_DISCLOSURE = /\bfrom a debt collector\b|\battempt(?:ing)? to collect a debt\b/i;
export function hasDebtCollectorDisclosure(text: string): boolean {
  return DEBT_COLLECTOR_DISCLOSURE.test(text);
}
