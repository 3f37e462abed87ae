/**
 * POST /api/payments/order/:orderId/cancel (the order's customer: owner JWT or access token).
 * - Not paid yet: cancel the PaymentIntent (idempotency key `order:<id>:pi:cancel`), then the order.
 *   If the provider says the payment succeeded meanwhile, settle it and continue as "paid".
 * - Paid, session not started: the order becomes `cancelled` and the refund policy's amount (100%
 *   before the session) is refunded in the same step; the order becomes `refunded` when the refund
 *   succeeds.
 * Duplicates (a retry, a double click, parallel requests) answer the first cancellation's outcome.
 */
import { AppError, isPayable } from '@lumira/shared';
import { listOrderEvents } from '../../data/order-events-repository';
import { findOrderById, lockOrder } from '../../data/orders-repository';
import { listRefundsOfOrder } from '../../data/refunds-repository';
import { idempotencyKeys } from '../../providers/payment-gateway';
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Order, Refund, Viewer } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import { issueRefund } from '../refunds/issue-refund';
import { policyRefund } from '../refunds/policy-refund';
import type { PaymentsContext } from './payments-context';
import { callProvider } from './provider-errors';
import { settlePaymentIntent } from './settle-payment-intent';

export async function cancelOrder(
  ctx: PaymentsContext,
  input: { orderId: string; viewers: readonly Viewer[] },
): Promise<{ order: Order; refund: Refund | null }> {
  try {
    return await cancelOnce(ctx, input);
  } catch (error) {
    // Parallel duplicates: the one that lost the race on the order lock answers the winner's outcome
    // (the same order and refund, no second provider call) instead of a 409.
    if (!(error instanceof AppError) || error.code !== 'ORDER_NOT_CANCELLABLE') throw error;
    const current = await findOrderById(ctx.db, input.orderId);
    const earlier = current ? await findCustomerCancellation(ctx, current) : null;
    if (earlier) return earlier;
    throw error;
  }
}

async function cancelOnce(
  ctx: PaymentsContext,
  input: { orderId: string; viewers: readonly Viewer[] },
): Promise<{ order: Order; refund: Refund | null }> {
  const { order, role } = await getOrderForViewer(ctx.db, input.orderId, input.viewers);
  if (role !== 'customer') throw new AppError('FORBIDDEN', 'Only the customer can cancel this order');

  // A retry after a lost answer (or a double click) gets the outcome of the first cancellation, 200.
  const earlier = await findCustomerCancellation(ctx, order);
  if (earlier) return earlier;

  if (isPayable(order.status)) {
    const { paymentIntentId } = order;
    if (paymentIntentId) {
      const paidMeanwhile = await callProvider('payment', async () => {
        const pi = await ctx.gateway.cancelPaymentIntent({
          paymentIntentId,
          idempotencyKey: idempotencyKeys.cancelPaymentIntent(order.id),
        });
        if (pi.status !== 'succeeded') return false;
        await settlePaymentIntent(ctx, {
          paymentIntentId: pi.id,
          orderIdHint: order.id,
          source: { kind: 'confirm' },
        });
        return true;
      });
      if (paidMeanwhile) return cancelPaidOrder(ctx, order.id);
    }
    const cancelled = await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockOrder(trx, order.id);
      if (!locked) throw new AppError('NOT_FOUND', 'Order not found');
      if (!isPayable(locked.status)) return null; // paid meanwhile
      return (
        await transitionOrder(trx, ctx.notifier, locked, 'cancelled', 'customer', {
          note: 'cancelled by the customer',
        })
      ).order;
    });
    if (cancelled) return { order: cancelled, refund: null };
  }
  return cancelPaidOrder(ctx, order.id);
}

async function cancelPaidOrder(
  ctx: PaymentsContext,
  orderId: string,
): Promise<{ order: Order; refund: Refund | null }> {
  return issueRefund(ctx, {
    orderId,
    cause: 'customer',
    requestedBy: null,
    guard: (order) => {
      if (order.status !== 'paid' || order.sessionStartedAt) {
        throw new AppError('ORDER_NOT_CANCELLABLE', 'This order can no longer be cancelled');
      }
    },
    transitionFirst: { to: 'cancelled', note: 'cancelled by the customer before the session' },
    decide: (order, available) => {
      const decision = policyRefund(order, { actor: 'customer', status: 'paid', available });
      return { amount: decision.amount.amount, reason: decision.reason };
    },
  });
}

/**
 * The order as the customer's earlier cancellation left it (cancelled, then possibly refunded), with the
 * refund that cancellation started; null when the customer never cancelled this order.
 */
async function findCustomerCancellation(
  ctx: PaymentsContext,
  order: Order,
): Promise<{ order: Order; refund: Refund | null } | null> {
  if (order.status !== 'cancelled' && order.status !== 'refunded') return null;
  const history = await listOrderEvents(ctx.db, order.id);
  const cancellation = history.find((e) => e.to === 'cancelled' && e.cause === 'customer');
  if (!cancellation) return null;
  const refunds = await listRefundsOfOrder(ctx.db, order.id);
  const refund = refunds.filter((r) => r.createdAt >= cancellation.at).at(-1) ?? null;
  return { order, refund };
}
