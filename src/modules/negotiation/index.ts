export * from './negotiation.types.ts';
export { DEFAULT_PROMISE_POLICY, checkPromise, minimumPromiseMinor, type PromiseContext, type PromiseIssue } from './promises.rules.ts';
export { capturePromise, recordPromiseToPay, promiseAudit, type CaptureInput, type CaptureOptions } from './negotiation.commands.ts';
export { listPromises } from './negotiation.store.ts';
export { promisesStep, REEVALUATE_WINDOW_DAYS } from './negotiation.cycle.ts';
