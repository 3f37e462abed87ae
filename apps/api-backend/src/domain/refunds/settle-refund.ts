/**
 * Refund events (refund.created / refund.updated / refund.failed / charge.refunded) and reconciliation
 * converge here: in ONE transaction, record the event id in the inbox, lock order + refund, re-read the
 * refund from the provider under the lock and apply it (`applyRefundOutcome`, forward only).
 */
import { AppError, type TransitionCause } from '@lumira/shared';
import { findOrderIdByPaymentIntentId, lockOrder } from '../../data/orders-repository';
import { recordPaymentEvent } from '../../data/payment-events-repository';
import { findRefundById, findRefundIdByProviderId, listRefundsOfOrder } from '../../data/refunds-repository';
import type { GatewayEvent } from '../../providers/payment-gateway';
import { runFaultHook } from '../payments/fault-hooks';
import type { PaymentsContext } from '../payments/payments-context';
import { applyRefundOutcome, lockRefundWithOrder } from './apply-refund-outcome';

export async function settleRefundEvent(
  ctx: PaymentsContext,
  input: { providerRefundId: string; refundIdHint: string | null; event: GatewayEvent },
): Promise<'processed' | 'duplicate' | 'ignored'> {
  return ctx.db.transaction().execute(async (trx) => {
    const refundId = input.refundIdHint ?? (await findRefundIdByProviderId(trx, input.providerRefundId));
    const known = refundId ? await findRefundById(trx, refundId) : null;
    const isNew = await recordPaymentEvent(trx, {
      id: input.event.id,
      type: input.event.type,
      objectId: input.providerRefundId,
      orderId: known?.orderId ?? null,
    });
    if (!isNew) return 'duplicate';
    if (!known) {
      if (input.refundIdHint)
        throw new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Refund not visible yet; retry later');
      return 'ignored';
    }
    const locked = await lockRefundWithOrder(trx, known.id);
    if (!locked) throw new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Refund not visible yet; retry later');
    const provider = await ctx.gateway.retrieveRefund(input.providerRefundId);
    if (provider.refundId && provider.refundId !== known.id) return 'ignored';
    await applyRefundOutcome(trx, ctx, locked, provider, 'provider_event');
    await runFaultHook(ctx, 'settle-refund.before-commit');
    return 'processed';
  });
}

/** charge.refunded: re-read every pending refund of the charge's order that the provider knows of. */
export async function settleChargeRefunds(
  ctx: PaymentsContext,
  input: { paymentIntentId: string; event: GatewayEvent },
): Promise<'processed' | 'duplicate' | 'ignored'> {
  return ctx.db.transaction().execute(async (trx) => {
    const orderId = await findOrderIdByPaymentIntentId(trx, input.paymentIntentId);
    const isNew = await recordPaymentEvent(trx, {
      id: input.event.id,
      type: input.event.type,
      objectId: input.paymentIntentId,
      orderId,
    });
    if (!isNew) return 'duplicate';
    if (!orderId) return 'ignored';
    await lockOrder(trx, orderId);
    const pending = (await listRefundsOfOrder(trx, orderId)).filter(
      (r) => r.status === 'pending' && r.providerRefundId,
    );
    for (const refund of pending) {
      const locked = await lockRefundWithOrder(trx, refund.id);
      if (!locked || !refund.providerRefundId) continue;
      const provider = await ctx.gateway.retrieveRefund(refund.providerRefundId);
      await applyRefundOutcome(trx, ctx, locked, provider, 'provider_event');
    }
    await runFaultHook(ctx, 'settle-refund.before-commit');
    return 'processed';
  });
}

/** Reconciliation: re-read one pending refund that has a provider id and apply it. */
export async function settleRefundFromProvider(
  ctx: PaymentsContext,
  refundId: string,
  cause: TransitionCause,
): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockRefundWithOrder(trx, refundId);
    if (!locked?.refund.providerRefundId || locked.refund.status !== 'pending') return false;
    const provider = await ctx.gateway.retrieveRefund(locked.refund.providerRefundId);
    const applied = await applyRefundOutcome(trx, ctx, locked, provider, cause);
    return applied.changed;
  });
}
