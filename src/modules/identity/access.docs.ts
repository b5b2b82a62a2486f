/**
 * The access table of docs/roles.md, rendered from what the routes declare: one row per route, one
 * column per role. `npm run docs:access` writes it; a test fails when the document and the server differ.
 */
import { ROLES, type RouteAccess } from '../../platform/access.ts';

export const ACCESS_TABLE_START = '<!-- access-table:start -->';
export const ACCESS_TABLE_END = '<!-- access-table:end -->';

const SHORT: Record<(typeof ROLES)[number], string> = {
  collector: 'COL', supervisor: 'SUP', strategy_manager: 'STR', compliance_officer: 'CMP', legal: 'LEG', auditor: 'AUD', admin: 'ADM',
  agency_agent: 'AGT', agency_admin: 'AGA', debtor: 'DBT',
};

export function renderAccessTable(routes: readonly RouteAccess[]): string {
  const rows = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const head = `| Route | ${ROLES.map((r) => SHORT[r]).join(' | ')} |\n|---|${ROLES.map(() => ':-:').join('|')}|`;
  const body = rows.map((r) => `| \`${r.method} ${r.url}\` | ${ROLES.map((role) => (r.access === 'public' ? 'all' : r.access.includes(role) ? '✓' : '')).join(' | ')} |`);
  return [ACCESS_TABLE_START, head, ...body, ACCESS_TABLE_END].join('\n');
}

/** The document with its access table replaced. */
export function withAccessTable(doc: string, table: string): string {
  const a = doc.indexOf(ACCESS_TABLE_START);
  const b = doc.indexOf(ACCESS_TABLE_END);
  if (a < 0 || b < a) throw new Error(`the document has no ${ACCESS_TABLE_START} … ${ACCESS_TABLE_END} block`);
  return doc.slice(0, a) + table + doc.slice(b + ACCESS_TABLE_END.length);
}

export const ROLE_ABBREVIATIONS = SHORT;
