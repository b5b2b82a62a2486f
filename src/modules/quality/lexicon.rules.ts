/**
 * The quality-inspection lexicon, as data. Two parts:
 *
 * - `BASE_CATEGORY_MAP` maps the categories of the compliance template lint (whose lexicon runs first,
 *   on the same normalised text) to the QA categories and severities, with refinements by what the
 *   match says (a "threat" to tell the family is a third-party disclosure here);
 * - `QA_LEXICON` adds what a template lint does not need but spoken calls and free text do: obscenity,
 *   threats to sue the debtor, social ruin, "your employer will know", false permanence of credit records.
 *
 * Patterns run on normalised text (NFKC, lower case, filler between CJK characters removed, spaced-out
 * Latin letters joined; see scan.rules.ts), so they are written without spaces inside Chinese words and in
 * lower case. To extend: add an entry with a new unique `id`, a row to the table test, and run it.
 */
import type { Bilingual, Lang, QaCategory, Severity } from './quality.types.ts';

export interface QaLexiconEntry {
  /** Stable id, recorded with each finding as `quality:<id>`. */
  id: string;
  category: QaCategory;
  severity: Severity;
  lang: Lang;
  /** Regular expression source; compiled with flags 'g' (zh-CN) or 'gi' (en). */
  pattern: string;
  /** Skipped when the same clause negates it just before ("我们不会起诉你", "we will not sue you"). */
  negatable: boolean;
  /** What a reviewer should check, when the category's explanation is not enough. */
  note?: Bilingual;
}

export const CATEGORY_EXPLANATIONS: Record<QaCategory, Bilingual> = {
  threat: { 'zh-CN': '威胁、恐吓债务人（暴力、上门、坐牢、起诉相要挟）', en: 'threatens the debtor (violence, visits, jail, lawsuits used as a threat)' },
  insult: { 'zh-CN': '侮辱、辱骂债务人', en: 'insults or abuses the debtor' },
  impersonation: { 'zh-CN': '冒充公检法、律师、政府或其他机构', en: 'pretends to be the police, a court, a lawyer, the government or another authority' },
  third_party_disclosure: { 'zh-CN': '向或以告知第三人（家人、单位、通讯录）透露债务', en: 'discloses the debt to third parties (family, employer, contacts) or threatens to' },
  misleading: { 'zh-CN': '虚假或误导性陈述、虚假紧迫感（永久征信黑名单、案底、额外费用）', en: 'false or misleading statements, false urgency (permanent blacklist, criminal record, extra fees)' },
  obscene: { 'zh-CN': '使用淫秽、粗俗语言', en: 'uses obscene or profane language' },
};

export interface BaseMapping {
  category: QaCategory;
  severity: Severity;
  /** The first refinement whose pattern matches the finding's text decides instead. */
  refine?: ReadonlyArray<{ pattern: string; category: QaCategory; severity: Severity }>;
}

const PEOPLE = '单位|公司|领导|同事|家人|家里|父母|爸妈|老婆|老公|配偶|子女|孩子|亲友|亲戚|朋友|邻居|通讯录|联系人|employer|boss|manager|workplace|neighbo|friends|family|relatives|colleagues|co-?workers|contacts|spouse|wife|husband|children|kids|parents';

/** The compliance lint's categories (modules/compliance content lint) in QA terms. */
export const BASE_CATEGORY_MAP: Record<string, BaseMapping> = {
  threat: { category: 'threat', severity: 'high', refine: [{ pattern: PEOPLE, category: 'third_party_disclosure', severity: 'high' }] },
  insult: { category: 'insult', severity: 'high' },
  impersonation: { category: 'impersonation', severity: 'high' },
  fictitious_blacklist: { category: 'misleading', severity: 'medium' },
  exaggerated_consequence: {
    category: 'threat',
    severity: 'high',
    refine: [{ pattern: 'criminal record|刑事记录|案底|子女|孩子|children|kids', category: 'misleading', severity: 'medium' }],
  },
  extra_fee: { category: 'misleading', severity: 'medium' },
  public_exposure: { category: 'third_party_disclosure', severity: 'high' },
  induced_borrowing: { category: 'misleading', severity: 'medium' },
  pressure: { category: 'misleading', severity: 'low' },
  debt_disclosure: { category: 'third_party_disclosure', severity: 'high' },
};

