/**
 * The fairness check of a risk score across groups (sex, age band, …). PURE.
 *
 * One cut-off flags the riskiest `flagShare` of all rows (a flagged row would be declined, or worked
 * first). Per group: rows, observed bad rate, AUC within the group, flag rate, approval rate (1 − flag
 * rate), the share of the group's bads that are flagged (true positive rate) and of its goods (false
 * positive rate), and mean predicted vs observed bad rate. Disparity ratios compare each group with the
 * most favoured one: approval rate ÷ the highest approval rate (the "four-fifths rule" looks for < 0.8).
 */
import { invalidField } from '../../platform/errors.ts';
import { auc } from './metrics.rules.ts';

export interface GroupFigures {
  group: string;
  rows: number;
  badRate: number;
  meanPredicted: number;
  auc: number;
  flagRate: number;
  approvalRate: number;
  truePositiveRate: number;
  falsePositiveRate: number;
  /** approvalRate ÷ the highest approvalRate among the attribute's groups. */
  approvalRatio: number;
}

export interface AttributeFairness {
  attribute: string;
  groups: GroupFigures[];
  /** Lowest approvalRatio: < 0.8 fails the four-fifths rule. */
  minApprovalRatio: number;
  /** Largest minus smallest AUC across groups. */
  aucGap: number;
}

export interface FairnessReport {
  flagShare: number;
  threshold: number;
  attributes: AttributeFairness[];
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The probability at or above which the riskiest `share` of rows lie. */
export function flagThreshold(p: ArrayLike<number>, share: number): number {
  if (!(share > 0 && share < 1)) throw invalidField('flagShare', `expected a share in (0, 1), got ${share}`);
  const sorted = Float64Array.from(p).sort();
  const k = Math.min(sorted.length - 1, Math.max(0, Math.floor(sorted.length * (1 - share))));
  return sorted[k]!;
}

export function fairnessReport(p: ArrayLike<number>, y: ArrayLike<number>, groups: Readonly<Record<string, ReadonlyArray<string | null>>>, flagShare = 0.2): FairnessReport {
  const threshold = flagThreshold(p, flagShare);
  const attributes = Object.entries(groups).map(([attribute, of]): AttributeFairness => {
    if (of.length !== p.length) throw invalidField(`groups.${attribute}`, `expected ${p.length} values, got ${of.length}`);
    const names = [...new Set(of.filter((g): g is string => g !== null))].sort();
    const figures = names.map((group) => {
      const ps: number[] = [];
      const ys: number[] = [];
      let flagged = 0;
      let flaggedBad = 0;
      let bads = 0;
      let sum = 0;
      for (let i = 0; i < p.length; i++) {
        if (of[i] !== group) continue;
        ps.push(p[i]!);
        ys.push(y[i]!);
        sum += p[i]!;
        bads += y[i]!;
        if (p[i]! >= threshold) {
          flagged++;
          flaggedBad += y[i]!;
        }
      }
      const n = ps.length;
      const goods = n - bads;
      return {
        group,
        rows: n,
        badRate: r4(bads / n),
        meanPredicted: r4(sum / n),
        auc: r4(auc(ps, ys)),
        flagRate: r4(flagged / n),
        approvalRate: r4(1 - flagged / n),
        truePositiveRate: r4(bads ? flaggedBad / bads : Number.NaN),
        falsePositiveRate: r4(goods ? (flagged - flaggedBad) / goods : Number.NaN),
        approvalRatio: 0,
        approved: n - flagged,
      };
    });
    // Ratios from the unrounded rates.
    const top = Math.max(...figures.map((f) => f.approved / f.rows));
    const groupsOut: GroupFigures[] = figures.map(({ approved, ...f }) => ({ ...f, approvalRatio: r4(top > 0 ? approved / f.rows / top : Number.NaN) }));
    const aucs = groupsOut.map((f) => f.auc).filter((a) => !Number.isNaN(a));
    return {
      attribute,
      groups: groupsOut,
      minApprovalRatio: Math.min(...groupsOut.map((f) => f.approvalRatio)),
      aucGap: aucs.length ? r4(Math.max(...aucs) - Math.min(...aucs)) : Number.NaN,
    };
  });
  return { flagShare, threshold: Math.round(threshold * 1e6) / 1e6, attributes };
}
