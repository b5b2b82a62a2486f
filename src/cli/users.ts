/**
 * `fairdebt users …`: the people who sign in to the workbench (and agency users). The password comes
 * from the environment variable FAIRDEBT_PASSWORD or the first line of standard input, never from an
 * argument (arguments end up in shell history and process lists).
 *
 *   fairdebt users add ID --name NAME --roles R1,R2 [--agency AGENCY] --key K [--json]
 *   fairdebt users list [--agency AGENCY] [--json]
 *   fairdebt users passwd ID --key K
 *   fairdebt users roles ID --roles R1,R2 --key K
 *   fairdebt users deactivate|activate ID --key K
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { invalidField } from '../platform/errors.ts';
import { changeUser, createUser, listUsers } from '../modules/identity/index.ts';

const USAGE = `usage: fairdebt users add ID --name NAME --roles R1,R2 [--agency AGENCY] --key K [--json]
       fairdebt users list [--agency AGENCY] [--json]
       fairdebt users passwd ID --key K
       fairdebt users roles ID --roles R1,R2 --key K
       fairdebt users deactivate|activate ID --key K
  The password is read from FAIRDEBT_PASSWORD or the first line of standard input.
  Roles: collector, supervisor, strategy_manager, compliance_officer, legal, auditor, admin, agency_agent, agency_admin
`;

async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = process.env['FAIRDEBT_PASSWORD'];
  if (fromEnv) return fromEnv;
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw invalidField('password', 'give it in FAIRDEBT_PASSWORD or on the first line of standard input');
  return line;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['add', 'list', 'passwd', 'roles', 'deactivate', 'activate'].includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { name: { type: 'string' }, roles: { type: 'string' }, agency: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const id = positionals[0];
  if (sub !== 'list' && (!id || positionals.length > 1)) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (sub !== 'list' && !v.key) throw invalidField('key', 'an idempotency key is required (--key)');
  const roles = v.roles?.split(',').map((r) => r.trim()).filter(Boolean);
  const password = sub === 'add' || sub === 'passwd' ? await readPassword(io) : undefined;
  const app = await openApp();
  try {
    const opts = { actor: 'cli', idempotencyKey: `cli-users-${sub}:${v.key}` };
    if (sub === 'list') {
      const users = await listUsers(app.db, { agencyId: v.agency });
      io.stdout.write(v.json ? `${JSON.stringify(users)}\n` : users.map((u) => `${u.id}\t${u.displayName}\t${u.roles.join(',')}${u.agencyId ? `\tagency ${u.agencyId}` : ''}${u.active ? '' : '\tinactive'}`).join('\n') + (users.length ? '\n' : 'no users\n'));
      return 0;
    }
    const user = sub === 'add'
      ? await createUser(app.db, app.clock, { id, displayName: v.name, roles, ...(v.agency ? { agencyId: v.agency } : {}), password }, opts)
      : await changeUser(app.db, app.clock, id!, sub === 'passwd' ? { password } : sub === 'roles' ? { roles } : { active: sub === 'activate' }, opts);
    io.stdout.write(v.json ? `${JSON.stringify(user)}\n` : `${user.id}\t${user.displayName}\t${user.roles.join(',')}${user.active ? '' : '\tinactive'}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
