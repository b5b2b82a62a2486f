/** Identity: users, sessions, portal sign-in by one-time code — input schemas and types. */
import { z } from 'zod';
import { LENDER_ROLES, AGENCY_ROLES, type Role } from '../../platform/access.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';

export const StaffRoleSchema = z.enum([...LENDER_ROLES, ...AGENCY_ROLES]);
const Password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH);

export const UserInputSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, '2–64 letters, digits, dot, underscore or hyphen'),
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(StaffRoleSchema).min(1).max(9),
  agencyId: z.string().min(1).max(64).optional(),
  password: Password,
}).superRefine((u, ctx) => {
  const agencyRoles = u.roles.filter((r) => (AGENCY_ROLES as readonly string[]).includes(r));
  if (u.agencyId && agencyRoles.length !== u.roles.length) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'an agency user holds only agency roles (agency_agent, agency_admin)' });
  if (!u.agencyId && agencyRoles.length > 0) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'required for agency roles' });
});
export type UserInput = z.infer<typeof UserInputSchema>;

export const UserChangeSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  roles: z.array(StaffRoleSchema).min(1).max(9).optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
}).refine((c) => Object.keys(c).length > 0, { message: 'nothing to change: give displayName, roles, active or password' });
export type UserChange = z.infer<typeof UserChangeSchema>;

export const LoginInputSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

/** A phone number as the debtor types it: digits, spaces, dashes, brackets, an optional leading +. */
export const PhoneSchema = z.string().trim().regex(/^\+?[0-9 ()-]{6,24}$/, 'a phone number, e.g. +86 138 0013 8000');
export const CodeRequestSchema = z.object({ phone: PhoneSchema });
export const CodeLoginSchema = z.object({ phone: PhoneSchema, code: z.string().regex(/^\d{6}$/, 'the 6-digit code from the SMS') });

export interface User {
  id: string;
  displayName: string;
  roles: Role[];
  agencyId: string | null;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionGrant {
  token: string;
  expiresAt: string;
  principal: { actor: string; userId: string | null; customerId: string | null; agencyId: string | null; roles: Role[]; displayName: string };
}

export type IdentityAuditEvent =
  /** A staff or agency user was created (never the password). */
  | { type: 'USER_CREATED'; subject: `user:${string}`; data: { id: string; roles: string[]; agencyId: string | null } }
  /** A user's name, roles, status or password changed (which fields, not their secrets). */
  | { type: 'USER_CHANGED'; subject: `user:${string}`; data: { id: string; fields: string[]; roles?: string[]; active?: boolean } }
  /** Someone signed in: staff by password, a debtor by one-time code. */
  | { type: 'SIGNED_IN'; subject: `user:${string}` | `customer:${string}`; data: { sessionId: string; method: 'password' | 'one_time_code'; ip: string | null } }
  /** A sign-in was refused (unknown user, wrong password, locked, inactive, wrong or expired code). */
  | { type: 'SIGN_IN_REFUSED'; subject: `user:${string}` | `phone:${string}`; data: { reason: string; ip: string | null } }
  /** A session ended by sign-out. */
  | { type: 'SIGNED_OUT'; subject: `user:${string}` | `customer:${string}`; data: { sessionId: string } };
