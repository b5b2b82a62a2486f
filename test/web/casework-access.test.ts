/**
 * The account page's casework parts are shown to the roles the server lets through: the negotiation
 * forms to those who may ask for a plan or waiver, the complaint and dispute lists to the complaint
 * readers, the dispute form to those who take disputes from debtors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCESS } from '../../src/platform/access.ts';
import { COMPLAINT_READERS as SERVER_COMPLAINT_READERS } from '../../src/modules/complaints/complaints.routes.ts';
import { COMPLAINT_READERS, DISPUTE_OPENERS, NEGOTIATORS } from '../../web/src/workbench/pages/account/roles.ts';

test('the account page\'s negotiation forms, complaint lists and dispute form follow the server\'s route access', () => {
  const same = (a: readonly string[], b: readonly string[], what: string) => assert.deepEqual([...a].sort(), [...b].sort(), what);
  same(NEGOTIATORS, ACCESS.caseWork, 'negotiation writes');
  same(COMPLAINT_READERS, SERVER_COMPLAINT_READERS, 'complaint and dispute lists');
  same(DISPUTE_OPENERS, ACCESS.complaintIntake, 'opening a dispute');
});
