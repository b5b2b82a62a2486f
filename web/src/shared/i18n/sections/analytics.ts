/**
 * The analytics screens' words (C15: roll rates, cure curves, promises kept, recovery, complaints, blocks).
 * Chinese first; the English must have exactly the same keys (the type says so).
 */
import type { Widen } from '../types.ts';

export const zh = {
  analytics: {
    title: '催收分析',
  },
} as const;

export const en: Widen<typeof zh> = {
  analytics: {
    title: 'Collections analytics',
  },
};
