/**
 * The typed API client: `api('GET /api/v1/accounts/{id}', { path: { id } })` checks the path,
 * query, headers and body against the server's OpenAPI document (schema.ts) and returns its response
 * type. Errors leave as ApiError with the server's code, message and request id.
 *
 * Every request carries the app's session (Authorization: Bearer); a 401 ends the session, and the
 * app sends the reader to sign in again, back to where they were afterwards.
 */
import type { ApiOperations } from './schema.ts';
import { clearSession, currentSession } from '../session.ts';

export type Operation = keyof ApiOperations;
export type ResponseOf<K extends Operation> = ApiOperations[K]['response'];

type Part<Name extends string, T> = [T] extends [never] ? { [P in Name]?: never } : Record<string, never> extends T ? { [P in Name]?: T } : { [P in Name]: T };
export type RequestOf<K extends Operation> = Part<'path', ApiOperations[K]['path']> &
  Part<'query', ApiOperations[K]['query']> &
  Part<'headers', ApiOperations[K]['headers']> &
  Part<'body', ApiOperations[K]['body']> & { signal?: AbortSignal };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    /** The server's details (a 403 for a role says `access: 'denied'`; a 429 its `retryAfterSeconds`). */
    readonly details: Record<string, unknown> = {},
    /** The fields a 400 names, as the server's paths (`body.rows.3.conditions.dpd.min`) with what was wrong. */
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function urlOf(template: string, path: Record<string, string | number> | undefined, query: Record<string, string | number | boolean | undefined> | undefined): string {
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = path?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} of ${template}`);
    return encodeURIComponent(String(v));
  });
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${filled}?${s}` : filled;
}

/** The Authorization header of the current session, if any. */
export function authHeaders(): Record<string, string> {
  const s = currentSession();
  return s ? { authorization: `Bearer ${s.token}` } : {};
}

/** A refusal of the session itself (not of a wrong password or code at sign-in, which are answers to show). */
function endsSession(status: number, template: string): boolean {
  return status === 401 && !template.startsWith('/api/v1/auth/login') && !template.startsWith('/api/v1/portal/login');
}

/** The error of a failed response, from its JSON body when it has one. */
export function errorOf(res: Response, text: string): ApiError {
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const e = (json ?? {}) as { code?: string; message?: string; requestId?: string; details?: Record<string, unknown>; issues?: Array<{ path: string; message: string }>; error?: { code?: string; message?: string } };
  const details: Record<string, unknown> = { ...(e.details ?? {}) };
  const retryAfter = Number(res.headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0 && details['retryAfterSeconds'] === undefined) details['retryAfterSeconds'] = retryAfter;
  return new ApiError(res.status, e.code ?? e.error?.code ?? `HTTP_${res.status}`, e.message ?? e.error?.message ?? (text.slice(0, 200) || res.statusText), e.requestId ?? res.headers.get('x-request-id') ?? undefined, details, Array.isArray(e.issues) ? e.issues : []);
}

/**
 * A file from the API (an evidence bundle, an agreement) with the session's token, saved under its
 * name: a plain link cannot carry the Authorization header.
 */
export async function download(url: string, fallbackName: string): Promise<{ name: string; bytes: number }> {
  const res = await fetch(url, { headers: authHeaders() });
  if (!res.ok) {
    if (endsSession(res.status, url)) clearSession('expired');
    throw errorOf(res, await res.text());
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = decodeURIComponent(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return { name: a.download, bytes: blob.size };
}

export async function api<K extends Operation>(op: K, ...[req]: Record<string, never> extends RequestOf<K> ? [RequestOf<K>?] : [RequestOf<K>]): Promise<ResponseOf<K>> {
  const [method, template] = op.split(' ') as [string, string];
  const r = (req ?? {}) as { path?: Record<string, string | number>; query?: Record<string, string | number | boolean | undefined>; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal };
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(), ...(r.headers ?? {}) };
  if (r.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(urlOf(template, r.path, r.query), { method, headers, body: r.body === undefined ? undefined : JSON.stringify(r.body), signal: r.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err), undefined);
  }
  const text = await res.text();
  if (!res.ok) {
    if (endsSession(res.status, template)) clearSession('expired');
    throw errorOf(res, text);
  }
  try {
    return (text ? JSON.parse(text) : undefined) as ResponseOf<K>;
  } catch {
    return undefined as ResponseOf<K>;
  }
}
