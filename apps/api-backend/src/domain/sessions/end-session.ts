/**
 * POST /api/desk/orders/:orderId/end {reason, notes?}: in_session -> completed | interrupted.
 * An interrupted session gets the policy's pro-rata refund (unused minutes) COMPUTED here and PROPOSED
 * on the order (`proposedRefundAmount`); an admin issues it (POST /api/admin/orders/:id/refund), so the
 * expert's button alone never moves money. See docs/decisions/0014.
 */
import type { Order } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { policyRefund } from '../refunds/policy-refund';
import { appendSystemLine } from '../rooms/append-system-line';
import { lockExpertOrder } from './lock-expert-order';

export async function endSession(
  ctx: PaymentsContext,
  input: { orderId: string; expertId: string; reason: 'completed' | 'interrupted'; notes?: string },
): Promise<Order> {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await lockExpertOrder(trx, input.orderId, input.expertId);
    if (order.status === input.reason) return order;
    const endedAt = new Date();
    let proposed: number | null = null;
    if (input.reason === 'interrupted') {
      const decision = policyRefund(order, {
        actor: 'expert',
        status: 'interrupted',
        session: { startedAt: order.sessionStartedAt, endedAt, endReason: 'interrupted' },
        now: endedAt,
      });
      proposed = decision.amount.amount > 0 ? decision.amount.amount : null;
    }
    const note =
      input.reason === 'completed'
        ? 'session completed'
        : `session interrupted${proposed ? `; pro-rata refund proposed: ${proposed}` : ''}`;
    const ended = await transitionOrder(trx, ctx.notifier, order, input.reason, 'expert', {
      note,
      patch: {
        sessionEndedAt: endedAt,
        sessionEndReason: input.reason,
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        proposedRefundAmount: proposed,
      },
    });
    // The room closes with its last line (same transaction: no message can land after it).
    await appendSystemLine(
      trx,
      ctx.notifier,
      order.id,
      input.reason === 'completed' ? 'session_completed' : 'session_interrupted',
    );
    return ended.order;
  });
}
