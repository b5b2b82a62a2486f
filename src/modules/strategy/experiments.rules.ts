/**
 * Champion/challenger experiments: which arm an account is in, what each arm gets, and the harm
 * guardrails that stop an arm. PURE.
 *
 * Assignment is a hash, not a draw: `assignArm` maps `experiment.code + ':' + accountId` to one of 10,000
 * slots, so an account stays in its arm on every business date and on every machine, and two experiments
 * with different codes split the portfolio independently. Slots [0, holdoutBp) are the holdout, the next
 * challengerBp slots the challenger, the rest the champion.
 *
 * The holdout is the "no treatment" arm: it gets the champion table's decision only when that decision is a
 * notice the law requires (a row with `legallyRequired: true`, such as the US validation notice or the UK
 * notice of sums in arrears), and otherwise nothing. Compliance holds, the debtor's own requests and
 * payments are untouched by the arm. Its share is capped at MAX_HOLDOUT_BP.
 */
import {
  ARMS,
  BP_WHOLE,
  type AccountFacts,
  type Arm,
  type ArmCounts,
  type ArmMetrics,
  type ArmVerdict,
  type BilingualText,
  type Decision,
  type ExperimentSplit,
  type Guardrail,
  type GuardrailMetric,
  type GuardrailReason,
  type StrategyJurisdiction,
} from './strategy.types.ts';
import { decide, type CompiledTable } from './decision.rules.ts';
import { hash32 } from '../../platform/hash.rules.ts';

/** Slots an experiment splits accounts into: one slot is one basis point of the portfolio. */
export const ASSIGNMENT_SLOTS = BP_WHOLE;

/** The account's slot, 0–9,999, in this experiment. */
export function assignmentSlot(accountId: number, experimentCode: string): number {
  return hash32(`${experimentCode}:${accountId}`) % ASSIGNMENT_SLOTS;
}

export function assignArm(accountId: number, experiment: ExperimentSplit): Arm {
  const slot = assignmentSlot(accountId, experiment.code);
  if (slot < experiment.holdoutBp) return 'holdout';
  if (slot < experiment.holdoutBp + experiment.challengerBp) return 'challenger';
  return 'champion';
}

/** What an arm gets from the champion's and the challenger's decisions (see the file comment for the holdout). */
export function armDecision(arm: Arm, champion: Decision | null, challenger: Decision | null): Decision | null {
  if (arm === 'challenger') return challenger;
  if (arm === 'holdout') return champion?.legallyRequired ? champion : null;
  return champion;
}

/** A published table and the experiment running on it, compiled: what the daily cycle decides with. */
export interface StrategyInForce {
  code: string;
  version: number;
  compiled: CompiledTable;
  experiment: null | {
    code: string;
    holdoutBp: number;
    challengerBp: number;
    challengerVersion: number;
    challenger: CompiledTable;
  };
}

/**
 * Jurisdictions that decide with another's table when they have none of their own: a US state overlay
 * with the US table; the EU, whose consumer-credit conduct rules are closest to the UK's, with the UK table.
 */
export const TABLE_JURISDICTION_FALLBACK: Readonly<Record<string, StrategyJurisdiction>> = { 'US-MA': 'US', 'US-WA': 'US', 'US-NYC': 'US', EU: 'UK' };

/** The strategy in force for a debtor's jurisdiction: its own table, else the one it falls back to. */
export function strategyFor<S>(inForce: ReadonlyMap<string, S>, jurisdiction: string): S | null {
  const fallback = TABLE_JURISDICTION_FALLBACK[jurisdiction];
  return inForce.get(jurisdiction) ?? (fallback === undefined ? undefined : inForce.get(fallback)) ?? null;
}

export interface AccountDecision {
  decision: Decision | null;
  tableCode: string;
  /** The version whose row decided: the challenger's for the challenger arm, else the published one. */
  tableVersion: number;
  experiment: string | null;
  arm: Arm | null;
}

/** The decision for one account under the strategy in force, with its experiment arm. */
export function decideForAccount(strategy: StrategyInForce, facts: AccountFacts): AccountDecision {
  const x = strategy.experiment;
  if (!x) return { decision: decide(strategy.compiled, facts), tableCode: strategy.code, tableVersion: strategy.version, experiment: null, arm: null };
  const arm = assignArm(facts.accountId, x);
  const decision =
    arm === 'challenger' ? decide(x.challenger, facts) : armDecision(arm, decide(strategy.compiled, facts), null);
  return { decision, tableCode: strategy.code, tableVersion: arm === 'challenger' ? x.challengerVersion : strategy.version, experiment: x.code, arm };
}

