/** Contacts (C4): templates, the outbox, dispatch through channel providers, verify codes, disputes. */
export * from './contacts.types.ts';
export * from './providers/provider.types.ts';
export { createFakeProvider, type FakeProvider } from './providers/fake.ts';
export { createInboxProvider } from './providers/inbox.ts';
export { createRobotCallProvider, robotOutcome } from './providers/robot-call.ts';
export { makePlanStep, loadWhatIf, type PlanningDeps, type PlanningFacts, type PlanDecision, type Decider, type WhatIf } from './contacts.plan.ts';
export {
  dispatchDue, storeDeliveryReports, applyDeliveryReports, templateValues, formatVerifyCode, DEFAULT_LENDER, DISPATCH_BATCH_SIZE,
  type DispatchDeps, type DispatchSummary, type LenderProfile,
} from './contacts.dispatch.ts';
export { saveTemplate, checkTemplate, registerSender, openDispute, ensureDefaultTemplates, verifyCode, checkCallNow, type VerifyAnswer, type CallCheckInput } from './contacts.commands.ts';
export { loadDebtorContexts, findOutboxItem } from './contacts.store.ts';
export { contactRequest, type DebtorContext, type HistoryRow, type PlannedContact } from './gate.rules.ts';
export { renderTemplate, templateVariables, formatBreakdown, TEMPLATE_VARIABLES } from './templates.rules.ts';
export { plannedWindow, localInstant, normaliseVerifyCode, SEND_WINDOWS } from './planning.rules.ts';
export { DEFAULT_TEMPLATES } from './defaults/default-templates.ts';
export { registerContactRoutes, VERIFY_LOOKUPS_PER_MINUTE } from './contacts.routes.ts';
export { registerLetterRoutes } from './letters/letters.routes.ts';
export { createLetterProvider } from './letters/letter-provider.ts';
export { createSmppProvider, SMPP_READY_TIMEOUT_MS, type SmppProviderOptions, type SmppProvider } from './providers/sms-smpp.ts';
export { createSmtpProvider, type SmtpProviderOptions } from './providers/email-smtp.ts';
export { registerPreferenceRoutes } from './preferences.routes.ts';
export { getPortalPreferences, savePortalPreferences, type PortalPreferencesView, type PreferencesAuditEvent } from './preferences.commands.ts';
export { PortalPreferencesInputSchema, PORTAL_OPT_OUT_CHANNELS, applyPortalPreferences, portalView, type PortalPreferencesInput } from './preferences.rules.ts';
