/**
 * What the daily cycle's `score` step writes for an account, from the model's probability: PURE.
 *
 * The model's probability is P(bad): the account reaches 30+ DPD within the model's horizon (the
 * `accounts` format's target). The probability of payment is its complement, P(pay) = 1 − P(bad): the
 * account stays, or comes back, under 30 DPD, which it only does by paying. Both are kept as integer
 * parts per million. The risk score the strategy tables read (`riskScore`, 0–1000) is P(bad) in parts
 * per thousand; the band cuts it at the strategy's pre-due threshold. Expected recovery is
 * P(pay) × amount owed, in minor units, rounded half up (exactly, in integers).
 */
import { invalidField } from '../../platform/errors.ts';
import { FORMAT_SPECS, type Dataset } from './formats.rules.ts';

export const PPM = 1_000_000;
/** Risk scores at and above this are `high` (the default strategies' PRE_DUE_RISK_SCORE is the same 600). */
export const HIGH_RISK_SCORE = 600;
/** Risk scores at and above this (and below HIGH_RISK_SCORE) are `medium`. */
export const MEDIUM_RISK_SCORE = 200;
export const RISK_BANDS = ['low', 'medium', 'high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export interface ScoreFigures {
  pdPpm: number;
  ppPpm: number;
  riskScore: number;
  band: RiskBand;
  owedMinor: number;
  expectedRecoveryMinor: number;
}

export function bandOf(riskScore: number): RiskBand {
  return riskScore >= HIGH_RISK_SCORE ? 'high' : riskScore >= MEDIUM_RISK_SCORE ? 'medium' : 'low';
}

/** round(pp × owed / 1,000,000), half up, in integers (owed below zero — a credit — recovers nothing). */
export function expectedRecovery(ppPpm: number, owedMinor: number): number {
  if (!Number.isInteger(ppPpm) || ppPpm < 0 || ppPpm > PPM) throw invalidField('ppPpm', `expected whole parts per million 0–${PPM}, got ${ppPpm}`);
  if (!Number.isSafeInteger(owedMinor)) throw invalidField('owedMinor', `expected a safe integer, got ${owedMinor}`);
  if (owedMinor <= 0) return 0;
  return Number((BigInt(ppPpm) * BigInt(owedMinor) + BigInt(PPM / 2)) / BigInt(PPM));
}

/** The stored figures for a model probability of default and the amount owed. */
export function scoreFigures(pd: number, owedMinor: number): ScoreFigures {
  if (!Number.isFinite(pd) || pd < 0 || pd > 1) throw invalidField('pd', `expected a probability in [0, 1], got ${pd}`);
  const pdPpm = Math.round(pd * PPM);
  const ppPpm = PPM - pdPpm;
  // Parts per thousand from parts per million, half up: the same integer whichever way it is computed.
  const riskScore = Math.floor((pdPpm + 500) / 1000);
  return { pdPpm, ppPpm, riskScore, band: bandOf(riskScore), owedMinor, expectedRecoveryMinor: expectedRecovery(ppPpm, owedMinor) };
}

/** The `accounts` rows as a data set for scoring (no label: y is all 0); missing values are NaN. */
export function accountRowsDataset(rows: ReadonlyArray<Readonly<Record<string, number | null>>>): Dataset {
  const spec = FORMAT_SPECS.accounts;
  const n = rows.length;
  const columns = spec.features.map((d) => {
    const out = new Float64Array(n);
    const buf = new Array<number>(d.from.length);
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      for (let k = 0; k < d.from.length; k++) {
        const v = row[d.from[k]!];
        buf[k] = v === null || v === undefined ? Number.NaN : v;
      }
      out[r] = d.compute ? d.compute(buf) : buf[0]!;
    }
    return out;
  });
  return { format: 'accounts', target: spec.target, rows: n, names: spec.features.map((d) => d.name), kinds: spec.features.map((d) => d.kind), columns, y: new Uint8Array(n), groups: {} };
}
