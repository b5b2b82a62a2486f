/** `fairdebt serve`: the API and web UI on one port (PORT, default 3000). */
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { buildServer, handlersFinished, type ServerExtras } from '../http/app.ts';
import { builtWebUi } from '../http/web.ts';
import type { LogLevel } from '../platform/config.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import { idKeyProblem } from '../modules/ledger/index.ts';

/** How long shutdown waits for running handlers once no connection is left. */
const SHUTDOWN_HANDLER_GRACE_MS = 10_000;

export async function startServer(app: App, io: CliIo, extras: ServerExtras = {}, defaultLogLevel: LogLevel = 'info'): Promise<{ url: string; close(): Promise<void> }> {
  // ID numbers sealed with a key this process does not hold could not be read: refuse to start.
  const keyProblem = await idKeyProblem(app.db, app.config.idKeys);
  if (keyProblem) throw new AppError('UNAVAILABLE', `FAIRDEBT_ID_KEYS: ${keyProblem}`);
  const web = extras.web ?? builtWebUi();
  // The JSON request log goes to standard output at LOG_LEVEL (default: info; the demo's console, warn).
  const server = await buildServer(app, { log: { level: app.config.logLevel ?? defaultLogLevel }, ...extras, web });
  let address: string;
  try {
    address = await server.listen({ port: app.config.port, host: app.config.host });
  } catch (err) {
    await server.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is in use by another process' : 'may not be opened by this user';
      throw invalidField('PORT', `port ${app.config.port} on ${app.config.host} ${why}; stop what uses it, or set PORT (and HOST) to another`);
    }
    throw err;
  }
  const url = address.replace('127.0.0.1', 'localhost');
  io.stdout.write(`Fairdebt is running at ${url}  (API docs: ${url}/docs)\n`);
  if (web) io.stdout.write(`  workbench: ${url}/   debtor portal: ${url}/portal\n`);
  else io.stdout.write('  the web UI is not built (node scripts/ensure-web-build.mjs builds it; `npm start` does so itself)\n');
  return {
    url,
    async close() {
      await server.close();
      // Handlers of requests whose clients left before the answer still use the database.
      await handlersFinished(server, SHUTDOWN_HANDLER_GRACE_MS);
    },
  };
}

export async function run(_args: string[], io: CliIo): Promise<number> {
  const app = await openApp();
  let s;
  try {
    s = await startServer(app, io);
  } catch (err) {
    await app.close();
    throw err;
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await s.close();
  await app.close();
  return 0;
}
