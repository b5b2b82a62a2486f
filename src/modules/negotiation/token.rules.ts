/**
 * Token payments (象征性还款), pure. A payment below the policy's share of the amount due is a token
 * payment: it is booked like any other, but it does not pause escalation (it earns a collector no
 * further period and keeps no promise it does not cover). The verdict is explained to the debtor in
 * zh-CN first, then English.
 */
import { formatMoney, type Currency } from '../../platform/money.ts';

export interface TokenVerdict {
  token: boolean;
  thresholdMinor: number;
  explanation: { 'zh-CN': string; en: string };
}

/** The smallest meaningful payment for an amount due: thresholdBp of it, rounded up. */
export function tokenThresholdMinor(dueMinor: number, thresholdBp: number): number {
  return Number((BigInt(Math.max(dueMinor, 0)) * BigInt(thresholdBp) + 9_999n) / 10_000n);
}

export function assessPayment(amountMinor: number, dueMinor: number, thresholdBp: number, currency: Currency): TokenVerdict {
  const thresholdMinor = tokenThresholdMinor(dueMinor, thresholdBp);
  const token = dueMinor > 0 && amountMinor < thresholdMinor;
  const paid = formatMoney(amountMinor, currency);
  const due = formatMoney(dueMinor, currency);
  const least = formatMoney(thresholdMinor, currency);
  const pct = `${thresholdBp / 100}%`;
  return token
    ? {
        token, thresholdMinor,
        explanation: {
          'zh-CN': `您本次还款 ${paid}，低于应还金额 ${due} 的 ${pct}（${least}）。该笔还款已入账并减少您的欠款，但不会暂停催收流程；还款至少 ${least} 或申请分期，可暂停后续催收。`,
          en: `Your payment of ${paid} is below ${pct} of the amount due ${due} (${least}). It has been booked and reduces what you owe, but it does not pause collection; paying at least ${least}, or asking for a plan, does.`,
        },
      }
    : {
        token, thresholdMinor,
        explanation: {
          'zh-CN': `您本次还款 ${paid}，达到应还金额 ${due} 的 ${pct} 以上，已入账。`,
          en: `Your payment of ${paid} is at least ${pct} of the amount due ${due} and has been booked.`,
        },
      };
}
