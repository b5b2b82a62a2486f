/**
 * `validateTable(table, domain) → findings`. PURE.
 *
 * - `invalid`: a field that cannot be right (min above max, an unknown bucket code, an empty list, a
 *   channel that does not carry the action, a fallback on a decision that contacts nobody, a duplicate row
 *   id). A table with invalid findings is not analysed further and cannot be saved.
 * - `shadowed`: a row that never fires, because the rows before it (in evaluation order) fire for every
 *   account it matches, or because it matches no account of the domain at all.
 * - `overlap`: two rows with the same priority that both fire for some account, so only their position in
 *   the table decides between them; give them different priorities to make the order explicit.
 * - `gap`: accounts of the domain (the bucket policy's buckets with their DPD ranges) for which no row
 *   fires, reported by bucket and DPD range with an example of the other facts.
 *
 * "Fires" is exactly decide()'s rule (decision.rules.ts): conditions, cadence (an action taken fewer than
 * cadenceDays ago) and a usable channel. Each fact is a dimension of integer interval sets (regions.rules.ts),
 * so the answers are exact for enumerations and integer ranges. A table that validates with no gap gets a
 * decision from decide() for every account in the domain.
 */
import {
  ACTIONS,
  LAST_OUTCOMES,
  MAX_CODES_PER_TABLE,
  MAX_RISK_SCORE,
  PLAN_STATES,
  PROMISE_STATES,
  REACHABLE_CHANNELS,
  type Action,
  type BilingualText,
  type Channel,
  type Conditions,
  type DecisionTable,
  type Finding,
  type NullableRange,
  type Range,
  type Row,
  type ValidationDomain,
} from './strategy.types.ts';
import { channelChain, evaluationOrder, reachableFor } from './decision.rules.ts';
import {
  boxIntersect,
  contains,
  intersect,
  interval,
  pointsSet,
  regionsMeet,
  regionSubtractAll,
  RegionTooComplex,
  sameSet,
  union,
  type Box,
  type IntervalSet,
} from './regions.rules.ts';

/** Most gap findings reported for one table; the rest are summarised in the last one. */
export const MAX_GAP_FINDINGS = 40;

/** The channels that can carry each action; `none` is for decisions that contact nobody. */
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

const TOP = Number.MAX_SAFE_INTEGER;
const BOTTOM = -Number.MAX_SAFE_INTEGER;
/** Null of a nullable fact: one below its smallest value (0). */
const NULL = -1;

type DimKind = 'enum' | 'int' | 'nullable' | 'reach' | 'bool' | 'cadence';
interface Dim {
  key: string;
  kind: DimKind;
  full: IntervalSet;
  /** Names of an enumeration's indices. */
  names?: readonly string[];
}

const t = (en: string, zh: string): BilingualText => ({ 'zh-CN': zh, en });

function invalid(row: Row | null, field: string, en: string, zh: string): Finding {
  return { kind: 'invalid', rowIds: row ? [row.id] : [], field, message: t(row ? `row ${row.id}: ${field}: ${en}` : `${field}: ${en}`, row ? `规则行 ${row.id}：${field}：${zh}` : `${field}：${zh}`) };
}

// -------------------------------------------------------------------------------------------------------
// Invalid fields

function checkRange(row: Row, path: string, r: Range | NullableRange | undefined, lowest: number | null, highest: number | null, out: Finding[]): void {
  if (r === undefined) return;
  if (r.min !== undefined && r.max !== undefined && r.min > r.max) {
    out.push(invalid(row, path, `min ${r.min} is above max ${r.max}`, `最小值 ${r.min} 大于最大值 ${r.max}`));
  }
  for (const [end, v] of [['min', r.min], ['max', r.max]] as const) {
    if (v === undefined) continue;
    if (lowest !== null && v < lowest) out.push(invalid(row, `${path}.${end}`, `must be ${lowest} or more`, `不得小于 ${lowest}`));
    if (highest !== null && v > highest) out.push(invalid(row, `${path}.${end}`, `must be ${highest} or less`, `不得大于 ${highest}`));
  }
  if ('nulls' in r && r.nulls === 'only' && (r.min !== undefined || r.max !== undefined)) {
    out.push(invalid(row, `${path}.nulls`, "'only' matches null alone: leave min and max out", "'only' 只匹配空值：请去掉 min 和 max"));
  }
}

function checkList(row: Row, path: string, xs: readonly unknown[] | undefined, out: Finding[]): void {
  if (xs !== undefined && xs.length === 0) {
    out.push(invalid(row, path, 'an empty list matches nothing; leave the condition out to match any account', '空列表不匹配任何账户；如需匹配所有账户请省略该条件'));
  }
}

