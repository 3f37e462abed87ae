/** Order history: append-only (the table refuses UPDATE/DELETE). */
import type { OrderStatus, TransitionCause } from '@lumira/shared';
import type { OrderEvent } from '../domain/orders/order';
import type { Db } from './db';

export async function appendOrderEvent(
  db: Db,
  event: {
    orderId: string;
    from: OrderStatus | null;
    to: OrderStatus;
    cause: TransitionCause;
    note?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('order_events')
    .values({
      order_id: event.orderId,
      from_status: event.from,
      to_status: event.to,
      cause: event.cause,
      note: event.note ?? null,
    })
    .execute();
}

export async function listOrderEvents(db: Db, orderId: string): Promise<OrderEvent[]> {
  const rows = await db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    orderId: String(r.order_id),
    from: r.from_status,
    to: r.to_status,
    cause: r.cause,
    note: r.note,
    at: r.at,
  }));
}
