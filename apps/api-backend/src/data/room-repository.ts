/**
 * The consultation room's rows: the append-only transcript, presence of open streams, and the WebRTC
 * signals relayed between the two participants.
 */
import type { MessageSender, RoomMessage } from '@lumira/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema';

type AnyDb = Kysely<Database>;

type MessageRow = {
  id: string;
  sender_role: MessageSender;
  body: string;
  client_message_id: string;
  created_at: Date;
};

function toRoomMessage(row: MessageRow): RoomMessage {
  return {
    id: String(row.id),
    sender: row.sender_role,
    text: row.body,
    clientMessageId: row.sender_role === 'system' ? null : row.client_message_id,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Appends a line unless (order, sender, clientMessageId) exists already; answers the stored line either
 * way and whether this call wrote it.
 */
export async function appendRoomMessage(
  db: AnyDb,
  line: { orderId: string; sender: MessageSender; body: string; clientMessageId: string },
): Promise<{ message: RoomMessage; created: boolean }> {
  const inserted = await db
    .insertInto('room_messages')
    .values({
      order_id: line.orderId,
      sender_role: line.sender,
      body: line.body,
      client_message_id: line.clientMessageId,
    })
    .onConflict((oc) => oc.columns(['order_id', 'sender_role', 'client_message_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { message: toRoomMessage(inserted), created: true };
  const existing = await findRoomMessageByClientId(db, line.orderId, line.sender, line.clientMessageId);
  if (!existing) throw new Error('room message vanished after a conflicting insert');
  return { message: existing, created: false };
}

export async function findRoomMessageByClientId(
  db: AnyDb,
  orderId: string,
  sender: MessageSender,
  clientMessageId: string,
): Promise<RoomMessage | null> {
  const row = await db
    .selectFrom('room_messages')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('sender_role', '=', sender)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
  return row ? toRoomMessage(row) : null;
}

/** Lines of one room after `afterId` (exclusive), oldest first. */
export async function listRoomMessages(
  db: AnyDb,
  orderId: string,
  options: { afterId?: string; limit?: number } = {},
): Promise<RoomMessage[]> {
  let query = db.selectFrom('room_messages').selectAll().where('order_id', '=', orderId);
  if (options.afterId) query = query.where('id', '>', options.afterId);
  const rows = await query
    .orderBy('id')
    .limit(options.limit ?? 5000)
    .execute();
  return rows.map(toRoomMessage);
}

/** How many lines `sender` wrote in this room during the last `seconds`. */
export async function countRecentRoomMessages(
  db: AnyDb,
  orderId: string,
  sender: MessageSender,
  seconds: number,
): Promise<number> {
  const row = await db
    .selectFrom('room_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('order_id', '=', orderId)
    .where('sender_role', '=', sender)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertRoomPresence(
  db: AnyDb,
  entry: { connectionId: string; orderId: string; role: 'customer' | 'expert' | 'admin' },
): Promise<void> {
  await db
    .insertInto('room_presence')
    .values({ connection_id: entry.connectionId, order_id: entry.orderId, role: entry.role })
    .onConflict((oc) => oc.column('connection_id').doUpdateSet({ seen_at: sql`now()` }))
    .execute();
}

export async function deleteRoomPresence(db: AnyDb, connectionId: string): Promise<void> {
  await db.deleteFrom('room_presence').where('connection_id', '=', connectionId).execute();
}

/** Roles with an open stream seen within the last `windowSeconds`. */
export async function findPresentRoles(
  db: AnyDb,
  orderId: string,
  windowSeconds: number,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('room_presence')
    .select('role')
    .distinct()
    .where('order_id', '=', orderId)
    .where('seen_at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .execute();
  return new Set(rows.map((r) => r.role));
}

export async function insertRoomSignal(
  db: AnyDb,
  signal: { orderId: string; fromRole: 'customer' | 'expert'; payload: unknown },
): Promise<string> {
  const row = await db
    .insertInto('room_signals')
    .values({ order_id: signal.orderId, from_role: signal.fromRole, payload: JSON.stringify(signal.payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export async function findRoomSignal(
  db: AnyDb,
  id: string,
): Promise<{ orderId: string; fromRole: 'customer' | 'expert'; payload: unknown } | null> {
  const row = await db.selectFrom('room_signals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { orderId: row.order_id, fromRole: row.from_role, payload: row.payload } : null;
}

/** Signals are relayed live only: older ones of this room are dropped. */
export async function pruneRoomSignals(db: AnyDb, orderId: string, olderThanSeconds: number): Promise<void> {
  await db
    .deleteFrom('room_signals')
    .where('order_id', '=', orderId)
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute();
}