function invalidFindings(table: DecisionTable, domain: ValidationDomain): Finding[] {
  const out: Finding[] = [];
  const known = new Set(domain.buckets.map((b) => b.code));
  const seen = new Map<string, number>();
  const segments = new Set<string>();
  table.rows.forEach((row, i) => {
    const p = `rows.${i}`;
    const first = seen.get(row.id);
    if (first !== undefined) out.push(invalid(row, `${p}.id`, `the same id as rows.${first}`, `与 rows.${first} 的 id 重复`));
    else seen.set(row.id, i);
    const c = row.conditions;
    const cp = `${p}.conditions`;
    checkRange(row, `${cp}.dpd`, c.dpd, 0, null, out);
    checkRange(row, `${cp}.daysToDue`, c.daysToDue, 0, null, out);
    checkRange(row, `${cp}.balanceMinor`, c.balanceMinor, null, null, out);
    checkRange(row, `${cp}.riskScore`, c.riskScore, 0, MAX_RISK_SCORE, out);
    checkRange(row, `${cp}.daysSinceLastContact`, c.daysSinceLastContact, 0, null, out);
    for (const key of ['buckets', 'segment', 'lastOutcome', 'promiseState', 'planState', 'hasChannel'] as const) checkList(row, `${cp}.${key}`, c[key], out);
    const unknown = (c.buckets ?? []).filter((b) => !known.has(b));
    if (unknown.length > 0) {
      const list = [...known].join(', ');
      out.push(invalid(row, `${cp}.buckets`, `unknown bucket ${unknown.join(', ')} (the policy has ${list})`, `未知的逾期阶段 ${unknown.join('、')}（当前策略为 ${list}）`));
    }
    for (const s of c.segment ?? []) segments.add(s);

    const o = row.outputs;
    const op = `${p}.outputs`;
    if (!ACTION_CHANNELS[o.action].includes(o.channel)) {
      const allowed = ACTION_CHANNELS[o.action].join(', ');
      out.push(invalid(row, `${op}.channel`, `${o.action} goes out by ${allowed}, not ${o.channel}`, `${o.action} 只能通过 ${allowed} 发出，不能用 ${o.channel}`));
    }
    if (o.channel !== 'none' && !o.template) out.push(invalid(row, `${op}.template`, `required for channel ${o.channel}`, `渠道 ${o.channel} 需要模板`));
    if (o.channel === 'none' && o.fallback.length > 0) {
      out.push(invalid(row, `${op}.fallback`, 'a decision that contacts nobody has no fallback channel', '不触达债务人的决策不能设置备用渠道'));
    }
    const chain = channelChain(row).map((e) => e.channel);
    o.fallback.forEach((f, k) => {
      const before = chain.indexOf(f.channel);
      if (before <= k) out.push(invalid(row, `${op}.fallback.${k}.channel`, `${f.channel} is tried earlier in the chain already`, `${f.channel} 已在前面的渠道中出现`));
    });
  });
  if (segments.size > MAX_CODES_PER_TABLE) {
    out.push(invalid(null, 'rows', `a table may name at most ${MAX_CODES_PER_TABLE} segments; this one names ${segments.size}`, `一张决策表最多可引用 ${MAX_CODES_PER_TABLE} 个客群，此表引用了 ${segments.size} 个`));
  }
  return out;
}

// -------------------------------------------------------------------------------------------------------
// Dimensions and regions

interface Space {
  dims: Dim[];
  index: Map<string, number>;
  /** One box per bucket of the domain, in the policy's order. */
  domain: Box[];
  /** Every dimension at its full set. */
  full: Box;
  bucketCodes: string[];
  segmentNames: string[];
}

