/**
 * The words of the account page's negotiation forms (promise, plan, deferral, waiver, settlement) and case history.
 * Chinese first; the English must have exactly the same keys (the type says so).
 */
import type { Widen } from '../types.ts';

export const zh = {
  casework: {
    title: '协商',
  },
} as const;

export const en: Widen<typeof zh> = {
  casework: {
    title: 'Negotiation',
  },
};
