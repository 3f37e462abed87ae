/** Payment anomalies (migration 0010): PaymentIntents that named an order but could not pay it. */
import { type Money, money } from '@lumira/shared';
import type { ProviderAmount } from '../providers/payment-gateway';
import type { Db } from './db';

export type PaymentAnomalyReason = 'amount_mismatch' | 'foreign_payment_intent';

/** Records the anomaly once per PaymentIntent; answers whether this call recorded it. */
export async function recordPaymentAnomaly(
  db: Db,
  anomaly: {
    paymentIntentId: string;
    orderId: string;
    reason: PaymentAnomalyReason;
    /** What the PaymentIntent holds, in whatever currency it was made. */
    amount: ProviderAmount;
    status: string;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('payment_anomalies')
    .values({
      payment_intent_id: anomaly.paymentIntentId,
      order_id: anomaly.orderId,
      reason: anomaly.reason,
      amount: anomaly.amount.amount,
      currency: anomaly.amount.currency,
      status: anomaly.status,
    })
    .onConflict((oc) => oc.column('payment_intent_id').doUpdateSet({ status: anomaly.status }))
    .returning(['refund_id'])
    .executeTakeFirst();
  return row !== undefined && row.refund_id === null;
}

export async function setPaymentAnomalyRefund(
  db: Db,
  paymentIntentId: string,
  refund: { id: string; status: string },
): Promise<void> {
  await db
    .updateTable('payment_anomalies')
    .set({ refund_id: refund.id, refund_status: refund.status })
    .where('payment_intent_id', '=', paymentIntentId)
    .execute();
}

export async function listPaymentAnomalies(db: Db, orderId: string) {
  return db.selectFrom('payment_anomalies').selectAll().where('order_id', '=', orderId).execute();
}

export type PaymentAnomalyListItem = {
  paymentIntentId: string;
  orderId: string;
  reason: PaymentAnomalyReason;
  /** What the PaymentIntent held (its currency may not be one we sell in). */
  amount: ProviderAmount;
  status: string;
  refundId: string | null;
  refundStatus: string | null;
  createdAt: Date;
  order: { amount: Money; status: string; customerEmail: string };
};

/** The newest anomalies first, with the order they named (admin list). */
export async function listRecentPaymentAnomalies(db: Db, limit: number): Promise<PaymentAnomalyListItem[]> {
  const rows = await db
    .selectFrom('payment_anomalies as a')
    .innerJoin('orders as o', 'o.id', 'a.order_id')
    .select([
      'a.payment_intent_id',
      'a.order_id',
      'a.reason',
      'a.amount',
      'a.currency',
      'a.status',
      'a.refund_id',
      'a.refund_status',
      'a.created_at',
      'o.amount as order_amount',
      'o.currency as order_currency',
      'o.status as order_status',
      'o.customer_email',
    ])
    .orderBy('a.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    paymentIntentId: r.payment_intent_id,
    orderId: r.order_id,
    reason: r.reason as PaymentAnomalyReason,
    amount: { amount: r.amount, currency: r.currency },
    status: r.status,
    refundId: r.refund_id,
    refundStatus: r.refund_status,
    createdAt: r.created_at,
    order: {
      amount: money(r.order_amount, r.order_currency),
      status: r.order_status,
      customerEmail: r.customer_email,
    },
  }));
}
