/**
 * The words of the strategy, assignment, placement and agency screens.
 * Chinese first; the English must have exactly the same keys (the type says so).
 */
import type { Widen } from '../types.ts';

export const zh = {
  strategy: {
    title: '策略',
  },
} as const;

export const en: Widen<typeof zh> = {
  strategy: {
    title: 'Strategy',
  },
};
