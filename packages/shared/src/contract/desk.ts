import { z } from 'zod';
import { ZAmount, ZCurrency, ZIsoDate, ZOrderStatus, ZText, ZTierId } from './common';

/** GET /api/desk/orders query */
export const ZDeskOrdersQuery = z.strictObject({ status: ZOrderStatus.optional() });
export type DeskOrdersQuery = z.infer<typeof ZDeskOrdersQuery>;

/** POST /api/desk/orders/:orderId/end */
export const ZEndSessionRequest = z.strictObject({
  reason: z.enum(['completed', 'interrupted']),
  notes: ZText({ max: 2000, multiline: true }).optional(),
});
export type EndSessionRequest = z.infer<typeof ZEndSessionRequest>;

/** POST /api/desk/orders/:orderId/no-show */
export const ZNoShowRequest = z.strictObject({ who: z.enum(['customer', 'expert']) });
export type NoShowRequest = z.infer<typeof ZNoShowRequest>;

/** PUT /api/desk/availability */
export const ZAvailabilityRequest = z.strictObject({ online: z.boolean() });
export type AvailabilityRequest = z.infer<typeof ZAvailabilityRequest>;
/** The expert's availability as the API recorded it. */
export const ZAvailabilityResponse = z.object({ expertId: z.string().min(1), online: z.boolean() });
export type AvailabilityResponse = z.infer<typeof ZAvailabilityResponse>;

/** GET /api/desk/earnings: amounts in cents; net = gross - refunded. */
export const ZEarningsResponse = z.object({
  currency: ZCurrency,
  grossAmount: ZAmount,
  refundedAmount: ZAmount,
  netAmount: z.int(),
  orderCount: z.int().min(0),
  byTier: z.array(z.object({ tier: ZTierId, orderCount: z.int().min(0), netAmount: z.int() })),
  byDay: z.array(z.object({ date: ZIsoDate, orderCount: z.int().min(0), netAmount: z.int() })),
});
export type EarningsResponse = z.infer<typeof ZEarningsResponse>;
