import { z } from 'zod';
import type { ServiceTier } from '../catalog';
import { ZCurrency, ZMoney, ZPositiveAmount, ZText, ZTierId } from './common';

export const ZServiceTier = z.object({
  id: ZTierId,
  name: z.string().min(1),
  price: ZMoney,
  durationMinutes: z.int().positive(),
  features: z.array(z.string()),
  active: z.boolean(),
});
// compile-time check that the schema and the domain type agree
const _tierCheck: (t: z.infer<typeof ZServiceTier>) => ServiceTier = (t) => t;
void _tierCheck;

/** GET /api/catalog */
export const ZCatalogResponse = z.object({ tiers: z.array(ZServiceTier) });
export type CatalogResponse = z.infer<typeof ZCatalogResponse>;

/** PATCH /api/admin/catalog/:tierId: partial, strict, at least one field. */
export const ZUpdateTierRequest = z
  .strictObject({
    price: z.strictObject({ amount: ZPositiveAmount, currency: ZCurrency }).optional(),
    durationMinutes: z.int().min(5).max(600).optional(),
    name: ZText({ min: 1, max: 100 }).optional(),
    features: z
      .array(ZText({ min: 1, max: 200 }))
      .max(20)
      .optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'At least one field is required' });
export type UpdateTierRequest = z.infer<typeof ZUpdateTierRequest>;

/** PUT /api/admin/catalog/:tier: the tier after the change. */
export const ZTierResponse = z.object({ tier: ZServiceTier });
export type TierResponse = z.infer<typeof ZTierResponse>;
