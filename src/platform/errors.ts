import { z } from 'zod';
/**
 * The one error type of Fairdebt. Codes are a closed list so that callers (HTTP, CLI, tests) can map
 * them without string matching on messages. Expected business outcomes (a denied contact, a refused
 * waiver) are returned as verdicts, not thrown; AppError is for requests that cannot be carried out.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  DATE_BEFORE_LAST_CLOSED: 409,
  DATE_IN_FUTURE: 400,
  DATABASE_LOCKED: 423,
  ALREADY_RUNNING: 409,
  IMPORT_INVALID: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one input field; `path` is the field name or a dotted path. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = opts.issues ?? [];
    this.details = opts.details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues.length ? { issues: this.issues } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** A validation error about a single field: the message names the field and what was wrong. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message }] });
}

/** Turns zod issues into an AppError whose message lists every field and what was wrong with it. */
export function fromZodIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ''): AppError {
  const list: FieldIssue[] = issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(root)',
    message: i.message,
  }));
  return new AppError('VALIDATION_FAILED', list.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: list });
}

/** What `parseInput` needs of a schema (zod's safeParse), so that this file depends on no library. */
export interface InputSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** Validates an input against its schema; a failure is a VALIDATION_FAILED naming every bad field. */
export function parseInput<T>(schema: InputSchema<T>, input: unknown, prefix = ''): T {
  const r = schema.safeParse(input);
  if (!r.success) throw fromZodIssues(r.error.issues, prefix);
  return r.data;
}

/**
 * The body of every error answer (src/http/app.ts's error handler), for the routes' response
 * schemas: one definition, so that a route cannot drop a field of it by declaring its own.
 */
export const ErrorSchema = z.object({
  code: z.string(), message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
});
