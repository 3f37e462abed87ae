import { z } from 'zod';
import { ZObjectId } from '../ids';
import {
  ZAmount,
  ZCurrency,
  ZEmail,
  ZIsoDateTime,
  ZOrderStatus,
  ZPageNumber,
  ZPageSize,
  ZText,
  ZTierId,
  ZTransitionCause,
} from './common';

/**
 * POST /api/payments/create-payment-intent (verbatim from the original design).
 * `level` and `service` both name the tier; at least one is required; when both are given and
 * differ, the API answers TIER_MISMATCH. No price field: prices come from the server's catalog.
 */
export const ZCreatePaymentIntentRequest = z
  .strictObject({
    level: ZTierId.optional(),
    service: ZTierId.optional(),
    expertId: ZObjectId.optional(),
    customerEmail: ZEmail,
    customerName: ZText({ min: 1, max: 100 }).optional(),
  })
  .refine((body) => body.level !== undefined || body.service !== undefined, {
    message: 'One of level or service is required',
    path: ['level'],
  });
export type CreatePaymentIntentRequest = z.infer<typeof ZCreatePaymentIntentRequest>;

export const ZExpertRef = z.object({ id: ZObjectId, name: z.string() });
export type ExpertRef = z.infer<typeof ZExpertRef>;

export const ZTierRef = z.object({ id: ZTierId, name: z.string(), durationMinutes: z.int().positive() });
export type TierRef = z.infer<typeof ZTierRef>;

export const ZCreatePaymentIntentResponse = z.object({
  clientSecret: z.string().min(1),
  orderId: z.string().min(1),
  /** lets an anonymous customer read this one order (`GET /api/payments/order/:orderId?token=...`) */
  orderAccessToken: z.string().min(1),
  amount: ZAmount,
  currency: ZCurrency,
  expert: ZExpertRef,
  tier: ZTierRef,
});
export type CreatePaymentIntentResponse = z.infer<typeof ZCreatePaymentIntentResponse>;

/** A Stripe PaymentIntent id (`pi_` + alphanumerics); a client secret (`pi_..._secret_...`) is rejected. */
export const ZPaymentIntentId = z
  .string()
  .max(255)
  .regex(/^pi_[A-Za-z0-9]+$/, { message: 'Must be a PaymentIntent id (pi_...)' });

/** POST /api/payments/confirm-payment (browser return path; converges with the webhook). */
export const ZConfirmPaymentRequest = z.strictObject({ paymentIntentId: ZPaymentIntentId });
export type ConfirmPaymentRequest = z.infer<typeof ZConfirmPaymentRequest>;

export const ZConfirmPaymentResponse = z.object({ orderId: z.string().min(1), status: ZOrderStatus });
export type ConfirmPaymentResponse = z.infer<typeof ZConfirmPaymentResponse>;

export const ZOrderHistoryEntry = z.object({
  /** null for the creation entry */
  from: ZOrderStatus.nullable(),
  to: ZOrderStatus,
  cause: ZTransitionCause,
  note: z.string().nullable(),
  at: ZIsoDateTime,
});
export type OrderHistoryEntry = z.infer<typeof ZOrderHistoryEntry>;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export const ZRefundStatus = z.enum(REFUND_STATUSES);
export type RefundStatus = z.infer<typeof ZRefundStatus>;

export const ZRefundView = z.object({
  id: z.string().min(1),
  amount: ZAmount,
  status: ZRefundStatus,
  /** a RefundReason code, or the admin's free text for admin refunds */
  reason: z.string(),
  createdAt: ZIsoDateTime,
});
export type RefundView = z.infer<typeof ZRefundView>;

