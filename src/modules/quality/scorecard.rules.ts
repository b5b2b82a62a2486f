/**
 * The reviewer's scorecard. PURE. Each criterion is met, not met or not applicable; the score is the
 * weight met as a share of the weight that applies, 0–100, rounded half up. A review passes with a
 * score of at least PASS_MARK and no critical criterion failed: one threat fails a call however polite
 * the rest of it was.
 */
import { invalidField } from '../../platform/errors.ts';
import type { Answer, Bilingual } from './quality.types.ts';

export interface Criterion {
  code: string;
  weight: number;
  /** Failing it fails the review whatever the score. */
  critical: boolean;
  label: Bilingual;
}

export const SCORECARD_VERSION = 1;
export const PASS_MARK = 80;

export const SCORECARD: readonly Criterion[] = [
  { code: 'identified_self_and_lender', weight: 15, critical: false, label: { 'zh-CN': '表明自身身份及所代表的机构', en: 'Identified themself and the lender' } },
  { code: 'stated_purpose', weight: 10, critical: false, label: { 'zh-CN': '说明联系目的', en: 'Stated the purpose of the contact' } },
  { code: 'no_threats', weight: 20, critical: true, label: { 'zh-CN': '无威胁、恐吓、辱骂', en: 'No threats, intimidation or abuse' } },
  { code: 'no_third_party_disclosure', weight: 15, critical: true, label: { 'zh-CN': '未向第三人透露债务', en: 'No disclosure of the debt to third parties' } },
  { code: 'accurate_amount', weight: 15, critical: false, label: { 'zh-CN': '欠款金额及构成陈述准确', en: 'Stated the amount owed accurately' } },
  { code: 'respectful_tone', weight: 15, critical: false, label: { 'zh-CN': '语气礼貌、尊重', en: 'Respectful tone' } },
  { code: 'offered_options', weight: 10, critical: false, label: { 'zh-CN': '告知可选的还款方案', en: 'Offered the repayment options' } },
];

export interface ScoreResult {
  score: number;
  passed: boolean;
  failedCritical: string[];
  scorecardVersion: number;
}

/** Scores a complete set of answers; an unknown, missing or all-"na" card is refused naming the field. */
export function scoreAnswers(answers: Record<string, Answer>, card: readonly Criterion[] = SCORECARD): ScoreResult {
  const codes = new Set(card.map((c) => c.code));
  for (const k of Object.keys(answers)) if (!codes.has(k)) throw invalidField(`answers.${k}`, `not a criterion of the scorecard (${[...codes].join(', ')})`);
  let applicable = 0;
  let met = 0;
  const failedCritical: string[] = [];
  for (const c of card) {
    const a = answers[c.code];
    if (a === undefined) throw invalidField(`answers.${c.code}`, 'required: met, not_met or na');
    if (a === 'na') continue;
    applicable += c.weight;
    if (a === 'met') met += c.weight;
    else if (c.critical) failedCritical.push(c.code);
  }
  if (applicable === 0) throw invalidField('answers', 'at least one criterion must apply (not all na)');
  const score = Math.floor((met * 100 * 2 + applicable) / (applicable * 2));
  return { score, passed: score >= PASS_MARK && failedCritical.length === 0, failedCritical, scorecardVersion: SCORECARD_VERSION };
}
