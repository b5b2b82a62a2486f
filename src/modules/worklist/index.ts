export * from './worklist.types.ts';
export {
  planAssignments, queuesForCase, servesQueue, decideRecall, UNASSIGNED_REASONS,
  type QueueRule, type CollectorLoad, type CaseToAssign, type AssignmentPlan, type UnassignedReason, type RecallCheck, type RecallDecision,
} from './assignment.rules.ts';
export { OUTCOME_CODES, OUTCOME_RULES, NEXT_ACTIONS, nextActionFor, isCallable, type OutcomeCode, type OutcomeRule, type NextAction, type HistoryOutcome } from './outcomes.rules.ts';
export {
  upsertCollector, upsertQueue, assignCases, recallCases, lockCase, unlockCase, recordCallOutcome, createCallTask, completeCallTask,
  ASSIGN_CHUNK_CASES, RECALL_CHUNK_ASSIGNMENTS, MAX_LISTED_UNASSIGNED,
  type CommandOptions, type AssignResult, type RecallResult, type LockResult, type CallOutcomeResult,
} from './worklist.commands.ts';
export { myQueue, MY_QUEUE_SQL, queueStats, listCallRecords, MAX_CALL_RECORDS_LISTED, type QueueItem, type QueueStats, type CallRecord } from './worklist.queries.ts';
export { getCollector, listCollectors, getQueue, listQueues, storedBusinessDate, type CallTaskRow, type LockRow } from './worklist.store.ts';
export { registerWorklistRoutes, CallOutcomeResultSchema } from './worklist.routes.ts';
