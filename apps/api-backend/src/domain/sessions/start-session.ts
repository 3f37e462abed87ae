/**
 * POST /api/desk/orders/:orderId/start: a paid order's live session begins (paid -> in_session) and its
 * consultation room opens (`/seance/:orderId` for the customer).
 */
import type { Order } from '../orders/order';
import { transitionOrder } from '../orders/transition-order';
import type { PaymentsContext } from '../payments/payments-context';
import { appendSystemLine } from '../rooms/append-system-line';
import { lockExpertOrder } from './lock-expert-order';

export async function startSession(
  ctx: PaymentsContext,
  input: { orderId: string; expertId: string },
): Promise<Order> {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await lockExpertOrder(trx, input.orderId, input.expertId);
    if (order.status === 'in_session') return order;
    const started = await transitionOrder(trx, ctx.notifier, order, 'in_session', 'expert', {
      note: 'session started',
      patch: { sessionStartedAt: new Date() },
    });
    // The consultation room opens: its first line, in the same transaction.
    await appendSystemLine(trx, ctx.notifier, order.id, 'session_started');
    return started.order;
  });
}
