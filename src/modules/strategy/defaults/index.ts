/** The default tables, parsed, and the default bucket policy they are written against. */
import { DecisionTableSchema, type DecisionTable, type ValidationDomain } from '../strategy.types.ts';
import { CN_DEFAULT_TABLE } from './cn.table.ts';
import { US_DEFAULT_TABLE } from './us.table.ts';
import { UK_DEFAULT_TABLE } from './uk.table.ts';

export { PRE_DUE_RISK_SCORE } from './common.ts';
export { CN_LEGAL_FROM_M4_BALANCE_MINOR } from './cn.table.ts';

export const DEFAULT_TABLES: readonly DecisionTable[] = [CN_DEFAULT_TABLE, US_DEFAULT_TABLE, UK_DEFAULT_TABLE].map((t) => DecisionTableSchema.parse(t));

/** The `default` bucket policy of migration 0003, for checks that run without a database. */
export const DEFAULT_BUCKET_DOMAIN: ValidationDomain = {
  buckets: [
    { code: 'M0', minDpd: 0, maxDpd: 0 },
    { code: 'M1', minDpd: 1, maxDpd: 30 },
    { code: 'M2', minDpd: 31, maxDpd: 60 },
    { code: 'M3', minDpd: 61, maxDpd: 90 },
    { code: 'M4', minDpd: 91, maxDpd: 120 },
    { code: 'M5', minDpd: 121, maxDpd: 150 },
    { code: 'M6', minDpd: 151, maxDpd: 180 },
    { code: 'M6+', minDpd: 181, maxDpd: null },
  ],
};
