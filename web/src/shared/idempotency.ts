/** Idempotency keys for the UI's writes. */
import { useRef } from 'react';

/**
 * A key per submission: the same values sent again (a retry after a lost answer, a double click)
 * keep their key, so the server returns the first result instead of acting twice; changed values
 * are a new request with a new key.
 */
export function useIdempotencyKey(): (values: unknown) => string {
  const last = useRef<{ values: string; key: string } | null>(null);
  return (values: unknown) => {
    const v = JSON.stringify(values ?? null);
    if (last.current?.values !== v) last.current = { values: v, key: `web:${crypto.randomUUID()}` };
    return last.current.key;
  };
}
