/**
 * Domain types of orders, refunds and viewers: what repositories return and use cases work with.
 * (Rows and column names stay in `src/data/`.)
 */
import type { Money, OrderStatus, TierId, TransitionCause } from '@lumira/shared';

export type Order = {
  id: string;
  tierId: TierId;
  tierName: string;
  /** The priced snapshot: what the customer pays (and paid). */
  amount: Money;
  durationMinutes: number;
  refundPolicyVersion: string;
  customerEmail: string;
  customerName: string | null;
  userId: string | null;
  expertId: string;
  paymentIntentId: string | null;
  accessTokenHash: string;
  status: OrderStatus;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  expiresAt: Date;
  sessionStartedAt: Date | null;
  sessionEndedAt: Date | null;
  sessionEndReason: string | null;
  notes: string | null;
  /** Sum of SUCCEEDED refunds only. */
  refunded: Money;
  lastPaymentError: { code: string | null; message: string | null } | null;
  /** Pro-rata refund proposed to the admin after an interrupted session (null: none pending). */
  proposedRefund: Money | null;
};

export type OrderEvent = {
  id: string;
  orderId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  cause: TransitionCause;
  note: string | null;
  at: Date;
};

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export type Refund = {
  id: string;
  orderId: string;
  providerRefundId: string | null;
  amount: Money;
  status: RefundStatus;
  reason: string;
  idempotencyKey: string;
  failureReason: string | null;
  requestedBy: string | null;
  retryOf: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Who is asking: resolved from a JWT or an order access token at the edge. */
export type Viewer =
  | { kind: 'user'; userId: string; role: 'customer' | 'expert' | 'admin'; expertId?: string | null }
  | { kind: 'token'; token: string }
  /** A verified e-mail link token (`order-link-token.ts`): the customer of that one order. */
  | { kind: 'link'; orderId: string }
  | { kind: 'anonymous' };
