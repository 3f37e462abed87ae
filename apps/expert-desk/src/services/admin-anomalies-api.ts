/**
 * The desk's admin call for payment anomalies (/api/admin/payment-anomalies): PaymentIntents that named
 * an order but could not pay it, with the automatic refund. Spread into the desk's ApiClient.
 */
import type { Money } from '@lumira/shared';
import type { HttpClient } from '@lumira/web-kit';

export type PaymentAnomalyView = {
  paymentIntentId: string;
  orderId: string;
  reason: 'amount_mismatch' | 'foreign_payment_intent';
  /** What the PaymentIntent held: minor units and an ISO currency, possibly one we do not sell in. */
  amount: { amount: number; currency: string };
  /** The PaymentIntent's status at the provider when it was seen. */
  status: string;
  refundId: string | null;
  refundStatus: string | null;
  createdAt: string;
  order: { amount: Money; status: string; customerEmail: string };
};

export function createAdminAnomaliesApi({ request }: Pick<HttpClient, 'request'>) {
  return {
    paymentAnomalies: (limit = 200) =>
      request<{ anomalies: PaymentAnomalyView[] }>('/api/admin/payment-anomalies', { query: { limit } }).then(
        (r) => r.anomalies,
      ),
  };
}
