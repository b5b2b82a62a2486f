/**
 * The UI's pure access helpers: where a member of staff lands after signing in, which screens each
 * role sees (as the server's route access declares it), and that the way back after sign-in never
 * leads off the site.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { landingFor, safeNext, SCREEN_ROLES } from '../../web/src/shared/access.ts';
import { ACCESS } from '../../src/platform/access.ts';
import { SLA_BOARD_READERS, COMPLAINT_DECIDERS } from '../../src/modules/complaints/complaints.routes.ts';
import { QA_REVIEWERS } from '../../src/modules/quality/index.ts';

test('a collector lands on their own queue; a collector who also supervises, and everyone else, on the overview', () => {
  const cases: Array<[string[], string | null, string]> = [
    [['collector'], 'li.na', '/queue?collector=li.na'],
    [['collector'], 'a b', '/queue?collector=a%20b'],
    [['collector', 'supervisor'], 'zhao', '/'],
    [['supervisor'], 'supervisor', '/'],
    [['auditor'], 'auditor', '/'],
    [['collector'], null, '/'],
  ];
  for (const [roles, userId, want] of cases) assert.equal(landingFor({ roles: roles as never, userId }), want, `${roles.join('+')} ${userId}`);
});

test('the way back after sign-in is a path on this site, never another site', () => {
  const cases: Array<[string | null, string | null]> = [
    ['/accounts?q=A', '/accounts?q=A'],
    ['/', '/'],
    [null, null],
    ['', null],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['accounts', null],
  ];
  for (const [next, want] of cases) assert.equal(safeNext(next), want, String(next));
});

test('the screens each role sees are the roles the server lets through', () => {
  const same = (a: readonly string[], b: readonly string[]) => assert.deepEqual([...a].sort(), [...b].sort());
  same(SCREEN_ROLES.overview, ACCESS.staff);
  same(SCREEN_ROLES.queue, ACCESS.caseWork);
  same(SCREEN_ROLES.audit, ACCESS.audit);
  same(SCREEN_ROLES.complaints, SLA_BOARD_READERS);
  same(SCREEN_ROLES.complaintDecisions, COMPLAINT_DECIDERS);
  same(SCREEN_ROLES.quality, QA_REVIEWERS);
  same(SCREEN_ROLES.handoffs, ACCESS.caseWork);
  // Approvals: those who may approve above a collector's limit (the queue route itself also lets collectors read).
  for (const r of SCREEN_ROLES.approvals) assert.ok((ACCESS.caseWork as readonly string[]).includes(r), r);
});

test('the analytics, strategy, supervision and agency screens are shown to the roles the server lets through', () => {
  const same = (a: readonly string[], b: readonly string[]) => assert.deepEqual([...a].sort(), [...b].sort());
  same(SCREEN_ROLES.analytics, ACCESS.analytics);
  same(SCREEN_ROLES.strategy, ACCESS.strategy);
  same(SCREEN_ROLES.supervision, ACCESS.supervisors);
  same(SCREEN_ROLES.agency, ACCESS.agency);
  assert.equal(landingFor({ roles: ['agency_agent'], userId: 'agency.agent' }), '/agency');
  assert.equal(landingFor({ roles: ['agency_admin', 'agency_agent'], userId: 'agency.admin' }), '/agency');
});
