/**
 * POST /api/rooms/:orderId/messages {clientMessageId, text}.
 *
 * One transaction under the order's row lock (the same lock that ends a session, so no line lands after
 * the end): a clientMessageId already stored for this sender answers that message (a resend after a lost
 * answer never writes twice, even once the room has closed); otherwise the room must be open, the sender
 * under ROOM_LIMITS' rate (counted in the database, so it holds across API instances), and the line is
 * appended and announced to every instance on commit.
 */
import { AppError, ROOM_LIMITS, type RoomMessage, type RoomMessageRequest } from '@lumira/shared';
import { lockOrder } from '../../data/orders-repository';
import {
  appendRoomMessage,
  countRecentRoomMessages,
  findRoomMessageByClientId,
} from '../../data/room-repository';
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Viewer } from '../orders/order';
import { assertCanWrite } from './assert-can-write';
import type { RoomContext } from './room-context';

export async function sendRoomMessage(
  ctx: RoomContext,
  input: { orderId: string; viewers: readonly Viewer[]; request: RoomMessageRequest },
): Promise<{ message: RoomMessage; created: boolean }> {
  const { role } = await getOrderForViewer(ctx.db, input.orderId, input.viewers);
  return ctx.db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, input.orderId);
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    if (role !== 'admin') {
      const existing = await findRoomMessageByClientId(trx, order.id, role, input.request.clientMessageId);
      if (existing) return { message: existing, created: false };
    }
    assertCanWrite(order, role);
    const recent = await countRecentRoomMessages(trx, order.id, role, ROOM_LIMITS.windowSeconds);
    if (recent >= ROOM_LIMITS.messagesPerWindow) {
      throw new AppError(
        'MESSAGE_RATE_LIMITED',
        `At most ${ROOM_LIMITS.messagesPerWindow} messages per ${ROOM_LIMITS.windowSeconds} seconds`,
      );
    }
    const result = await appendRoomMessage(trx, {
      orderId: order.id,
      sender: role,
      body: input.request.text,
      clientMessageId: input.request.clientMessageId,
    });
    if (result.created) await ctx.notifier.publishRoom(trx, { orderId: order.id, event: 'message' });
    return result;
  });
}
