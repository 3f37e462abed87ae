/**
 * THE way an order's status changes: checks the transition table, updates the row, appends the history
 * entry and queues the live-update notification (one statement: `updateOrderWithHistory`), then runs the
 * order effects (e-mails in the outbox, the facture of a paid order: `notifier.effects`), all on the
 * caller's transaction (`trx`, with the order row already locked by `lockOrder`). A transition to the
 * current status is a no-op (no history entry).
 */
import { assertTransition, type OrderStatus, type TransitionCause } from '@lumira/shared';
import type { Db } from '../../data/db';
import { updateOrderWithHistory } from '../../data/order-events-repository';
import { type OrderNotifier, orderChangeNotice } from '../../data/order-notifier';
import type { OrderPatch } from '../../data/orders-repository';
import type { Order } from './order';

export type TransitionOptions = {
  note?: string | null;
  /** Other columns written in the same UPDATE. */
  patch?: Omit<OrderPatch, 'status'>;
};

export async function transitionOrder(
  trx: Db,
  notifier: OrderNotifier,
  order: Order,
  to: OrderStatus,
  cause: TransitionCause,
  options: TransitionOptions = {},
): Promise<{ order: Order; changed: boolean }> {
  // The patch never moves the expert or the customer, so the notice is known before the UPDATE.
  const notice = orderChangeNotice({
    orderId: order.id,
    status: to,
    expertId: order.expertId,
    customerUserId: order.userId,
  });
  const sameStatus = order.status === to && to !== 'partially_refunded';
  if (sameStatus) {
    if (!options.patch || Object.keys(options.patch).length === 0) return { order, changed: false };
    const updated = await updateOrderWithHistory(trx, order.id, {
      patch: options.patch,
      event: null,
      notice,
    });
    return { order: updated, changed: false };
  }
  assertTransition(order.status, to, cause);
  // Row, history entry and notification in one statement (decision 0086).
  const updated = await updateOrderWithHistory(trx, order.id, {
    patch: { ...options.patch, status: to },
    event: { from: order.status, to, cause, note: options.note ?? null },
    notice,
  });
  await notifier.effects?.afterTransition(trx, { order: updated, from: order.status, to, cause });
  return { order: updated, changed: true };
}

/** Queues "this order changed" for every API instance (delivered when `trx` commits). */
export async function publishOrderChange(trx: Db, notifier: OrderNotifier, order: Order) {
  await notifier.publish(trx, {
    orderId: order.id,
    status: order.status,
    expertId: order.expertId,
    customerUserId: order.userId,
  });
}
