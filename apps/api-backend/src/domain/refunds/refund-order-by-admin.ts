/**
 * POST /api/admin/orders/:orderId/refund {amount?, reason}: without an amount, the refund policy decides
 * (for an interrupted session: the pro-rata amount the desk proposed, minus what was already refunded);
 * with one, the admin's amount,
 * capped by what is neither refunded nor already pending.
 */
import { AppError, type SessionFacts } from '@lumira/shared';
import type { Order } from '../orders/order';
import type { PaymentsContext } from '../payments/payments-context';
import { type IssueRefundResult, issueRefund } from './issue-refund';
import { policyRefund } from './policy-refund';

export function sessionFacts(order: Order): SessionFacts {
  return {
    startedAt: order.sessionStartedAt,
    endedAt: order.sessionEndedAt,
    endReason:
      order.sessionEndReason === 'completed' || order.sessionEndReason === 'interrupted'
        ? order.sessionEndReason
        : null,
    noShow:
      order.status === 'no_show_customer'
        ? ('customer' as const)
        : order.status === 'no_show_expert'
          ? ('expert' as const)
          : null,
  };
}

export async function refundOrderByAdmin(
  ctx: PaymentsContext,
  input: { orderId: string; amount?: number; reason: string; adminUserId: string },
): Promise<IssueRefundResult> {
  return issueRefund(ctx, {
    orderId: input.orderId,
    cause: 'admin',
    requestedBy: input.adminUserId,
    decide: (order, available) => {
      // Without an amount the policy decides, from the same session facts the desk's proposal came from;
      // what is already refunded or pending counts against what the policy owes, so asking twice never
      // pays twice.
      const decision = policyRefund(order, {
        actor: 'admin',
        session: sessionFacts(order),
        available,
        ...(input.amount !== undefined ? { requestedAmount: input.amount } : {}),
      });
      if (decision.amount.amount <= 0) {
        throw new AppError(
          'REFUND_NOT_ALLOWED',
          'The refund policy gives nothing back here: give an amount',
          {
            policyReason: decision.reason,
          },
        );
      }
      return { amount: decision.amount.amount, reason: input.reason };
    },
  });
}
