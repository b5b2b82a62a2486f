/**
 * `fairdebt sinks [--smpp-port N] [--smtp-port N] [--http-port N] [--host H] [--sender X …]
 * [--system-id ID] [--password P] [--bind-rate N] [--json]`: starts the local SMSC (SMPP) and mail
 * (SMTP) sinks and a small HTTP server showing what they hold (`/dev/mailbox`, `/dev/sinks/*`), and
 * runs until SIGINT or SIGTERM. `--bind-rate N` gives each SMPP bind N messages a second, as an
 * aggregator's contract does: answers beyond it are held back. With --json it prints one line
 * `{"smppPort","smtpPort","httpPort"}` once all three listen,
 * so that a script can start it with port 0 and read the ports it got.
 */
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import type { CliIo } from './io.ts';
import { invalidField } from '../platform/errors.ts';
import { buildSinkServer, startSinks, DEFAULT_SINK_PASSWORD, DEFAULT_SINK_SENDERS, DEFAULT_SINK_SYSTEM_ID } from '../sinks/index.ts';

/** The usual SMPP port. */
export const DEFAULT_SMPP_PORT = 2775;
/** The usual unprivileged SMTP port for development. */
export const DEFAULT_SMTP_PORT = 2525;
export const DEFAULT_SINK_HTTP_PORT = 3025;

function port(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw invalidField(field, `expected a port number 0–65535 (0 picks a free port), got '${value}'`);
  return n;
}

/** A port already taken becomes an error about the options, since choosing another is the remedy. */
function portInUse(err: unknown): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return err;
  return invalidField('ports', `${(err as Error).message}; choose others with --smpp-port, --smtp-port, --http-port (0 picks a free port)`);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'smpp-port': { type: 'string' },
        'smtp-port': { type: 'string' },
        'http-port': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        sender: { type: 'string', multiple: true },
        'system-id': { type: 'string' },
        password: { type: 'string' },
        'bind-rate': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw invalidField('arguments', (err as Error).message);
  }
  const smppPort = port(values['smpp-port'], 'smpp-port', DEFAULT_SMPP_PORT);
  const smtpPort = port(values['smtp-port'], 'smtp-port', DEFAULT_SMTP_PORT);
  const httpPort = port(values['http-port'], 'http-port', DEFAULT_SINK_HTTP_PORT);
  const systemId = values['system-id'] ?? DEFAULT_SINK_SYSTEM_ID;
  const password = values.password ?? DEFAULT_SINK_PASSWORD;
  const senders = values.sender?.length ? values.sender : DEFAULT_SINK_SENDERS;
  const bindRate = values['bind-rate'] === undefined ? undefined : Number(values['bind-rate']);
  if (bindRate !== undefined && !(/^\d+$/.test(values['bind-rate']!) && bindRate >= 1 && bindRate <= 100_000)) {
    throw invalidField('bind-rate', `expected messages a second per bind, a whole number 1–100000, got '${values['bind-rate']}'`);
  }

  let sinks;
  try {
    sinks = await startSinks({ smppPort, smtpPort, host: values.host, registeredSenders: senders, systemId, password, ...(bindRate ? { bindRate } : {}) });
  } catch (err) {
    throw portInUse(err);
  }
  let server;
  try {
    server = await buildSinkServer(sinks);
    await server.listen({ port: httpPort, host: values.host });
  } catch (err) {
    await sinks.close();
    throw portInUse(err);
  }
  const ports = { smppPort: sinks.smpp.port, smtpPort: sinks.smtp.port, httpPort: (server.server.address() as AddressInfo).port };
  if (values.json) {
    io.stdout.write(`${JSON.stringify(ports)}\n`);
  } else {
    const web = `http://${values.host === '0.0.0.0' ? 'localhost' : values.host}:${ports.httpPort}`;
    io.stdout.write(
      [
        'Fairdebt sinks are running (messages are kept in memory, nothing is really sent):',
        `  SMPP  ${values.host}:${ports.smppPort}  system_id '${systemId}', senders ${senders.join(', ')}`,
        `  SMTP  ${values.host}:${ports.smtpPort}  no TLS, no authentication`,
        `  Mailbox ${web}/dev/mailbox   JSON ${web}/dev/sinks/sms, ${web}/dev/sinks/mail`,
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await sinks.close();
  return 0;
}