function buildSpace(table: DecisionTable, domain: ValidationDomain): Space {
  const bucketCodes = domain.buckets.map((b) => b.code);
  const segmentNames = [...new Set(table.rows.flatMap((r) => r.conditions.segment ?? []))];
  const cadenced = ACTIONS.filter((a) => table.rows.some((r) => r.outputs.action === a && r.outputs.cadenceDays > 0));
  const enumDim = (key: string, names: readonly string[]): Dim => ({ key, kind: 'enum', full: interval(0, names.length - 1), names });
  const dims: Dim[] = [
    enumDim('bucket', bucketCodes),
    { key: 'dpd', kind: 'int', full: interval(0, TOP) },
    { key: 'daysToDue', kind: 'nullable', full: interval(NULL, TOP) },
    { key: 'balanceMinor', kind: 'int', full: interval(BOTTOM, TOP) },
    { key: 'riskScore', kind: 'nullable', full: interval(NULL, MAX_RISK_SCORE) },
    enumDim('segment', [...segmentNames, '(other)']),
    { key: 'daysSinceLastContact', kind: 'nullable', full: interval(NULL, TOP) },
    enumDim('lastOutcome', LAST_OUTCOMES),
    enumDim('promiseState', PROMISE_STATES),
    enumDim('planState', PLAN_STATES),
    ...REACHABLE_CHANNELS.map((c): Dim => ({ key: `reach.${c}`, kind: 'reach', full: interval(0, 1) })),
    { key: 'validationNoticeSent', kind: 'bool', full: interval(0, 1) },
    ...cadenced.map((a): Dim => ({ key: `cadence.${a}`, kind: 'cadence', full: interval(NULL, TOP) })),
  ];
  const index = new Map(dims.map((d, i) => [d.key, i]));
  const full = dims.map((d) => d.full);
  const domainBoxes = domain.buckets.map((b, i) => {
    const box = [...full];
    box[0] = interval(i, i);
    box[1] = interval(b.minDpd, b.maxDpd ?? TOP);
    // An account already overdue has no amount "due in N days": daysToDue is null for it.
    if (b.minDpd > 0) box[2] = interval(NULL, NULL);
    return box;
  });
  return { dims, index, domain: domainBoxes, full, bucketCodes, segmentNames };
}

function rangeSet(r: Range | undefined, full: IntervalSet): IntervalSet {
  return r === undefined ? full : intersect(full, interval(r.min ?? BOTTOM, r.max ?? TOP));
}

function nullableSet(r: NullableRange | undefined, full: IntervalSet): IntervalSet {
  if (r === undefined) return full;
  const nulls = r.nulls ?? 'exclude';
  const numbers = nulls === 'only' ? [] : intersect(full, interval(Math.max(r.min ?? 0, 0), r.max ?? TOP));
  return nulls === 'exclude' ? numbers : union(numbers, interval(NULL, NULL));
}

function enumSet(values: readonly string[] | undefined, names: readonly string[], full: IntervalSet): IntervalSet {
  return values === undefined ? full : pointsSet(values.map((v) => names.indexOf(v)).filter((i) => i >= 0));
}

/** The box of a row's conditions (before cadence and channels). */
function conditionsBox(c: Conditions, s: Space): Box {
  const box = s.dims.map((d) => d.full);
  const set = (key: string, v: IntervalSet) => {
    box[s.index.get(key)!] = v;
  };
  const d = (key: string) => s.dims[s.index.get(key)!]!;
  set('bucket', enumSet(c.buckets, s.bucketCodes, d('bucket').full));
  set('dpd', rangeSet(c.dpd, d('dpd').full));
  set('daysToDue', nullableSet(c.daysToDue, d('daysToDue').full));
  set('balanceMinor', rangeSet(c.balanceMinor, d('balanceMinor').full));
  set('riskScore', nullableSet(c.riskScore, d('riskScore').full));
  set('segment', enumSet(c.segment, s.segmentNames, d('segment').full));
  set('daysSinceLastContact', nullableSet(c.daysSinceLastContact, d('daysSinceLastContact').full));
  set('lastOutcome', enumSet(c.lastOutcome, LAST_OUTCOMES, d('lastOutcome').full));
  set('promiseState', enumSet(c.promiseState, PROMISE_STATES, d('promiseState').full));
  set('planState', enumSet(c.planState, PLAN_STATES, d('planState').full));
  for (const ch of c.hasChannel ?? []) set(`reach.${ch}`, interval(1, 1));
  if (c.validationNoticeSent !== undefined) set('validationNoticeSent', interval(Number(c.validationNoticeSent), Number(c.validationNoticeSent)));
  return box;
}

/**
 * Where a row fires, as disjoint boxes: its conditions, inside the domain, outside its cadence, and split by
 * which channel of its chain is the first usable one.
 */
