/**
 * The UI's API types (web/src/shared/api/schema.ts) are what the server's OpenAPI document says
 * today: a route the UI calls that changed shape makes this fail until `npm run api:types` is run
 * (and then the UI's type check shows where it relied on the old shape).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApiDocument, renderApiTypes, SCHEMA_FILE, WEB_OPERATIONS } from '../../scripts/api-types.ts';

test('the committed API types of the web UI match the server\'s OpenAPI document', async () => {
  const doc = await openApiDocument();
  const fresh = renderApiTypes(doc);
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), fresh, 'web/src/shared/api/schema.ts is stale: run `npm run api:types`');
  for (const op of WEB_OPERATIONS) assert.ok(fresh.includes(JSON.stringify(op)), op);
});

test('an operation the server does not have is refused, not typed as anything', async () => {
  const doc = await openApiDocument();
  assert.throws(() => renderApiTypes(doc, ['GET /api/v1/no-such-route']), /no operation GET \/api\/v1\/no-such-route/);
});
