/**
 * POST /api/desk/orders/:orderId/no-show {who}:
 * - customer: paid / in_session -> no_show_customer (policy: no refund);
 * - expert: paid -> no_show_expert AND the policy's full refund is issued automatically, in the same
 *   step (the order becomes `refunded` when the refund succeeds).
 */
import { AppError } from '@lumira/shared';
import type { Order, Refund } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { issueRefund } from '../refunds/issue-refund';
import { policyRefund } from '../refunds/policy-refund';
import { appendSystemLine } from '../rooms/append-system-line';
import { lockExpertOrder } from './lock-expert-order';

export async function markNoShow(
  ctx: PaymentsContext,
  input: { orderId: string; expertId: string; who: 'customer' | 'expert' },
): Promise<{ order: Order; refund: Refund | null }> {
  if (input.who === 'customer') {
    const order = await ctx.db.transaction().execute(async (trx) => {
      const locked = await lockExpertOrder(trx, input.orderId, input.expertId);
      if (locked.status === 'no_show_customer') return locked;
      const marked = await transitionOrder(trx, ctx.notifier, locked, 'no_show_customer', 'expert', {
        note: 'customer did not show up',
        patch: locked.sessionStartedAt && !locked.sessionEndedAt ? { sessionEndedAt: new Date() } : {},
      });
      if (locked.status === 'in_session') {
        await appendSystemLine(trx, ctx.notifier, locked.id, 'session_no_show_customer');
      }
      return marked.order;
    });
    return { order, refund: null };
  }
  return issueRefund(ctx, {
    orderId: input.orderId,
    cause: 'expert',
    requestedBy: null,
    guard: (order) => {
      if (order.expertId !== input.expertId) throw new AppError('NOT_FOUND', 'Order not found');
    },
    transitionFirst: { to: 'no_show_expert', note: 'expert did not show up: full refund' },
    decide: (order, available) => {
      const decision = policyRefund(order, { actor: 'expert', session: { noShow: 'expert' }, available });
      return { amount: decision.amount.amount, reason: decision.reason };
    },
  });
}
