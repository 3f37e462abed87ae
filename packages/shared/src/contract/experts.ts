import { z } from 'zod';
import { ZObjectId } from '../ids';
import { ZTierId } from './common';

export const ZExpertPublic = z.object({
  id: ZObjectId,
  name: z.string(),
  bio: z.string(),
  tiers: z.array(ZTierId),
  online: z.boolean(),
  active: z.boolean(),
});
export type ExpertPublic = z.infer<typeof ZExpertPublic>;

/** GET /api/experts */
export const ZExpertsResponse = z.object({ experts: z.array(ZExpertPublic) });
export type ExpertsResponse = z.infer<typeof ZExpertsResponse>;
