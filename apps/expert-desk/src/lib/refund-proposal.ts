import type { AdminOrderView } from '@lumira/shared';
import {
  computeRefund,
  getRefundPolicy,
  money,
  type OrderView,
  REFUND_POLICY_VERSION,
  type RefundReason,
  type SessionFacts,
} from '@lumira/shared';

/** What may still be refunded: paid - already refunded - refunds still pending, in cents, never < 0. */
export function refundCap(order: Pick<OrderView, 'amount' | 'refundedAmount' | 'refunds'>): number {
  const pending = order.refunds.filter((r) => r.status === 'pending').reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, order.amount - order.refundedAmount - pending);
}

/** The session facts the order's history tells (how it ended, who did not show up). */
export function sessionFactsOf(order: OrderView): SessionFacts {
  const reached = new Set(order.history.map((h) => h.to));
  reached.add(order.status);
  return {
    startedAt: order.sessionStartedAt ? new Date(order.sessionStartedAt) : null,
    endedAt: order.sessionEndedAt ? new Date(order.sessionEndedAt) : null,
    endReason: reached.has('interrupted') ? 'interrupted' : reached.has('completed') ? 'completed' : null,
    noShow: reached.has('no_show_expert') ? 'expert' : reached.has('no_show_customer') ? 'customer' : null,
  };
}

export type RefundProposal = { amount: number; reason: RefundReason | null; cap: number };

/**
 * The amount the refund form starts with: what the order's own refund policy (the version stored at
 * purchase) entitles the customer to in total, minus what already went back (or is on its way), capped.
 * After a partial refund that already paid the entitlement, the proposal is 0: any further refund is
 * the admin's decision (an amount typed in the form).
 */
export function proposeRefund(order: AdminOrderView, now: Date): RefundProposal {
  const cap = refundCap(order);
  if (cap === 0) return { amount: 0, reason: null, cap };
  if (typeof order.proposedRefundAmount === 'number' && order.proposedRefundAmount > 0) {
    // the API's own proposal, recorded when the session ended (same policy, same function)
    const reason = order.status === 'interrupted' ? 'session_interrupted_prorata' : null;
    return { amount: Math.min(order.proposedRefundAmount, cap), reason, cap };
  }
  try {
    const decision = computeRefund({
      policy: getRefundPolicy(order.refundPolicyVersion ?? REFUND_POLICY_VERSION),
      order: {
        status: order.status,
        paid: money(order.amount, order.currency),
        refunded: money(0, order.currency),
        durationMinutes: order.tier.durationMinutes,
      },
      session: sessionFactsOf(order),
      now,
      actor: 'admin',
    });
    const alreadyOut = order.amount - cap;
    const amount = Math.min(Math.max(0, decision.amount.amount - alreadyOut), cap);
    return { amount, reason: amount > 0 ? decision.reason : null, cap };
  } catch {
    return { amount: 0, reason: null, cap };
  }
}

/** What the order's refund policy gives if the order ends the way `session` says, as its expert acts now. */
function policyRefund(
  order: OrderView,
  status: OrderView['status'],
  session: SessionFacts,
  now: Date,
): number {
  try {
    const decision = computeRefund({
      policy: getRefundPolicy(order.refundPolicyVersion ?? REFUND_POLICY_VERSION),
      order: {
        status,
        paid: money(order.amount, order.currency),
        refunded: money(order.refundedAmount, order.currency),
        durationMinutes: order.tier.durationMinutes,
      },
      session,
      now,
      actor: 'expert',
    });
    return decision.amount.amount;
  } catch {
    return 0;
  }
}

/**
 * What the refund policy will propose if the expert ends this running session as interrupted now (the
 * unused minutes, pro-rata; started minutes count as used): shown before the expert confirms. The API
 * computes the same with the same function at the moment it records the end.
 */
export function interruptionRefundPreview(order: OrderView, now: Date): number {
  if (!order.sessionStartedAt) return 0;
  return policyRefund(
    order,
    'interrupted',
    { startedAt: new Date(order.sessionStartedAt), endedAt: now, endReason: 'interrupted' },
    now,
  );
}

/** What the refund policy gives the customer when the expert records a no-show (theirs or the customer's). */
export function noShowRefundPreview(order: OrderView, who: 'customer' | 'expert', now: Date): number {
  return policyRefund(
    order,
    who === 'customer' ? 'no_show_customer' : 'no_show_expert',
    { startedAt: null, endedAt: null, endReason: null, noShow: who },
    now,
  );
}

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  customer_cancelled_before_session: 'Annulation par le client avant la séance',
  expert_cancelled: 'Annulation par l’expert',
  admin_cancelled: 'Annulation par l’administration',
  expert_no_show: 'Expert absent',
  session_interrupted_prorata: 'Séance interrompue (prorata des minutes non utilisées)',
  customer_no_show: 'Client absent',
  session_completed: 'Séance terminée',
  admin_discretion: 'Geste commercial de l’administration',
  payment_after_order_closed: 'Paiement reçu sur une commande close',
};
