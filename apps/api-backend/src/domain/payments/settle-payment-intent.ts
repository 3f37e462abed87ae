/**
 * THE settle function. The webhook, the browser return path (confirm-payment) and the reconciliation
 * job all converge here, so a payment outcome is applied by exactly one piece of code.
 *
 * 1. Re-read the PaymentIntent from the provider FIRST, outside any transaction: no pooled connection
 *    or row lock is held while the provider answers (a stale event payload is never trusted).
 * 2. Then ONE short transaction:
 *    a. lock the order row (SELECT ... FOR UPDATE): concurrent settlements of one order serialize;
 *    b. (webhook) insert the event id into the inbox, in the same statement as the lock; a duplicate
 *       stops here with no effect;
 *    c. re-check under the lock that the PaymentIntent is ours and carries the order's money: its id
 *       is the one stored on the order (or, none stored yet, its metadata names the order and it is
 *       recorded as adopted) and its amount and currency equal the order's. Anything else never pays
 *       the order: it is recorded in `payment_anomalies`, counted, and refunded in full afterwards;
 *    d. apply the outcome through the transition table: state only moves forward (a late
 *       `payment_failed` after `paid` is a no-op, whatever order the reads came back in), each change
 *       appends one history entry.
 * A failure anywhere rolls everything back, inbox row included, so the provider's redelivery retries.
 */
import { AppError, canTransition, type OrderStatus, type TransitionCause } from '@lumira/shared';
import {
  findOrderById,
  findOrderIdByPaymentIntentId,
  lockOrder,
  type OrderPatch,
  updateOrder,
} from '../../data/orders-repository';
import {
  type PaymentAnomalyReason,
  recordPaymentAnomaly,
  setPaymentAnomalyRefund,
} from '../../data/payment-anomalies-repository';
import { isPaymentEventRecorded, lockOrderRecordingEvent } from '../../data/payment-events-repository';
import {
  type GatewayEvent,
  type GatewayPaymentIntent,
  idempotencyKeys,
  isPaymentGatewayError,
  type PaymentStatus,
} from '../../providers/payment-gateway';
import type { Order } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import { issueRefund } from '../refunds/issue-refund';
import { policyRefund } from '../refunds/policy-refund';
import { runFaultHook } from './fault-hooks';
import type { PaymentsContext } from './payments-context';

/**
 * Which order status a payment's CURRENT state calls for (the gateway already speaks the domain's words;
 * null: nothing to apply). A fresh payment is `pending`; `processing` and `authorized` are still in
 * progress. A payment cancelled at the provider changes nothing here: only our own cancel and expiry
 * paths cancel payments and they move the order themselves (reconciliation may ask for `expired`).
 */
const ORDER_STATUS_FOR_PAYMENT: Readonly<Record<PaymentStatus, OrderStatus | null>> = {
  pending: null,
  requires_action: 'requires_action',
  processing: null,
  authorized: null,
  failed: 'payment_failed',
  succeeded: 'paid',
  canceled: null,
};

export type SettleSource =
  | { kind: 'webhook'; event: GatewayEvent }
  | { kind: 'confirm' }
  | { kind: 'reconciliation'; expireIfCanceled?: boolean };

export type SettleResult =
  | { kind: 'duplicate' }
  | {
      kind: 'settled';
      order: Order;
      from: OrderStatus;
      changed: boolean;
      paymentIntent: GatewayPaymentIntent;
    };

