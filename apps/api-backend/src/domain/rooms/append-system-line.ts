/**
 * Writes a system line (session started, ending soon, time up, ended) into the transcript, once per
 * order and code (its code is its client id), and announces it when it was written now. Called inside
 * the session transitions' transactions, and by the room streams for the timer lines.
 */
import type { RoomSystemCode } from '@lumira/shared';
import type { Kysely } from 'kysely';
import type { OrderNotifier } from '../../data/order-notifier';
import { appendRoomMessage } from '../../data/room-repository';
import type { Database } from '../../data/schema';

export async function appendSystemLine(
  db: Kysely<Database>,
  notifier: Pick<OrderNotifier, 'publishRoom'>,
  orderId: string,
  code: RoomSystemCode,
): Promise<boolean> {
  const { created } = await appendRoomMessage(db, {
    orderId,
    sender: 'system',
    body: code,
    clientMessageId: code,
  });
  if (created) await notifier.publishRoom(db, { orderId, event: 'message' });
  return created;
}
