import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_HISTORY_DAYS } from '../modules/contacts/contacts.plan.ts';
import { MAX_CADENCE_DAYS } from '../modules/strategy/strategy.types.ts';

test('planning reads back at least as many days of actions as the longest strategy cadence', () => {
  // An action older than the history planning reads would look as if never taken, and a row with a
  // longer cadence would fire again too early.
  assert.ok(ACTION_HISTORY_DAYS >= MAX_CADENCE_DAYS, `${ACTION_HISTORY_DAYS} < ${MAX_CADENCE_DAYS}`);
});
