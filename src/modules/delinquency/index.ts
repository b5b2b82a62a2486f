export { bucketFor, movement, validateBuckets } from './buckets.rules.ts';
export type { Bucket, Movement } from './delinquency.types.ts';
export { loadBuckets, delinquencyStep, casesStep } from './delinquency.cycle.ts';
