/** Configuration from the environment, read once in the composition root and passed down. */
import { resolve } from 'node:path';
import { ID_KEYS_ENV, parseIdKeys, type IdKeyring } from './id-keys.ts';

export interface Config {
  databaseUrl: string | undefined;
  /** A PostgreSQL schema to work in (search_path); tests use one per run. */
  databaseSchema: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Largest JSON request body, in bytes (HTTP_BODY_LIMIT_BYTES); a larger one is answered 413. Absent: MAX_BODY_BYTES. */
  bodyLimitBytes?: number;
  /** Largest CSV file for POST /api/v1/imports, in bytes (IMPORT_LIMIT_BYTES); absent: MAX_IMPORT_BYTES. */
  importLimitBytes?: number;
  /** Level of the server's JSON request log (LOG_LEVEL: fatal|error|warn|info|debug|trace|silent); unset, `serve` logs at info and the demo at warn. */
  logLevel?: LogLevel;
  /** When set (METRICS_TOKEN), /metrics answers only `Authorization: Bearer <token>`; unset, only loopback callers. */
  metricsToken?: string | undefined;
  /** Connections each process keeps to a PostgreSQL server (DATABASE_POOL_SIZE, default DEFAULT_POOL_SIZE). */
  databasePoolSize?: number;
  /** Keys sealing ID numbers at rest (FAIRDEBT_ID_KEYS, current first; see platform/id-keys.ts). */
  idKeys?: IdKeyring | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 3000;
/**
 * Default pool per process: a request of the API waits on PostgreSQL for most of its time (the session
 * lookup, then its query), so the pool, not the CPU, bounds throughput; 4 connections held the
 * balance endpoint to a third of what 16 gave (docs/benchmarks.md, API load).
 */
export const DEFAULT_POOL_SIZE = 16;
/** Default largest JSON request body: 1 MiB (the API's bodies are small; imports stream their own). */
export const MAX_BODY_BYTES = 1_048_576;
/** Default largest import file over HTTP: 256 MiB (a million payment rows is about 80 MB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** A positive whole number of bytes from the environment, or the default when unset. */
function bytesFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of bytes above 0, got '${raw}'`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got '${env.PORT}'`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    dataDir: resolve(env.DATA_DIR || '.data/pglite'),
    port,
    host: env.HOST || '127.0.0.1',
    bodyLimitBytes: bytesFrom(env, 'HTTP_BODY_LIMIT_BYTES', MAX_BODY_BYTES),
    importLimitBytes: bytesFrom(env, 'IMPORT_LIMIT_BYTES', MAX_IMPORT_BYTES),
    logLevel: logLevelFrom(env.LOG_LEVEL),
    metricsToken: env.METRICS_TOKEN || undefined,
    databasePoolSize: wholeFrom(env, 'DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 1000),
    idKeys: env[ID_KEYS_ENV] ? parseIdKeys(env[ID_KEYS_ENV]) : undefined,
  };
}

function wholeFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number ${min}–${max}, got '${raw}'`);
  return n;
}

function logLevelFrom(raw: string | undefined): LogLevel | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${raw}'`);
  return raw as LogLevel;
}
