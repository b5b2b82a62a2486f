import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseFault } from './faults.ts';

test('FAIRDEBT_FAULT: a named point and its occurrence, or a moment; anything else is refused', () => {
  assert.equal(parseFault(undefined), undefined);
  assert.equal(parseFault(''), undefined);
  assert.deepEqual(parseFault('cycle.batch.after-commit:3'), { name: 'cycle.batch.after-commit', nth: 3 });
  assert.deepEqual(parseFault('after-ms:250'), { afterMs: 250 });
  for (const bad of ['cycle.batch.after-commit', 'cycle.batch.after-commit:0', ':3', 'Cycle:1', 'after-ms:', 'x:1.5']) {
    assert.throws(() => parseFault(bad), /FAIRDEBT_FAULT: expected NAME:N/, bad);
  }
});

test('a fault point kills its process with SIGKILL the N-th time it is reached, and only then', () => {
  const script = `import { faultPoint } from ${JSON.stringify(new URL('./faults.ts', import.meta.url).pathname)};
    for (let i = 1; i <= 5; i++) { faultPoint('other'); faultPoint('here'); process.stdout.write(i + ' '); }`;
  const run = (fault: string) => spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, FAIRDEBT_FAULT: fault, FAIRDEBT_FAULT_TRACE: '' }, encoding: 'utf8' });
  const killed = run('here:3');
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(killed.stdout, '1 2 ');
  const unset = run('');
  assert.equal(unset.status, 0);
  assert.equal(unset.stdout, '1 2 3 4 5 ');
  const beyond = run('here:6');
  assert.equal(beyond.status, 0, 'a point never reached that often kills nothing');
});
