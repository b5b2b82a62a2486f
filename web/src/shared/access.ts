/**
 * Which roles may use each screen, as the server's routes declare it (src/platform/access.ts and
 * each route's `config.access`). The UI only hides what a role cannot use; the server still decides
 * every request, and a 403 is shown as such.
 */
export type Role = 'collector' | 'supervisor' | 'strategy_manager' | 'compliance_officer' | 'legal' | 'auditor' | 'admin' | 'agency_agent' | 'agency_admin' | 'debtor';

const STAFF: readonly Role[] = ['collector', 'supervisor', 'strategy_manager', 'compliance_officer', 'legal', 'auditor', 'admin'];

export const SCREEN_ROLES = {
  overview: STAFF,
  accounts: STAFF,
  /** A queue and its call outcomes: GET /api/v1/worklist/collectors/{id}/queue. */
  queue: ['collector', 'supervisor', 'admin'],
  outbox: STAFF,
  /** The SLA board: GET /api/v1/complaints/sla-board. */
  complaints: ['compliance_officer', 'supervisor', 'admin', 'auditor'],
  /** Closing and acknowledging a complaint. */
  complaintDecisions: ['compliance_officer', 'supervisor', 'admin'],
  /** The approvals inbox: concessions above the maker's limit wait for a supervisor. */
  approvals: ['supervisor', 'admin'],
  /** QA reviews and scoring: /api/v1/quality/reviews. */
  quality: ['compliance_officer', 'supervisor', 'admin'],
  /** The audit chain's verification: GET /api/v1/audit/verify. */
  audit: ['auditor', 'compliance_officer', 'admin'],
  /** Portfolio analytics (C15): ACCESS.analytics. */
  analytics: ['supervisor', 'strategy_manager', 'compliance_officer', 'auditor', 'admin'],
  /** Decision tables and experiments: everyone on staff reads them, ACCESS.strategy edits. */
  strategy: ['strategy_manager', 'admin'],
  /** Queues, collectors, assignment, agency placements and recalls: ACCESS.supervisors. */
  supervision: ['supervisor', 'admin'],
  /** Conversations the debtor assistant handed to a person: GET /api/v1/assistant/handoffs (ACCESS.caseWork). */
  handoffs: ['collector', 'supervisor', 'admin'],
  /** An agency's own work: its placed accounts (masked) and its call outcomes: ACCESS.agency. */
  agency: ['agency_agent', 'agency_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Screen = keyof typeof SCREEN_ROLES;

/** Where a member of staff starts: an agency's people on their agency's accounts, a collector on their own queue, everyone else on the overview. */
export function landingFor(p: { roles: readonly Role[]; userId: string | null }): string {
  if (p.roles.length > 0 && p.roles.every((r) => r === 'agency_agent' || r === 'agency_admin')) return '/agency';
  const works = p.roles.some((r) => r === 'supervisor' || r === 'admin');
  if (p.roles.includes('collector') && !works && p.userId) return `/queue?collector=${encodeURIComponent(p.userId)}`;
  return '/';
}

/** Where to go back to after signing in: a path inside the app, never another site. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : null;
}
