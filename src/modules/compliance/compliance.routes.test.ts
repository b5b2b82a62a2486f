import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerComplianceRoutes } from './compliance.routes.ts';

const ok = { jurisdiction: 'US', now: '2026-05-05T12:00:00-04:00', debtor: { timeZones: ['America/New_York'] }, action: { channel: 'call', debtIds: ['X'] } };

describe('compliance routes', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerComplianceRoutes(app);
    await app.ready();
  });
  after(() => app.close());

  it('checks one request', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/compliance/check', payload: ok });
    assert.equal(res.statusCode, 200);
    const v = res.json();
    assert.equal(v.decision, 'allow');
    assert.ok(v.trace.some((t: { ruleId: string }) => t.ruleId === 'US-HOURS-01'));
  });

  it('checks a batch and keeps the order', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/compliance/check', payload: [ok, { ...ok, now: '2026-05-05T22:00:00-04:00' }] });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().map((v: { decision: string }) => v.decision), ['allow', 'deny']);
  });

  it('answers 400 naming the field of an invalid request', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/compliance/check', payload: { ...ok, action: { channel: 'pigeon' } } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.equal(res.json().issues[0].path, 'action.channel');
  });

  it('answers 400 naming the batch index of an invalid request', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/compliance/check', payload: [ok, { ...ok, jurisdiction: 'MARS' }] });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().issues[0].path, '1.jurisdiction');
  });

  it('lints a template', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/compliance/lint', payload: { text: '你这个老赖', lang: 'zh-CN' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().ok, false);
    assert.equal(res.json().findings[0].category, 'insult');
  });

  it('lists the packs in force', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/compliance/packs' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json().map((p: { jurisdiction: string }) => p.jurisdiction), ['CN', 'US', 'US-MA', 'US-WA', 'US-NYC', 'UK', 'EU']);
  });
});
