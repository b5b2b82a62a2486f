/**
 * Decision tables: `compileTable(table)` once, then `decide(compiled, facts)` per account. PURE.
 *
 * Hit policy (DMN "first hit"): rows are tried by `priority` (lower first), ties in table order; the first
 * row that fires decides. A row fires for an account when
 *   1. every condition it states holds (absent conditions match anything),
 *   2. its cadence allows it: the row's action was not taken fewer than `cadenceDays` days ago
 *      (`facts.daysSinceAction[action]`; absent or null = never taken), and
 *   3. a channel is usable: the row's channel when the debtor is reachable on it (`hasChannel`), else the
 *      first usable fallback entry; a row whose channel is `none` needs no channel.
 * A row held back by 2 or 3 lets the next rows decide, so a table can say "SMS every third day, push on the
 * days between, otherwise wait". No row firing gives null; a table without gaps (validate.rules.ts) never
 * gives null for an account inside its domain.
 *
 * The compiled form turns each row into numbers and bit masks, so one decision is a few comparisons per
 * row and no allocation until a row fires: the daily cycle decides for every candidate account.
 */
import { AppError } from '../../platform/errors.ts';
import {
  LAST_OUTCOMES,
  MAX_CODES_PER_TABLE,
  PLAN_STATES,
  PROMISE_STATES,
  REACHABLE_CHANNELS,
  type AccountFacts,
  type Action,
  type Channel,
  type DecisionTable,
  type Decision,
  type FallbackEntry,
  type NullableRange,
  type Range,
  type ReachableChannel,
  type Row,
  type StrategyJurisdiction,
} from './strategy.types.ts';

/** The contact point a channel needs; `none` needs none. */
export function reachableFor(channel: Channel): ReachableChannel | null {
  if (channel === 'none') return null;
  if (channel === 'robot_call' || channel === 'collector_call') return 'call';
  return channel;
}

/** Row indices in evaluation order: by priority, ties in table order. */
export function evaluationOrder(rows: readonly Pick<Row, 'priority'>[]): number[] {
  return rows.map((_, i) => i).sort((a, b) => rows[a]!.priority - rows[b]!.priority || a - b);
}

/** The row's channel followed by its fallback entries: the order channels are tried in. */
export function channelChain(row: Row): Array<{ channel: Channel; template: string | null }> {
  return [{ channel: row.outputs.channel, template: row.outputs.template ?? null }, ...row.outputs.fallback];
}

// -------------------------------------------------------------------------------------------------------
// Reference semantics: plain and slow, the definition the compiled evaluator and the validator follow.

function inRange(v: number, r: Range | undefined): boolean {
  return r === undefined || ((r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max));
}

function inNullableRange(v: number | null, r: NullableRange | undefined): boolean {
  if (r === undefined) return true;
  const nulls = r.nulls ?? 'exclude';
  if (v === null) return nulls !== 'exclude';
  if (nulls === 'only') return false;
  return (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);
}

const inList = <T>(v: T, xs: readonly T[] | undefined): boolean => xs === undefined || xs.includes(v);

/** Whether every condition of the row holds for the facts (cadence and channels aside). */
export function rowMatches(row: Row, f: AccountFacts): boolean {
  const c = row.conditions;
  return (
    inList(f.bucket, c.buckets) &&
    inRange(f.dpd, c.dpd) &&
    inNullableRange(f.daysToDue, c.daysToDue) &&
    inRange(f.balanceMinor, c.balanceMinor) &&
    inNullableRange(f.riskScore, c.riskScore) &&
    (c.segment === undefined || (f.segment !== null && c.segment.includes(f.segment))) &&
    inNullableRange(f.daysSinceLastContact, c.daysSinceLastContact) &&
    inList(f.lastOutcome, c.lastOutcome) &&
    inList(f.promiseState, c.promiseState) &&
    inList(f.planState, c.planState) &&
    (c.hasChannel === undefined || c.hasChannel.every((ch) => f.hasChannel.includes(ch))) &&
    (c.validationNoticeSent === undefined || c.validationNoticeSent === f.validationNoticeSent)
  );
}

/** Whether the row's cadence holds it back for these facts. */
export function inCadence(row: Row, f: AccountFacts): boolean {
  const days = f.daysSinceAction[row.outputs.action];
  return row.outputs.cadenceDays > 0 && days !== undefined && days !== null && days < row.outputs.cadenceDays;
}

/** The decision the row gives for the facts, or null when it does not fire. */
export function rowDecision(row: Row, f: AccountFacts): Decision | null {
  if (!rowMatches(row, f) || inCadence(row, f)) return null;
  const usable = (ch: Channel) => {
    const need = reachableFor(ch);
    return need === null || f.hasChannel.includes(need);
  };
  const chain = channelChain(row);
  const at = chain.findIndex((e) => usable(e.channel));
  if (at < 0) return null;
  const chosen = chain[at]!;
  return {
    rowId: row.id,
    action: row.outputs.action,
    channel: chosen.channel,
    template: chosen.template,
    priority: row.outputs.priority,
    fallback: chain.slice(at + 1).filter((e): e is FallbackEntry => e.channel !== 'none' && usable(e.channel)) as FallbackEntry[],
    cadenceDays: row.outputs.cadenceDays,
    legallyRequired: row.outputs.legallyRequired,
  };
}

