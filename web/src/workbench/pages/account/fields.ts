/**
 * The server's 400 names each bad field by its path ('body.termCount' from the route's schema,
 * 'termCount' or 'amountMinor' from the policy's checks); a form shows each message next to the
 * field it names. What names no field of the form (the account as a whole) stays in the error alert.
 */
import { ApiError } from '../../../shared/api/client.ts';

/**
 * The form's fields with the server's messages: `fieldOf` maps a server field (the last part of its
 * path, or the first part after 'body' for nested ones) to the form's own name.
 */
export function fieldErrors(err: unknown, fieldOf: Record<string, string>): Array<{ name: string; errors: string[] }> {
  if (!(err instanceof ApiError) || err.issues.length === 0) return [];
  const byField = new Map<string, string[]>();
  for (const issue of err.issues) {
    const parts = issue.path.split('.').filter((p) => p !== 'body');
    const name = fieldOf[parts[0] ?? ''] ?? fieldOf[parts.at(-1) ?? ''];
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
