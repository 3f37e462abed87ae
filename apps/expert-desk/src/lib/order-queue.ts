import type { OrderStatus, OrderView } from '@lumira/shared';

/** Statuses that keep an order in the expert's queue ("Ma file"). */
export const QUEUE_STATUSES: readonly OrderStatus[] = ['paid', 'in_session'];

export function isInQueue(order: Pick<OrderView, 'status'>): boolean {
  return QUEUE_STATUSES.includes(order.status);
}

function queueTime(order: OrderView): number {
  return Date.parse(order.paidAt ?? order.createdAt);
}

/** The running session first, then paid orders oldest first (first paid, first served). */
export function sortQueue(orders: readonly OrderView[]): OrderView[] {
  return [...orders].sort((a, b) => {
    if (a.status !== b.status) {
      if (a.status === 'in_session') return -1;
      if (b.status === 'in_session') return 1;
    }
    return queueTime(a) - queueTime(b) || a.id.localeCompare(b.id);
  });
}

export type QueueUpdate = { queue: OrderView[]; arrived: boolean };

/**
 * Applies one live order update to the queue. `arrived` is true when a paid order enters the queue
 * (the moment the expert is notified); an order leaving the queue statuses is removed.
 */
export function applyOrderUpdate(queue: readonly OrderView[], order: OrderView): QueueUpdate {
  const existing = queue.find((o) => o.id === order.id);
  const rest = queue.filter((o) => o.id !== order.id);
  if (!isInQueue(order)) return { queue: rest, arrived: false };
  return { queue: sortQueue([...rest, order]), arrived: !existing && order.status === 'paid' };
}

/**
 * A fetched queue plus the live updates that arrived while the fetch was in flight. The history only
 * grows, so the longer one is the newer view of an order: an update older than the snapshot is ignored.
 */
export function mergeSnapshot(
  snapshot: readonly OrderView[],
  liveUpdates: readonly OrderView[],
): OrderView[] {
  let queue = sortQueue(snapshot);
  const seen = new Map(snapshot.map((o) => [o.id, o.history.length]));
  for (const update of liveUpdates) {
    const known = seen.get(update.id);
    if (known !== undefined && known > update.history.length) continue;
    seen.set(update.id, update.history.length);
    queue = applyOrderUpdate(queue, update).queue;
  }
  return queue;
}
