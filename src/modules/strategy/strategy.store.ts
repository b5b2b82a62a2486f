/** Queries on the strategy module's own tables: strategy_tables and experiments. */
import type { Db } from '../../platform/db.ts';
import type { DecisionTable, Finding, Guardrail, StrategyJurisdiction } from './strategy.types.ts';

export type TableStatus = 'draft' | 'published' | 'retired';
export type ExperimentStatus = 'running' | 'stopped' | 'completed';

export interface TableVersion {
  code: string;
  version: number;
  jurisdiction: StrategyJurisdiction;
  status: TableStatus;
  table: DecisionTable;
  findings: Finding[];
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  retiredAt: string | null;
}

interface TableRow {
  code: string;
  version: number;
  jurisdiction: StrategyJurisdiction;
  status: TableStatus;
  decision_table: DecisionTable;
  findings: Finding[];
  created_at: string;
  created_by: string;
  published_at: string | null;
  published_by: string | null;
  retired_at: string | null;
}

const TABLE_COLUMNS = 'code, version, jurisdiction, status, decision_table, findings, created_at, created_by, published_at, published_by, retired_at';

const toVersion = (r: TableRow): TableVersion => ({
  code: r.code,
  version: r.version,
  jurisdiction: r.jurisdiction,
  status: r.status,
  table: r.decision_table,
  findings: r.findings,
  createdAt: r.created_at,
  createdBy: r.created_by,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  retiredAt: r.retired_at,
});

/**
 * Serialises writers of one table code within the caller's transaction: version numbers are max + 1, and
 * publishing reads then flips statuses.
 */
export async function lockTableCode(tx: Db, code: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('strategy_tables:' || $1))", [code]);
}

export async function insertTableVersion(
  tx: Db,
  v: { code: string; jurisdiction: string; status: TableStatus; table: DecisionTable; findings: Finding[]; now: string; actor: string },
): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    `INSERT INTO strategy_tables (code, version, jurisdiction, status, decision_table, findings, created_at, created_by, published_at, published_by)
     SELECT $1, COALESCE(max(version), 0) + 1, $2, $3, $4::jsonb, $5::jsonb, $6, $7,
            CASE WHEN $3 = 'published' THEN $6::timestamptz END, CASE WHEN $3 = 'published' THEN $7 END
     FROM strategy_tables WHERE code = $1
     RETURNING version`,
    [v.code, v.jurisdiction, v.status, JSON.stringify(v.table), JSON.stringify(v.findings), v.now, v.actor],
  );
  return row!.version;
}

export async function getTableVersion(db: Db, code: string, version: number): Promise<TableVersion | null> {
  const [r] = await db.query<TableRow>(`SELECT ${TABLE_COLUMNS} FROM strategy_tables WHERE code = $1 AND version = $2`, [code, version]);
  return r ? toVersion(r) : null;
}

/** Every version of one table, newest first. */
export async function listTableVersions(db: Db, code: string): Promise<TableVersion[]> {
  const rows = await db.query<TableRow>(`SELECT ${TABLE_COLUMNS} FROM strategy_tables WHERE code = $1 ORDER BY version DESC`, [code]);
  return rows.map(toVersion);
}

/** Every version of every table, by code then newest first. */
export async function listAllTableVersions(db: Db): Promise<TableVersion[]> {
  const rows = await db.query<TableRow>(`SELECT ${TABLE_COLUMNS} FROM strategy_tables ORDER BY code, version DESC`);
  return rows.map(toVersion);
}

export async function publishedVersions(db: Db): Promise<TableVersion[]> {
  const rows = await db.query<TableRow>(`SELECT ${TABLE_COLUMNS} FROM strategy_tables WHERE status = 'published' ORDER BY jurisdiction`);
  return rows.map(toVersion);
}

export async function publishedFor(db: Db, where: { code?: string; jurisdiction?: string }): Promise<TableVersion | null> {
  const [r] = await db.query<TableRow>(
    `SELECT ${TABLE_COLUMNS} FROM strategy_tables WHERE status = 'published' AND ($1::text IS NULL OR code = $1) AND ($2::text IS NULL OR jurisdiction = $2)`,
    [where.code ?? null, where.jurisdiction ?? null],
  );
  return r ? toVersion(r) : null;
}