/** The first-hit decision by the reference semantics, row by row without compiling. */
export function decideReference(table: DecisionTable, f: AccountFacts): Decision | null {
  for (const i of evaluationOrder(table.rows)) {
    const d = rowDecision(table.rows[i]!, f);
    if (d) return d;
  }
  return null;
}

// -------------------------------------------------------------------------------------------------------
// Compiled evaluator

/** Bit for a bucket or segment the table does not name; a row without that condition has every bit. */
const OTHER_BIT = 1 << MAX_CODES_PER_TABLE;
const ALL_BITS = (OTHER_BIT << 1) - 1;

const bitsOf = <T extends string>(values: readonly T[]): Record<T, number> =>
  Object.fromEntries(values.map((v, i) => [v, 1 << i])) as Record<T, number>;
const OUTCOME_BIT = bitsOf(LAST_OUTCOMES);
const PROMISE_BIT = bitsOf(PROMISE_STATES);
const PLAN_BIT = bitsOf(PLAN_STATES);
const REACH_BIT = bitsOf(REACHABLE_CHANNELS);

interface ChainEntry {
  channel: Channel;
  template: string | null;
  /** The reachability bit the channel needs; 0 for `none`. */
  bit: number;
}

interface CompiledRow {
  id: string;
  action: Action;
  queuePriority: number;
  cadenceDays: number;
  legallyRequired: boolean;
  bucketMask: number;
  dpdMin: number;
  dpdMax: number;
  dtdMin: number;
  dtdMax: number;
  dtdNull: boolean;
  balMin: number;
  balMax: number;
  riskMin: number;
  riskMax: number;
  riskNull: boolean;
  dslcMin: number;
  dslcMax: number;
  dslcNull: boolean;
  segmentMask: number;
  outcomeMask: number;
  promiseMask: number;
  planMask: number;
  /** Reachability bits every one of which the debtor must have. */
  reachRequired: number;
  /** -1: any; 0: not sent; 1: sent. */
  validationNotice: number;
  chain: ChainEntry[];
}

export interface CompiledTable {
  code: string;
  jurisdiction: StrategyJurisdiction;
  /** Row count of the source table. */
  size: number;
  readonly rows: readonly CompiledRow[];
  readonly bucketBits: ReadonlyMap<string, number>;
  readonly segmentBits: ReadonlyMap<string, number>;
}

function codeBits(codes: Iterable<string>, field: string): Map<string, number> {
  const bits = new Map<string, number>();
  for (const c of codes) if (!bits.has(c)) bits.set(c, 1 << bits.size);
  if (bits.size > MAX_CODES_PER_TABLE) {
    throw new AppError('VALIDATION_FAILED', `${field}: a table may name at most ${MAX_CODES_PER_TABLE} distinct values, this one names ${bits.size}`, {
      issues: [{ path: field, message: `at most ${MAX_CODES_PER_TABLE} distinct values` }],
    });
  }
  return bits;
}

function maskOf<T>(xs: readonly T[] | undefined, bit: (x: T) => number): number {
  if (xs === undefined) return ALL_BITS;
  let m = 0;
  for (const x of xs) m |= bit(x);
  return m;
}

function range(r: Range | undefined): [number, number] {
  return [r?.min ?? -Infinity, r?.max ?? Infinity];
}

/** [min, max, null matches]; `nulls: only` gives an empty number range. */
function nullableRange(r: NullableRange | undefined): [number, number, boolean] {
  if (r === undefined) return [-Infinity, Infinity, true];
  const nulls = r.nulls ?? 'exclude';
  if (nulls === 'only') return [Infinity, -Infinity, true];
  return [r.min ?? -Infinity, r.max ?? Infinity, nulls === 'include'];
}

/**
 * Compiles a parsed table (DecisionTableSchema) into its evaluator. Contradictory conditions (min > max)
 * simply never match; validateTable reports them.
 */
