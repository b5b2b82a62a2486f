import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scenario, hooks, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { memoryIo } from '../../cli/io.ts';
import { run as evidenceCli } from '../../cli/evidence.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { ANONYMISED_NAME, buildEvidenceBundle, purgeRetention } from './index.ts';
import type { App } from '../../main.ts';
import { addCallWithTranscript, TRANSCRIPT_TEXT } from './evidence.test-fixtures.ts';

const clock = fixedClock('2031-05-01T01:00:00.000Z');
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const appOf = (s: Scenario) => async (): Promise<App> => ({ config: loadConfig({}), db: s.db, clock, hooks, close: async () => undefined });

/** Everything the purge may touch, to tell whether a run changed anything. */
async function snapshot(s: Scenario) {
  const q = (sql: string) => s.db.query(sql);
  return {
    customers: await q('SELECT * FROM customers ORDER BY id'),
    letters: await q('SELECT reference, sha256, bytes, encode(pdf, \'hex\') AS pdf FROM letters ORDER BY reference'),
    history: await q('SELECT id, contact_point, note FROM contact_history ORDER BY id'),
    inbox: await q('SELECT id, title, body FROM inbox_messages ORDER BY id'),
    purged: await q('SELECT * FROM purged_values ORDER BY source, source_key'),
    audit: await q('SELECT seq, hash FROM audit_log ORDER BY seq'),
    entries: await q('SELECT count(*)::int AS n, sum(amount_minor)::bigint AS total FROM entries'),
  };
}

/** A letter, a contact with a note and an in-app message for an account's customer. */
async function records(s: Scenario, ref: string) {
  const a = await s.account(ref);
  const pdf = new TextEncoder().encode(`%PDF-1.4 letter to ${a.customerId}`);
  await s.db.query(`INSERT INTO letters (reference, customer_id, account_id, language, sha256, pdf, bytes, created_at) VALUES ($1, $2, $3, 'zh-CN', $4, $5, $6, '2026-02-20T02:00:00Z')`, [`LTR-${ref}`, a.customerId, a.accountId, sha(pdf), pdf, pdf.byteLength]);
  await s.db.query(
    `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, contact_point, outcome, initiator_kind, initiator_id, note)
     VALUES ($1, $2, '2026-02-16T02:00:00Z', 'call', 'outbound', 'debtor', '+86 138 0000 0000', 'connected', 'lender', 'lender', '客户称下周还款')`,
    [a.customerId, a.accountId],
  );
  await s.db.query(`INSERT INTO inbox_messages (reference, customer_id, kind, title, body, verify_code, created_at) VALUES ($1, $2, 'in_app', '还款提醒', $3, 'ABCD-1234', '2026-02-16T02:00:00Z')`, [`MSG-${ref}`, a.customerId, `${a.customerId} 您好，请于本月还款`]);
}