export async function countTableVersions(db: Db, code: string): Promise<number> {
  const [r] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM strategy_tables WHERE code = $1', [code]);
  return r!.n;
}

export async function retireVersion(tx: Db, code: string, version: number, now: string): Promise<void> {
  await tx.query(`UPDATE strategy_tables SET status = 'retired', retired_at = $3 WHERE code = $1 AND version = $2`, [code, version, now]);
}

export async function markPublished(tx: Db, code: string, version: number, findings: Finding[], now: string, actor: string): Promise<void> {
  await tx.query(
    `UPDATE strategy_tables SET status = 'published', findings = $3::jsonb, published_at = $4, published_by = $5 WHERE code = $1 AND version = $2`,
    [code, version, JSON.stringify(findings), now, actor],
  );
}

export async function saveFindings(tx: Db, code: string, version: number, findings: Finding[]): Promise<void> {
  await tx.query('UPDATE strategy_tables SET findings = $3::jsonb WHERE code = $1 AND version = $2', [code, version, JSON.stringify(findings)]);
}

// -------------------------------------------------------------------------------------------------------
// Experiments

export interface ExperimentRecord {
  code: string;
  tableCode: string;
  championVersion: number;
  challengerVersion: number;
  holdoutBp: number;
  challengerBp: number;
  guardrails: Guardrail[];
  status: ExperimentStatus;
  startedOn: string;
  stoppedOn: string | null;
  stopReason: unknown;
  createdAt: string;
  createdBy: string;
}

interface ExperimentRow {
  code: string;
  table_code: string;
  champion_version: number;
  challenger_version: number;
  holdout_bp: number;
  challenger_bp: number;
  guardrails: Guardrail[];
  status: ExperimentStatus;
  started_on: string;
  stopped_on: string | null;
  stop_reason: unknown;
  created_at: string;
  created_by: string;
}

const toExperiment = (r: ExperimentRow): ExperimentRecord => ({
  code: r.code,
  tableCode: r.table_code,
  championVersion: r.champion_version,
  challengerVersion: r.challenger_version,
  holdoutBp: r.holdout_bp,
  challengerBp: r.challenger_bp,
  guardrails: r.guardrails,
  status: r.status,
  startedOn: r.started_on,
  stoppedOn: r.stopped_on,
  stopReason: r.stop_reason,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const EXPERIMENT_COLUMNS =
  'code, table_code, champion_version, challenger_version, holdout_bp, challenger_bp, guardrails, status, started_on, stopped_on, stop_reason, created_at, created_by';

export async function insertExperiment(tx: Db, x: Omit<ExperimentRecord, 'status' | 'stoppedOn' | 'stopReason'>): Promise<void> {
  await tx.query(
    `INSERT INTO experiments (code, table_code, champion_version, challenger_version, holdout_bp, challenger_bp, guardrails, status, started_on, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'running', $8, $9, $10)`,
    [x.code, x.tableCode, x.championVersion, x.challengerVersion, x.holdoutBp, x.challengerBp, JSON.stringify(x.guardrails), x.startedOn, x.createdAt, x.createdBy],
  );
}

export async function getExperiment(db: Db, code: string, opts: { forUpdate?: boolean } = {}): Promise<ExperimentRecord | null> {
  const [r] = await db.query<ExperimentRow>(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE code = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [code]);
  return r ? toExperiment(r) : null;
}

export async function listExperiments(db: Db, opts: { status?: ExperimentStatus } = {}): Promise<ExperimentRecord[]> {
  const rows = await db.query<ExperimentRow>(
    `SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE ($1::text IS NULL OR status = $1) ORDER BY started_on DESC, code`,
    [opts.status ?? null],
  );
  return rows.map(toExperiment);
}

export async function runningExperimentFor(db: Db, tableCode: string): Promise<ExperimentRecord | null> {
  const [r] = await db.query<ExperimentRow>(`SELECT ${EXPERIMENT_COLUMNS} FROM experiments WHERE table_code = $1 AND status = 'running'`, [tableCode]);
  return r ? toExperiment(r) : null;
}

export async function markExperimentStopped(tx: Db, code: string, status: 'stopped' | 'completed', stoppedOn: string, reason: unknown): Promise<void> {
  await tx.query('UPDATE experiments SET status = $2, stopped_on = $3, stop_reason = $4::jsonb WHERE code = $1', [code, status, stoppedOn, JSON.stringify(reason)]);
}
