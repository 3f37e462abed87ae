/**
 * Builds the `OrderView` the API sends (contract in @lumira/shared): never the client secret, the
 * access token hash or card data; the PaymentIntent id only for experts and admins. Typed as the widest
 * view, the contract's `AdminOrderView`: the fields a role may not see are left out for that role.
 */
import { type AdminOrderView, AppError, firstNameOf, isCancellableBy, isPayable } from '@lumira/shared';
import type { Db } from '../../data/db';
import { findOrderBundle, findOrderBundles } from '../../data/order-bundles-repository';
import { policyRefund } from '../refunds/policy-refund';
import type { Order, OrderEvent, Refund } from './order';

export type ViewerRole = 'customer' | 'expert' | 'admin';

/** What the customer would get back by cancelling now (0 when nothing was paid), and whether they may. */
export function cancellationPreview(
  order: Order,
  now = new Date(),
): { allowed: boolean; refundAmount: number } {
  const beforeSession = !order.sessionStartedAt;
  if (isPayable(order.status)) return { allowed: true, refundAmount: 0 };
  if (order.status !== 'paid' || !beforeSession || !isCancellableBy(order.status, 'customer')) {
    return { allowed: false, refundAmount: 0 };
  }
  const decision = policyRefund(order, { actor: 'customer', now });
  return { allowed: true, refundAmount: decision.amount.amount };
}

export function toOrderView(
  order: Order,
  parts: { expertName: string; history: OrderEvent[]; refunds: Refund[] },
  role: ViewerRole,
): AdminOrderView {
  const retried = new Set(parts.refunds.map((r) => r.retryOf).filter(Boolean));
  const privileged = role === 'expert' || role === 'admin';
  return {
    id: order.id,
    status: order.status,
    tier: { id: order.tierId, name: order.tierName, durationMinutes: order.durationMinutes },
    amount: order.amount.amount,
    currency: order.amount.currency,
    refundedAmount: order.refunded.amount,
    expert: { id: order.expertId, name: parts.expertName },
    // Data minimisation: an expert sees the customer's first name only, never their email.
    ...(role === 'expert' ? {} : { customerEmail: order.customerEmail }),
    customerName: role === 'expert' ? firstNameOf(order.customerName) : order.customerName,
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    sessionStartedAt: order.sessionStartedAt?.toISOString() ?? null,
    sessionEndedAt: order.sessionEndedAt?.toISOString() ?? null,
    history: parts.history.map((e) => ({
      from: e.from,
      to: e.to,
      cause: e.cause,
      note: e.note,
      at: e.at.toISOString(),
    })),
    refunds: parts.refunds.map((r) => ({
      id: r.id,
      amount: r.amount.amount,
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt.toISOString(),
      ...(role === 'admin'
        ? { failureReason: r.failureReason, retryable: r.status === 'failed' && !retried.has(r.id) }
        : {}),
    })),
    cancellation: role === 'customer' ? cancellationPreview(order) : { allowed: false, refundAmount: 0 },
    ...(privileged && order.paymentIntentId ? { paymentIntentId: order.paymentIntentId } : {}),
    refundPolicyVersion: order.refundPolicyVersion,
    ...(privileged ? { notes: order.notes } : {}),
    proposedRefundAmount: order.proposedRefund?.amount ?? null,
    lastPaymentError: order.lastPaymentError,
  };
}

/** Re-reads the order with its history, refunds and expert name (one query), then builds the view. */
export async function loadOrderView(db: Db, order: Order, role: ViewerRole): Promise<AdminOrderView> {
  const bundle = await findOrderBundle(db, order.id);
  if (!bundle) throw new AppError('NOT_FOUND', 'Order not found');
  return toOrderView(bundle.order, bundle, role);
}

/** Views of several orders in one query, in the given order. */
export async function loadOrderViews(
  db: Db,
  orders: readonly Order[],
  role: ViewerRole,
): Promise<AdminOrderView[]> {
  const bundles = await findOrderBundles(
    db,
    orders.map((o) => o.id),
  );
  return bundles.map((b) => toOrderView(b.order, b, role));
}
