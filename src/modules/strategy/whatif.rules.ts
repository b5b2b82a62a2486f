/**
 * What-if: run a table over a set of accounts' facts without planning anything, and count what it would
 * do. PURE: the facts and the optional gate check are passed in.
 *
 * When a check is given (the compliance gate, as the planner would call it), every decision that contacts
 * someone is checked; a blocked one tries its fallback entries in order, as the planner does, and counts
 * as blocked only when every entry is blocked. Decisions that contact nobody (waiting, recommending an
 * agency or legal action) are not checked.
 */
import type { AccountFacts, Action, Channel, Decision, FallbackEntry } from './strategy.types.ts';
import { decide, type CompiledTable } from './decision.rules.ts';

/** Account ids kept as examples per action and for undecided accounts. */
export const SAMPLE_ACCOUNTS_PER_ACTION = 10;

/** The gate's answer for one planned contact: blocked when denied or when an action is required first. */
export interface CheckResult {
  decision: 'allow' | 'allow_with_flag' | 'require_action' | 'deny';
  /** The rules that denied or required an action. */
  ruleIds: readonly string[];
}
export type SimulationCheck = (facts: AccountFacts, decision: Decision) => CheckResult;

export interface GateCounts {
  /** Decisions that contact someone and were checked. */
  checked: number;
  allowed: number;
  /** Allowed only on a fallback entry after the row's own channel was blocked. */
  rescuedByFallback: number;
  /** Blocked on every channel of the chain. */
  blocked: number;
  /** Per rule id: accounts where that rule blocked at least one attempt. */
  blockedByRule: Record<string, number>;
  /** Channels the allowed contacts would go out by. */
  byChannel: Partial<Record<Channel, number>>;
}

export interface Simulation {
  tableCode: string;
  accounts: number;
  decided: number;
  /** Accounts no row fired for. */
  undecided: number;
  byAction: Partial<Record<Action, number>>;
  /** The channel each decision chose (before the gate). */
  byChannel: Partial<Record<Channel, number>>;
  byRow: Record<string, number>;
  samples: Partial<Record<Action, number[]>>;
  undecidedSample: number[];
  gate: GateCounts | null;
}

const isBlocked = (r: CheckResult) => r.decision === 'deny' || r.decision === 'require_action';

function bump<K extends string>(m: Partial<Record<K, number>>, k: K): void {
  m[k] = (m[k] ?? 0) + 1;
}

export function simulate(table: CompiledTable, facts: readonly AccountFacts[], check?: SimulationCheck): Simulation {
  const sim: Simulation = {
    tableCode: table.code,
    accounts: facts.length,
    decided: 0,
    undecided: 0,
    byAction: {},
    byChannel: {},
    byRow: {},
    samples: {},
    undecidedSample: [],
    gate: check ? { checked: 0, allowed: 0, rescuedByFallback: 0, blocked: 0, blockedByRule: {}, byChannel: {} } : null,
  };
  for (const f of facts) {
    const d = decide(table, f);
    if (!d) {
      sim.undecided++;
      if (sim.undecidedSample.length < SAMPLE_ACCOUNTS_PER_ACTION) sim.undecidedSample.push(f.accountId);
      continue;
    }
    sim.decided++;
    bump(sim.byAction, d.action);
    bump(sim.byChannel, d.channel);
    sim.byRow[d.rowId] = (sim.byRow[d.rowId] ?? 0) + 1;
    const sample = (sim.samples[d.action] ??= []);
    if (sample.length < SAMPLE_ACCOUNTS_PER_ACTION) sample.push(f.accountId);
    if (!check || !sim.gate || d.channel === 'none') continue;
    const gate = sim.gate;
    gate.checked++;
    const blockers = new Set<string>();
    let allowedOn: Channel | null = null;
    const attempts: Array<Pick<FallbackEntry, 'template'> & { channel: Channel }> = [{ channel: d.channel, template: d.template ?? '' }, ...d.fallback];
    for (let k = 0; k < attempts.length; k++) {
      const a = attempts[k]!;
      const attempt: Decision = k === 0 ? d : { ...d, channel: a.channel, template: a.template, fallback: d.fallback.slice(k) };
      const r = check(f, attempt);
      if (!isBlocked(r)) {
        allowedOn = a.channel;
        if (k > 0) gate.rescuedByFallback++;
        break;
      }
      for (const id of r.ruleIds) blockers.add(id);
    }
    for (const id of blockers) gate.blockedByRule[id] = (gate.blockedByRule[id] ?? 0) + 1;
    if (allowedOn === null) gate.blocked++;
    else {
      gate.allowed++;
      bump(gate.byChannel, allowedOn);
    }
  }
  return sim;
}
