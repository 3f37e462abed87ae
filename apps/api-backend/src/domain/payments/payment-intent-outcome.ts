/**
 * Pure rule: which order status a PaymentIntent's CURRENT state calls for.
 * null = nothing to apply (still in progress, or a state only reconciliation may act on).
 */
import type { OrderStatus } from '@lumira/shared';
import type { GatewayPaymentIntent } from '../../providers/payment-gateway';

export type PaymentIntentOutcome = {
  to: OrderStatus;
  lastPaymentError?: { code: string | null; message: string | null } | null;
};

export function outcomeOfPaymentIntent(
  pi: Pick<GatewayPaymentIntent, 'status' | 'lastPaymentError'>,
): PaymentIntentOutcome | null {
  switch (pi.status) {
    case 'succeeded':
      return { to: 'paid', lastPaymentError: null };
    case 'requires_action':
      return { to: 'requires_action' };
    case 'requires_payment_method':
      // A fresh PaymentIntent also sits in requires_payment_method: only an attempt that failed counts.
      return pi.lastPaymentError
        ? {
            to: 'payment_failed',
            lastPaymentError: { code: pi.lastPaymentError.code, message: pi.lastPaymentError.message },
          }
        : null;
    // Cancelled at the provider: only our own cancel/expiry paths cancel PaymentIntents, and they move
    // the order themselves; reconciliation expires an unpaid order whose PaymentIntent was cancelled.
    case 'canceled':
    case 'processing':
    case 'requires_confirmation':
    case 'requires_capture':
      return null;
  }
}