export async function settlePaymentIntent(
  ctx: PaymentsContext,
  input: { paymentIntentId: string; orderIdHint?: string | null; source: SettleSource },
): Promise<SettleResult> {
  const { source } = input;
  const cause: TransitionCause = source.kind === 'reconciliation' ? 'reconciliation' : 'provider_event';
  // A redelivered event costs no provider call (the inbox insert below stays the decision).
  if (source.kind === 'webhook' && (await isPaymentEventRecorded(ctx.db, source.event.id)))
    return { kind: 'duplicate' };
  const pi = await retrieveForSettlement(ctx, input);
  let anomaly: { orderId: string; reason: PaymentAnomalyReason } | null = null;
  const result = await ctx.db.transaction().execute(async (trx): Promise<SettleResult> => {
    const orderId = input.orderIdHint ?? (await findOrderIdByPaymentIntentId(trx, input.paymentIntentId));
    if (!orderId) throw orderNotVisible(source);
    let order: Order | null;
    if (source.kind === 'webhook') {
      // Lock and inbox insert in one statement (decision 0086); no order: nothing recorded.
      const locked = await lockOrderRecordingEvent(trx, orderId, {
        id: source.event.id,
        type: source.event.type,
        objectId: input.paymentIntentId,
        orderId: input.orderIdHint ?? null,
      });
      if (locked.order && !locked.isNewEvent) return { kind: 'duplicate' };
      order = locked.order;
    } else {
      order = await lockOrder(trx, orderId);
    }
    if (!order) throw orderNotVisible(source);

    // A PaymentIntent that names this order but is not the one stored on it, or does not carry the
    // order's amount and currency, never pays it (an underpayment, or a payment made with another
    // key on the account): recorded, counted and refunded.
    const namesOrder = pi.orderId === order.id;
    const foreign = namesOrder && order.paymentIntentId !== null && order.paymentIntentId !== pi.id;
    const wrongMoney =
      namesOrder &&
      (pi.amount.amount !== order.amount.amount || pi.amount.currency !== order.amount.currency);
    if (foreign || wrongMoney) {
      const reason: PaymentAnomalyReason = wrongMoney ? 'amount_mismatch' : 'foreign_payment_intent';
      await recordPaymentAnomaly(trx, {
        paymentIntentId: pi.id,
        orderId: order.id,
        reason,
        amount: pi.amount,
        status: pi.status,
      });
      anomaly = { orderId: order.id, reason };
      ctx.logger.error(
        { orderId: order.id, paymentIntentId: pi.id, reason, status: pi.status },
        'PaymentIntent names the order but cannot pay it: not applied',
      );
      return { kind: 'settled', order, from: order.status, changed: false, paymentIntent: pi };
    }
    // The PaymentIntent must belong to this order (its metadata is the link we set at creation).
    if (pi.orderId !== order.id || (order.paymentIntentId && order.paymentIntentId !== pi.id)) {
      ctx.logger.warn(
        { orderId: order.id, paymentIntentId: pi.id },
        'PaymentIntent does not belong to the order',
      );
      if (source.kind === 'webhook')
        return { kind: 'settled', order, from: order.status, changed: false, paymentIntent: pi };
      throw new AppError('NOT_FOUND', 'Order not found');
    }

    let current = order;
    // Heal a crash between "PaymentIntent created" and "its id stored on the order": the PaymentIntent
    // names the order and carries its exact money (checked above), so it is adopted, and says so.
    if (!current.paymentIntentId) {
      current = await updateOrder(trx, current.id, { paymentIntentId: pi.id });
      ctx.logger.warn({ orderId: order.id, paymentIntentId: pi.id }, 'PaymentIntent adopted by its order');
    }

    let to = ORDER_STATUS_FOR_PAYMENT[pi.status];
    if (!to && pi.status === 'canceled' && source.kind === 'reconciliation' && source.expireIfCanceled) {
      to = 'expired';
    }
    // A payment outcome applies once: an order that was paid before (then cancelled, refunded, ...) never
    // goes back to paid when the same succeeded PaymentIntent is settled again (browser return, late or
    // replayed webhook, reconciliation). Only a payment that lands on a never-paid closed order does.
    if (to === 'paid' && current.paidAt) to = null;
    let changed = false;
    if (to && to !== current.status && canTransition(current.status, to, cause)) {
      const patch: Omit<OrderPatch, 'status'> = {};
      if (to === 'paid') {
        patch.paidAt = new Date();
        patch.lastPaymentError = null;
      }
      if (to === 'payment_failed') {
        patch.lastPaymentError = {
          code: pi.lastPaymentError?.code ?? null,
          message: pi.lastPaymentError?.message ?? null,
        };
      }
      const note =
        to === 'payment_failed'
          ? `payment failed${pi.lastPaymentError?.code ? `: ${pi.lastPaymentError.code}` : ''}`
          : `PaymentIntent ${pi.status}`;
      const moved = await transitionOrder(trx, ctx.notifier, current, to, cause, { note, patch });
      current = moved.order;
      changed = moved.changed;
      if (to === 'paid' && isClosed(order.status)) {
        ctx.logger.warn({ orderId: order.id }, 'payment succeeded on a closed order: refunding it in full');
      }
    }
    await runFaultHook(ctx, 'settle-payment.before-commit');
    return { kind: 'settled', order: current, from: order.status, changed, paymentIntent: pi };
  });

  if (anomaly) await handleAnomaly(ctx, pi, anomaly);
  if (
    result.kind === 'settled' &&
    result.changed &&
    result.order.status === 'paid' &&
    isClosed(result.from)
  ) {
    await refundLatePayment(ctx, result.order.id, cause);
  }
  if (result.kind === 'settled' && result.changed) {
    const via = source.kind === 'webhook' ? 'webhook' : source.kind;
    if (result.order.status === 'paid') ctx.metrics.paymentsSucceeded.inc({ tier: result.order.tierId, via });
    if (result.order.status === 'payment_failed') {
      ctx.metrics.paymentsFailed.inc({ reason: result.paymentIntent.lastPaymentError?.code ?? 'unknown' });
    }
  }
  return result;
}

