/**
 * `npm run bench -- dispatch [--messages N] [--engine pglite|pg] [--json]`: contacts per second through
 * the dispatcher (claim, re-check against the compliance gate, render, lint, send, record) over real
 * SMPP and SMTP to the local sinks, with exactly-once checked by counting references at the sinks.
 * Baseline, in the same run: the same number of messages pushed straight through the same SMPP and
 * SMTP clients with no database and no checks — the protocol's own ceiling on this machine.
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { ensureDefaultProducts, createCustomers, openAccounts } from '../src/modules/ledger/index.ts';
import { ensureDefaultTemplates, saveTemplate, dispatchDue, createSmppProvider, createSmtpProvider, DEFAULT_LENDER, type OutboundMessage, type ChannelProvider } from '../src/modules/contacts/index.ts';
import { startSinks } from '../src/sinks/index.ts';
import { loadPacks } from '../src/jobs/dispatch.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const AT = '2026-04-02T01:00:00.000Z';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { messages: { type: 'string', default: '20000' }, engine: { type: 'string', default: 'pglite' }, json: { type: 'boolean', default: false } } });
  const n = Number(values.messages);
  if (!Number.isInteger(n) || n < 2) throw new Error(`--messages: expected a whole number ≥ 2, got ${values.messages}`);
  if (values.engine !== 'pg' && values.engine !== 'pglite') throw new Error(`--engine: expected pg or pglite, got ${values.engine}`);
  const say = (s: string) => { if (!values.json) process.stderr.write(`${s}\n`); };

  let schema: string | undefined;
  let db: Db;
  if (values.engine === 'pg') {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    db = await openDb({ databaseUrl: PG_URL, schema, maxConnections: 8 });
  } else db = await openDb({ memory: true });
  const sinks = await startSinks({ registeredSenders: ['106900000001'] });
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
      `INSERT INTO contacts_outbox (reference, plan_key, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                    initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
       SELECT 'fd-bench-' || a.id, 'bench|' || a.id, a.id, a.customer_id, '2026-04-01', CASE WHEN a.id % 2 = 0 THEN 'sms_reminder' ELSE 'email_reminder' END, 'reminder',
              CASE WHEN a.id % 2 = 0 THEN 'sms' ELSE 'email' END, CASE WHEN a.id % 2 = 0 THEN 'bench_sms' ELSE 'bench_email' END, 'zh-CN',
              CASE WHEN a.id % 2 = 0 THEN c.phones->>0 ELSE c.emails->>0 END, CASE WHEN a.id % 2 = 0 THEN '106900000001' ELSE 'service@fairdebt.example' END,
              'lender', $1, 0, $2, '2026-04-02T12:00:00Z', 'scheduled', upper(substr(md5(a.id::text), 1, 10)), '{"decision":"allow"}', $2
       FROM accounts a JOIN customers c ON c.id = a.customer_id`,
      [DEFAULT_LENDER.id, AT],
    );
    say(`${n} customers, accounts and planned contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const sms = createSmppProvider({ host: '127.0.0.1', port: sinks.smpp.port, systemId: 'fairdebt', password: 'sinkpass', windowSize: 256 });
    await sms.ready();
    const email = createSmtpProvider({ host: '127.0.0.1', port: sinks.smtp.port });
    const packs = await loadPacks({ db });

    // Baseline: the same number of messages straight through the clients.
    t = performance.now();
    await sendRaw(sms, email, n);
    const baselineSeconds = (performance.now() - t) / 1000;
    const baselineCount = sinks.smpp.messages().length + sinks.smtp.messages().length;
    say(`baseline: ${n} messages straight through SMPP/SMTP in ${baselineSeconds.toFixed(2)} s`);

    t = performance.now();
    const summary = await dispatchDue({ db, clock: fixedClock(AT), providers: { sms, email }, packs, lender: DEFAULT_LENDER });
    const seconds = (performance.now() - t) / 1000;
    const refs = [...sinks.smpp.messages().map((m) => m.reference), ...sinks.smtp.messages().map((m) => m.reference)].filter((r) => r?.startsWith('fd-bench-'));
    const exactlyOnce = refs.length === n && new Set(refs).size === n && summary.sent === n;
    await sms.close();
    await email.close();
    const out = {
      engine: values.engine, messages: n, seconds: round(seconds), messagesPerSecond: Math.round(n / seconds),
      baselineSeconds: round(baselineSeconds), baselineMessagesPerSecond: Math.round(n / baselineSeconds), ratioToBaseline: round(seconds / baselineSeconds),
      exactlyOnce, receivedAtSinks: refs.length, baselineReceived: baselineCount, summary,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else say(`dispatch: ${n} contacts in ${out.seconds} s = ${out.messagesPerSecond}/s (baseline ${out.baselineMessagesPerSecond}/s, ratio ${out.ratioToBaseline}×); exactly once at the sinks: ${exactlyOnce}`);
  } finally {
    await sinks.close();
    await db.close();
    if (schema) {
      const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  }
}

async function sendRaw(sms: ChannelProvider, email: ChannelProvider, n: number): Promise<void> {
  const msgs: OutboundMessage[] = Array.from({ length: n }, (_, i) => ({
    reference: `raw-${i}`, channel: i % 2 === 0 ? 'sms' : 'email', to: i % 2 === 0 ? `+86138${String(10000000 + i)}` : `raw${i}@example.cn`,
    from: i % 2 === 0 ? '106900000001' : 'service@fairdebt.example', language: 'zh-CN', subject: '还款提醒',
    text: '【公平信贷示范机构】客户您好，您的账单应还¥1,000.00，2026-04-15到期。验证码ABCDE-FGHJK。回复TD退订', verifyCode: 'ABCDEFGHJK', customerId: `B${i}`, accountRef: `BA${i}`, at: AT,
  }));
  for (let i = 0; i < n; i += 200) await Promise.all(msgs.slice(i, i + 200).map((m) => (m.channel === 'sms' ? sms : email).send(m)));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
