/**
 * Builds the `OrderView` the API sends (contract in @lumira/shared): never the client secret, the
 * access token hash or card data; the PaymentIntent id only for experts and admins.
 */
import { type OrderView } from '@lumira/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../data/schema';
import type { Order, OrderEvent, Refund } from './order';
export type ViewerRole = 'customer' | 'expert' | 'admin';
/** The view plus the payments-half extras (pro-rata refund proposed to the admin, failure code). */
export type OrderViewWithExtras = OrderView & {
  proposedRefundAmount: number | null;
  lastPaymentError: {
    code: string | null;
    message: string | null;
  } | null;
  refunds: (OrderView['refunds'][number] & {
    failureReason?: string | null;
    retryable?: boolean;
  })[];
};
/** What the customer would get back by cancelling now (0 when nothing was paid), and whether they may. */
export declare function cancellationPreview(
  order: Order,
  now?: Date,
): {
  allowed: boolean;
  refundAmount: number;
};
export declare function toOrderView(
  order: Order,
  parts: {
    expertName: string;
    history: OrderEvent[];
    refunds: Refund[];
  },
  role: ViewerRole,
): OrderViewWithExtras;
/** Loads history, refunds and the expert's name, then builds the view. */
export declare function loadOrderView(
  db: Kysely<Database>,
  order: Order,
  role: ViewerRole,
): Promise<OrderViewWithExtras>;
