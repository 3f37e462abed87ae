/**
 * Refund events (refund.created / refund.updated / refund.failed / charge.refunded) and reconciliation
 * converge here. The refund is re-read from the provider FIRST, outside any transaction (no pooled
 * connection or row lock is held while the provider answers); then ONE short transaction records the
 * event id in the inbox, locks order + refund and applies that answer (`applyRefundOutcome`, forward
 * only, so an answer read before the lock can never move a refund backwards).
 */
import { AppError, type TransitionCause } from '@lumira/shared';
import { findOrderIdByPaymentIntentId, lockOrder } from '../../data/orders-repository';
import { isPaymentEventRecorded, recordPaymentEvent } from '../../data/payment-events-repository';
import { findRefundById, findRefundIdByProviderId, listRefundsOfOrder } from '../../data/refunds-repository';
import type { GatewayEvent, GatewayRefund } from '../../providers/payment-gateway';
import { runFaultHook } from '../payments/fault-hooks';
import type { PaymentsContext } from '../payments/payments-context';
import { applyRefundOutcome, lockRefundWithOrder } from './apply-refund-outcome';

export async function settleRefundEvent(
  ctx: PaymentsContext,
  input: { providerRefundId: string; refundIdHint: string | null; event: GatewayEvent },
): Promise<'processed' | 'duplicate' | 'ignored'> {
  // A redelivered event costs no provider call (the inbox insert below stays the decision).
  if (await isPaymentEventRecorded(ctx.db, input.event.id)) return 'duplicate';
  const refundId = input.refundIdHint ?? (await findRefundIdByProviderId(ctx.db, input.providerRefundId));
  const known = refundId ? await findRefundById(ctx.db, refundId) : null;
  if (!known && input.refundIdHint) {
    throw new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Refund not visible yet; retry later');
  }
  const provider = known ? await ctx.gateway.retrieveRefund(input.providerRefundId) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const isNew = await recordPaymentEvent(trx, {
      id: input.event.id,
      type: input.event.type,
      objectId: input.providerRefundId,
      orderId: known?.orderId ?? null,
    });
    if (!isNew) return 'duplicate';
    if (!known || !provider) return 'ignored';
    const locked = await lockRefundWithOrder(trx, known.id);
    if (!locked) throw new AppError('WEBHOOK_ORDER_NOT_VISIBLE', 'Refund not visible yet; retry later');
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
  if (await isPaymentEventRecorded(ctx.db, input.event.id)) return 'duplicate';
  const orderId = await findOrderIdByPaymentIntentId(ctx.db, input.paymentIntentId);
  const answers = new Map<string, GatewayRefund>();
  if (orderId) {
    for (const refund of await listRefundsOfOrder(ctx.db, orderId)) {
      if (refund.status !== 'pending' || !refund.providerRefundId) continue;
      answers.set(refund.id, await ctx.gateway.retrieveRefund(refund.providerRefundId));
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const isNew = await recordPaymentEvent(trx, {
      id: input.event.id,
      type: input.event.type,
      objectId: input.paymentIntentId,
      orderId,
    });
    if (!isNew) return 'duplicate';
    if (!orderId) return 'ignored';
    await lockOrder(trx, orderId);
    for (const [refundId, provider] of answers) {
      const locked = await lockRefundWithOrder(trx, refundId);
      if (!locked) continue;
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
  const refund = await findRefundById(ctx.db, refundId);
  if (!refund?.providerRefundId || refund.status !== 'pending') return false;
  const provider = await ctx.gateway.retrieveRefund(refund.providerRefundId);
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await lockRefundWithOrder(trx, refundId);
    if (!locked || locked.refund.status !== 'pending') return false;
    const applied = await applyRefundOutcome(trx, ctx, locked, provider, cause);
    return applied.changed;
  });
}
