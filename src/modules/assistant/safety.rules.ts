/**
 * What the assistant refuses before it reads anything: text that tries to give it instructions
 * (prompt injection), identifiers that are not the debtor's own (an ID number, another phone number,
 * another person's name asking about a debt), and threats or talk of self-harm. Pure; checked before
 * the classifier, so a refusal never depends on a model's guess. The classifier's other_person and
 * threat intents lead to the same fixed answers (compose.rules.ts).
 */
import type { Guard, Intent } from './assistant.types.ts';
import { fold, type Prediction } from './classifier.rules.ts';

export interface GuardContext {
  /** The debtor's own phone numbers as stored (any format). */
  ownPhones: readonly string[];
  /** The debtor's own name as stored. */
  ownName: string;
}

const INJECTION: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|instructions|prompt|rules|previous|above|prior)\b/,
  /\b(system|developer)\s*(prompt|message|mode)\b/,
  /\byou are now\b|\bact as\b|\bpretend (to be|you are)\b|\bjailbreak\b|\bdan mode\b|\broleplay\b/,
  /\b(show|list|give|dump|export|print|reveal)\b.{0,30}\b(all|every|other|everyone's)\b.{0,20}\b(customers?|users?|debtors?|people|passwords?|tokens?|records)\b/,
  /\b(other|another|every|everyone's|all)\s+(customer|user|debtor|people|person)'?s?\b.{0,20}\b(accounts?|debts?|data|balances?|details)\b/,
  /\b(select|delete|drop|update|insert)\b.{0,40}\b(from|table|into)\b/,
  /<\s*script|\{\{|\}\}|\$\{/,
  /(忽略|无视|忘记|忘掉|跳过).{0,12}(指令|指示|提示|规则|设定|要求|之前|以上|前面)/,
  /(系统提示|提示词|开发者模式|管理员模式|越狱|你现在是|扮演|假装你是)/,
  /(所有|全部|其他|别的)(的)?(用户|客户|人|债务人|借款人).{0,6}(账户|账号|欠款|数据|信息|资料|名单|电话)/,
  /(显示|列出|导出|给我看).{0,6}(所有|全部)的?(客户|用户|债务人|借款人)/,
];

/** Common surnames: a surname and one or two more characters before 欠 / 的账 reads as a person's name. */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const ZH_NAME = new RegExp(`([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(欠|的(账|欠款|贷款|借款|借呗|花呗|还款|账单|余额))`, 'u');
/** Words that begin with a surname's character but are no one's name (上周三的还款, 高利息的账单, 余额的账). */
const NOT_NAMES = /^(周[一二三四五六日末]|高利|余额|方案|金额|钱款|钱包|万元|毛钱|曾经|向来|任何|史上|龙头|白白|叶子)/u;
const EN_NAME = /\b([A-Z][a-z]+ [A-Z][a-z]+)(?:'s\b| owes?\b| borrowed\b)/;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/;
const DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?/gu;
const AMOUNT = /\d[\d,]*\.\d{1,2}(?!\d)/g;
const PHONE = /(?<![\dA-Za-z])(?:\+?\d[\d\s-]{5,18}\d)(?![\dA-Za-z])/g;

const THREAT: readonly RegExp[] = [
  /(杀了|杀人|弄死|砍死|砍你|砍人|炸了|炸掉|烧了|烧掉|拿刀|有刀|同归于尽|打死|捅死|捅你|自杀|轻生|跳楼|跳河|不想活|活不下去|死给你们)/,
  /\b(kill|stab|murder|shoot)\b|\bblow (it |you |your )?up\b|\bburn\b.{0,20}\bdown\b|\bknife\b|\bweapon\b|\bgun\b/,
  /\bsuicide\b|\bend my life\b|\bkill myself\b|\bhurt myself\b|\bdon'?t want to (live|be alive)\b|\bend it all\b/,
];

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The guard a message trips, or null. Checked in order: injection, foreign identifiers, threats. */
export function guardOf(text: string, ctx: GuardContext): Guard | null {
  const folded = fold(text);
  if (INJECTION.some((re) => re.test(folded))) return 'injection';
  const nfkc = text.normalize('NFKC');
  if (ID_NUMBER.test(nfkc.replace(/[\s-]/g, ''))) return 'foreign_identifier';
  const own = new Set(ctx.ownPhones.map((p) => digits(p).slice(-11)).filter((d) => d.length >= 7));
  // Dates and amounts with decimals are not phone numbers.
  const numbers = nfkc.replace(DATE, ' ').replace(AMOUNT, ' ');
  for (const m of numbers.matchAll(PHONE)) {
    const d = digits(m[0]);
    if (d.length >= 7 && !own.has(d.slice(-11))) return 'foreign_identifier';
  }
  const zhName = ZH_NAME.exec(nfkc);
  if (zhName && !NOT_NAMES.test(zhName[1]!) && !ctx.ownName.includes(zhName[1]!)) return 'other_person';
  const enName = EN_NAME.exec(nfkc);
  if (enName && enName[1]!.toLowerCase() !== ctx.ownName.toLowerCase()) return 'other_person';
  if (THREAT.some((re) => re.test(folded))) return 'threat';
  return null;
}

/**
 * The intent to answer: safety first — another person's debt wins whenever the model gives it a
 * fair chance (probability ≥ OTHER_PERSON_FLOOR), since answering it wrongly would disclose data.
 */
export const OTHER_PERSON_FLOOR = 0.3;

export function saferIntent(p: Prediction): Intent {
  const other = p.ranked.find((r) => r.intent === 'other_person');
  if (other && other.p >= OTHER_PERSON_FLOOR) return 'other_person';
  return p.intent;
}
