/**
 * Asking a provider's search by client reference whether it holds a message (an aggregator's message
 * search in production, the sinks' by-reference endpoints here): `${lookupUrl}/${reference}`, 404 when
 * it does not. Shared by the SMS and e-mail providers.
 */
import { z } from 'zod';
import { ProviderError, type SendReceipt } from './provider.types.ts';

/** How long a lookup may take before it counts as unanswered. */
export const LOOKUP_TIMEOUT_MS = 10_000;

export async function lookupByReference<S extends z.ZodType>(
  lookupUrl: string | undefined, reference: string, what: string, answer: S, toReceipt: (a: z.infer<S>) => SendReceipt,
): Promise<SendReceipt | null> {
  if (!lookupUrl) {
    throw new ProviderError(`lookupUrl: this provider has no search by reference configured, so it cannot be asked whether ${what} holds '${reference}'`, false);
  }
  const url = `${lookupUrl.replace(/\/+$/, '')}/${encodeURIComponent(reference)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) });
  } catch (err) {
    throw new ProviderError(`lookupUrl: ${url} cannot be reached: ${(err as Error).message}`, true);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return null;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ProviderError(`lookupUrl: ${url} answered HTTP ${res.status}`, true);
  }
  const parsed = answer.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new ProviderError(`lookupUrl: ${url} answered without the message's id and time`, true);
  return toReceipt(parsed.data);
}
