/**
 * Typed calls of the strategy routes (src/modules/strategy/strategy.routes.ts): decision tables and
 * their versions, validation, what-if simulation, publishing, and champion/challenger experiments.
 * The shapes come from the generated schema.ts; the lists of actions, channels and condition values
 * restate the server's strategy.types.ts and validate.rules.ts (the UI cannot import server code), and
 * test/web/strategy-model.test.ts checks that they stay the same.
 */
import { api, type RequestOf, type ResponseOf } from './client.ts';

export type TableList = ResponseOf<'GET /api/v1/strategy/tables'>;
export type TableSummary = TableList['tables'][number];
export type VersionSummary = TableSummary['versions'][number];
export type VersionDetail = ResponseOf<'GET /api/v1/strategy/tables/{code}/versions'>['versions'][number];
/** A decision table as sent to the server (defaults may be left out). */
export type DecisionTable = NonNullable<RequestOf<'POST /api/v1/strategy/tables'>['body']>;
export type TableRow = DecisionTable['rows'][number];
export type Conditions = NonNullable<TableRow['conditions']>;
export type Outputs = TableRow['outputs'];
export type Finding = ResponseOf<'POST /api/v1/strategy/validate'>['findings'][number];
export type Simulation = ResponseOf<'POST /api/v1/strategy/simulate'>;
export type Experiment = ResponseOf<'GET /api/v1/strategy/experiments'>['experiments'][number];
export type ExperimentInput = NonNullable<RequestOf<'POST /api/v1/strategy/experiments'>['body']>;
export type Guardrail = Experiment['guardrails'][number];
/** What saving a draft answers (the first answer, also when a retry is replayed). */
export interface SavedTable {
  code: string;
  version: number;
  jurisdiction: DecisionTable['jurisdiction'];
  status: 'draft';
  findings: Finding[];
}

export type Action = Outputs['action'];
export type Channel = Outputs['channel'];
export type Jurisdiction = DecisionTable['jurisdiction'];

export const JURISDICTIONS = ['CN', 'US', 'US-MA', 'US-WA', 'US-NYC', 'UK', 'EU'] as const satisfies readonly Jurisdiction[];
export const ACTIONS = [
  'sms_reminder', 'push_reminder', 'in_app_message', 'email_reminder', 'robot_call', 'collector_call', 'one_to_one', 'letter', 'recommend_agency', 'recommend_legal', 'none',
] as const satisfies readonly Action[];
export const CHANNELS = ['sms', 'push', 'in_app', 'email', 'robot_call', 'collector_call', 'letter', 'none'] as const satisfies readonly Channel[];
export const CONTACT_CHANNELS = CHANNELS.filter((c): c is Exclude<Channel, 'none'> => c !== 'none');
/** The channels each action can go out by (the validator reports any other pairing). */
export const ACTION_CHANNELS: Record<Action, readonly Channel[]> = {
  sms_reminder: ['sms'],
  push_reminder: ['push'],
  in_app_message: ['in_app'],
  email_reminder: ['email'],
  robot_call: ['robot_call'],
  collector_call: ['collector_call'],
  one_to_one: ['collector_call', 'sms', 'email', 'in_app', 'push', 'letter'],
  letter: ['letter'],
  recommend_agency: ['none'],
  recommend_legal: ['none'],
  none: ['none'],
};
export const LAST_OUTCOMES = ['connected', 'unanswered', 'voicemail', 'busy', 'invalid_number', 'refused', 'delivered', 'bounced', 'failed', 'none'] as const;
export const PROMISE_STATES = ['none', 'open', 'kept', 'partly_kept', 'broken'] as const;
export const PLAN_STATES = ['none', 'active', 'broken'] as const;
export const REACHABLE_CHANNELS = ['sms', 'email', 'push', 'in_app', 'letter', 'call'] as const;
export const GUARDRAIL_METRICS = ['complaintsPer10kContacts', 'optOutsPer10kContacts', 'contactsPerAccountWeekBp', 'complianceBlocksPer10kPlanned'] as const satisfies readonly Guardrail['metric'][];
/** Basis points in a whole: experiment shares and ratios are in basis points. */
export const BP_WHOLE = 10_000;
/** Largest holdout share, in basis points. */
export const MAX_HOLDOUT_BP = 2_000;

const key = (k: string) => ({ 'idempotency-key': k });

export const strategyTables = (signal?: AbortSignal) => api('GET /api/v1/strategy/tables', { signal });
export const tableVersions = (code: string, signal?: AbortSignal) => api('GET /api/v1/strategy/tables/{code}/versions', { path: { code }, signal });
export const validateTable = (table: DecisionTable) => api('POST /api/v1/strategy/validate', { body: table });
/** What-if of a table sent in the body, or (with a jurisdiction only) of the table in force there. */
export const simulate = (body: { table: DecisionTable; limit?: number } | { jurisdiction: Jurisdiction; limit?: number }) => api('POST /api/v1/strategy/simulate', { body });
export const saveTable = async (table: DecisionTable, idempotencyKey: string) => (await api('POST /api/v1/strategy/tables', { headers: key(idempotencyKey), body: table })) as SavedTable;
export const publishVersion = (code: string, version: number, idempotencyKey: string) =>
  api('POST /api/v1/strategy/tables/{code}/versions/{version}/publish', { path: { code, version }, headers: key(idempotencyKey) });
export const experiments = (signal?: AbortSignal) => api('GET /api/v1/strategy/experiments', { query: {}, signal });
export const startExperiment = (body: ExperimentInput, idempotencyKey: string) => api('POST /api/v1/strategy/experiments', { headers: key(idempotencyKey), body });
export const stopExperiment = (code: string, body: { reason: string; completed?: boolean }, idempotencyKey: string) =>
  api('POST /api/v1/strategy/experiments/{code}/stop', { path: { code }, headers: key(idempotencyKey), body });
