/**
 * `npm run bench -- dispatch [--messages N] [--engine pglite|pg] [--mix both|sms|email] [--json]`:
 * contacts per second through the dispatcher (claim, re-check against the compliance gate, render,
 * lint, send, record) over real SMPP and SMTP to the local sinks, which run in a process of their own
 * (`fairdebt sinks`), as a provider would; exactly-once is checked by counting references at the sinks.
 * Baseline, in the same run: the same number of messages pushed straight through the same SMPP and
 * SMTP clients with no database and no checks — the protocols' own ceiling on this machine.
 *
 * `npm run bench -- dispatch --workers 1,2,4 [--messages N] [--mix …] [--bind-rate N] [--json]` (PostgreSQL): the same
 * contacts dispatched by that many `fairdebt worker --jobs dispatch` processes at once, each count on
 * a fresh schema; messages per second from the first message at the sinks to the last, and the ratio
 * to one worker. `--bind-rate N`: the SMSC sink gives each SMPP bind (one per worker) N messages a
 * second, as an aggregator's contract does — the bound that more workers (more binds) lift. The
 * workers are started and running before the contacts fall due; then one wake-up
 * job per worker is queued, as the cycle does after planning.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { ensureDefaultProducts, createCustomers, openAccounts } from '../src/modules/ledger/index.ts';
import { ensureDefaultTemplates, saveTemplate, dispatchDue, DISPATCH_BATCH_SIZE, createSmppProvider, createSmtpProvider, DEFAULT_LENDER, type OutboundMessage, type ChannelProvider } from '../src/modules/contacts/index.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { availableParallelism } from 'node:os';
import { loadPacks, DISPATCH_QUEUE } from '../src/jobs/dispatch.ts';
import PgBoss from 'pg-boss';
import { loadDispatchPortfolio, DISPATCH_LOAD_AT, DISPATCH_LOAD_PREFIX } from '../test/support/dispatch-load.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AT = '2026-04-02T01:00:00.000Z';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { messages: { type: 'string', default: '20000' }, 'bind-rate': { type: 'string' }, engine: { type: 'string', default: 'pglite' }, mix: { type: 'string', default: 'both' }, workers: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!['both', 'sms', 'email'].includes(values.mix)) throw new Error(`--mix: expected both, sms or email, got ${values.mix}`);
  const channelOf = (i: number): 'sms' | 'email' => (values.mix === 'both' ? (i % 2 === 0 ? 'sms' : 'email') : (values.mix as 'sms' | 'email'));
  const n = Number(values.messages);
  if (!Number.isInteger(n) || n < 2) throw new Error(`--messages: expected a whole number ≥ 2, got ${values.messages}`);
  if (values.engine !== 'pg' && values.engine !== 'pglite') throw new Error(`--engine: expected pg or pglite, got ${values.engine}`);
  const say = (s: string) => { if (!values.json) process.stderr.write(`${s}\n`); };
  if (values.workers !== undefined) {
    const counts = values.workers.split(',').map(Number);
    if (counts.some((c) => !Number.isInteger(c) || c < 1 || c > 16)) throw new Error(`--workers: expected a comma-separated list of counts 1–16, got ${values.workers}`);
    if (values.engine !== 'pg') throw new Error('--workers: several worker processes need PostgreSQL (--engine pg); PGlite is one process');
    const bindRate = values['bind-rate'] === undefined ? undefined : Number(values['bind-rate']);
    if (bindRate !== undefined && !(Number.isInteger(bindRate) && bindRate >= 1)) throw new Error(`--bind-rate: expected SMS a second per bind, a whole number ≥ 1, got ${values['bind-rate']}`);
    await workerProcesses(counts, n, values.mix as 'both' | 'sms' | 'email', values.json, say, bindRate);
    return;
  }

  let schema: string | undefined;
  let db: Db;
  if (values.engine === 'pg') {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    db = await openDb({ databaseUrl: PG_URL, schema, maxConnections: 8 });
  } else db = await openDb({ memory: true });
  const sinks = await startSinkProcess();
  const clock = fixedClock('2026-04-01T00:00:00.000Z');
  try {
    await migrate(db);
    await ensureDefaultProducts(db, clock.now());
    await ensureDefaultTemplates(db, clock, DEFAULT_LENDER);
    for (const [language, body, subject] of [
      ['zh-CN', '【{{lender}}】{{name}}您好，您的账单应还{{amountDue}}，{{dueDate}}到期。验证码{{verifyCode}}。回复TD退订', '{{lender}}：还款提醒'],
      ['en', '{{lender}}: {{name}}, {{amountDue}} is due on {{dueDate}}. Verify code {{verifyCode}}. Reply STOP to opt out', '{{lender}}: payment reminder'],
    ] as const) {
      await saveTemplate(db, clock, { code: 'bench_sms', language, channel: 'sms', body }, { actor: 'bench', idempotencyKey: `b-sms-${language}` });
      await saveTemplate(db, clock, { code: 'bench_email', language, channel: 'email', subject, body }, { actor: 'bench', idempotencyKey: `b-mail-${language}` });
    }
    // One customer and one instalment loan per message, half reached by SMS and half by e-mail.
    let t = performance.now();
    const customers = Array.from({ length: n }, (_, i) => ({ id: `B${i}`, name: `客户${i}`, phones: [`+86 138 ${String(1000 + (i % 9000)).padStart(4, '0')} ${String(i % 10000).padStart(4, '0')}`.replace(/0000$/, '0001')], emails: [`b${i}@example.cn`], timeZone: 'Asia/Shanghai', jurisdiction: 'CN' as const, language: 'zh-CN' as const }));
    await db.transaction((tx) => createCustomers(tx, customers, clock.now()));
    await db.transaction((tx) => openAccounts(tx, customers.map((c, i) => ({ ref: `BA${i}`, customerId: c.id, productCode: 'CN_LOAN', openedOn: '2026-03-15', principalMinor: 600_000, termCount: 6, scheduleMethod: 'equal_principal' as const })), clock.now()));
    await db.query(
      `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                    initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
       SELECT 'fd-bench-' || a.id, a.id, a.customer_id, '2026-04-01', CASE WHEN m.sms THEN 'sms_reminder' ELSE 'email_reminder' END, 'reminder',
              CASE WHEN m.sms THEN 'sms' ELSE 'email' END, CASE WHEN m.sms THEN 'bench_sms' ELSE 'bench_email' END, 'zh-CN',
              CASE WHEN m.sms THEN c.phones->>0 ELSE c.emails->>0 END, CASE WHEN m.sms THEN '106900000001' ELSE 'service@fairdebt.example' END,
              'lender', $1, 0, $2, '2026-04-02T12:00:00Z', 'scheduled', upper(substr(md5(a.id::text), 1, 10)), '{"decision":"allow"}', $2
       FROM accounts a JOIN customers c ON c.id = a.customer_id
       CROSS JOIN LATERAL (SELECT CASE $3 WHEN 'sms' THEN true WHEN 'email' THEN false ELSE a.id % 2 = 0 END AS sms) m`,
      [DEFAULT_LENDER.id, AT, values.mix],
    );
    // A database in service has its statistics; a freshly loaded one gets them now.
    await db.exec('ANALYZE');
    say(`${n} customers, accounts and planned contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const sms = createSmppProvider({ host: '127.0.0.1', port: sinks.smppPort, systemId: 'fairdebt', password: 'sinkpass', windowSize: 256 });
    await sms.ready();
    const email = createSmtpProvider({ host: '127.0.0.1', port: sinks.smtpPort, maxConnections: 10 });
    const packs = await loadPacks({ db });

    // Baseline: the same number of messages straight through the clients.
    t = performance.now();
    await sendRaw(sms, email, n, channelOf);
    const baselineSeconds = (performance.now() - t) / 1000;
    const raw = await sinks.stats('raw-');
    const baselineCount = raw.sms.messages + raw.mail.messages;
    say(`baseline: ${n} messages straight through SMPP/SMTP in ${baselineSeconds.toFixed(2)} s`);

    t = performance.now();
    const summary = await dispatchDue({ db, clock: fixedClock(AT), providers: { sms, email }, packs, lender: DEFAULT_LENDER });
    const seconds = (performance.now() - t) / 1000;
    const got = await sinks.stats('fd-bench-');
    const received = got.sms.messages + got.mail.messages;
    const exactlyOnce = received === n && got.sms.distinctReferences + got.mail.distinctReferences === n && summary.sent === n;
    await sms.close();
    await email.close();
    const out = {
      engine: values.engine, mix: values.mix, messages: n, seconds: round(seconds), messagesPerSecond: Math.round(n / seconds),
      baselineSeconds: round(baselineSeconds), baselineMessagesPerSecond: Math.round(n / baselineSeconds), ratioToBaseline: round(seconds / baselineSeconds),
      exactlyOnce, receivedAtSinks: received, baselineReceived: baselineCount, summary,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else say(`dispatch: ${n} contacts in ${out.seconds} s = ${out.messagesPerSecond}/s (baseline ${out.baselineMessagesPerSecond}/s, ratio ${out.ratioToBaseline}×); exactly once at the sinks: ${exactlyOnce}`);
  } finally {
    sinks.process.kill('SIGTERM');
    await db.close();
    if (schema) {
      const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }
}

/** `fairdebt sinks` in a process of its own, on free ports; its stats endpoint counts what arrived. */
async function startSinkProcess(bindRate?: number): Promise<{ smppPort: number; smtpPort: number; httpPort: number; process: ChildProcess; stats(prefix: string): Promise<{ sms: SinkCount; mail: SinkCount }> }> {
  const root = new URL('..', import.meta.url).pathname;
  const child = spawn(process.execPath, [`${root}bin/fairdebt.mjs`, 'sinks', '--smpp-port', '0', '--smtp-port', '0', '--http-port', '0', '--sender', '106900000001', '--json', ...(bindRate ? ['--bind-rate', String(bindRate)] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the sinks exited with ${code}`)));
  });
  const ports = JSON.parse(line) as { smppPort: number; smtpPort: number; httpPort: number };
  return {
    smppPort: ports.smppPort, smtpPort: ports.smtpPort, httpPort: ports.httpPort, process: child,
    async stats(prefix) {
      const res = await fetch(`http://127.0.0.1:${ports.httpPort}/dev/sinks/stats?prefix=${encodeURIComponent(prefix)}`);
      return (await res.json()) as { sms: SinkCount; mail: SinkCount };
    },
  };
}

interface SinkCount {
  messages: number;
  distinctReferences: number;
}

async function sendRaw(sms: ChannelProvider, email: ChannelProvider, n: number, channelOf: (i: number) => 'sms' | 'email'): Promise<void> {
  const msgs: OutboundMessage[] = Array.from({ length: n }, (_, i) => ({
    reference: `raw-${i}`, channel: channelOf(i), to: channelOf(i) === 'sms' ? `+86138${String(10000000 + i)}` : `raw${i}@example.cn`,
    from: channelOf(i) === 'sms' ? '106900000001' : 'service@fairdebt.example', language: 'zh-CN', subject: '还款提醒',
    text: '【公平信贷示范机构】客户您好，您的账单应还¥1,000.00，2026-04-15到期。验证码ABCDE-FGHJK。回复TD退订', verifyCode: 'ABCDEFGHJK', customerId: `B${i}`, accountRef: `BA${i}`, at: AT,
  }));
  // In rounds of the dispatcher's batch size, as the dispatcher sends.
  for (let i = 0; i < n; i += DISPATCH_BATCH_SIZE) await Promise.all(msgs.slice(i, i + DISPATCH_BATCH_SIZE).map((m) => (m.channel === 'sms' ? sms : email).send(m)));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Worker processes against PostgreSQL: messages per second by the number of workers. */
async function workerProcesses(counts: number[], n: number, mix: 'both' | 'sms' | 'email', json: boolean, say: (s: string) => void, bindRate?: number): Promise<void> {
  const root = new URL('..', import.meta.url).pathname;
  const results: Array<{ workers: number; seconds: number; messagesPerSecond: number; received: number; exactlyOnce: boolean; sentByWorker: number[]; ratioToOne?: number }> = [];
  for (const w of counts) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const db = await openDb({ databaseUrl: PG_URL, schema, maxConnections: 2 });
    const sinks = await startSinkProcess(bindRate);
    const workers: ChildProcess[] = [];
    const lastLines: string[] = [];
    const stopAll = async () => {
      for (const c of workers) if (c.exitCode === null) c.kill('SIGTERM');
      await Promise.all(workers.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    };
    try {
      let t = performance.now();
      await loadDispatchPortfolio(db, n, mix);
      // Not yet due: the workers start (and their queue is made) first.
      await db.query(`UPDATE contacts_outbox SET scheduled_at = scheduled_at + interval '1 hour' WHERE reference LIKE $1`, [`${DISPATCH_LOAD_PREFIX}%`]);
      say(`${w} worker(s): ${n} contacts loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      const env = { ...process.env, DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, DATA_DIR: '' };
      const args = ['worker', '--jobs', 'dispatch', '--json', '--at', DISPATCH_LOAD_AT, '--sms', `127.0.0.1:${sinks.smppPort}`, '--email', `127.0.0.1:${sinks.smtpPort}`, '--sinks', `http://127.0.0.1:${sinks.httpPort}`];
      // One after another, so that two workers do not create the queue's tables at the same moment.
      for (let i = 0; i < w; i++) {
        const child = spawn(process.execPath, [`${root}bin/fairdebt.mjs`, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
        workers.push(child);
        const k = i;
        await new Promise<void>((resolve, reject) => {
          const lines = createInterface({ input: child.stdout! });
          lines.once('line', () => resolve());
          lines.on('line', (l) => (lastLines[k] = l));
          child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
        });
      }
      await db.query(`UPDATE contacts_outbox SET scheduled_at = $2 WHERE reference LIKE $1`, [`${DISPATCH_LOAD_PREFIX}%`, DISPATCH_LOAD_AT]);
      const boss = new PgBoss({ connectionString: PG_URL, schema: `${schema}_pgboss`, supervise: false, schedule: false, max: 1 });
      await boss.start();
      for (let i = 0; i < w; i++) await boss.send(DISPATCH_QUEUE, { wake: i });
      await boss.stop({ graceful: false, wait: true });
      t = performance.now();
      let first = 0;
      let got = { sms: { messages: 0, distinctReferences: 0 }, mail: { messages: 0, distinctReferences: 0 } };
      const deadline = Date.now() + 30 * 60_000;
      while (Date.now() < deadline) {
        got = await sinks.stats(DISPATCH_LOAD_PREFIX);
        const received = got.sms.messages + got.mail.messages;
        if (received > 0 && first === 0) first = performance.now();
        if (received >= n) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - first) / 1000;
      const received = got.sms.messages + got.mail.messages;
      const exactlyOnce = received === n && got.sms.distinctReferences + got.mail.distinctReferences === n;
      // Each worker's own count, from the line it prints when stopped: how the work was shared.
      await stopAll();
      const sentByWorker = lastLines.map((l) => (JSON.parse(l) as { sent?: number }).sent ?? 0);
      results.push({ workers: w, seconds: round(seconds), messagesPerSecond: Math.round(n / seconds), received, exactlyOnce, sentByWorker });
      say(`${w} worker(s): ${n} contacts in ${seconds.toFixed(2)} s after the first reached the sinks (${((first - t) / 1000).toFixed(1)} s to wake) = ${Math.round(n / seconds)}/s; sent by each worker ${sentByWorker.join(' + ')}; exactly once: ${exactlyOnce}`);
    } finally {
      await stopAll();
      sinks.process.kill('SIGTERM');
      await db.close();
      const a = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
      await a.exec(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      await a.close();
    }
  }
  const one = results.find((r) => r.workers === 1);
  for (const r of results) if (one) r.ratioToOne = round(r.messagesPerSecond / one.messagesPerSecond);
  if (json) process.stdout.write(`${JSON.stringify({ engine: 'pg', mix, messages: n, bindRate: bindRate ?? null, cores: availableParallelism(), results })}\n`);
  else {
    say(`\nworkers  seconds  messages/s  × one worker  exactly once  sent by each worker   (${availableParallelism()} cores shared by PostgreSQL, the sinks and the workers${bindRate ? `; the SMSC gives each bind ${bindRate} SMS/s` : ''})`);
    for (const r of results) say(`${String(r.workers).padStart(7)}  ${r.seconds.toFixed(2).padStart(7)}  ${String(r.messagesPerSecond).padStart(10)}  ${(r.ratioToOne ?? 0).toFixed(2).padStart(12)}  ${String(r.exactlyOnce).padEnd(12)}  ${r.sentByWorker.join(' + ')}`);
  }
}
