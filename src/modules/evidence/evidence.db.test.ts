import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenario, hooks, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { memoryIo } from '../../cli/io.ts';
import { run as evidenceCli } from '../../cli/evidence.ts';
import { commitPlan, getAgreement } from '../negotiation/index.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { hashEntry } from '../../platform/audit-chain.ts';
import { assembleBundle, buildEvidenceBundle, findExport, verifyBundle } from './index.ts';
import { unzipFiles, zipFiles } from './bundle.zip.ts';
import type { App } from '../../main.ts';
import { addCallWithTranscript, TRANSCRIPT_TEXT } from './evidence.test-fixtures.ts';

const AT = '2026-03-20T03:00:00.000Z';
const clock = fixedClock(AT);
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** The App a CLI verb opens, on the scenario's database; closing it leaves the database to the test. */
const appOf = (s: Scenario) => async (): Promise<App> => ({ config: loadConfig({}), db: s.db, clock, hooks, close: async () => undefined });

/** 小李's loan in arrears, a plan with its agreement PDFs, a letter and a contact on record. */
async function accountWithRecords(): Promise<Scenario> {
  const s = await scenario();
  await s.loan('LI', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
  await s.loan('OTHER', { principalMinor: 500_000, termCount: 6, openedOn: '2026-01-15' });
  await s.at('2026-03-19');
  const plan = await commitPlan({ db: s.db, clock, hooks, lenderName: '示例消费金融' }, { accountRef: 'LI', termCount: 3, actor: 's-zhao', role: 'supervisor', reason: '收入骤减，协商分期' }, { idempotencyKey: 'ev-plan' });
  assert.equal(plan.result.status, 'active', 'the supervisor\'s plan takes effect at once, with its agreement');
  const acct = await s.account('LI');
  const pdf = new TextEncoder().encode('%PDF-1.4 催收函 letter bytes as stored');
  await s.db.query(
    `INSERT INTO letters (reference, customer_id, account_id, language, sha256, pdf, bytes, created_at) VALUES ('LTR-1', $1, $2, 'zh-CN', $3, $4, $5, $6)`,
    [acct.customerId, acct.accountId, sha(pdf), pdf, pdf.byteLength, '2026-03-01T02:00:00Z'],
  );
  await s.db.query(
    `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, contact_point, outcome, initiator_kind, initiator_id, note)
     VALUES ($1, $2, '2026-03-02T02:00:00Z', 'call', 'outbound', 'debtor', '+86 138 0000 0000', 'connected', 'lender', 'lender', '客户称下周还款')`,
    [acct.customerId, acct.accountId],
  );
  await addCallWithTranscript(s.db, acct, 1);
  return s;
}

test('an evidence bundle holds the ledger with its explanation, schedule, DPD history, contacts, letters, agreements and the account\'s audit entries with their chain proof; the same data and instant give the same bytes', async () => {
  const s = await accountWithRecords();
  try {
    const first = await assembleBundle(s.db, 'LI', AT);
    const again = await assembleBundle(s.db, 'LI', AT);
    assert.equal(again.sha256, first.sha256, 'deterministic bytes');

    const b = await buildEvidenceBundle(s.db, { accountRef: 'LI', actor: 'user:auditor-1', at: AT });
    assert.equal(b.sha256, first.sha256);
    const files = unzipFiles(b.zip);
    const paths = [...files.keys()];
    for (const p of ['manifest.json', 'manifest.sha256', 'account.json', 'ledger/statement.json', 'ledger/entries.csv', 'ledger/breakdown.csv', 'ledger/charges.csv', 'schedule/due-items.json', 'schedule/due-items.csv', 'delinquency/history.json', 'contacts/planned.json', 'contacts/history.json', 'letters/LTR-1-zh-CN.pdf', 'agreements/1-zh-CN.pdf', 'agreements/1-en.pdf', 'calls/records.json', 'disputes.json', 'audit/entries.json']) {
      assert.ok(paths.includes(p), `the bundle has ${p}`);
    }
    assert.deepEqual(b.manifest.items.map((i) => i.path), [...b.manifest.items.map((i) => i.path)].sort(), 'items in path order');
    const detail = await s.account('LI');
    const statement = JSON.parse(new TextDecoder().decode(files.get('ledger/statement.json')!));
    assert.deepEqual(statement.balances, detail.balances, 'the statement is the ledger\'s, to the fen');
    assert.deepEqual(statement.explain, detail.explain);
    assert.match(new TextDecoder().decode(files.get('ledger/entries.csv')!), /^id,valueDate,postedOn,kind,component,itemSeq,amountMinor/);
    const agreement = await getAgreement(s.db, 1, 'zh-CN');
    assert.equal(sha(files.get('agreements/1-zh-CN.pdf')!), agreement!.sha256, 'the agreement PDF as stored');
    const history = JSON.parse(new TextDecoder().decode(files.get('contacts/history.json')!));
    assert.equal(history[0].note, '客户称下周还款');
    const calls = JSON.parse(new TextDecoder().decode(files.get('calls/records.json')!));
    assert.equal(calls.calls[0].note, '承诺下周还款');
    assert.equal(calls.transcripts[0].recording_sha256, 'a'.repeat(64), 'the recording is referenced by its hash');
    assert.equal(calls.transcripts[0].text_sha256, sha(TRANSCRIPT_TEXT));
    assert.equal(new TextDecoder().decode(files.get(`calls/transcripts/${calls.transcripts[0].id}.txt`)!), TRANSCRIPT_TEXT, 'the transcript text');
    const disputes = JSON.parse(new TextDecoder().decode(files.get('disputes.json')!));
    assert.equal(disputes.disputes[0].reason, '金额有误，已核实');
    assert.deepEqual(disputes.complaints, []);

    const audit = JSON.parse(new TextDecoder().decode(files.get('audit/entries.json')!));
    assert.ok(audit.entries.length > 0 && audit.entries.every((e: { subject: string }) => e.subject === 'account:LI'), 'only entries about the account');
    const inLog = await s.db.query<{ seq: number; hash: string; prev_hash: string }>(`SELECT seq, hash, prev_hash FROM audit_log WHERE subject = 'account:LI' AND seq <= $1 ORDER BY seq`, [b.manifest.auditHead.seq]);
    assert.deepEqual(audit.entries.map((e: { seq: number; hash: string; prevHash: string }) => [e.seq, e.hash, e.prevHash]), inLog.map((e) => [e.seq, e.hash, e.prev_hash]), 'each entry with its hash and link as the log holds them');
    assert.equal(b.manifest.auditHead.seq, (await s.db.query<{ seq: number }>('SELECT seq FROM audit_head'))[0]!.seq - 1, 'cut at the head before the export was recorded');

    const [exported] = await s.db.query<{ data: { sha256: string; manifestSha256: string }; actor: string }>(`SELECT data, actor FROM audit_log WHERE type = 'EVIDENCE_EXPORTED'`);
    assert.equal(exported!.data.sha256, b.sha256, 'the bundle\'s hash is in the audit log');
    assert.equal(exported!.actor, 'user:auditor-1');
    assert.equal((await findExport(s.db, b.sha256))?.accountRef, 'LI');
    assert.equal((await verifyAuditChain(s.db)).ok, true);
  } finally {
    await s.close();
  }
});

test('verify passes an intact bundle and fails one with a byte changed in an item or in the manifest, a file removed or one added, naming it', async () => {
  const s = await accountWithRecords();
  try {
    const b = await buildEvidenceBundle(s.db, { accountRef: 'LI', actor: 'user:auditor-1', at: AT });
    assert.equal(verifyBundle(b.zip).ok, true);
    const files = [...unzipFiles(b.zip)].map(([path, bytes]) => ({ path, bytes }));
    const rezip = (change: (f: { path: string; bytes: Uint8Array }) => Uint8Array | null, add: Array<{ path: string; bytes: Uint8Array }> = []) =>
      zipFiles([...files.flatMap((f) => {
        const bytes = change(f);
        return bytes ? [{ path: f.path, bytes }] : [];
      }), ...add], AT);
    const flipOne = (bytes: Uint8Array) => {
      const c = new Uint8Array(bytes);
      c[Math.floor(c.length / 2)]! ^= 0x01;
      return c;
    };
    assert.equal(verifyBundle(rezip((f) => f.bytes)).ok, true, 'the same files zipped again still verify');

    const item = verifyBundle(rezip((f) => (f.path === 'ledger/entries.csv' ? flipOne(f.bytes) : f.bytes)));
    assert.equal(item.ok, false);
    assert.deepEqual(item.changed.map((c) => c.path), ['ledger/entries.csv']);
    const pdf = verifyBundle(rezip((f) => (f.path === 'agreements/1-en.pdf' ? flipOne(f.bytes) : f.bytes)));
    assert.deepEqual(pdf.changed.map((c) => c.path), ['agreements/1-en.pdf']);

    // One byte of the manifest (a digit of the generated-at instant): the manifest no longer matches its hash.
    const manifest = verifyBundle(rezip((f) => (f.path === 'manifest.json' ? new TextEncoder().encode(new TextDecoder().decode(f.bytes).replace('"generatedAt": "2026-03-20T03', '"generatedAt": "2026-03-20T04')) : f.bytes)));
    assert.equal(manifest.ok, false);
    assert.match(manifest.manifestProblems.join('\n'), /manifest\.json was changed/);

    const missing = verifyBundle(rezip((f) => (f.path === 'letters/LTR-1-zh-CN.pdf' ? null : f.bytes)));
    assert.deepEqual([missing.ok, missing.missing], [false, ['letters/LTR-1-zh-CN.pdf']]);
    const extra = verifyBundle(rezip((f) => f.bytes, [{ path: 'letters/forged.pdf', bytes: new TextEncoder().encode('%PDF') }]));
    assert.deepEqual([extra.ok, extra.extra], [false, ['letters/forged.pdf']]);
    // A byte flipped in the zip itself: unreadable or changed, never intact.
    assert.equal(verifyBundle(flipOne(b.zip)).ok, false);
  } finally {
    await s.close();
  }
});

test('fairdebt evidence export writes the bundle, verify exits 0 on it and 1 on a tampered copy, offline; match finds its export and fails when the audit log was rewritten after it, even when the rewritten chain verifies', async () => {
  const s = await accountWithRecords();
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-evidence-'));
  try {
    const file = join(dir, 'LI.zip');
    const io = memoryIo();
    assert.equal(await evidenceCli(['export', 'LI', '--out', file, '--actor', 'user:legal-1', '--json'], io, appOf(s)), 0, io.err());
    const out = JSON.parse(io.out());
    assert.equal(out.sha256, sha(readFileSync(file)));

    const noDb = async (): Promise<App> => assert.fail('verify must not open a database');
    const ok = memoryIo();
    assert.equal(await evidenceCli(['verify', file], ok, noDb), 0, ok.out());
    assert.match(ok.out(), /bundle intact: LI/);

    const files = [...unzipFiles(new Uint8Array(readFileSync(file)))].map(([path, bytes]) => ({ path, bytes: path === 'contacts/history.json' ? new TextEncoder().encode(new TextDecoder().decode(bytes).replace('下周', '明天')) : bytes }));
    const tampered = join(dir, 'tampered.zip');
    writeFileSync(tampered, zipFiles(files, AT));
    const bad = memoryIo();
    assert.equal(await evidenceCli(['verify', tampered, '--json'], bad, noDb), 1);
    assert.deepEqual(JSON.parse(bad.out()).changed.map((c: { path: string }) => c.path), ['contacts/history.json']);

    // Matched against the records: the export is on record, the head and the entries are in the log.
    const matched = memoryIo();
    assert.equal(await evidenceCli(['match', file], matched, appOf(s)), 0, matched.out());
    assert.match(matched.out(), /bundle matches the records/);
    assert.match(matched.out(), /exported: LI by user:legal-1/);
    assert.equal(await evidenceCli(['match', tampered], memoryIo(), appOf(s)), 1, 'a tampered copy does not match');

    // The log rewritten since the export: entry 2 edited and every hash after it recomputed, head too.
    // The rewritten chain verifies on its own; the bundle exported before shows the rewrite.
    const rows = await s.db.query<{ seq: number; at: string; type: string; actor: string; subject: string; data: unknown; command_key: string | null }>('SELECT seq, at, type, actor, subject, data, command_key FROM audit_log ORDER BY seq');
    let prev = (await s.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 1'))[0]!.hash;
    for (const r of rows.filter((x) => x.seq >= 2)) {
      const data = r.seq === 2 ? { forged: true } : r.data;
      const hash = hashEntry(prev, { seq: r.seq, at: r.at, type: r.type, actor: r.actor, subject: r.subject, data, commandKey: r.command_key ?? undefined });
      await s.db.query('UPDATE audit_log SET data = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [r.seq, JSON.stringify(data), prev, hash]);
      prev = hash;
    }
    await s.db.query('UPDATE audit_head SET hash = $1', [prev]);
    assert.equal((await verifyAuditChain(s.db)).ok, true, 'a full rewrite verifies on its own');
    const rewritten = memoryIo();
    assert.equal(await evidenceCli(['match', file, '--json'], rewritten, appOf(s)), 1);
    const m = JSON.parse(rewritten.out());
    assert.equal(m.head.matches, false, 'the head the bundle names is no longer in the log');
    assert.ok(m.entries.mismatched.length > 0);

    const noOut = memoryIo();
    await assert.rejects(evidenceCli(['export', 'LI'], noOut, appOf(s)), /out: the file to write the bundle to is required/);
    await assert.rejects(evidenceCli(['export', 'NOPE', '--out', join(dir, 'x.zip')], memoryIo(), appOf(s)), /NOT_FOUND|no account 'NOPE'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await s.close();
  }
});
