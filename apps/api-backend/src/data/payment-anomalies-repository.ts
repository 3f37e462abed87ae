/** Payment anomalies (migration 0010): PaymentIntents that named an order but could not pay it. */
import type { Money } from '@lumira/shared';
import type { Db } from './db';

export type PaymentAnomalyReason = 'amount_mismatch' | 'foreign_payment_intent';

/** Records the anomaly once per PaymentIntent; answers whether this call recorded it. */
export async function recordPaymentAnomaly(
  db: Db,
  anomaly: {
    paymentIntentId: string;
    orderId: string;
    reason: PaymentAnomalyReason;
    amount: Money;
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
