import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { memoryIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

const ok = { jurisdiction: 'CN', now: '2026-03-10T10:00:00+08:00', debtor: { timeZones: ['Asia/Shanghai'] }, action: { channel: 'call', recipient: { role: 'debtor' } } };
const late = { ...ok, now: '2026-03-10T22:00:00+08:00' };

describe('fairdebt compliance check', () => {
  it('writes one JSON verdict for one request and exits 0', async () => {
    const io = memoryIo(JSON.stringify(ok, null, 2));
    assert.equal(await main(['compliance', 'check', '--json'], io), 0);
    const lines = io.out().trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0]!).decision, 'allow');
  });

  it('writes one verdict per JSON Lines request and exits 0 even when a contact is denied', async () => {
    const io = memoryIo(`${JSON.stringify(ok)}\n\n${JSON.stringify(late)}\n`);
    assert.equal(await main(['compliance', 'check', '-', '--json'], io), 0);
    const verdicts = io.out().trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(verdicts.map((v) => v.decision), ['allow', 'deny']);
    assert.equal(verdicts[1].nextAllowedAt, '2026-03-11T08:00:00+08:00');
  });

  it('exits 2 and names the line and field of an invalid request', async () => {
    const bad = { ...ok, action: { ...ok.action, channel: 'fax' } };
    const io = memoryIo([ok, ok, bad].map((r) => JSON.stringify(r)).join('\n'));
    assert.equal(await main(['compliance', 'check', '--json'], io), 2);
    assert.match(io.err(), /line 3: action\.channel: .*expected one of .*call.*sms/);
    const out = io.out().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 3);
    assert.equal(out[2].error.code, 'VALIDATION_FAILED');
  });

  it('exits 2 for a time without an offset, naming the field', async () => {
    const io = memoryIo(JSON.stringify({ ...ok, now: '2026-03-10T10:00:00' }));
    assert.equal(await main(['compliance', 'check'], io), 2);
    assert.match(io.err(), /now: expected an ISO-8601 date-time with offset/);
  });

  it('exits 2 for a line that is not JSON', async () => {
    const io = memoryIo(`${JSON.stringify(ok)}\n{not json\n`);
    assert.equal(await main(['compliance', 'check', '--json'], io), 2);
    assert.match(io.err(), /line 2: invalid JSON/);
  });

  it('reads a file and applies parameter overrides from --params', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-cli-'));
    try {
      const file = join(dir, 'req.jsonl');
      const params = join(dir, 'params.json');
      writeFileSync(file, JSON.stringify({ ...ok, now: '2026-03-10T21:30:00+08:00' }));
      writeFileSync(params, JSON.stringify({ CN: { quietStartLocalMinutes: 1260 } }));
      const a = memoryIo();
      assert.equal(await main(['compliance', 'check', file, '--json'], a), 0);
      assert.equal(JSON.parse(a.out()).decision, 'allow');
      const b = memoryIo();
      assert.equal(await main(['compliance', 'check', file, '--json', '--params', params], b), 0);
      assert.equal(JSON.parse(b.out()).decision, 'deny');
      writeFileSync(params, JSON.stringify({ CN: { quietStartLocalMinutes: 'late' } }));
      const c = memoryIo();
      assert.equal(await main(['compliance', 'check', file, '--params', params], c), 2);
      assert.match(c.err(), /parameters\.CN\.quietStartLocalMinutes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts a JSON array as a batch', async () => {
    const io = memoryIo(JSON.stringify([ok, late]));
    assert.equal(await main(['compliance', 'check', '--json'], io), 0);
    assert.equal(io.out().trim().split('\n').length, 2);
  });
});

describe('fairdebt compliance lint', () => {
  it('exits 1 and reports the category and rule for a threatening template', async () => {
    const io = memoryIo('再不还钱就通知你单位领导');
    assert.equal(await main(['compliance', 'lint', '--lang', 'zh-CN', '--json'], io), 1);
    const result = JSON.parse(io.out());
    assert.equal(result.ok, false);
    assert.equal(result.findings[0].category, 'threat');
  });
  it('exits 0 for a clean template', async () => {
    const io = memoryIo('Your payment of $50 is due on 1 May. Reply STOP to opt out.');
    assert.equal(await main(['compliance', 'lint', '--lang', 'en'], io), 0);
  });
  it('exits 2 for an unknown language', async () => {
    assert.equal(await main(['compliance', 'lint', '--lang', 'fr'], memoryIo('x')), 2);
  });
});
