/**
 * A database ready for dispatch: one customer and one instalment loan per message, and one planned
 * contact each (SMS, e-mail or both alternately) due at DISPATCH_LOAD_AT, with their templates. Used
 * by the graceful-shutdown test of `fairdebt worker` and the multi-process dispatch benchmark.
 */
import type { Db } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { ensureDefaultProducts, createCustomers, openAccounts } from '../../src/modules/ledger/index.ts';
import { ensureDefaultTemplates, saveTemplate, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';

export const DISPATCH_LOAD_AT = '2026-04-02T01:00:00.000Z';
/** References of the loaded contacts start with this. */
export const DISPATCH_LOAD_PREFIX = 'fd-load-';

export async function loadDispatchPortfolio(db: Db, n: number, mix: 'both' | 'sms' | 'email' = 'sms'): Promise<void> {
  const clock = fixedClock('2026-04-01T00:00:00.000Z');
  await migrate(db);
  await ensureDefaultProducts(db, clock.now());
  await ensureDefaultTemplates(db, clock, DEFAULT_LENDER);
  for (const [language, body, subject] of [
    ['zh-CN', '【{{lender}}】{{name}}您好，您的账单应还{{amountDue}}，{{dueDate}}到期。验证码{{verifyCode}}。回复TD退订', '{{lender}}：还款提醒'],
    ['en', '{{lender}}: {{name}}, {{amountDue}} is due on {{dueDate}}. Verify code {{verifyCode}}. Reply STOP to opt out', '{{lender}}: payment reminder'],
  ] as const) {
    await saveTemplate(db, clock, { code: 'load_sms', language, channel: 'sms', body }, { actor: 'load', idempotencyKey: `load-sms-${language}` });
    await saveTemplate(db, clock, { code: 'load_email', language, channel: 'email', subject, body }, { actor: 'load', idempotencyKey: `load-mail-${language}` });
  }
  const customers = Array.from({ length: n }, (_, i) => ({
    id: `LD${i}`, name: `客户${i}`, phones: [`+86 138 ${String(1000 + (i % 9000)).padStart(4, '0')} ${String(i % 10000).padStart(4, '0')}`.replace(/0000$/, '0001')],
    emails: [`ld${i}@example.cn`], timeZone: 'Asia/Shanghai', jurisdiction: 'CN' as const, language: 'zh-CN' as const,
  }));
  await db.transaction((tx) => createCustomers(tx, customers, clock.now()));
  await db.transaction((tx) => openAccounts(tx, customers.map((c, i) => ({ ref: `LDA${i}`, customerId: c.id, productCode: 'CN_LOAN', openedOn: '2026-03-15', principalMinor: 600_000, termCount: 6, scheduleMethod: 'equal_principal' as const })), clock.now()));
  await db.query(
    `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                  initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
     SELECT $4 || a.id, a.id, a.customer_id, '2026-04-01', CASE WHEN m.sms THEN 'sms_reminder' ELSE 'email_reminder' END, 'reminder',
            CASE WHEN m.sms THEN 'sms' ELSE 'email' END, CASE WHEN m.sms THEN 'load_sms' ELSE 'load_email' END, 'zh-CN',
            CASE WHEN m.sms THEN c.phones->>0 ELSE c.emails->>0 END, CASE WHEN m.sms THEN '106900000001' ELSE 'service@fairdebt.example' END,
            'lender', $1, 0, $2, '2026-04-02T12:00:00Z', 'scheduled', upper(substr(md5(a.id::text), 1, 10)), '{"decision":"allow"}', $2
     FROM accounts a JOIN customers c ON c.id = a.customer_id
     CROSS JOIN LATERAL (SELECT CASE $3 WHEN 'sms' THEN true WHEN 'email' THEN false ELSE a.id % 2 = 0 END AS sms) m
     WHERE a.ref LIKE 'LDA%'`,
    [DEFAULT_LENDER.id, DISPATCH_LOAD_AT, mix, DISPATCH_LOAD_PREFIX],
  );
  await db.exec('ANALYZE');
}
