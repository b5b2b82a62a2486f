/**
 * What a concession means, in the debtor's words: zh-CN first, then English. Used by the portal's
 * options and by the agreement PDF, so that what the debtor is offered and what they sign say the same.
 */
import { formatMoney, type Currency } from '../../platform/money.ts';
import type { Restructure } from './plans.rules.ts';
import type { Settlement, Waiver } from './waivers.rules.ts';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

const COMPONENT_NAMES: Record<string, Bilingual> = {
  principal: { 'zh-CN': '本金', en: 'principal' },
  interest: { 'zh-CN': '利息', en: 'interest' },
  penalty: { 'zh-CN': '罚息', en: 'penalty interest' },
  fees: { 'zh-CN': '费用', en: 'fees' },
};

function waivedText(r: Pick<Restructure, 'waived'>, currency: Currency): Bilingual | null {
  const parts = (['interest', 'penalty', 'fees'] as const).filter((c) => r.waived[c] > 0);
  if (parts.length === 0) return null;
  return {
    'zh-CN': `减免${parts.map((c) => `${COMPONENT_NAMES[c]!['zh-CN']} ${formatMoney(r.waived[c], currency)}`).join('、')}`,
    en: `waives ${parts.map((c) => `${COMPONENT_NAMES[c]!.en} of ${formatMoney(r.waived[c], currency)}`).join(', ')}`,
  };
}

export function explainRestructure(r: Restructure, currency: Currency): Bilingual {
  const m = (n: number) => formatMoney(n, currency);
  const first = r.items[0];
  const last = r.items.at(-1);
  const w = waivedText(r, currency);
  const rate = (r.annualRateBp / 100).toFixed(2);
  if (r.kind === 'deferral') {
    return {
      'zh-CN': `延期还款：待还 ${m(r.balanceMinor)} 改为 ${r.items.length} 期，首期 ${first?.dueOn ?? '-'} 还 ${m(first?.amountMinor ?? 0)}；延期新增费用 ${m(r.costMinor)}。延期期间不再产生罚息；如逾期未还，将恢复催收。`,
      en: `Deferral: ${m(r.balanceMinor)} owed becomes ${r.items.length} payment(s), the first of ${m(first?.amountMinor ?? 0)} on ${first?.dueOn ?? '-'}; the deferral costs ${m(r.costMinor)}. No penalty interest while it runs; a missed payment resumes collection.`,
    };
  }
  return {
    'zh-CN': `分期还款：${w ? `${w['zh-CN']}后，` : ''}剩余 ${m(r.balanceMinor)} 分 ${r.items.length} 期偿还，每期约 ${m(first?.amountMinor ?? 0)}，${first?.dueOn ?? '-'} 起至 ${last?.dueOn ?? '-'}；分期利息共 ${m(r.costMinor)}（年化 ${rate}%），合计还款 ${m(r.totalPayableMinor)}。按期还款期间不再产生罚息，逾期状态即时结清；任一期逾期超过宽限天数，分期失效并恢复催收。`,
    en: `Instalment plan: ${w ? `${w.en}; ` : ''}the remaining ${m(r.balanceMinor)} is paid in ${r.items.length} instalments of about ${m(first?.amountMinor ?? 0)} from ${first?.dueOn ?? '-'} to ${last?.dueOn ?? '-'}; plan interest ${m(r.costMinor)} (annualised ${rate}%), ${m(r.totalPayableMinor)} in all. No penalty interest while you keep to it and the account is no longer overdue; an instalment missed beyond the grace days ends the plan and collection resumes.`,
  };
}

export function explainWaiver(w: Waiver, currency: Currency): Bilingual {
  const name = COMPONENT_NAMES[w.component]!;
  return {
    'zh-CN': `减免${name['zh-CN']} ${formatMoney(w.amountMinor, currency)}${w.oneTimeFlags.length ? '（一次性减免，每位客户仅限一次）' : ''}。`,
    en: `Waiver of ${name.en}: ${formatMoney(w.amountMinor, currency)}${w.oneTimeFlags.length ? ' (one-time: once per customer)' : ''}.`,
  };
}

export function explainSettlement(s: Settlement, currency: Currency): Bilingual {
  const m = (n: number) => formatMoney(n, currency);
  return {
    'zh-CN': `和解结清：在 ${s.payByOn} 前还款 ${m(s.amountMinor)}，其余 ${m(s.discountMinor)} 予以减免，账户结清；未按时足额还款则和解失效。`,
    en: `Settlement: pay ${m(s.amountMinor)} by ${s.payByOn} and the remaining ${m(s.discountMinor)} is forgiven and the account closed; if it is not paid in full in time, the settlement lapses.`,
  };
}

export function explainPromise(minimumMinor: number, latest: string, currency: Currency): Bilingual {
  return {
    'zh-CN': `承诺还款：承诺在 ${latest} 前至少还款 ${formatMoney(minimumMinor, currency)}。`,
    en: `Promise to pay: promise to pay at least ${formatMoney(minimumMinor, currency)} by ${latest}.`,
  };
}

export function explainPending(slaDueAt: string): Bilingual {
  return {
    'zh-CN': `您的申请超出自动审批额度，已提交人工审核，将在 ${slaDueAt} 前答复。`,
    en: `Your request is above what can be approved automatically; it has gone to a reviewer, who will answer by ${slaDueAt}.`,
  };
}