// -------------------------------------------------------------------------------------------------------
// Metrics and guardrails

/** round(num × scale / den), halves up, exact (BigInt), or null when den is 0. */
export function rateRounded(num: number, den: number, scale: number): number | null {
  if (den === 0) return null;
  const n = BigInt(num) * BigInt(scale) * 2n + BigInt(den);
  return Number(n / (2n * BigInt(den)));
}

/** Harm rates from counts: whole numbers per 10,000 (contacts per account-week in basis points). */
export function armMetrics(c: ArmCounts): ArmMetrics {
  return {
    ...c,
    complaintsPer10kContacts: rateRounded(c.complaints, c.contacts, BP_WHOLE),
    optOutsPer10kContacts: rateRounded(c.optOuts, c.contacts, BP_WHOLE),
    contactsPerAccountWeekBp: rateRounded(c.contacts, c.accountDays, 7 * BP_WHOLE),
    complianceBlocksPer10kPlanned: rateRounded(c.complianceBlocks, c.planned, BP_WHOLE),
  };
}

/** The denominator a metric's minimum sample is judged on. */
export function sampleOf(m: ArmMetrics, metric: GuardrailMetric): number {
  if (metric === 'contactsPerAccountWeekBp') return m.accountDays;
  if (metric === 'complianceBlocksPer10kPlanned') return m.planned;
  return m.contacts;
}

const ARM_NAME: Record<Arm, BilingualText> = {
  champion: { en: 'champion', 'zh-CN': '冠军组' },
  challenger: { en: 'challenger', 'zh-CN': '挑战者组' },
  holdout: { en: 'holdout', 'zh-CN': '对照组' },
};

/** 15000 → "1.5". */
function ratioText(bp: number): string {
  const frac = String(bp % BP_WHOLE).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${Math.floor(bp / BP_WHOLE)}.${frac}` : String(Math.floor(bp / BP_WHOLE));
}

/**
 * Judges every arm against every guardrail. An arm with too small a sample for a guardrail is not judged
 * on it; the relative limit applies to the challenger and the holdout, compared with the champion, and
 * only when the champion's sample is large enough too. `stop` is true when any limit is crossed.
 */
export function evaluateGuardrails(metrics: Partial<Record<Arm, ArmMetrics>>, guardrails: readonly Guardrail[]): Record<Arm, ArmVerdict> {
  const out = {} as Record<Arm, ArmVerdict>;
  const champ = metrics.champion;
  for (const arm of ARMS) {
    const reasons: GuardrailReason[] = [];
    const m = metrics[arm];
    if (m) {
      for (const g of guardrails) {
        const value = m[g.metric];
        if (value === null || sampleOf(m, g.metric) < g.minSample) continue;
        if (g.ceiling !== undefined && value > g.ceiling) {
          reasons.push({
            rule: g.id,
            kind: 'ceiling',
            metric: g.metric,
            value,
            threshold: g.ceiling,
            message: {
              en: `${ARM_NAME[arm].en}: ${g.metric} ${value} is above the ceiling ${g.ceiling} (guardrail ${g.id})`,
              'zh-CN': `${ARM_NAME[arm]['zh-CN']}：${g.metric} 为 ${value}，超过上限 ${g.ceiling}（护栏 ${g.id}）`,
            },
          });
        }
        const base = champ?.[g.metric];
        if (g.maxRatioToChampionBp !== undefined && arm !== 'champion' && champ && base !== null && base !== undefined && sampleOf(champ, g.metric) >= g.minSample) {
          const rounded = rateRounded(base * g.maxRatioToChampionBp, BP_WHOLE, 1)!;
          if (value > rounded) {
            const r = ratioText(g.maxRatioToChampionBp);
            reasons.push({
              rule: g.id,
              kind: 'relative',
              metric: g.metric,
              value,
              threshold: rounded,
              message: {
                en: `${ARM_NAME[arm].en}: ${g.metric} ${value} is above ${r} × the champion's ${base} = ${rounded} (guardrail ${g.id})`,
                'zh-CN': `${ARM_NAME[arm]['zh-CN']}：${g.metric} 为 ${value}，超过冠军组 ${base} 的 ${r} 倍即 ${rounded}（护栏 ${g.id}）`,
              },
            });
          }
        }
      }
    }
    out[arm] = { stop: reasons.length > 0, reasons };
  }
  return out;
}
