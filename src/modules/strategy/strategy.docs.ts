/**
 * Renders a decision table as the Markdown rows docs/strategy.md shows, so the documentation's ladders
 * can be checked against the shipped tables (strategy.docs.test.ts) instead of drifting from them.
 */
import type { NullableRange, Range, Row } from './strategy.types.ts';

function range(r: Range | NullableRange | undefined, unit: string): string | null {
  if (r === undefined) return null;
  const nulls = 'nulls' in r ? r.nulls ?? 'exclude' : 'exclude';
  if (nulls === 'only') return `${unit} null`;
  let text: string;
  if (r.min !== undefined && r.max !== undefined) text = r.min === r.max ? `${unit} ${r.min}` : `${unit} ${r.min}–${r.max}`;
  else if (r.min !== undefined) text = `${unit} ≥ ${r.min}`;
  else if (r.max !== undefined) text = `${unit} ≤ ${r.max}`;
  else text = `${unit} any`;
  return nulls === 'include' ? `${text} or null` : text;
}

/** The conditions of a row in a few words, `·`-separated; "any" when it has none. */
export function conditionsText(row: Row): string {
  const c = row.conditions;
  const parts = [
    c.buckets && c.buckets.join(', '),
    range(c.dpd, 'DPD'),
    range(c.daysToDue, 'daysToDue'),
    range(c.balanceMinor, 'balanceMinor'),
    range(c.riskScore, 'riskScore'),
    c.segment && `segment ${c.segment.join(', ')}`,
    range(c.daysSinceLastContact, 'daysSinceLastContact'),
    c.lastOutcome && `lastOutcome ${c.lastOutcome.join(', ')}`,
    c.promiseState && `promiseState ${c.promiseState.join(', ')}`,
    c.planState && `planState ${c.planState.join(', ')}`,
    c.hasChannel && `hasChannel ${c.hasChannel.join(', ')}`,
    c.validationNoticeSent !== undefined && `validationNoticeSent ${c.validationNoticeSent}`,
  ].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length ? parts.join(' · ') : 'any';
}

/** One Markdown table row: id, priority, conditions, action, channel (→ fallbacks), templates, cadence, queue priority. */
export function markdownRow(row: Row): string {
  const o = row.outputs;
  const channels = [o.channel, ...o.fallback.map((f) => f.channel)].join(' → ');
  const action = o.legallyRequired ? `${o.action} (legally required)` : o.action;
  const templates = [o.template, ...o.fallback.map((f) => f.template)].filter((t): t is string => !!t).join(' → ') || '—';
  return `| \`${row.id}\` | ${row.priority} | ${conditionsText(row)} | ${action} | ${channels} | ${templates} | ${o.cadenceDays || '—'} | ${o.priority} |`;
}
