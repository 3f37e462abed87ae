/**
 * The one bridge from a stored order to the pure refund policy (`computeRefund` in @lumira/shared): the
 * policy version snapshotted on the order at purchase, its price and duration, and what is already out.
 * Every refund decision in the API (cancel, no-show, end of session, admin refund, late payment, the
 * cancellation preview) goes through here, so they cannot drift apart.
 */
import {
  computeRefund,
  getRefundPolicy,
  money,
  type OrderStatus,
  type RefundDecision,
  type SessionFacts,
  type TransitionCause,
} from '@lumira/shared';
import type { Order } from '../orders/order';

export type PolicyRefundOptions = {
  actor: TransitionCause;
  session?: SessionFacts;
  /** the status the policy should see (e.g. the one the order is moving to); the order's by default */
  status?: OrderStatus;
  /** what may still be refunded (paid - refunded - pending); without it, paid - refunded */
  available?: number;
  /** an admin's chosen amount, in minor units */
  requestedAmount?: number;
  now?: Date;
};

export function policyRefund(order: Order, options: PolicyRefundOptions): RefundDecision {
  const { currency } = order.amount;
  const alreadyOut =
    options.available !== undefined ? order.amount.amount - options.available : order.refunded.amount;
  return computeRefund({
    policy: getRefundPolicy(order.refundPolicyVersion),
    order: {
      status: options.status ?? order.status,
      paid: order.amount,
      refunded: money(alreadyOut, currency),
      durationMinutes: order.durationMinutes,
    },
    session: options.session ?? {},
    now: options.now ?? new Date(),
    actor: options.actor,
    ...(options.requestedAmount !== undefined
      ? { requestedAmount: money(options.requestedAmount, currency) }
      : {}),
  });
}
