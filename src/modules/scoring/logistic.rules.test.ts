import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choleskySolve, fitLogistic, sigmoid } from './logistic.rules.ts';

describe('logistic regression (IRLS)', () => {
  it('solves a symmetric positive-definite system', () => {
    // [4 2; 2 3] x = [2; 1] → x = [0.5, 0].
    assert.deepEqual(Array.from(choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)), [0.5, 0]);
  });
  it('recovers the closed-form fit of one binary feature', () => {
    // x = 0: 1 bad in 4 → log-odds ln(1/3); x = 1: 3 bads in 4 → ln 3. So b0 = −ln 3 and b1 = 2·ln 3.
    const x = [0, 0, 0, 0, 1, 1, 1, 1];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    const fit = fitLogistic([x], y, undefined, { l2: 0, maxIterations: 50, tolerance: 1e-12 });
    assert.ok(fit.converged);
    assert.ok(Math.abs(fit.intercept + Math.log(3)) < 1e-9);
    assert.ok(Math.abs(fit.coef[0]! - 2 * Math.log(3)) < 1e-9);
  });
  it('stays finite on a separable set with an L2 penalty and classifies it', () => {
    const x = [-2, -1, -0.5, 0.5, 1, 2];
    const y = [0, 0, 0, 1, 1, 1];
    const fit = fitLogistic([x], y, undefined, { l2: 0.1, maxIterations: 100, tolerance: 1e-10 });
    assert.ok(fit.converged && Number.isFinite(fit.coef[0]!) && fit.coef[0]! > 0);
    x.forEach((v, i) => assert.equal(sigmoid(fit.intercept + fit.coef[0]! * v) > 0.5 ? 1 : 0, y[i]));
  });
  it('does not diverge on exactly collinear columns (step halving)', () => {
    const a = [1, 1, -1, -1, 1, -1, 1, -1];
    const y = [0, 0, 1, 1, 0, 1, 1, 0];
    const fit = fitLogistic([a, a, a.map((v) => -v)], y, undefined, { l2: 1, maxIterations: 100, tolerance: 1e-10 });
    assert.ok(fit.converged);
    assert.ok(fit.coef.every((c) => Math.abs(c) < 2));
  });
  it('fits only the rows it is given', () => {
    const x = [0, 0, 1, 1, 5, 5];
    const y = [0, 1, 0, 1, 1, 1];
    const fit = fitLogistic([x], y, [0, 1, 2, 3], { l2: 0, maxIterations: 50, tolerance: 1e-12 });
    assert.ok(Math.abs(fit.coef[0]!) < 1e-9);
  });
  it('σ is stable for large arguments', () => {
    assert.equal(sigmoid(1000), 1);
    assert.equal(sigmoid(-1000), 0);
    assert.equal(sigmoid(0), 0.5);
  });
});
