/**
 * The compliance module: jurisdiction packs (data) and the pure contact check with its rule trace.
 * Other modules import from here only.
 */
export { checkContact, compilePack, parseContactRequest } from './contact.rules.ts';
export type { CompiledPack } from './contact.rules.ts';
export { compileAllPacks } from './engine.ts';
export type { EngineOptions } from './engine.ts';
export { lintMessage, lintText } from './content.rules.ts';
export { buildHolidayCalendar } from './holidays.rules.ts';
export type { HolidayCalendar } from './holidays.rules.ts';
export { bundledHolidayCalendar, cnHolidayRowsFromChineseDays, loadHolidayCalendar, usFederalHolidayRows } from './holidays.ts';
export { loadPack, loadPackChain, parseParameterOverrides, PACK_DATA } from './packs/index.ts';
export { registerComplianceRoutes } from './compliance.routes.ts';
export {
  ContactRequestSchema,
  VerdictSchema,
  LintRequestSchema,
  LintResultSchema,
  JURISDICTIONS,
  CHANNELS,
} from './compliance.types.ts';
export type { ContactRequest, ContactRequestInput, Verdict, TraceEntry, LintResult, Jurisdiction, Pack, ParameterOverrides } from './compliance.types.ts';
