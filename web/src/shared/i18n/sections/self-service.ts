/**
 * The portal's self-service words: plan proposals, payment, contact preferences, rights and education, credit-report disputes.
 * Chinese first; the English must have exactly the same keys (the type says so).
 */
import type { Widen } from '../types.ts';

export const zh = {
  selfService: {
    title: '自助服务',
  },
} as const;

export const en: Widen<typeof zh> = {
  selfService: {
    title: 'Self-service',
  },
};
