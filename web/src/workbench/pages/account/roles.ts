/**
 * Which parts of the account page a role may use, as the server's routes declare it (ACCESS.caseWork
 * for the negotiation writes, the complaint readers for the complaint and dispute lists,
 * ACCESS.complaintIntake for opening a dispute). The page only hides what a role cannot use; the
 * server decides every request. test/web/casework-access.test.ts checks these against the server.
 */
import type { Role } from '../../../shared/access.ts';

/** Plans, deferrals, waivers and settlements: POST /api/v1/plans and its siblings. */
export const NEGOTIATORS: readonly Role[] = ['collector', 'supervisor', 'admin'];
/** GET /api/v1/complaints and GET /api/v1/disputes. */
export const COMPLAINT_READERS: readonly Role[] = ['collector', 'supervisor', 'compliance_officer', 'admin', 'auditor'];
/** POST /api/v1/disputes: a dispute opened on the debtor's behalf (hotline, letter). */
export const DISPUTE_OPENERS: readonly Role[] = ['collector', 'supervisor', 'compliance_officer', 'admin'];