const LEGAL_NOTE: Bilingual = {
  'zh-CN': '提及法律途径本身不违规；请核实所述是否真实、是否确有此意图，且未用作恐吓',
  en: 'mentioning legal action is lawful in itself; check that it is true, intended, and not used to frighten',
};

export const QA_LEXICON: readonly QaLexiconEntry[] = [
  // threats
  { id: 'zh-ruin', category: 'threat', severity: 'high', lang: 'zh-CN', negatable: true, pattern: '身败名裂|社会性死亡|让你(?:在)?(?:村里|小区|单位|公司)(?:里)?(?:抬不起头|待不下去|混不下去)|让你(?:丢|没)(?:工作|饭碗)' },
  { id: 'zh-come-get', category: 'threat', severity: 'high', lang: 'zh-CN', negatable: true, pattern: '抓(?:你|您)|(?:派人|找人|带人)(?:去|来)?(?:找你|上门|堵你)|(?:知道|查到)(?:你|您)(?:家)?住(?:在)?哪' },
  { id: 'zh-visit', category: 'threat', severity: 'medium', lang: 'zh-CN', negatable: true, pattern: '上门(?:催收|催款|拜访|走访)?' },
  { id: 'zh-sue-you', category: 'threat', severity: 'medium', lang: 'zh-CN', negatable: true, pattern: '起诉(?:你|您)|告(?:你|您)(?:诈骗)?|(?:把|将)(?:你|您)告(?:上|到)法(?:庭|院)', note: LEGAL_NOTE },
  { id: 'zh-legal-mention', category: 'threat', severity: 'low', lang: 'zh-CN', negatable: true, pattern: '提起诉讼|诉讼(?:途径|程序)|依法起诉|法律途径|司法途径', note: LEGAL_NOTE },
  { id: 'en-come-get', category: 'threat', severity: 'high', lang: 'en', negatable: true, pattern: "\\b(?:we|i|they)(?:'ll| will| are going to| gonna)? (?:arrest|find|get|come for|come after|hunt) you\\b|\\bwe(?:'ll| will) (?:ruin|destroy) (?:you|your (?:life|reputation|name))\\b|\\bpeople will be sent\\b" },
  { id: 'en-visit', category: 'threat', severity: 'medium', lang: 'en', negatable: true, pattern: '\\b(?:visit|come to|show up at) your (?:home|house|door|work|office)\\b' },
  { id: 'en-sue-you', category: 'threat', severity: 'medium', lang: 'en', negatable: true, pattern: "\\b(?:we(?:'ll| will| are going to)?|i(?:'ll| will)?) (?:sue|take) you(?: to court)?\\b", note: LEGAL_NOTE },
  { id: 'en-legal-mention', category: 'threat', severity: 'low', lang: 'en', negatable: true, pattern: '\\b(?:legal action|legal proceedings|court proceedings|file a (?:lawsuit|claim))\\b', note: LEGAL_NOTE },
  // insults the template lint does not list
  { id: 'zh-insult-extra', category: 'insult', severity: 'high', lang: 'zh-CN', negatable: false, pattern: '废物|没良心|无耻|穷鬼|赖皮|猪脑子|脑子有病|神经病|你有病' },
  { id: 'en-insult-extra', category: 'insult', severity: 'high', lang: 'en', negatable: false, pattern: '\\b(?:dumb|shameless|disgusting|cheat|thief|bum)\\b' },
  // obscenity
  { id: 'zh-obscene', category: 'obscene', severity: 'high', lang: 'zh-CN', negatable: false, pattern: '操你|草你(?:妈|大爷)|肏|日你(?:妈|大爷|全家)|他妈的|去你妈|你妈(?:逼|了个)|尼玛|tmd|nmsl|妈逼|婊子|鸡巴|狗日的|滚蛋|滚犊子' },
  { id: 'en-obscene', category: 'obscene', severity: 'high', lang: 'en', negatable: false, pattern: '\\b(?:fuck\\w*|f\\*+k|shit\\w*|bitch\\w*|asshole|bastard|dickhead|cunt|motherfucker|whore|slut)\\b' },
  // impersonation the template lint does not list
  { id: 'zh-impersonate-gov', category: 'impersonation', severity: 'high', lang: 'zh-CN', negatable: false, pattern: '(?:我(?:们)?是|这里是)(?:政府|国家|网警|反诈中心|征信中心|人民银行|银保监)|(?:法院|公安|检察院|警方)(?:已经?|马上|将)(?:立案|受理|介入|派人)' },
  { id: 'en-impersonate-gov', category: 'impersonation', severity: 'high', lang: 'en', negatable: false, pattern: "\\b(?:(?:this is|i am|i'm|we are|calling from) (?:the )?(?:government|credit bureau|tax office|department of justice|district attorney'?s? office))\\b|\\b(?:the police|the court) (?:has|have) (?:been notified|opened a case)\\b" },
  // third-party disclosure said as a fact, not as a verb we do
  { id: 'zh-they-will-know', category: 'third_party_disclosure', severity: 'high', lang: 'zh-CN', negatable: true, pattern: `(?:${PEOPLE.split('|').filter((p) => /[\u4e00-\u9fff]/.test(p)).join('|')})(?:都|全都|马上|很快)?(?:会|就会|将)?(?:知道|收到|晓得)(?:你|您)?(?:的)?(?:欠|逾期|借)` },
  { id: 'zh-already-told', category: 'third_party_disclosure', severity: 'high', lang: 'zh-CN', negatable: true, pattern: '(?:已经?|刚才?)(?:联系|通知|告诉|打给)了?(?:你|您)?的?(?:单位|公司|家人|父母|同事|朋友|通讯录|紧急联系人)' },
  { id: 'en-they-will-know', category: 'third_party_disclosure', severity: 'high', lang: 'en', negatable: false, pattern: "\\b(?:your|all your) (?:employer|boss|family|relatives|neighbou?rs|friends|colleagues|co-?workers|contacts|wife|husband|parents)(?: and \\w+)? (?:will|are going to|is going to|'ll) (?:know|find out|hear|learn|be told)\\b" },
  { id: 'en-already-told', category: 'third_party_disclosure', severity: 'high', lang: 'en', negatable: true, pattern: '\\b(?:we|i) (?:already |have )?(?:told|called|informed|contacted) your (?:employer|boss|family|relatives|neighbou?rs|friends|colleagues|co-?workers|wife|husband|parents)\\b' },
  // misleading statements and false urgency
  { id: 'zh-permanent-credit', category: 'misleading', severity: 'medium', lang: 'zh-CN', negatable: true, pattern: '征信(?:上)?(?:永久|终身|一辈子)|(?:永久|终身|一辈子)(?:的)?(?:征信|信用)(?:污点|记录|黑名单)|(?:留|有)案底' },
  { id: 'zh-false-urgency', category: 'misleading', severity: 'low', lang: 'zh-CN', negatable: true, pattern: '(?:今天|马上|立刻|\\d+小时内)(?:不还|不处理)(?:就|将)?(?:移交|起诉|立案|上门)' },
  { id: 'en-misleading', category: 'misleading', severity: 'medium', lang: 'en', negatable: true, pattern: '\\b(?:permanent(?:ly)? (?:on )?(?:your )?credit (?:record|file|report)|ruin your credit forever|(?:get|have|give you) a criminal record)\\b' },
];
