/**
 * Case assignment (分案) and recall (撤案) as pure rules.
 *
 * Queue matching: a case matches a queue when its bucket is one of the queue's buckets and the
 * queue's language (if set) is the customer's. Matching queues are tried in priority order (lower
 * number first, then code). A collector serves a queue when active, of the queue's agency (NULL: in
 * house), with the queue's skill (if set), and speaking the customer's language.
 *
 * Load balance: among the collectors serving the first queue that has room, the case goes to the one
 * with the fewest open cases relative to their capacity (open ÷ max_open_cases, compared exactly by
 * cross-multiplying), ties broken by collector id, so the same input always gives the same plan. No
 * collector is ever given more open cases than max_open_cases. A case recalled from a collector goes
 * to someone else when anyone else has room. Cases are taken in order of overdue amount (largest
 * first), then case id, so that when capacity runs short the larger arrears are worked first.
 *
 * Recall: when an assignment reaches its recall date it is recalled, unless its current period saw a
 * payment or a kept promise; then the collector keeps the case for another period of the queue's
 * length, starting the day after the check.
 */
import { addDays } from '../../platform/dates.ts';

export interface QueueRule {
  code: string;
  buckets: readonly string[];
  skill: string | null;
  language: string | null;
  agencyId: string | null;
  priority: number;
}

export interface CollectorLoad {
  id: string;
  agencyId: string | null;
  skills: readonly string[];
  languages: readonly string[];
  maxOpenCases: number;
  openCases: number;
}

export interface CaseToAssign {
  caseId: number;
  accountId: number;
  bucket: string;
  /** The customer's language. */
  language: string;
  overdueMinor: number;
  /** The collector the case was last recalled from, to be avoided if anyone else has room. */
  previousCollectorId: string | null;
  /** The agency the account is placed with (委案), or null: a placed case goes only to that agency's queues, any other only to in-house queues. */
  placedWith?: string | null;
}

export type UnassignedReason = 'no_queue' | 'no_collector' | 'at_capacity';
export const UNASSIGNED_REASONS: readonly UnassignedReason[] = ['no_queue', 'no_collector', 'at_capacity'];

export interface PlannedAssignment {
  caseId: number;
  accountId: number;
  collectorId: string;
  queueCode: string;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  unassigned: Array<{ caseId: number; reason: UnassignedReason; queueCode: string | null }>;
  /** Open cases per collector after the plan, to carry into the next chunk of cases. */
  openCases: Record<string, number>;
}

/** The queues a case matches, in the order they are tried. */
export function queuesForCase(c: Pick<CaseToAssign, 'bucket' | 'language' | 'placedWith'>, queues: readonly QueueRule[]): QueueRule[] {
  return queues
    .filter((q) => q.buckets.includes(c.bucket) && (q.language === null || q.language === c.language) && q.agencyId === (c.placedWith ?? null))
    .sort((a, b) => a.priority - b.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Whether a collector can work a queue's case of a customer speaking `language`. */
export function servesQueue(collector: CollectorLoad, queue: QueueRule, language: string): boolean {
  return (
    collector.agencyId === queue.agencyId &&
    (queue.skill === null || collector.skills.includes(queue.skill)) &&
    collector.languages.includes(language)
  );
}

/** a is less loaded than b: a smaller share of capacity used, then the smaller id. Both have room. */
export function lessLoaded(a: { id: string; openCases: number; maxOpenCases: number }, b: { id: string; openCases: number; maxOpenCases: number }): boolean {
  // open_a / max_a < open_b / max_b without division; capacities are positive for anyone with room.
  const l = a.openCases * b.maxOpenCases;
  const r = b.openCases * a.maxOpenCases;
  if (l !== r) return l < r;
  return a.id < b.id;
}

/** Largest overdue amount first, then the oldest case. */
export function caseOrder(a: CaseToAssign, b: CaseToAssign): number {
  return b.overdueMinor - a.overdueMinor || a.caseId - b.caseId;
}

/** Distributes cases over collectors; the inputs are not changed. */
export function planAssignments(cases: readonly CaseToAssign[], queues: readonly QueueRule[], collectors: readonly CollectorLoad[]): AssignmentPlan {
  const load = new Map(collectors.map((c) => [c.id, { ...c }]));
  const assignments: PlannedAssignment[] = [];
  const unassigned: AssignmentPlan['unassigned'] = [];
  const servers = new Map<string, Array<CollectorLoad>>();
  const serversOf = (q: QueueRule, language: string) => {
    const key = `${q.code}\u0000${language}`;
    let list = servers.get(key);
    if (!list) {
      list = [...load.values()].filter((c) => servesQueue(c, q, language));
      servers.set(key, list);
    }
    return list;
  };
  for (const c of [...cases].sort(caseOrder)) {
    const matching = queuesForCase(c, queues);
    if (matching.length === 0) {
      unassigned.push({ caseId: c.caseId, reason: 'no_queue', queueCode: null });
      continue;
    }
    let placed = false;
    let anyServer = false;
    for (const q of matching) {
      const list = serversOf(q, c.language);
      if (list.length) anyServer = true;
      let best: CollectorLoad | undefined;
      let fallback: CollectorLoad | undefined;
      for (const s of list) {
        if (s.openCases >= s.maxOpenCases) continue;
        if (s.id === c.previousCollectorId) {
          fallback = s;
          continue;
        }
        if (!best || lessLoaded(s, best)) best = s;
      }
      const chosen = best ?? fallback;
      if (chosen) {
        chosen.openCases++;
        assignments.push({ caseId: c.caseId, accountId: c.accountId, collectorId: chosen.id, queueCode: q.code });
        placed = true;
        break;
      }
    }
    if (!placed) unassigned.push({ caseId: c.caseId, reason: anyServer ? 'at_capacity' : 'no_collector', queueCode: matching[0]!.code });
  }
  return { assignments, unassigned, openCases: Object.fromEntries([...load.values()].map((c) => [c.id, c.openCases])) };
}

export interface RecallCheck {
  recallOn: string;
  periodFrom: string;
  recallAfterDays: number;
  /** A payment with a value date in [periodFrom, asOf]. */
  paymentInPeriod: boolean;
  /** A promise of the account evaluated as kept in [periodFrom, asOf]. */
  promiseKeptInPeriod: boolean;
}

export type RecallDecision = { action: 'keep' } | { action: 'recall' } | { action: 'extend'; periodFrom: string; recallOn: string };

/** What happens to an active assignment on business date `asOf`. */
export function decideRecall(a: RecallCheck, asOf: string): RecallDecision {
  if (asOf < a.recallOn) return { action: 'keep' };
  if (a.paymentInPeriod || a.promiseKeptInPeriod) return { action: 'extend', periodFrom: addDays(asOf, 1), recallOn: addDays(asOf, a.recallAfterDays) };
  return { action: 'recall' };
}
