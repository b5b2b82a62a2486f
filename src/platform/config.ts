/** Configuration from the environment, read once in the composition root and passed down. */
import { resolve } from 'node:path';

export interface Config {
  databaseUrl: string | undefined;
  /** A PostgreSQL schema to work in (search_path); tests use one per run. */
  databaseSchema: string | undefined;
  dataDir: string;
  port: number;
  host: string;
}

export const DEFAULT_PORT = 3000;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, got '${env.PORT}'`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    dataDir: resolve(env.DATA_DIR || '.data/pglite'),
    port,
    host: env.HOST || '127.0.0.1',
  };
}
