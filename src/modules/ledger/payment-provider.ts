/**
 * Taking a debtor's money in the portal goes through a payment provider: the portal asks it to
 * charge an amount by a method, and only a charge the provider confirms is posted to the ledger.
 * The provider is an interface so a real processor (a card acquirer, Alipay) can replace the sandbox
 * without touching the posting. Every charge carries the caller's idempotency key: asking twice with
 * the same key must charge once and answer the same reference, as real processors do.
 */
import { createHash } from 'node:crypto';
import type { Currency } from '../../platform/money.ts';

/** The methods the portal offers. Sandbox methods move no real money and say so on every screen. */
export const PORTAL_PAYMENT_METHODS = ['sandbox_card', 'sandbox_alipay'] as const;
export type PortalPaymentMethod = (typeof PORTAL_PAYMENT_METHODS)[number];

export interface ChargeRequest {
  /** The caller's idempotency key: the same key is one charge. */
  idempotencyKey: string;
  amountMinor: number;
  currency: Currency;
  method: PortalPaymentMethod;
  /** What the payment is for, shown on the payer's statement. */
  description: string;
}

export type ChargeOutcome =
  | { status: 'succeeded'; providerRef: string; sandbox: boolean }
  | { status: 'declined'; providerRef: string; sandbox: boolean; reason: string };

export interface PaymentProvider {
  /** The provider's name, recorded as the payment's channel. */
  readonly name: string;
  /** True when no real money moves (the portal labels the payment as test money). */
  readonly sandbox: boolean;
  charge(req: ChargeRequest): Promise<ChargeOutcome>;
}

/**
 * The sandbox: no processor behind it. Every charge succeeds and its reference is derived from the
 * idempotency key, so a retry answers the same reference without a second charge.
 */
export function createSandboxPaymentProvider(): PaymentProvider {
  return {
    name: 'sandbox',
    sandbox: true,
    async charge(req) {
      const digest = createHash('sha256').update(`${req.method}\u0000${req.idempotencyKey}`).digest('hex').slice(0, 20).toUpperCase();
      return { status: 'succeeded', providerRef: `SBX-${digest}`, sandbox: true };
    },
  };
}
