/** Order history: append-only (the table refuses UPDATE/DELETE). */
import type { OrderStatus, TransitionCause } from '@lumira/shared';
import type { Kysely } from 'kysely';
import type { OrderEvent } from '../domain/orders/order';
import { asPaymentsDb, type PaymentsDatabase } from './payments-schema';
import type { Database } from './schema';

type AnyDb = Kysely<Database> | Kysely<PaymentsDatabase>;

export async function appendOrderEvent(
  db: AnyDb,
  event: {
    orderId: string;
    from: OrderStatus | null;
    to: OrderStatus;
    cause: TransitionCause;
    note?: string | null;
  },
): Promise<void> {
  await asPaymentsDb(db)
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

export async function listOrderEvents(db: AnyDb, orderId: string): Promise<OrderEvent[]> {
  const rows = await asPaymentsDb(db)
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    orderId: String(r.order_id),
    from: (r.from_status as OrderStatus | null) ?? null,
    to: r.to_status as OrderStatus,
    cause: r.cause as TransitionCause,
    note: r.note ?? null,
    at: r.at,
  }));
}