export function compileTable(table: DecisionTable): CompiledTable {
  const bucketBits = codeBits(table.rows.flatMap((r) => r.conditions.buckets ?? []), 'rows.conditions.buckets');
  const segmentBits = codeBits(table.rows.flatMap((r) => r.conditions.segment ?? []), 'rows.conditions.segment');
  const rows = evaluationOrder(table.rows).map((i): CompiledRow => {
    const row = table.rows[i]!;
    const c = row.conditions;
    const [dpdMin, dpdMax] = range(c.dpd);
    const [dtdMin, dtdMax, dtdNull] = nullableRange(c.daysToDue);
    const [balMin, balMax] = range(c.balanceMinor);
    const [riskMin, riskMax, riskNull] = nullableRange(c.riskScore);
    const [dslcMin, dslcMax, dslcNull] = nullableRange(c.daysSinceLastContact);
    return {
      id: row.id,
      action: row.outputs.action,
      queuePriority: row.outputs.priority,
      cadenceDays: row.outputs.cadenceDays,
      legallyRequired: row.outputs.legallyRequired,
      bucketMask: maskOf(c.buckets, (b) => bucketBits.get(b)!),
      dpdMin, dpdMax, dtdMin, dtdMax, dtdNull, balMin, balMax, riskMin, riskMax, riskNull, dslcMin, dslcMax, dslcNull,
      segmentMask: maskOf(c.segment, (s) => segmentBits.get(s)!),
      outcomeMask: maskOf(c.lastOutcome, (o) => OUTCOME_BIT[o]),
      promiseMask: maskOf(c.promiseState, (p) => PROMISE_BIT[p]),
      planMask: maskOf(c.planState, (p) => PLAN_BIT[p]),
      reachRequired: c.hasChannel === undefined ? 0 : maskOf(c.hasChannel, (h) => REACH_BIT[h]),
      validationNotice: c.validationNoticeSent === undefined ? -1 : c.validationNoticeSent ? 1 : 0,
      chain: channelChain(row).map((e) => {
        const need = reachableFor(e.channel);
        return { channel: e.channel, template: e.template, bit: need === null ? 0 : REACH_BIT[need] };
      }),
    };
  });
  return { code: table.code, jurisdiction: table.jurisdiction, size: table.rows.length, rows, bucketBits, segmentBits };
}

const NO_FALLBACK: FallbackEntry[] = [];
Object.freeze(NO_FALLBACK);

function remainingUsable(chain: readonly ChainEntry[], from: number, reach: number): FallbackEntry[] {
  if (from >= chain.length) return NO_FALLBACK;
  const out: FallbackEntry[] = [];
  for (let k = from; k < chain.length; k++) {
    const e = chain[k]!;
    if (e.bit !== 0 && (reach & e.bit) !== 0) out.push({ channel: e.channel as FallbackEntry['channel'], template: e.template! });
  }
  return out.length === 0 ? NO_FALLBACK : out;
}

/** The first row that fires for the facts (see the file comment), or null. */
export function decide(table: CompiledTable, f: AccountFacts): Decision | null {
  const bucketBit = table.bucketBits.get(f.bucket) ?? OTHER_BIT;
  const segmentBit = f.segment === null ? OTHER_BIT : table.segmentBits.get(f.segment) ?? OTHER_BIT;
  const outcomeBit = OUTCOME_BIT[f.lastOutcome];
  const promiseBit = PROMISE_BIT[f.promiseState];
  const planBit = PLAN_BIT[f.planState];
  let reach = 0;
  const has = f.hasChannel;
  for (let k = 0; k < has.length; k++) reach |= REACH_BIT[has[k]!];
  const notice = f.validationNoticeSent ? 1 : 0;
  const { dpd, daysToDue, balanceMinor, riskScore, daysSinceLastContact } = f;

  const rows = table.rows;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if ((r.bucketMask & bucketBit) === 0) continue;
    if (dpd < r.dpdMin || dpd > r.dpdMax) continue;
    if (daysToDue === null ? !r.dtdNull : daysToDue < r.dtdMin || daysToDue > r.dtdMax) continue;
    if (balanceMinor < r.balMin || balanceMinor > r.balMax) continue;
    if (riskScore === null ? !r.riskNull : riskScore < r.riskMin || riskScore > r.riskMax) continue;
    if ((r.segmentMask & segmentBit) === 0) continue;
    if (daysSinceLastContact === null ? !r.dslcNull : daysSinceLastContact < r.dslcMin || daysSinceLastContact > r.dslcMax) continue;
    if ((r.outcomeMask & outcomeBit) === 0 || (r.promiseMask & promiseBit) === 0 || (r.planMask & planBit) === 0) continue;
    if ((reach & r.reachRequired) !== r.reachRequired) continue;
    if (r.validationNotice >= 0 && r.validationNotice !== notice) continue;
    if (r.cadenceDays > 0) {
      const days = f.daysSinceAction[r.action];
      if (days !== undefined && days !== null && days < r.cadenceDays) continue;
    }
    const chain = r.chain;
    for (let k = 0; k < chain.length; k++) {
      const e = chain[k]!;
      if (e.bit === 0 || (reach & e.bit) !== 0) {
        return {
          rowId: r.id,
          action: r.action,
          channel: e.channel,
          template: e.template,
          priority: r.queuePriority,
          fallback: remainingUsable(chain, k + 1, reach),
          cadenceDays: r.cadenceDays,
          legallyRequired: r.legallyRequired,
        };
      }
    }
  }
  return null;
}
