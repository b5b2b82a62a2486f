import { z } from 'zod';

/** One bucket of a policy: DPD from min to max (inclusive; max null = no upper end). */
export const BucketSchema = z.object({
  code: z.string().min(1).max(10),
  ordinal: z.number().int().min(0),
  minDpd: z.number().int().min(0),
  maxDpd: z.number().int().min(0).nullable(),
});
export type Bucket = z.infer<typeof BucketSchema>;

export type Movement = 'roll_forward' | 'roll_back' | 'cure';
