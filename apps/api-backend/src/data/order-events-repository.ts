/** Order history: append-only (the table refuses UPDATE/DELETE). */
import type { OrderStatus, TransitionCause } from '@lumira/shared';
import { sql } from 'kysely';
import type { Order, OrderEvent } from '../domain/orders/order';
import type { Db } from './db';
import type { Notice } from './order-notifier';
import { type OrderPatch, orderPatchColumns, toOrder } from './orders-repository';
import type { OrderRow } from './schema';

/**
 * An order's change in ONE statement (one round trip): the UPDATE of its row, the history entry (when
 * `event` is given: a status change) and the NOTIFY (when `notice` is given), on the caller's
 * transaction, so all three commit or roll back together and the notice is delivered on commit only.
 * Answers the updated order; throws when there is no such order (nothing written, nothing sent).
 */
export async function updateOrderWithHistory(
  db: Db,
  orderId: string,
  change: {
    patch: OrderPatch;
    event: { from: OrderStatus | null; to: OrderStatus; cause: TransitionCause; note?: string | null } | null;
    notice: Notice | null;
  },
): Promise<Order> {
  const { event, notice } = change;
  const update = db
    .updateTable('orders')
    .set(orderPatchColumns(change.patch))
    .where('id', '=', orderId)
    .returningAll();
  // A data-modifying WITH query runs whether or not the main query reads it; it sees the updated row
  // through `u`, so no history entry is written when no order was updated.
  const history = event
    ? sql`, h AS (
        INSERT INTO order_events (order_id, from_status, to_status, cause, note)
        SELECT u.id, ${event.from}, ${event.to}, ${event.cause}, ${event.note ?? null} FROM u)`
    : sql``;
  const notify = notice ? sql`, pg_notify(${notice.channel}, ${notice.payload}) AS notified` : sql``;
  const { rows } = await sql<OrderRow>`WITH u AS (${update})${history} SELECT u.*${notify} FROM u`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error(`no order ${orderId} to update`);
  return toOrder(row);
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
