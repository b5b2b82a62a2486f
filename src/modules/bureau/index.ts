/** Credit-bureau furnishing (C11): monthly runs and their files, pre-notices, credit-report disputes and corrections. */
export * from './bureau.types.ts';
export { monthEndStep } from './bureau.cycle.ts';
export {
  runFurnishing, renderRunFiles, sendBureauNotices, recordBureauNotice, openBureauDispute, resolveBureauDispute, disputeView, noticeText,
  RUN_CHUNK_ACCOUNTS, NOTICES_PER_SEND, type BureauDeps, type RunResult, type NoticesResult, type DisputeView, type ResolveResult,
} from './bureau.commands.ts';
export { getRun, listRuns, listDisputes, listNotices, loadRunRows, storedBusinessDate, type RunRecord, type DisputeRecord, type NoticeRecord } from './bureau.store.ts';
export { NOTICE_POLICIES, DISPUTE_ANSWER_DAYS, regimeOf, periodEnd } from './bureau.rules.ts';
export { registerBureauRoutes, BUREAU_READERS, BUREAU_WRITERS, MAX_BUREAU_LISTED, type BureauRouteDeps } from './bureau.routes.ts';
