/**
 * The figures of "Mes séances", from the expert's own orders: sessions held and what they earned (net
 * of refunds) are never mixed with paid orders still waiting for their session, nor with orders that
 * ended without a session.
 */
import type { OrderView } from '@lumira/shared';

export type SessionFigures = {
  /** sessions that took place and ended (completed, interrupted, later refunded in part or whole) */
  held: { count: number; net: number; refunded: number };
  /** a session running right now */
  running: { count: number; amount: number };
  /** paid, the session has not started yet */
  waiting: { count: number; amount: number };
  /** the customer did not come: the payment is kept (refund policy) */
  customerAbsent: { count: number; net: number };
  /** paid, then no session: the expert was absent or the order was cancelled (refunded) */
  withoutSession: { count: number };
};

function isHeld(order: OrderView): boolean {
  return (
    order.sessionStartedAt !== null && order.status !== 'in_session' && order.status !== 'no_show_customer'
  );
}

export function sessionFigures(orders: readonly OrderView[]): SessionFigures {
  const figures: SessionFigures = {
    held: { count: 0, net: 0, refunded: 0 },
    running: { count: 0, amount: 0 },
    waiting: { count: 0, amount: 0 },
    customerAbsent: { count: 0, net: 0 },
    withoutSession: { count: 0 },
  };
  for (const order of orders) {
    if (!order.paidAt) continue;
    const net = order.amount - order.refundedAmount;
    if (order.status === 'paid') {
      figures.waiting.count += 1;
      figures.waiting.amount += order.amount;
    } else if (order.status === 'in_session') {
      figures.running.count += 1;
      figures.running.amount += order.amount;
    } else if (
      order.status === 'no_show_customer' ||
      (order.status !== 'cancelled' && hasCustomerNoShow(order))
    ) {
      figures.customerAbsent.count += 1;
      figures.customerAbsent.net += net;
    } else if (isHeld(order)) {
      figures.held.count += 1;
      figures.held.net += net;
      figures.held.refunded += order.refundedAmount;
    } else {
      figures.withoutSession.count += 1;
    }
  }
  return figures;
}

/** A customer no-show later refunded (in part, by an admin) still counts as a customer no-show. */
function hasCustomerNoShow(order: OrderView): boolean {
  return order.history.some((h) => h.to === 'no_show_customer');
}

/** Orders of the "Séances tenues" list (ended sessions and customer no-shows), newest first. */
export function pastSessions(orders: readonly OrderView[]): OrderView[] {
  return orders
    .filter((o) => o.paidAt && o.status !== 'paid' && o.status !== 'in_session')
    .sort((a, b) =>
      (b.sessionStartedAt ?? b.paidAt ?? '').localeCompare(a.sessionStartedAt ?? a.paidAt ?? ''),
    );
}
