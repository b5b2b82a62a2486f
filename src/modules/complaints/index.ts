/** Complaints and disputes (C8): intake, SLA clocks, closing decisions, the dispute workflow that holds collection. */
export * from './complaints.types.ts';
export {
  COMPLAINT_TRANSITIONS, DISPUTE_TRANSITIONS, OUTCOMES_BY_STATUS, REVIEWED_CATEGORIES, checkResolution, disputeHoldsCollection, nextComplaintStatus, nextDisputeStatus,
} from './complaints.rules.ts';
export { SLA_POLICIES, DUE_SOON_DAYS, slaPolicyFor, complaintDeadlines, slaView, type SlaPolicy, type SlaView, type Deadlines } from './sla.rules.ts';
export {
  intakeComplaint, submitPortalComplaint, acknowledgeComplaint, assignComplaint, extendComplaint, resolveComplaint, openDispute, moveDispute, REVIEW_LOOKBACK_DAYS,
  type ReceivedComplaint, type ClosedComplaint, type OpenedDispute, type CommandOpts as ComplaintCommandOpts,
} from './complaints.commands.ts';
export {
  getComplaint, listComplaints, slaBoard, regulatorReport, reportCsv, getDispute, listDisputes, REPORT_COLUMNS, MAX_COMPLAINTS_LISTED,
  type ComplaintRecord, type ComplaintFilter, type SlaBoard, type ReportRow, type DisputeRecord,
} from './complaints.store.ts';
export { registerComplaintRoutes, COMPLAINT_INTAKE, COMPLAINT_DECIDERS, COMPLAINT_READERS, SLA_BOARD_READERS, OpenedDisputeSchema, type ComplaintRouteDeps } from './complaints.routes.ts';
