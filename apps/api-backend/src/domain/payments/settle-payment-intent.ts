/**
 * THE settle function. The webhook, the browser return path (confirm-payment) and the reconciliation
 * job all converge here, so a payment outcome is applied by exactly one piece of code.
 *
 * In ONE transaction:
 *   1. (webhook) insert the event id into the inbox; a duplicate stops here with no effect;
 *   2. lock the order row (SELECT ... FOR UPDATE): concurrent settlements of one order serialize;
 *   3. re-read the PaymentIntent from the provider UNDER the lock, so whoever commits last applied the
 *      freshest truth (a stale event payload is never trusted);
 *   4. apply the outcome through the transition table: state only moves forward (a late
 *      `payment_failed` after `paid` is a no-op), each change appends one history entry.
 * A failure anywhere rolls everything back, inbox row included, so the provider's redelivery retries.
 */
import { AppError, canTransition, type OrderStatus, type TransitionCause } from '@lumira/shared';
import {
  findOrderIdByPaymentIntentId,
  lockOrder,
  type OrderPatch,
  updateOrder,
} from '../../data/orders-repository';
import { recordPaymentEvent } from '../../data/payment-events-repository';
import type { GatewayEvent, GatewayPaymentIntent, PaymentStatus } from '../../providers/payment-gateway';
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
  const result = await ctx.db.transaction().execute(async (trx): Promise<SettleResult> => {
    if (source.kind === 'webhook') {
      const isNew = await recordPaymentEvent(trx, {
        id: source.event.id,
        type: source.event.type,
        objectId: input.paymentIntentId,
        orderId: input.orderIdHint ?? null,
      });
      if (!isNew) return { kind: 'duplicate' };
    }

    const orderId = input.orderIdHint ?? (await findOrderIdByPaymentIntentId(trx, input.paymentIntentId));
    const order = orderId ? await lockOrder(trx, orderId) : null;
    if (!order) throw orderNotVisible(source);

    const pi = await ctx.gateway.retrievePaymentIntent(input.paymentIntentId);
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
    // Heal a crash between "PaymentIntent created" and "its id stored on the order".
    if (!current.paymentIntentId) current = await updateOrder(trx, current.id, { paymentIntentId: pi.id });

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

function orderNotVisible(source: SettleSource): AppError {
  return source.kind === 'webhook'
    ? new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Order not visible yet; retry later')
    : new AppError('NOT_FOUND', 'Order not found');
}