/** GET /api/payments/order/:orderId (and every order in lists, desk and admin views). */
export const ZOrderView = z.object({
  id: z.string().min(1),
  status: ZOrderStatus,
  tier: ZTierRef,
  amount: ZAmount,
  currency: ZCurrency,
  refundedAmount: ZAmount,
  expert: ZExpertRef,
  /** absent in expert views: an expert needs the customer's first name, not their email (data minimisation) */
  customerEmail: z.string().optional(),
  /** the full name for the customer and admins, the first name only in expert views */
  customerName: z.string().nullable(),
  createdAt: ZIsoDateTime,
  paidAt: ZIsoDateTime.nullable(),
  sessionStartedAt: ZIsoDateTime.nullable(),
  sessionEndedAt: ZIsoDateTime.nullable(),
  history: z.array(ZOrderHistoryEntry),
  refunds: z.array(ZRefundView),
  /** whether the viewer may cancel now, and what the refund policy would give back */
  cancellation: z.object({ allowed: z.boolean(), refundAmount: ZAmount }),
  /** present only in expert/admin views */
  paymentIntentId: z.string().optional(),
  /** refund policy version stored on the order at purchase */
  refundPolicyVersion: z.string().optional(),
  /** the expert's session notes: expert and admin views only */
  notes: z.string().nullable().optional(),
  /** the pro-rata refund the desk proposed when a session was interrupted, until it is issued */
  proposedRefundAmount: ZAmount.nullable().optional(),
  /** the provider's code and message for the last failed payment attempt */
  lastPaymentError: z
    .object({ code: z.string().nullable(), message: z.string().nullable() })
    .nullable()
    .optional(),
});
export type OrderView = z.infer<typeof ZOrderView>;

/** GET /api/payments/orders query (the signed-in customer's orders). */
export const ZOrdersQuery = z.strictObject({
  status: ZOrderStatus.optional(),
  page: ZPageNumber.optional(),
  pageSize: ZPageSize.optional(),
});
export type OrdersQuery = z.infer<typeof ZOrdersQuery>;

export const ZOrdersPage = z.object({
  orders: z.array(ZOrderView),
  page: z.int().min(1),
  pageSize: z.int().min(1),
  total: z.int().min(0),
});
export type OrdersPage = z.infer<typeof ZOrdersPage>;

/**
 * A page of a desk or admin order list, newest first (docs/decisions/0081): `nextCursor` is null on the
 * last page, else the value of `cursor` that asks the next (older) page. No total: counting every
 * matching order is what made deep lists slow; "more" is known exactly by reading one row further.
 */
export const ZOrdersKeysetPage = z.object({
  orders: z.array(ZOrderView),
  pageSize: z.int().min(1),
  nextCursor: z.string().nullable(),
});
export type OrdersKeysetPage = z.infer<typeof ZOrdersKeysetPage>;

/** POST /api/payments/order/:orderId/cancel */
export const ZCancelOrderResponse = z.object({
  order: ZOrderView,
  /** the refund started by the cancellation, null when nothing was paid */
  refund: ZRefundView.nullable(),
});
export type CancelOrderResponse = z.infer<typeof ZCancelOrderResponse>;

/** A facture or avoir of an order, in GET /api/payments/order/:orderId/documents. */
export const ZOrderDocument = z.object({
  reference: z.string().min(1),
  kind: z.enum(['invoice', 'credit_note']),
  total: z.object({ amount: z.int(), currency: z.string() }),
  issuedAt: ZIsoDateTime,
  /** For a credit note, the invoice it corrects. */
  corrects: z.string().nullable(),
  /** Path of the PDF under /api/payments/order/:orderId/documents. */
  fileName: z.string().min(1),
});
export type OrderDocument = z.infer<typeof ZOrderDocument>;

/** GET /api/payments/order/:orderId/documents */
export const ZOrderDocumentsResponse = z.object({ documents: z.array(ZOrderDocument) });
export type OrderDocumentsResponse = z.infer<typeof ZOrderDocumentsResponse>;

/** Server-sent event payload on the order stream. */
export const ZOrderEvent = z.object({ type: z.literal('order.updated'), order: ZOrderView });
export type OrderEvent = z.infer<typeof ZOrderEvent>;
