/**
 * Applies the provider's truth about one refund to our refund row and the order, on the caller's
 * transaction with both rows locked (order first, then refund: one lock order everywhere).
 * Forward only: a refund leaves `pending` once (succeeded or failed) and never moves again; the order
 * becomes partially_refunded / refunded only when a refund SUCCEEDS.
 */
import { canTransition, type OrderStatus, type TransitionCause } from '@lumira/shared';
import type { Db } from '../../data/db';
import { lockOrder, updateOrder } from '../../data/orders-repository';
import { findRefundById, lockRefund, updateRefund } from '../../data/refunds-repository';
import type { GatewayRefund } from '../../providers/payment-gateway';
import type { Order, Refund } from '../orders/order';
import { publishOrderChange, transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';

export type LockedRefund = { order: Order; refund: Refund };

/** Locks the order then the refund; null when the refund id is unknown. */
export async function lockRefundWithOrder(trx: Db, refundId: string): Promise<LockedRefund | null> {
  const found = await findRefundById(trx, refundId);
  if (!found) return null;
  const order = await lockOrder(trx, found.orderId);
  const refund = await lockRefund(trx, refundId);
  if (!order || !refund) return null;
  return { order, refund };
}

/** The order status once `refundedTotal` has been refunded on `order`. */
export function statusAfterRefund(order: Pick<Order, 'amount'>, refundedTotal: number): OrderStatus {
  return refundedTotal >= order.amount.amount ? 'refunded' : 'partially_refunded';
}

export async function applyRefundOutcome(
  trx: Db,
  ctx: PaymentsContext,
  locked: LockedRefund,
  provider: GatewayRefund | null,
  cause: TransitionCause,
): Promise<LockedRefund & { changed: boolean }> {
  let { order, refund } = locked;
  if (provider?.id && refund.providerRefundId !== provider.id) {
    refund = await updateRefund(trx, refund.id, { providerRefundId: provider.id });
  }
  if (!provider || refund.status !== 'pending') return { order, refund, changed: false };

  if (provider.status === 'succeeded') {
    refund = await updateRefund(trx, refund.id, { status: 'succeeded', failureReason: null });
    const refundedTotal = order.refunded.amount + refund.amount.amount;
    const target = statusAfterRefund(order, refundedTotal);
    const patch = { refundedAmount: refundedTotal, proposedRefundAmount: null };
    const refundCause: TransitionCause = canTransition(order.status, target, cause)
      ? cause
      : 'provider_event';
    if (canTransition(order.status, target, refundCause)) {
      order = (
        await transitionOrder(trx, ctx.notifier, order, target, refundCause, {
          note: `refund ${refund.id} succeeded (${refund.amount.amount} ${refund.amount.currency})`,
          patch,
        })
      ).order;
    } else {
      ctx.logger.warn(
        { orderId: order.id, status: order.status, target },
        'refund succeeded on an order that cannot record it',
      );
      order = await updateOrder(trx, order.id, patch);
      await publishOrderChange(trx, ctx.notifier, order);
    }
    await ctx.notifier.effects?.afterRefundSucceeded(trx, { order, refund });
    ctx.metrics.refunds.inc({ status: 'succeeded', reason: refund.reason.slice(0, 40) });
    ctx.metrics.refundedAmount.inc({ currency: refund.amount.currency }, refund.amount.amount);
    return { order, refund, changed: true };
  }
  if (provider.status === 'failed') {
    refund = await updateRefund(trx, refund.id, {
      status: 'failed',
      failureReason: provider.failureReason ?? provider.status,
    });
    await publishOrderChange(trx, ctx.notifier, order);
    ctx.metrics.refunds.inc({ status: 'failed', reason: refund.reason.slice(0, 40) });
    return { order, refund, changed: true };
  }
  await publishOrderChange(trx, ctx.notifier, order);
  return { order, refund, changed: false };
}
