import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { JURISDICTIONS } from './compliance.types.ts';
import { check } from './fixtures/build.ts';
import { loadPack } from './packs/index.ts';

const DOC = readFileSync(new URL('../../../docs/compliance.md', import.meta.url), 'utf8');

describe('docs/compliance.md', () => {
  it('lists every rule of every pack with its parameters', () => {
    for (const j of JURISDICTIONS) {
      const pack = loadPack(j);
      for (const r of pack.rules) assert.ok(DOC.includes(`**${r.id}**`), `${r.id} is not in the rules table`);
      for (const name of Object.keys(pack.parameters)) assert.ok(DOC.includes(`\`${name}\``), `${j}.${name} is not documented`);
    }
  });

  it('shows the decisions the worked examples really get', () => {
    const requests = readFileSync(new URL('./fixtures/worked-examples.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const documented = [...DOC.matchAll(/^Verdict: \*\*(\w+)\*\*(?:, nextAllowedAt `([^`]+)`)?/gm)].map((m) => [m[1], m[2]]);
    assert.equal(documented.length, requests.length);
    requests.forEach((r, i) => {
      const v = check(r);
      assert.deepEqual([v.decision, v.nextAllowedAt], documented[i], r.id);
    });
  });
});
