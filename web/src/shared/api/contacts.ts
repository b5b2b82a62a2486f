/**
 * Responses of the contacts routes that declare no response schema on the server (their shape is
 * the SQL of src/modules/contacts/contacts.routes.ts and the stored verdict of gate.rules.ts): typed
 * here by hand until those routes declare one, then generated like the rest.
 */
import { api } from './client.ts';

type Bilingual = { 'zh-CN': string; en: string };
export type Decision = 'allow' | 'deny' | 'allow_with_flag' | 'require_action';

/** A compliance verdict as stored with a planned contact: the rules that passed by id, the others in full. */
export interface StoredVerdict {
  decision: Decision;
  jurisdiction?: string;
  packs?: Array<{ id: string; version: string }>;
  now?: string;
  nextAllowedAt?: string;
  denyingRules: string[];
  requiredActions?: Array<{ ruleId: string; action: string; reason: Bilingual }>;
  flags?: Array<{ ruleId: string; reason: Bilingual }>;
  passed?: string[];
  notApplicable?: number;
  trace?: Array<{ ruleId: string; check?: string; outcome: string; reason: Bilingual }>;
  /** Planning's own denials (no usable channel) carry a reason instead of a trace. */
  reason?: string;
}

export interface AccountContact {
  reference: string;
  businessDate: string;
  action: string;
  channel: string;
  template: string | null;
  language: string | null;
  status: string;
  scheduledAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  verifyCode: string | null;
  initiatorKind: string;
  initiatorId: string;
  strategyVersion: number | null;
  strategyRow: string | null;
  experiment: string | null;
  arm: string | null;
  text: string | null;
  reason: string | null;
  planDecision: Decision | null;
  dispatchDecision: Decision | null;
  planVerdict: StoredVerdict | null;
  dispatchVerdict: StoredVerdict | null;
}

export interface OutboxStats {
  byStatus: Array<{ businessDate: string; channel: string; status: string; n: number }>;
  blockedByRule: Array<{ rule: string; n: number }>;
}

export async function accountContacts(ref: string, signal?: AbortSignal): Promise<AccountContact[]> {
  return (await api('GET /api/v1/accounts/{ref}/contacts', { path: { ref }, query: { limit: 100 }, signal })) as AccountContact[];
}

export async function outboxStats(signal?: AbortSignal): Promise<OutboxStats> {
  return (await api('GET /api/v1/outbox/stats', { signal })) as OutboxStats;
}
