/** POST /api/desk/orders/:orderId/start: a paid order's live session begins (paid -> in_session). */
import type { Order } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { lockExpertOrder } from './lock-expert-order';

export async function startSession(
  ctx: PaymentsContext,
  input: { orderId: string; expertId: string },
): Promise<Order> {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await lockExpertOrder(trx, input.orderId, input.expertId);
    if (order.status === 'in_session') return order;
    return (
      await transitionOrder(trx, ctx.notifier, order, 'in_session', 'expert', {
        note: 'session started',
        patch: { sessionStartedAt: new Date() },
      })
    ).order;
  });
}
