import { z } from 'zod';
import { ZObjectId } from '../ids';
import {
  ZAmount,
  ZCurrency,
  ZIsoDate,
  ZIsoDateTime,
  ZOrderStatus,
  ZOrdersCursor,
  ZPageSize,
  ZPositiveAmount,
  ZText,
  ZTierId,
} from './common';
import { ZExpertPublic } from './experts';
import { ZOrderView, ZRefundView } from './payments';

/** POST /api/admin/orders/:orderId/refund: no amount = what the refund policy gives. */
export const ZAdminRefundRequest = z.strictObject({
  amount: ZPositiveAmount.optional(),
  reason: ZText({ min: 1, max: 500, multiline: true }),
});
export type AdminRefundRequest = z.infer<typeof ZAdminRefundRequest>;

/**
 * GET /api/admin/orders query (values arrive as strings). Newest first, keyset pagination: `cursor` is
 * the `nextCursor` of the previous page (docs/decisions/0081); there is no page number and no total.
 */
export const ZAdminOrdersQuery = z.strictObject({
  status: ZOrderStatus.optional(),
  expertId: ZObjectId.optional(),
  from: z.union([ZIsoDate, ZIsoDateTime]).optional(),
  to: z.union([ZIsoDate, ZIsoDateTime]).optional(),
  /** an exact order id, or the start of the customer's email (a whole email matches too) */
  q: ZText({ max: 200 }).optional(),
  cursor: ZOrdersCursor.optional(),
  pageSize: ZPageSize.optional(),
});
export type AdminOrdersQuery = z.infer<typeof ZAdminOrdersQuery>;

/** PATCH /api/admin/experts/:expertId */
export const ZAdminUpdateExpertRequest = z
  .strictObject({
    active: z.boolean().optional(),
    tiers: z.array(ZTierId).max(3).optional(),
  })
  .refine((body) => body.active !== undefined || body.tiers !== undefined, {
    message: 'At least one of active or tiers is required',
  });
export type AdminUpdateExpertRequest = z.infer<typeof ZAdminUpdateExpertRequest>;

const ZPaymentsFigures = z.object({
  succeededCount: z.int().min(0),
  succeededAmount: ZAmount,
  failedCount: z.int().min(0),
  refundCount: z.int().min(0),
  refundedAmount: ZAmount,
});

/** GET /api/admin/payments/overview: per-day figures (UTC days) and totals, amounts in cents. */
export const ZPaymentsOverview = z.object({
  currency: ZCurrency,
  days: z.array(ZPaymentsFigures.extend({ date: ZIsoDate })),
  totals: ZPaymentsFigures,
});
export type PaymentsOverview = z.infer<typeof ZPaymentsOverview>;

/** A refund as admins see it: why the provider refused it, and whether it may be retried. */
export const ZAdminRefundView = ZRefundView.extend({
  failureReason: z.string().nullable().optional(),
  retryable: z.boolean().optional(),
});
export type AdminRefundView = z.infer<typeof ZAdminRefundView>;

/** GET /api/admin/orders/:orderId: the order view with the admin-only refund details. */
export const ZAdminOrderView = ZOrderView.extend({ refunds: z.array(ZAdminRefundView) });
export type AdminOrderView = z.infer<typeof ZAdminOrderView>;

/** GET /api/admin/experts: every expert, with the email of their desk login when they have one. */
export const ZExpertAdminView = ZExpertPublic.extend({ email: z.string().nullable().optional() });
export type ExpertAdminView = z.infer<typeof ZExpertAdminView>;

/** GET /api/admin/experts */
export const ZAdminExpertsResponse = z.object({ experts: z.array(ZExpertAdminView) });
export type AdminExpertsResponse = z.infer<typeof ZAdminExpertsResponse>;

/** PATCH /api/admin/experts/:id: the expert after the change. */
export const ZAdminExpertResponse = z.object({ expert: ZExpertPublic });
export type AdminExpertResponse = z.infer<typeof ZAdminExpertResponse>;

/** POST /api/admin/orders/:orderId/refund and /api/admin/refunds/:refundId/retry (201). */
export const ZAdminRefundResponse = z.object({ order: ZAdminOrderView, refund: ZRefundView.nullable() });
export type AdminRefundResponse = z.infer<typeof ZAdminRefundResponse>;
