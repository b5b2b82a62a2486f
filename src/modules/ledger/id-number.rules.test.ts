import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskIdNumber, ID_NUMBER_PATTERN } from './id-number.rules.ts';

test('the masked form of an ID number keeps the region and the last four of a long number, the last four of a short one', () => {
  const cases: Array<[string, string]> = [
    ['11010119900307123X', '110101********123X'],
    ['110101199003071234', '110101********1234'],
    ['123456789012345', '123456*****2345'],
    ['12345678901234', '**********1234'],
    ['123456789', '*****6789'],
    ['AB123', '*B123'],
  ];
  for (const [full, masked] of cases) {
    assert.equal(maskIdNumber(full), masked, full);
    assert.equal(maskIdNumber(full).length, full.length);
    assert.ok(maskIdNumber(full).includes('*'), 'a masked form always hides something');
  }
});

test('ID numbers are letters and digits, 5–40 of them', () => {
  for (const ok of ['11010119900307123X', 'AB123', '1'.repeat(40)]) assert.ok(ID_NUMBER_PATTERN.test(ok), ok);
  for (const bad of ['1234', '1'.repeat(41), '110101-1990', '110101********1234', '']) assert.ok(!ID_NUMBER_PATTERN.test(bad), bad);
});
