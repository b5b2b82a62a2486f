import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTarget, fairdebtInProcess as fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';

test(`fairdebt users: add with the password from the environment, list, change roles, deactivate; bad input names the field (${TEST_ENGINE})`, { timeout: 300_000 }, async () => {
  const t = await newTarget();
  try {
    const env = { ...t.env, FAIRDEBT_PASSWORD: 'correct horse battery' };
    const short = await fairdebt(['users', 'add', 'wang', '--name', '王芳', '--roles', 'collector', '--key', 'k0'], { ...t.env, FAIRDEBT_PASSWORD: 'short' });
    assert.equal(short.code, 2);
    assert.match(short.stderr, /password: at least 10 characters/);
    const badRole = await fairdebt(['users', 'add', 'wang', '--name', '王芳', '--roles', 'boss', '--key', 'k0b'], env);
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /roles\.0/);

    const add = await fairdebt(['users', 'add', 'wang', '--name', '王芳', '--roles', 'collector', '--key', 'k1', '--json'], env);
    assert.equal(add.code, 0, add.stderr);
    assert.deepEqual([JSON.parse(add.stdout).id, JSON.parse(add.stdout).roles], ['wang', ['collector']]);
    assert.ok(!add.stdout.includes('correct horse'), 'the password is never printed');
    const roles = await fairdebt(['users', 'roles', 'wang', '--roles', 'collector,supervisor', '--key', 'k2'], env);
    assert.equal(roles.code, 0, roles.stderr);
    const off = await fairdebt(['users', 'deactivate', 'wang', '--key', 'k3'], env);
    assert.equal(off.code, 0, off.stderr);
    const list = await fairdebt(['users', 'list', '--json'], env);
    const [u] = JSON.parse(list.stdout) as Array<{ id: string; roles: string[]; active: boolean }>;
    assert.deepEqual([u!.id, u!.roles, u!.active], ['wang', ['collector', 'supervisor'], false]);
  } finally {
    await t.dispose();
  }
});
