/**
 * Pieces the supervisors' screens share: the business date their writes act on, the server's field
 * errors shown on the form's own fields, and a confirmation before a write that moves cases.
 */
import { useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../../shared/api/client.ts';

/**
 * The business date a run acts on by default: the stored business date, else the last closed one.
 * Shares the header's query (GET /api/v1/health, public).
 */
export function useBusinessDate(): string | null {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => api('GET /api/v1/health', { signal }) });
  return health.data?.businessDate ?? health.data?.lastClosedDate ?? null;
}

/** The fields a 400 names, with the `body.` prefix dropped so the path is the form's field name. */
export function serverFieldErrors(error: unknown): Array<{ path: string; message: string }> {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return [];
  return error.issues.map((i) => ({ path: i.path.replace(/^body\./, ''), message: i.message }));
}

/**
 * Puts the server's field errors on the form's fields (the first segment of a path names the field:
 * `allocations.0.shareBp` goes on `allocations`); returns whether any error found its field, so the
 * caller shows the rest above the buttons.
 */
export function showFieldErrors<T extends object>(form: FormInstance<T>, error: unknown, fields: readonly string[]): boolean {
  const byField = new Map<string, string[]>();
  for (const e of serverFieldErrors(error)) {
    const field = e.path.split('.')[0]!;
    if (!fields.includes(field)) continue;
    byField.set(field, [...(byField.get(field) ?? []), e.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  return byField.size > 0;
}

/** Today's month (YYYY-MM) of a date, and the 30 days before it: the default periods of the agency screens. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** A list of words typed with commas or spaces, as the API takes it. */
export function listOf(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean);
}
