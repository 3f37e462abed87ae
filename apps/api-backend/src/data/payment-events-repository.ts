/**
 * The webhook inbox. `recordPaymentEvent` runs in the SAME transaction as the event's effect:
 * the unique primary key on the provider event id makes a concurrent duplicate wait for the first
 * transaction and then see the conflict (no effect); a rolled-back first attempt leaves no row, so the
 * redelivery is processed.
 */
import type { Db } from './db';

/** true: first time this event id is recorded; false: a duplicate. */
export async function recordPaymentEvent(
  db: Db,
  event: { id: string; type: string; objectId: string | null; orderId: string | null },
): Promise<boolean> {
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
