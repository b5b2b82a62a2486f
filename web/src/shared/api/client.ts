/**
 * The typed API client: `api('GET /api/v1/accounts/{id}', { path: { id } })` checks the path,
 * query, headers and body against the server's OpenAPI document (schema.ts) and returns its response
 * type. Errors leave as ApiError with the server's code, message and request id.
 */
import type { ApiOperations } from './schema.ts';

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

export async function api<K extends Operation>(op: K, ...[req]: Record<string, never> extends RequestOf<K> ? [RequestOf<K>?] : [RequestOf<K>]): Promise<ResponseOf<K>> {
  const [method, template] = op.split(' ') as [string, string];
  const r = (req ?? {}) as { path?: Record<string, string | number>; query?: Record<string, string | number | boolean | undefined>; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal };
  const headers: Record<string, string> = { accept: 'application/json', ...(r.headers ?? {}) };
  if (r.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(urlOf(template, r.path, r.query), { method, headers, body: r.body === undefined ? undefined : JSON.stringify(r.body), signal: r.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err), undefined);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string; requestId?: string; error?: { code?: string; message?: string } };
    throw new ApiError(res.status, e.code ?? e.error?.code ?? `HTTP_${res.status}`, e.message ?? e.error?.message ?? (text.slice(0, 200) || res.statusText), e.requestId ?? res.headers.get('x-request-id') ?? undefined);
  }
  return json as ResponseOf<K>;
}
