/**
 * The reconciliation pass (at start and every RECONCILE_INTERVAL_SECONDS):
 *   1. orders still awaiting payment, RECONCILE_BATCH_SIZE per pass in rotation (never looked at first,
 *      then the least recently looked at: a backlog of abandoned checkouts cannot starve a paid order),
 *      RECONCILE_CONCURRENCY provider calls at once: re-read their PaymentIntent and settle through THE
 *      settle function (heals orders whose webhooks were lost). An order whose check fails goes to the
 *      back of the rotation like any other, so it never blocks the rest;
 *   2. unpaid orders past ORDER_EXPIRY_MINUTES: cancel the PaymentIntent (idempotency key
 *      `order:<id>:pi:cancel`) then expire the order, unless the provider says it was paid after all;
 *   3. pending refunds: re-read them (provider id known) or re-send them with their original
 *      idempotency key (the provider never answered);
 *   4. drop client Idempotency-Key records older than 24 h;
 *   5. fold past days' counter slots into one row each (docs/decisions/0080).
 * Every fix is logged and counted (lumira_reconciliation_fixes_total{kind}). Safe to run concurrently on
 * several instances: every step goes through the same locked, forward-only functions.
 */
import { AppError, isPayable, PAYABLE_STATUSES } from '@lumira/shared';
import { compactCounters } from '../../data/counters-repository';
import { deleteExpiredIdempotencyKeys } from '../../data/idempotency-keys-repository';
import {
  findOrderById,
  listOrdersAwaitingPayment,
  lockOrder,
  markReconciled,
} from '../../data/orders-repository';
import { listStalePendingRefunds } from '../../data/refunds-repository';
import { idempotencyKeys } from '../../providers/payment-gateway';
import type { Order } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { settlePaymentIntent } from '../payments/settle-payment-intent';
import { sendRefundToProvider } from '../refunds/issue-refund';
import { settleRefundFromProvider } from '../refunds/settle-refund';

export type ReconciliationFindings = {
  checked: number;
  settled: number;
  expired: number;
  refundsSettled: number;
  refundsResent: number;
  errors: number;
};

export type ReconciliationOptions = {
  now?: Date;
  /** Only look at rows untouched for this long (default 60 s: leave live flows alone). */
  minAgeSeconds?: number;
  /** Unpaid orders (and pending refunds) looked at in this pass (default RECONCILE_BATCH_SIZE). */
  limit?: number;
};

/** Runs `task` over `items` with at most `concurrency` at once. */
async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function runReconciliation(
  ctx: PaymentsContext,
  options: ReconciliationOptions = {},
): Promise<ReconciliationFindings> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - (options.minAgeSeconds ?? 60) * 1000);
  const limit = options.limit ?? ctx.config.reconcileBatchSize;
  const findings: ReconciliationFindings = {
    checked: 0,
    settled: 0,
    expired: 0,
    refundsSettled: 0,
    refundsResent: 0,
    errors: 0,
  };
  const fix = (kind: string, detail: Record<string, unknown>) => {
    ctx.metrics.reconciliationFixes.inc({ kind });
    ctx.logger.info({ reconciliation: kind, ...detail }, `reconciliation: ${kind}`);
  };

  const awaiting = await listOrdersAwaitingPayment(ctx.db, {
    statuses: PAYABLE_STATUSES,
    updatedBefore: cutoff,
    limit,
  });
  await forEachLimited(awaiting, ctx.config.reconcileConcurrency, async (order) => {
    findings.checked += 1;
    try {
      let current: Order | null = order;
      if (order.paymentIntentId) {
        const result = await settlePaymentIntent(ctx, {
          paymentIntentId: order.paymentIntentId,
          orderIdHint: order.id,
          source: { kind: 'reconciliation' },
        });
        if (result.kind === 'settled') {
          current = result.order;
          if (result.changed) {
            findings.settled += 1;
            fix(result.order.status === 'paid' ? 'settled' : 'failed', {
              orderId: order.id,
              status: result.order.status,
            });
          }
        }
      }
      if (current && isPayable(current.status) && current.expiresAt <= now) {
        if (await expireOrder(ctx, current)) {
          findings.expired += 1;
          fix('expired', { orderId: order.id });
        } else {
          const after = await findOrderById(ctx.db, order.id);
          if (after?.status === 'paid') {
            findings.settled += 1;
            fix('settled', { orderId: order.id, status: 'paid' });
          }
        }
      }
    } catch (error) {
      findings.errors += 1;
      ctx.logger.warn({ orderId: order.id, err: error }, 'reconciliation: order check failed');
    }
    await markReconciled(ctx.db, order.id).catch((error: unknown) => {
      ctx.logger.warn({ orderId: order.id, err: error }, 'reconciliation: rotation not recorded');
    });
  });

  const refunds = await listStalePendingRefunds(ctx.db, { updatedBefore: cutoff, limit });
  for (const refund of refunds) {
    findings.checked += 1;
    try {
      if (refund.providerRefundId) {
        if (await settleRefundFromProvider(ctx, refund.id, 'reconciliation')) {
          findings.refundsSettled += 1;
          fix('refund_settled', { orderId: refund.orderId, refundId: refund.id });
        }
      } else {
        const order = await findOrderById(ctx.db, refund.orderId);
        if (!order) continue;
        await sendRefundToProvider(ctx, order, refund, 'reconciliation');
        findings.refundsResent += 1;
        fix('refund_resent', { orderId: refund.orderId, refundId: refund.id });
      }
    } catch (error) {
      findings.errors += 1;
      ctx.logger.warn({ refundId: refund.id, err: error }, 'reconciliation: refund check failed');
    }
  }

  await deleteExpiredIdempotencyKeys(ctx.db, new Date(now.getTime() - 24 * 3600 * 1000));
  await compactCounters(ctx.db);
  return findings;
}

/** Cancels the PaymentIntent then expires the order; false when it turned out to be paid. */
async function expireOrder(ctx: PaymentsContext, order: Order): Promise<boolean> {
  if (order.paymentIntentId) {
    const pi = await ctx.gateway.cancelPaymentIntent({
      paymentIntentId: order.paymentIntentId,
      idempotencyKey: idempotencyKeys.cancelPaymentIntent(order.id),
    });
    if (pi.status !== 'canceled') {
      // Paid (or in flight) after all: settle it instead of expiring.
      await settlePaymentIntent(ctx, {
        paymentIntentId: pi.id,
        orderIdHint: order.id,
        source: { kind: 'reconciliation' },
      });
      return false;
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockOrder(trx, order.id);
    if (!locked) throw new AppError('NOT_FOUND', 'Order not found');
    if (!isPayable(locked.status)) return false;
    await transitionOrder(trx, ctx.notifier, locked, 'expired', 'reconciliation', {
      note: `not paid within the expiry time${order.paymentIntentId ? '; PaymentIntent cancelled' : ''}`,
    });
    return true;
  });
}