function firingRegion(row: Row, s: Space): Box[] {
  const box = [...conditionsBox(row.conditions, s)];
  if (row.outputs.cadenceDays > 0) {
    const d = s.index.get(`cadence.${row.outputs.action}`)!;
    box[d] = union(interval(NULL, NULL), interval(row.outputs.cadenceDays, TOP));
  }
  const keys: string[] = [];
  let always = false;
  for (const e of channelChain(row)) {
    const need = reachableFor(e.channel);
    if (need === null) {
      always = true;
      break;
    }
    if (!keys.includes(need)) keys.push(need);
  }
  const pieces: Box[] = [];
  if (always) pieces.push(box);
  else {
    keys.forEach((key, k) => {
      const piece = [...box];
      for (const earlier of keys.slice(0, k)) piece[s.index.get(`reach.${earlier}`)!] = intersect(piece[s.index.get(`reach.${earlier}`)!]!, interval(0, 0));
      piece[s.index.get(`reach.${key}`)!] = intersect(piece[s.index.get(`reach.${key}`)!]!, interval(1, 1));
      pieces.push(piece);
    });
  }
  const out: Box[] = [];
  for (const d of s.domain) {
    for (const p of pieces) {
      const m = boxIntersect(p, d);
      if (m) out.push(m);
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------------------
// Describing boxes in messages

function fmtInt(lo: number, hi: number, nullWord: string): string {
  if (lo === NULL && hi === NULL) return nullWord;
  if (lo === hi) return String(lo);
  if (hi === TOP) return lo === BOTTOM ? 'any' : `≥ ${lo}`;
  if (lo === BOTTOM) return `≤ ${hi}`;
  return `${lo}–${hi}`;
}

function fmtSet(dim: Dim, set: IntervalSet, lang: 'en' | 'zh'): string {
  const parts: string[] = [];
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    if (dim.names) {
      for (let k = lo; k <= hi; k++) parts.push(dim.names[k]!);
    } else if (dim.kind === 'nullable' || dim.kind === 'cadence') {
      const nullWord = dim.kind === 'cadence' ? (lang === 'en' ? 'never' : '从未') : lang === 'en' ? 'null' : '空';
      if (lo === NULL) {
        parts.push(nullWord);
        if (hi > NULL) parts.push(fmtInt(0, hi, nullWord));
      } else parts.push(fmtInt(lo, hi, nullWord));
    } else parts.push(fmtInt(lo, hi, ''));
  }
  return parts.join(lang === 'en' ? ', ' : '、');
}

function describeDim(dim: Dim, set: IntervalSet): BilingualText {
  if (dim.kind === 'reach') {
    const ch = dim.key.slice('reach.'.length);
    return contains(set, 1) ? t(`reachable by ${ch}`, `${ch} 可用`) : t(`not reachable by ${ch}`, `${ch} 不可用`);
  }
  if (dim.kind === 'cadence') {
    const action = dim.key.slice('cadence.'.length);
    return t(`${action} last taken: ${fmtSet(dim, set, 'en')} days ago`, `${action} 上次执行：${fmtSet(dim, set, 'zh')} 天前`);
  }
  if (dim.kind === 'bool') return t(`${dim.key} = ${contains(set, 1) ? 'true' : 'false'}`, `${dim.key} = ${contains(set, 1) ? 'true' : 'false'}`);
  return t(`${dim.key} ${fmtSet(dim, set, 'en')}`, `${dim.key} ${fmtSet(dim, set, 'zh')}`);
}

/** "M1, DPD 1–7" for the bucket and DPD sets of a box. */
function where(box: Box, s: Space): BilingualText {
  const b = fmtSet(s.dims[0]!, box[0]!, 'en');
  return t(`${b}, DPD ${fmtSet(s.dims[1]!, box[1]!, 'en')}`, `${fmtSet(s.dims[0]!, box[0]!, 'zh')}，逾期天数 ${fmtSet(s.dims[1]!, box[1]!, 'zh')}`);
}

/** The other facts of a box that are narrower than the domain of its bucket, for "for example when …". */
function example(box: Box, s: Space): BilingualText | null {
  const bucket = box[0]![0]!;
  const dom = s.domain[bucket]!;
  const parts: BilingualText[] = [];
  for (let d = 2; d < s.dims.length && parts.length < 4; d++) {
    if (!sameSet(box[d]!, dom[d]!)) parts.push(describeDim(s.dims[d]!, box[d]!));
  }
  if (parts.length === 0) return null;
  return t(parts.map((p) => p.en).join(' and '), parts.map((p) => p['zh-CN']).join('，且'));
}

// -------------------------------------------------------------------------------------------------------
// Findings

function shadowedFindings(table: DecisionTable, order: number[], regions: Box[][], s: Space): Finding[] {
  const out: Finding[] = [];
  order.forEach((i, pos) => {
    const row = table.rows[i]!;
    const own = regions[i]!;
    if (own.length === 0) {
      out.push({
        kind: 'shadowed',
        rowIds: [row.id],
        message: t(
          `row ${row.id} never fires: no account of the domain meets its conditions (check its buckets against its DPD range, and its channels)`,
          `规则行 ${row.id} 永远不会命中：没有账户同时满足它的条件（请核对逾期阶段与逾期天数范围，以及渠道条件）`,
        ),
      });
      return;
    }
    const earlier = order.slice(0, pos);
    const meeting = earlier.filter((j) => regionsMeet(own, regions[j]!) !== null);
    if (meeting.length === 0) return;
    const rest = regionSubtractAll(own, meeting.flatMap((j) => regions[j]!), s.full);
    if (rest.length > 0) return;
    const ids = meeting.map((j) => table.rows[j]!.id);
    out.push({
      kind: 'shadowed',
      rowIds: [row.id, ...ids],
      message: t(
        `row ${row.id} never fires: rows ${ids.join(', ')} before it decide every account it matches`,
        `规则行 ${row.id} 永远不会命中：排在它前面的规则行 ${ids.join('、')} 已覆盖它匹配的所有账户`,
      ),
    });
  });
  return out;
}

function overlapFindings(table: DecisionTable, order: number[], regions: Box[][], s: Space): Finding[] {
  const out: Finding[] = [];
  for (let a = 0; a < order.length; a++) {
    for (let b = a + 1; b < order.length; b++) {
      const ra = table.rows[order[a]!]!;
      const rb = table.rows[order[b]!]!;
      if (ra.priority !== rb.priority) break;
      const meet = regionsMeet(regions[order[a]!]!, regions[order[b]!]!);
      if (!meet) continue;
      const w = where(meet, s);
      out.push({
        kind: 'overlap',
        rowIds: [ra.id, rb.id],
        message: t(
          `rows ${ra.id} and ${rb.id} have the same priority ${ra.priority} and both fire for some accounts (e.g. ${w.en}); only their position in the table decides: give them different priorities`,
          `规则行 ${ra.id} 与 ${rb.id} 优先级同为 ${ra.priority}，且对部分账户都会命中（如 ${w['zh-CN']}），仅由表中顺序决定：请设置不同的优先级`,
        ),
      });
    }
  }
  return out;
}

function gapFindings(regions: Box[][], s: Space): Finding[] {
  const rest = regionSubtractAll(s.domain, regions.flat(), s.full);
  const out: Finding[] = [];
  let omitted = 0;
  s.bucketCodes.forEach((code, b) => {
    let dpd: IntervalSet = [];
    for (const box of rest) if (contains(box[0]!, b)) dpd = union(dpd, box[1]!);
    for (let k = 0; k < dpd.length; k += 2) {
      if (out.length >= MAX_GAP_FINDINGS) {
        omitted++;
        continue;
      }
      const piece = interval(dpd[k]!, dpd[k + 1]!);
      const witness = rest.find((box) => contains(box[0]!, b) && intersect(box[1]!, piece).length > 0)!;
      const ex = example(witness, s);
      const range = fmtSet(s.dims[1]!, piece, 'en');
      out.push({
        kind: 'gap',
        rowIds: [],
        region: { bucket: code, dpdMin: piece[0]!, dpdMax: piece[1] === TOP ? null : piece[1]! },
        message: t(
          `${code} DPD ${range}: no row decides${ex ? ` (for example when ${ex.en})` : ''}`,
          `${code} 逾期天数 ${fmtSet(s.dims[1]!, piece, 'zh')}：没有规则行作出决策${ex ? `（例如 ${ex['zh-CN']} 时）` : ''}`,
        ),
      });
    }
  });
  if (omitted > 0) {
    out.push({ kind: 'gap', rowIds: [], message: t(`… and ${omitted} more gaps`, `……另有 ${omitted} 处空白`) });
  }
  return out;
}

/**
 * Checks a parsed table against the bucket policy. Findings come invalid first; shadowed, overlap and gap
 * findings only for a table without invalid ones.
 */
export function validateTable(table: DecisionTable, domain: ValidationDomain): Finding[] {
  const bad = invalidFindings(table, domain);
  if (bad.length > 0) return bad;
  const s = buildSpace(table, domain);
  const order = evaluationOrder(table.rows);
  try {
    const regions = table.rows.map((r) => firingRegion(r, s));
    return [...shadowedFindings(table, order, regions, s), ...overlapFindings(table, order, regions, s), ...gapFindings(regions, s)];
  } catch (err) {
    if (!(err instanceof RegionTooComplex)) throw err;
    return [
      invalid(null, 'rows', `the table is too complex to check exactly (${err.message}); split rows with many conditions`, `决策表过于复杂，无法精确校验（${err.message}）；请拆分条件较多的规则行`),
    ];
  }
}

/** The validation domain of a bucket policy. */
export function domainOf(buckets: readonly { code: string; minDpd: number; maxDpd: number | null }[]): ValidationDomain {
  return { buckets: buckets.map((b) => ({ code: b.code, minDpd: b.minDpd, maxDpd: b.maxDpd })) };
}
