/**
 * The strategy screens' pure parts: where a validation finding or a refused field belongs in the
 * editor's grid, what changed between two versions of a table, why an experiment stopped, and the
 * figures of a what-if comparison. No React here, so test/web/strategy-model.test.ts tests them as tables.
 */
import type { Finding, Simulation, TableRow } from '../../../shared/api/strategy.ts';

export type Bilingual = { 'zh-CN': string; en: string };

/** The editor's cells a finding can point at. `more` is any condition not in a column of its own. */
export type Cell = 'id' | 'priority' | 'description' | 'buckets' | 'dpd' | 'more' | 'action' | 'channel' | 'template' | 'queuePriority' | 'fallback' | 'cadenceDays' | 'legallyRequired';

export interface RowProblems {
  messages: Bilingual[];
  cells: Set<Cell>;
}

export interface Placed {
  /** By row index in the grid (the order the table was sent in). */
  rows: Map<number, RowProblems>;
  /** Findings about the whole table: gaps, the code, the description, the number of rows. */
  table: Bilingual[];
}

const same = (text: string): Bilingual => ({ 'zh-CN': text, en: text });

/** The cell a path inside one row names (`outputs.channel`, `conditions.dpd.min`, `id`). */
export function cellOf(rest: string[]): Cell | null {
  const [head, field] = rest;
  if (head === 'id' || head === 'priority' || head === 'description') return head;
  if (head === 'conditions') {
    if (field === 'buckets' || field === 'dpd') return field;
    return 'more';
  }
  if (head === 'outputs') {
    if (field === 'priority') return 'queuePriority';
    if (field === 'action' || field === 'channel' || field === 'template' || field === 'fallback' || field === 'cadenceDays' || field === 'legallyRequired') return field;
    return 'action';
  }
  return null;
}

/** `body.table.rows.3.outputs.channel` → the row index and the rest of the path (without the prefixes). */
export function rowPath(path: string): { index: number; rest: string[] } | null {
  const parts = path.split('.');
  while (parts[0] === 'body' || parts[0] === 'table') parts.shift();
  if (parts[0] !== 'rows' || parts.length < 2) return null;
  const index = Number(parts[1]);
  if (!Number.isInteger(index) || index < 0) return null;
  return { index, rest: parts.slice(2) };
}

function add(placed: Placed, index: number, message: Bilingual, cell: Cell | null): void {
  const p = placed.rows.get(index) ?? { messages: [], cells: new Set<Cell>() };
  if (!p.messages.some((m) => m.en === message.en)) p.messages.push(message);
  if (cell) p.cells.add(cell);
  placed.rows.set(index, p);
}

/**
 * Places the validator's findings: a finding naming a field (`rows.3.conditions.dpd`) goes on that row
 * and cell; one naming rows by id (overlaps, shadowed rows) on each of those rows; the rest (gaps) on the
 * table. Issues of a refused request (zod's paths, the message as the server wrote it) are placed the same way.
 */
export function placeFindings(rows: ReadonlyArray<Pick<TableRow, 'id'>>, findings: readonly Finding[], issues: ReadonlyArray<{ path: string; message: string }> = []): Placed {
  const placed: Placed = { rows: new Map(), table: [] };
  for (const f of findings) {
    const at = f.field ? rowPath(f.field) : null;
    if (at && at.index < rows.length) {
      add(placed, at.index, f.message, cellOf(at.rest));
      continue;
    }
    const indices = f.rowIds.flatMap((id) => rows.flatMap((r, i) => (r.id === id ? [i] : [])));
    if (indices.length === 0) placed.table.push(f.message);
    for (const i of indices) add(placed, i, f.message, f.kind === 'invalid' && f.field === undefined ? 'id' : null);
  }
  for (const issue of issues) {
    const at = rowPath(issue.path);
    const text = same(`${issue.path.replace(/^body\.(table\.)?/, '')}: ${issue.message}`);
    if (at && at.index < rows.length) add(placed, at.index, text, cellOf(at.rest));
    else placed.table.push(text);
  }
  return placed;
}

/** A row with the server's defaults filled in, so that a left-out default and the default itself compare equal. */
export function normalRow(r: TableRow): TableRow {
  return {
    ...r,
    description: r.description ?? undefined,
    conditions: r.conditions ?? {},
    outputs: { ...r.outputs, template: r.outputs.template ?? null, fallback: r.outputs.fallback ?? [], cadenceDays: r.outputs.cadenceDays ?? 0, legallyRequired: r.outputs.legallyRequired ?? false },
  };
}

/** JSON with object keys sorted, so key order never counts as a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** The fields of a row, flattened one level under conditions and outputs (`conditions.dpd`, `outputs.action`). */
function fieldsOf(r: TableRow): Map<string, string> {
  const n = normalRow(r);
  const out = new Map<string, string>();
  out.set('priority', canonical(n.priority));
  out.set('description', canonical(n.description ?? ''));
  for (const [k, v] of Object.entries(n.conditions ?? {})) if (v !== undefined) out.set(`conditions.${k}`, canonical(v));
  for (const [k, v] of Object.entries(n.outputs)) out.set(`outputs.${k}`, canonical(v));
  return out;
}

