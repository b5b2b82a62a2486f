/** docs/roles.md shows every route with the roles it lets in, exactly as the server declares them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { renderAccessTable, ACCESS_TABLE_START, ACCESS_TABLE_END } from '../../src/modules/identity/access.docs.ts';

test('the access table in docs/roles.md is the one the server declares (npm run docs:access rewrites it)', async () => {
  const app = await testApp();
  const server = await buildServer(app);
  try {
    const doc = readFileSync(new URL('../../docs/roles.md', import.meta.url), 'utf8');
    const inDoc = doc.slice(doc.indexOf(ACCESS_TABLE_START), doc.indexOf(ACCESS_TABLE_END) + ACCESS_TABLE_END.length);
    assert.equal(inDoc, renderAccessTable(server.routeAccess), 'docs/roles.md is stale: run npm run docs:access');
  } finally {
    await server.close();
    await app.close();
  }
});