test('the retention purge anonymises a customer whose accounts are past retention (CN: 5 years after settlement), keeps one within it and one still owing untouched, keeps the hashes of what it removed, leaves the audit chain intact, and a second run changes nothing', async () => {
  const s = await scenario();
  try {
    // LA is paid off in April 2026 (retained to April 2031); LC in June 2026 (to June 2031); LB still owes.
    await s.loan('LA', { principalMinor: 300_000, termCount: 3, openedOn: '2026-01-15' });
    await s.loan('LB', { principalMinor: 300_000, termCount: 3, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-20');
    await s.pay('LA', 400_000, '2026-01-20');
    await s.closeThrough('2026-03-01');
    await s.loan('LC', { principalMinor: 300_000, termCount: 3, openedOn: '2026-03-01' });
    await s.closeThrough('2026-03-02');
    await s.pay('LC', 400_000, '2026-03-02');
    await s.closeThrough('2026-06-05');
    for (const ref of ['LA', 'LB', 'LC']) await records(s, ref);
    await addCallWithTranscript(s.db, await s.account('LA'), 1);
    assert.equal((await s.account('LA')).balances.totalMinor - (await s.account('LA')).balances.creditMinor, 0, 'LA owes nothing');
    assert.equal((await s.account('LC')).balances.totalMinor - (await s.account('LC')).balances.creditMinor, 0, 'LC owes nothing');
    assert.ok((await s.account('LB')).balances.totalMinor > 0, 'LB owes');
    const bundle = await buildEvidenceBundle(s.db, { accountRef: 'LA', actor: 'user:legal-1', at: '2026-06-06T01:00:00.000Z' });
    const ledgerBefore = await s.account('LA');

    const dry = memoryIo();
    const before = await snapshot(s);
    assert.equal(await evidenceCli(['purge', '--date', '2031-05-01', '--dry-run', '--json'], dry, appOf(s)), 0, dry.err());
    const preview = JSON.parse(dry.out());
    assert.deepEqual([preview.dryRun, preview.customers, preview.kept], [true, ['C-LA'], { owing: 1, within_retention: 1 }]);
    assert.deepEqual(await snapshot(s), before, 'a dry run changes nothing');

    const r = await purgeRetention({ db: s.db, clock }, { businessDate: '2031-05-01', actor: 'user:admin-1' });
    assert.deepEqual([r.customers, r.accounts, r.batches], [['C-LA'], 1, 1]);
    // The letter's PDF; the two contacts' numbers and the first one's note; the message's title and body; the
    // call record's number and note; the transcript; the dispute's reason.
    assert.equal(r.valuesRemoved, 10);

    const [c] = await s.db.query<{ name: string; phones: unknown; emails: unknown; address: string | null; id_number_masked: string | null }>(`SELECT * FROM customers WHERE id = 'C-LA'`);
    assert.deepEqual([c!.name, c!.phones, c!.emails, c!.address, c!.id_number_masked], [ANONYMISED_NAME, [], [], null, null]);
    const [anon] = await s.db.query<{ removed: Record<string, string>; anonymised_on: string }>(`SELECT removed, anonymised_on FROM anonymised_customers WHERE customer_id = 'C-LA'`);
    assert.equal(anon!.removed.name, sha(canonicalJson('客户 C-LA')), 'the hash of the name removed is kept');
    assert.equal(anon!.anonymised_on, '2031-05-01');

    const [letter] = await s.db.query<{ sha256: string; bytes: number }>(`SELECT sha256, bytes FROM letters WHERE reference = 'LTR-LA'`);
    assert.equal(letter!.bytes, 0, 'the letter\'s PDF is removed');
    const bundledLetter = bundle.manifest.items.find((i) => i.path === 'letters/LTR-LA-zh-CN.pdf')!;
    const [kept] = await s.db.query<{ sha256: string }>(`SELECT sha256 FROM purged_values WHERE source = 'letters.pdf' AND source_key = 'LTR-LA'`);
    assert.equal(kept!.sha256, bundledLetter.sha256, 'a bundle exported before the purge still matches what was removed');
    assert.equal(letter!.sha256, bundledLetter.sha256);
    const [note] = await s.db.query<{ sha256: string }>(`SELECT p.sha256 FROM purged_values p JOIN contact_history h ON p.source_key = h.id::text WHERE p.source = 'contact_history.note' AND h.customer_id = 'C-LA'`);
    assert.equal(note!.sha256, sha('客户称下周还款'));
    const [history] = await s.db.query<{ note: string | null; contact_point: string | null; outcome: string }>(`SELECT note, contact_point, outcome FROM contact_history WHERE customer_id = 'C-LA'`);
    assert.deepEqual(history, { note: null, contact_point: null, outcome: 'connected' }, 'the contact stays on record without its personal data');

    const [transcript] = await s.db.query<{ text: string; text_sha256: string; recording_sha256: string }>('SELECT text, text_sha256, recording_sha256 FROM call_transcripts');
    assert.deepEqual(transcript, { text: '', text_sha256: sha(TRANSCRIPT_TEXT), recording_sha256: 'a'.repeat(64) }, 'the transcript text goes, its hashes stay');
    const [removedText] = await s.db.query<{ sha256: string }>(`SELECT sha256 FROM purged_values WHERE source = 'call_transcripts.text'`);
    assert.equal(removedText!.sha256, sha(TRANSCRIPT_TEXT));
    const [call] = await s.db.query<{ note: string; contact_point: string; outcome: string }>('SELECT note, contact_point, outcome FROM call_records');
    assert.deepEqual(call, { note: '', contact_point: '', outcome: 'PTP' });
    const after = await snapshot(s);
    for (const id of ['C-LB', 'C-LC']) {
      const pick = (snap: typeof before) => (snap.customers as Array<{ id: string }>).find((x) => x.id === id);
      assert.deepEqual(pick(after), pick(before), `${id} is untouched`);
    }
    assert.deepEqual((after.letters as Array<{ reference: string }>).filter((l) => l.reference !== 'LTR-LA'), (before.letters as Array<{ reference: string }>).filter((l) => l.reference !== 'LTR-LA'));
    assert.deepEqual(after.entries, before.entries, 'the ledger is untouched');
    assert.deepEqual((await s.account('LA')).balances, ledgerBefore.balances);

    const [audit] = await s.db.query<{ data: { customers: string[]; valuesRemoved: number }; actor: string }>(`SELECT data, actor FROM audit_log WHERE type = 'RETENTION_PURGED'`);
    assert.deepEqual([audit!.data.customers, audit!.data.valuesRemoved, audit!.actor], [['C-LA'], 10, 'user:admin-1']);
    assert.equal((await verifyAuditChain(s.db)).ok, true, 'the audit chain still verifies');

    const again = await purgeRetention({ db: s.db, clock }, { businessDate: '2031-05-01', actor: 'user:admin-1' });
    assert.deepEqual([again.customers, again.batches], [[], 0]);
    assert.deepEqual(await snapshot(s), after, 'a second run changes nothing');

    // A year later LC is past retention too, but an open dispute holds its records until it is resolved; LB still owes.
    const lc = await s.account('LC');
    await s.db.query(`INSERT INTO disputes (account_id, customer_id, status, reason, opened_at) VALUES ($1, $2, 'open', '从未借款', '2031-12-01T02:00:00Z')`, [lc.accountId, lc.customerId]);
    const held = await purgeRetention({ db: s.db, clock }, { businessDate: '2032-01-01', actor: 'user:admin-1' });
    assert.deepEqual([held.customers, held.kept], [[], { owing: 1, on_hold: 1 }]);
    await s.db.query(`UPDATE disputes SET status = 'resolved', closed_at = '2031-12-20T02:00:00Z' WHERE account_id = $1`, [lc.accountId]);
    const later = await purgeRetention({ db: s.db, clock }, { businessDate: '2032-01-01', actor: 'user:admin-1' });
    assert.deepEqual([later.customers, later.kept], [['C-LC'], { owing: 1 }]);
    assert.equal((await verifyAuditChain(s.db)).ok, true);
  } finally {
    await s.close();
  }
});

test('fairdebt evidence purge refuses a bad date naming the field, and policies lists the seeded rows with their sources', async () => {
  const s = await scenario();
  try {
    await assert.rejects(evidenceCli(['purge', '--date', '2031-02-30'], memoryIo(), appOf(s)), /date: expected a date YYYY-MM-DD/);
    await assert.rejects(evidenceCli(['purge'], memoryIo(), appOf(s)), /date: the business date is required/);
    const io = memoryIo();
    assert.equal(await evidenceCli(['policies', '--json'], io, appOf(s)), 0);
    const rows = JSON.parse(io.out()) as Array<{ jurisdiction: string; recordKind: string; years: number; isPolicy: boolean; source: string }>;
    const find = (j: string) => rows.find((p) => p.jurisdiction === j && p.recordKind === 'collection_records')!;
    assert.deepEqual([find('CN').years, find('US').years, find('UK').years, find('UK').isPolicy], [5, 3, 6, true]);
    assert.match(find('US').source, /1006\.100/);
  } finally {
    await s.close();
  }
});