export interface RowDiff {
  added: string[];
  removed: string[];
  changed: Array<{ id: string; fields: string[] }>;
  /** Rows whose place in the table changed (same id, other neighbours before them). */
  moved: string[];
}

/** What changed from one version's rows to another's, by row id. */
export function diffRows(from: readonly TableRow[], to: readonly TableRow[]): RowDiff {
  const before = new Map(from.map((r) => [r.id, r]));
  const after = new Map(to.map((r) => [r.id, r]));
  const added = to.filter((r) => !before.has(r.id)).map((r) => r.id);
  const removed = from.filter((r) => !after.has(r.id)).map((r) => r.id);
  const changed: RowDiff['changed'] = [];
  for (const r of to) {
    const old = before.get(r.id);
    if (!old) continue;
    const a = fieldsOf(old);
    const b = fieldsOf(r);
    const fields = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    if (fields.length > 0) changed.push({ id: r.id, fields });
  }
  const keptBefore = from.map((r) => r.id).filter((id) => after.has(id));
  const keptAfter = to.map((r) => r.id).filter((id) => before.has(id));
  const moved = keptAfter.filter((id, i) => keptBefore[i] !== id);
  return { added, removed, changed, moved };
}

export interface ManualStop {
  kind: 'manual';
  reason: string;
  actor: string;
}
export interface GuardrailStop {
  kind: 'guardrail';
  businessDate: string;
  reasons: Array<{ arm: string; rule: string; kind: string; metric: string; value: number; threshold: number; message: Bilingual }>;
}

/** An experiment's stop reason as the server stores it (stopped by hand, or by its guardrails); null otherwise. */
export function stopReasonOf(x: unknown): ManualStop | GuardrailStop | null {
  if (!x || typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  if (o['kind'] === 'manual' && typeof o['reason'] === 'string') return { kind: 'manual', reason: o['reason'], actor: typeof o['actor'] === 'string' ? o['actor'] : '' };
  if (o['kind'] === 'guardrail' && Array.isArray(o['reasons'])) {
    const reasons = (o['reasons'] as unknown[]).filter((r): r is GuardrailStop['reasons'][number] => {
      const v = r as Record<string, unknown> | null;
      return !!v && typeof v['metric'] === 'string' && typeof v['value'] === 'number' && typeof v['threshold'] === 'number' && !!v['message'];
    });
    return { kind: 'guardrail', businessDate: typeof o['businessDate'] === 'string' ? o['businessDate'] : '', reasons };
  }
  return null;
}

/** One line of the what-if comparison: a figure of the draft and of the table in force (null when there is none). */
export interface Figure {
  group: 'total' | 'action' | 'channel' | 'gate' | 'blockedByRule';
  key: string;
  draft: number;
  inForce: number | null;
}

/** The figures of a what-if comparison, every key of either side, in the order of `actions` and `channels`. */
export function whatIfFigures(draft: Simulation, inForce: Simulation | null, actions: readonly string[], channels: readonly string[]): Figure[] {
  const num = (v: number | undefined) => v ?? 0;
  const out: Figure[] = [];
  for (const k of ['accounts', 'decided', 'undecided'] as const) out.push({ group: 'total', key: k, draft: draft[k], inForce: inForce ? inForce[k] : null });
  const rec = <T extends object>(o: T | undefined) => (o ?? {}) as Record<string, number | undefined>;
  for (const a of actions) {
    const d = rec(draft.byAction)[a];
    const f = inForce ? rec(inForce.byAction)[a] : undefined;
    if (d !== undefined || f !== undefined) out.push({ group: 'action', key: a, draft: num(d), inForce: inForce ? num(f) : null });
  }
  for (const c of channels) {
    const d = rec(draft.byChannel)[c];
    const f = inForce ? rec(inForce.byChannel)[c] : undefined;
    if (d !== undefined || f !== undefined) out.push({ group: 'channel', key: c, draft: num(d), inForce: inForce ? num(f) : null });
  }
  if (draft.gate || inForce?.gate) {
    for (const k of ['checked', 'allowed', 'rescuedByFallback', 'blocked'] as const) {
      out.push({ group: 'gate', key: k, draft: num(draft.gate?.[k]), inForce: inForce ? num(inForce.gate?.[k]) : null });
    }
    const rules = [...new Set([...Object.keys(draft.gate?.blockedByRule ?? {}), ...Object.keys(inForce?.gate?.blockedByRule ?? {})])].sort();
    for (const r of rules) out.push({ group: 'blockedByRule', key: r, draft: num(draft.gate?.blockedByRule[r]), inForce: inForce ? num(inForce.gate?.blockedByRule[r]) : null });
  }
  return out;
}

/** Basis points as a percentage for a form (2,500 → 25) and back (25.5 → 2,550). */
export const bpToPercent = (bp: number) => bp / 100;
export const percentToBp = (pct: number) => Math.round(pct * 100);
