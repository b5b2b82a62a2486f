/**
 * Who is calling, and who may. Every HTTP route declares its `access` in its route config: `'public'`
 * (no session needed) or the roles allowed. The identity module resolves the session into a
 * `Principal` before the handler runs and refuses a caller without one of the roles (401 without a
 * session, 403 with the wrong role); a route under /api without `access` fails at start-up.
 *
 * Roles only open the door. Debtors see only their own customer's data and agency users only the
 * accounts placed with their agency: handlers scope by `principal.customerId` / `principal.agencyId`,
 * and agency reads go through the database scope of the agencies module.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const LENDER_ROLES = ['collector', 'supervisor', 'strategy_manager', 'compliance_officer', 'legal', 'auditor', 'admin'] as const;
export const AGENCY_ROLES = ['agency_agent', 'agency_admin'] as const;
export const ROLES = [...LENDER_ROLES, ...AGENCY_ROLES, 'debtor'] as const;
export type LenderRole = (typeof LENDER_ROLES)[number];
export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** What audit entries name as the actor: 'user:<id>' for staff and agency users, 'debtor:<customerId>'. */
  actor: string;
  userId: string | null;
  /** Set for debtors: the only customer whose data they may see. */
  customerId: string | null;
  /** Set for agency users: the only agency whose placed accounts they may see. */
  agencyId: string | null;
  roles: readonly Role[];
  sessionId: string;
}

/** Who may call a route: anyone, or a caller holding one of the roles. */
export type Access = 'public' | readonly Role[];

/** Role sets that routes share. */
export const ACCESS = {
  /** Every lender role: read-only views of accounts and portfolios. */
  staff: LENDER_ROLES,
  /** People who work cases. */
  caseWork: ['collector', 'supervisor', 'admin'],
  /** Taking complaints and disputes from debtors (hotline, letters, e-mail). */
  complaintIntake: ['collector', 'supervisor', 'compliance_officer', 'admin'],
  /** Recording money received (payments, drawdowns) from the lender's systems. */
  payments: ['supervisor', 'admin'],
  supervisors: ['supervisor', 'admin'],
  strategy: ['strategy_manager', 'admin'],
  compliance: ['compliance_officer', 'admin'],
  audit: ['auditor', 'compliance_officer', 'admin'],
  /** Reading a customer's full ID number (audited with a reason): compliance only, not even admin. */
  idNumber: ['compliance_officer'],
  /** Portfolio analytics (C15): those who manage, steer or check the operation, not each collector. */
  analytics: ['supervisor', 'strategy_manager', 'compliance_officer', 'auditor', 'admin'],
  legal: ['legal', 'supervisor', 'admin'],
  admin: ['admin'],
  agency: AGENCY_ROLES,
  agencyAdmin: ['agency_admin'],
  debtor: ['debtor'],
} as const satisfies Record<string, readonly Role[]>;

/** One row of the server's access table: what each route allows, as declared. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its declared access, in registration order (the authorisation table). */
    routeAccess: RouteAccess[];
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller of a route that is not public; a missing session is a 401. */
export function principalOf(req: FastifyRequest): Principal {
  const p = req.principal;
  if (!p) throw new AppError('UNAUTHORIZED', 'sign in first: this route needs a session (Authorization: Bearer <token>)');
  return p;
}

export function hasRole(p: Principal, roles: readonly Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** The debtor's own customer id; refuses anyone else. */
export function debtorOf(req: FastifyRequest): string {
  const p = principalOf(req);
  if (!p.customerId) throw new AppError('FORBIDDEN', 'only a signed-in debtor may use this route');
  return p.customerId;
}