/**
 * Counts the anomaly and, when money was taken, sends all of it back (idempotency key from the
 * PaymentIntent's id, so a second settlement of the same PaymentIntent never refunds twice).
 */
async function handleAnomaly(
  ctx: PaymentsContext,
  pi: GatewayPaymentIntent,
  anomaly: { orderId: string; reason: PaymentAnomalyReason },
): Promise<void> {
  ctx.metrics.paymentAnomalies.inc({ reason: anomaly.reason });
  if (pi.status !== 'succeeded') return;
  try {
    const refund = await ctx.gateway.createRefund({
      paymentIntentId: pi.id,
      amount: pi.amount,
      orderId: anomaly.orderId,
      refundId: `anomaly-${pi.id}`,
      idempotencyKey: idempotencyKeys.refundPaymentAnomaly(pi.id),
    });
    await setPaymentAnomalyRefund(ctx.db, pi.id, { id: refund.id, status: refund.status });
    ctx.logger.warn(
      { orderId: anomaly.orderId, paymentIntentId: pi.id, refundId: refund.id },
      'PaymentIntent that could not pay the order refunded in full',
    );
  } catch (error) {
    ctx.logger.error(
      { orderId: anomaly.orderId, paymentIntentId: pi.id, err: error },
      'refund of a PaymentIntent that could not pay the order failed (reconciliation or the next event retries)',
    );
  }
}

function isClosed(status: OrderStatus): boolean {
  return status === 'cancelled' || status === 'expired';
}

/**
 * A payment that landed on an order already cancelled or expired (decision 0003): the money was taken
 * for nothing, so the full amount goes back at once (reason payment_after_order_closed). A failure here
 * is logged; the order stays `paid` and visible to admins.
 */
async function refundLatePayment(
  ctx: PaymentsContext,
  orderId: string,
  cause: TransitionCause,
): Promise<void> {
  try {
    await issueRefund(ctx, {
      orderId,
      cause,
      requestedBy: null,
      decide: (order, available) => {
        const decision = policyRefund(order, { actor: cause, available });
        return { amount: decision.amount.amount, reason: decision.reason };
      },
    });
  } catch (error) {
    ctx.logger.error({ orderId, err: error }, 'automatic refund of a late payment failed');
  }
}

/**
 * The PaymentIntent as the provider has it now. One the provider does not know, naming no order we have,
 * is answered like any event for an order not visible yet (the webhook's documented 503, a 404 elsewhere),
 * never as a provider outage.
 */
async function retrieveForSettlement(
  ctx: PaymentsContext,
  input: { paymentIntentId: string; orderIdHint?: string | null; source: SettleSource },
): Promise<GatewayPaymentIntent> {
  try {
    return await ctx.gateway.retrievePaymentIntent(input.paymentIntentId);
  } catch (error) {
    if (isPaymentGatewayError(error) && error.kind === 'not_found') {
      const orderId =
        input.orderIdHint ?? (await findOrderIdByPaymentIntentId(ctx.db, input.paymentIntentId));
      const order = orderId ? await findOrderById(ctx.db, orderId) : null;
      if (!order) throw orderNotVisible(input.source);
    }
    throw error;
  }
}

function orderNotVisible(source: SettleSource): AppError {
  return source.kind === 'webhook'
    ? new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Order not visible yet; retry later')
    : new AppError('NOT_FOUND', 'Order not found');
}
