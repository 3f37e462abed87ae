import { z } from 'zod';
import {
  ZAmount,
  ZCurrency,
  ZIsoDate,
  ZOrderStatus,
  ZOrdersCursor,
  ZPageSize,
  ZText,
  ZTierId,
} from './common';
import { ZOrdersKeysetPage, ZOrderView, ZRefundView } from './payments';

/**
 * GET /api/desk/orders query: the expert's own orders, newest first, keyset pagination (`cursor` is the
 * `nextCursor` of the previous page; default page size 50). The live queue asks `status=paid`: its first
 * page always holds the newest paid orders, older ones follow page by page.
 */
export const ZDeskOrdersQuery = z.strictObject({
  status: ZOrderStatus.optional(),
  cursor: ZOrdersCursor.optional(),
  pageSize: ZPageSize.optional(),
});
export type DeskOrdersQuery = z.infer<typeof ZDeskOrdersQuery>;

/** GET /api/desk/orders: one keyset page of the expert's orders (expert views), newest first. */
export const ZDeskOrdersResponse = ZOrdersKeysetPage;
export type DeskOrdersResponse = z.infer<typeof ZDeskOrdersResponse>;

/** POST /api/desk/orders/:orderId/start and /end: the order after the change. */
export const ZOrderResponse = z.object({ order: ZOrderView });
export type OrderResponse = z.infer<typeof ZOrderResponse>;

/** POST /api/desk/orders/:orderId/no-show: the order and the refund the policy started, if any. */
export const ZOrderRefundResponse = z.object({ order: ZOrderView, refund: ZRefundView.nullable() });
export type OrderRefundResponse = z.infer<typeof ZOrderRefundResponse>;

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
  /** The last `days` UTC days (query `days`, default 31, at most 366), oldest first. */
  byDay: z.array(z.object({ date: ZIsoDate, orderCount: z.int().min(0), netAmount: z.int() })),
  /** The last 24 UTC months ("2026-11"), oldest first. */
  byMonth: z
    .array(
      z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), orderCount: z.int().min(0), netAmount: z.int() }),
    )
    .optional(),
});
export type EarningsResponse = z.infer<typeof ZEarningsResponse>;
