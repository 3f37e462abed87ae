/**
 * Issues a refund on an order:
 *   Tx1 (order locked): optional status change (e.g. paid -> cancelled), amount decided on the locked
 *       state and capped by what is neither refunded nor already pending, refund row `pending` with its
 *       idempotency key `refund:<refundId>`; commit.
 *   Provider call with that key (outside any transaction: no lock held over the network).
 *   Tx2: apply the provider's answer (`applyRefundOutcome`).
 * If the provider is unreachable the row stays `pending` without a provider id; reconciliation re-sends
 * the SAME request (same key), so the refund can never be issued twice.
 */
import { AppError, canTransition, money, type OrderStatus, type TransitionCause } from '@lumira/shared';
import type { Db } from '../../data/db';
import { newId } from '../../data/ids';
import { lockOrder } from '../../data/orders-repository';
import { insertRefund, listRefundsOfOrder } from '../../data/refunds-repository';
import { type GatewayRefund, idempotencyKeys, isPaymentGatewayError } from '../../providers/payment-gateway';
import type { Order, Refund } from '../orders/order';
import { type TransitionOptions, transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { isTransientProviderError } from '../payments/provider-errors';
import { applyRefundOutcome, lockRefundWithOrder, statusAfterRefund } from './apply-refund-outcome';

const MONEY_TAKEN_STATUSES: readonly OrderStatus[] = [
  'paid',
  'in_session',
  'completed',
  'interrupted',
  'no_show_customer',
  'no_show_expert',
  'cancelled',
  'partially_refunded',
];

export type IssueRefundOptions = {
  orderId: string;
  cause: TransitionCause;
  requestedBy: string | null;
  /** Applied first, in the same transaction as the refund row (e.g. cancel, expert no-show). */
  transitionFirst?: { to: OrderStatus; note?: string; patch?: TransitionOptions['patch'] };
  /** Decides amount and reason from the locked order; `available` = paid - refunded - pending. */
  decide: (order: Order, available: number) => { amount: number; reason: string };
  /** Checks run on the locked order before anything is written (throw AppError to refuse). */
  guard?: (order: Order, trx: Db) => void | Promise<void>;
  retryOf?: string;
};

export type IssueRefundResult = { order: Order; refund: Refund | null };

export async function issueRefund(
  ctx: PaymentsContext,
  options: IssueRefundOptions,
): Promise<IssueRefundResult> {
  const prepared = await ctx.db.transaction().execute(async (trx) => {
    let order = await lockOrder(trx, options.orderId);
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    await options.guard?.(order, trx);
    if (options.transitionFirst) {
      const { to, note, patch } = options.transitionFirst;
      order = (await transitionOrder(trx, ctx.notifier, order, to, options.cause, { note, patch })).order;
    }
    if (!MONEY_TAKEN_STATUSES.includes(order.status) || !order.paidAt || !order.paymentIntentId) {
      throw new AppError('REFUND_NOT_ALLOWED', 'Nothing was paid on this order');
    }
    const refunds = await listRefundsOfOrder(trx, order.id);
    const pending = refunds
      .filter((r) => r.status === 'pending')
      .reduce((sum, r) => sum + r.amount.amount, 0);
    const available = order.amount.amount - order.refunded.amount - pending;
    const decision = options.decide(order, available);
    if (decision.amount <= 0) return { order, refund: null };
    if (decision.amount > available) {
      throw new AppError('REFUND_AMOUNT_EXCEEDS_CAP', 'Refund exceeds what is left to refund', {
        requested: decision.amount,
        cap: available,
      });
    }
    const target = statusAfterRefund(order, order.refunded.amount + pending + decision.amount);
    if (!canTransition(order.status, target, 'provider_event')) {
      throw new AppError('REFUND_NOT_ALLOWED', `A refund cannot be recorded on a ${order.status} order`, {
        status: order.status,
        wouldBecome: target,
      });
    }
    const id = newId();
    const refund = await insertRefund(trx, {
      id,
      orderId: order.id,
      amount: money(decision.amount, order.amount.currency),
      reason: decision.reason,
      idempotencyKey: idempotencyKeys.createRefund(id),
      requestedBy: options.requestedBy,
      retryOf: options.retryOf ?? null,
    });
    ctx.metrics.refunds.inc({ status: 'requested', reason: decision.reason.slice(0, 40) });
    return { order, refund };
  });
  if (!prepared.refund) return prepared;
  return sendRefundToProvider(ctx, prepared.order, prepared.refund, options.cause);
}

/** Sends (or re-sends, same idempotency key) a pending refund to the provider and applies the answer. */
export async function sendRefundToProvider(
  ctx: PaymentsContext,
  order: Order,
  refund: Refund,
  cause: TransitionCause,
): Promise<IssueRefundResult> {
  let provider: GatewayRefund;
  try {
    if (!order.paymentIntentId) throw new AppError('REFUND_NOT_ALLOWED', 'Nothing was paid on this order');
    provider = await ctx.gateway.createRefund({
      paymentIntentId: order.paymentIntentId,
      amount: refund.amount,
      orderId: order.id,
      refundId: refund.id,
      idempotencyKey: refund.idempotencyKey,
    });
  } catch (error) {
    if (isTransientProviderError(error)) {
      // Stays pending; reconciliation re-sends it with the same idempotency key.
      ctx.logger.warn(
        { orderId: order.id, refundId: refund.id },
        'refund request not confirmed by the provider yet',
      );
      ctx.metrics.refunds.inc({ status: 'pending', reason: refund.reason.slice(0, 40) });
      return { order, refund };
    }
    if (isPaymentGatewayError(error)) {
      // Refused by the provider: record the failure (visible, retryable by an admin).
      const failed: GatewayRefund = {
        id: refund.providerRefundId ?? '',
        paymentIntentId: order.paymentIntentId,
        amount: refund.amount,
        status: 'failed',
        failureReason: error.providerCode ?? error.kind,
        orderId: order.id,
        refundId: refund.id,
      };
      return ctx.db.transaction().execute(async (trx) => {
        const locked = await lockRefundWithOrder(trx, refund.id);
        if (!locked) throw new AppError('NOT_FOUND', 'Refund not found');
        const applied = await applyRefundOutcome(trx, ctx, locked, failed, cause);
        return { order: applied.order, refund: applied.refund };
      });
    }
    throw error;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockRefundWithOrder(trx, refund.id);
    if (!locked) throw new AppError('NOT_FOUND', 'Refund not found');
    const applied = await applyRefundOutcome(trx, ctx, locked, provider, cause);
    return { order: applied.order, refund: applied.refund };
  });
}
