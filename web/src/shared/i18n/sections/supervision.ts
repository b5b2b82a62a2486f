/**
 * The words of the supervisors' screens (queues, collectors, assignment, agency placements and recalls)
 * and of the agency's own screens. Chinese first; the English must have exactly the same keys.
 */
import type { Widen } from '../types.ts';

export const zh = {
  supervision: {
    title: '分案与委外',
  },
} as const;

export const en: Widen<typeof zh> = {
  supervision: {
    title: 'Assignment and agencies',
  },
};
