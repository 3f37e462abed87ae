import type { AdminOrderView } from '@lumira/shared';
/**
 * Live updates for Server-Sent Events: subscribes to the order notifier (PostgreSQL LISTEN/NOTIFY, so
 * changes made by ANY API instance arrive) and hands the caller a fresh OrderView for every change the
 * viewer may see. The caller (the SSE route) only writes what it receives.
 */

import { findOrderBundle } from '../../data/order-bundles-repository';
import type { NotifierMessage } from '../../data/order-notifier';
import type { Order } from '../orders/order';
import { toOrderView, type ViewerRole } from '../orders/order-view';
import type { PaymentsContext } from '../payments/payments-context';

export type OrderWatch =
  | { kind: 'order'; orderId: string; role: ViewerRole }
  | { kind: 'expert'; expertId: string }
  | { kind: 'admin' };

export function watchOrders(
  ctx: PaymentsContext,
  watch: OrderWatch,
  onView: (view: AdminOrderView) => void,
): () => void {
  let closed = false;
  const role: ViewerRole = watch.kind === 'order' ? watch.role : watch.kind === 'expert' ? 'expert' : 'admin';
  const matches = (order: Order) =>
    watch.kind === 'admin' ||
    (watch.kind === 'order' && order.id === watch.orderId) ||
    (watch.kind === 'expert' && order.expertId === watch.expertId);

  const push = async (orderId: string) => {
    const bundle = await findOrderBundle(ctx.db, orderId);
    if (!bundle || closed || !matches(bundle.order)) return;
    onView(toOrderView(bundle.order, bundle, role));
  };
  const listener = (message: NotifierMessage) => {
    if (message.kind === 'resync') {
      if (watch.kind === 'order') void push(watch.orderId).catch(() => undefined);
      return;
    }
    if (watch.kind === 'order' && message.orderId !== watch.orderId) return;
    if (watch.kind === 'expert' && message.expertId !== watch.expertId) return;
    push(message.orderId).catch((error: unknown) => ctx.logger.warn({ err: error }, 'live update failed'));
  };
  const unsubscribe = ctx.notifier.subscribe(listener);
  if (watch.kind === 'order') void push(watch.orderId).catch(() => undefined);
  return () => {
    closed = true;
    unsubscribe();
  };
}
