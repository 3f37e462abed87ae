/**
 * The webhook inbox. `recordPaymentEvent` runs in the SAME transaction as the event's effect:
 * the unique primary key on the provider event id makes a concurrent duplicate wait for the first
 * transaction and then see the conflict (no effect); a rolled-back first attempt leaves no row, so the
 * redelivery is processed.
 */
import { sql } from 'kysely';
import type { Order } from '../domain/orders/order';
import type { Db } from './db';
import { toOrder } from './orders-repository';
import type { OrderRow } from './schema';

type PaymentEventRecord = { id: string; type: string; objectId: string | null; orderId: string | null };

/** true: first time this event id is recorded; false: a duplicate. */
export async function recordPaymentEvent(db: Db, event: PaymentEventRecord): Promise<boolean> {
  const inserted = await db
    .insertInto('payment_events')
    .values({
      id: event.id,
      type: event.type,
      object_id: event.objectId,
      order_id: event.orderId,
      processed_at: new Date(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function isPaymentEventRecorded(db: Db, eventId: string): Promise<boolean> {
  const row = await db.selectFrom('payment_events').select('id').where('id', '=', eventId).executeTakeFirst();
  return row !== undefined;
}

/**
 * `lockOrder` and `recordPaymentEvent` in ONE statement, on the caller's transaction: locks the order
 * row (SELECT ... FOR UPDATE), then inserts the event id into the inbox (ON CONFLICT DO NOTHING).
 * The insert reads the locked row, so the lock is always taken first: a concurrent delivery of the same
 * event waits on the order's lock, then finds the first delivery's inbox row (a duplicate), or none if
 * that one rolled back. No order: nothing is locked or recorded (`order` null).
 */
export async function lockOrderRecordingEvent(
  trx: Db,
  orderId: string,
  event: PaymentEventRecord,
): Promise<{ order: Order | null; isNewEvent: boolean }> {
  const { rows } = await sql<OrderRow & { event_is_new: boolean }>`
    WITH o AS MATERIALIZED (SELECT * FROM orders WHERE id = ${orderId} FOR UPDATE),
    e AS (
      INSERT INTO payment_events (id, type, object_id, order_id, processed_at)
      SELECT ${event.id}, ${event.type}, ${event.objectId}, ${event.orderId}, ${new Date()} FROM o
      ON CONFLICT (id) DO NOTHING
      RETURNING id)
    SELECT o.*, EXISTS (SELECT 1 FROM e) AS event_is_new FROM o`.execute(trx);
  const row = rows[0];
  return row ? { order: toOrder(row), isNewEvent: row.event_is_new } : { order: null, isNewEvent: false };
}
