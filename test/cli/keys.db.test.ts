/** `fairdebt keys`: a new key entry, the status of the keys against the database, rotation through the CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { run as keysCli } from '../../src/cli/keys.ts';
import { createCustomer } from '../../src/modules/ledger/index.ts';
import { parseIdKeys } from '../../src/platform/id-keys.ts';
import { AppError } from '../../src/platform/errors.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import type { App } from '../../src/main.ts';

test(`fairdebt keys new|status|rotate (${TEST_ENGINE})`, async () => {
  const base = await testApp('2026-05-01T02:00:00.000Z');
  const io0 = memoryIo();
  assert.equal(await keysCli(['new', 'k1'], io0), 0);
  const k1 = io0.out().trim();
  const io0b = memoryIo();
  await keysCli(['new', 'k2'], io0b);
  const k2 = io0b.out().trim();
  assert.equal(parseIdKeys(k1).currentId, 'k1', 'the printed entry parses');
  await assert.rejects(keysCli(['new', 'bad id'], memoryIo()), (e: AppError) => e.issues[0]?.path === 'id');
  const withKeys = (keys: string | undefined) => async (): Promise<App> => ({ ...base, config: { ...base.config, idKeys: keys ? parseIdKeys(keys) : undefined }, close: async () => undefined });
  try {
    for (const id of ['K1', 'K2', 'K3']) {
      await createCustomer(base.db, base.clock, { id, name: '测试', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', idNumber: `11010119900307${id.slice(1)}23X` },
        { actor: 't', idempotencyKey: id, idKeys: parseIdKeys(k1) });
    }
    const status = async (keys: string | undefined) => {
      const io = memoryIo();
      const code = await keysCli(['status', '--json'], io, withKeys(keys));
      return { code, out: JSON.parse(io.out()) as { currentKey: string | null; sealedByKey: Record<string, number>; problem: string | null } };
    };
    const none = await status(undefined);
    assert.equal(none.code, 1);
    assert.match(none.out.problem!, /3 ID numbers are stored sealed, and FAIRDEBT_ID_KEYS is not set/);
    assert.deepEqual((await status(k1)).out, { currentKey: 'k1', keys: ['k1'], sealedByKey: { k1: 3 }, problem: null });

    await assert.rejects(keysCli(['rotate'], memoryIo(), withKeys(k2)), /key\(s\) k1, which FAIRDEBT_ID_KEYS does not hold/, 'rotation needs the old key too');
    const io = memoryIo();
    assert.equal(await keysCli(['rotate', '--batch', '2', '--json'], io, withKeys(`${k2},${k1}`)), 0);
    assert.deepEqual(JSON.parse(io.out()), { resealed: 3, batches: 2, currentKey: 'k2', byKey: { k2: 3 } });
    const again = memoryIo();
    await keysCli(['rotate', '--json'], again, withKeys(`${k2},${k1}`));
    assert.equal(JSON.parse(again.out()).resealed, 0);
    assert.equal((await status(k2)).code, 0, 'the old key can go');
    await assert.rejects(keysCli(['rotate', '--batch', '0'], memoryIo(), withKeys(k2)), (e: AppError) => e.issues[0]?.path === 'batch');
  } finally {
    await base.close();
  }
});
