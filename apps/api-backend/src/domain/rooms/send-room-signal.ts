/**
 * POST /api/rooms/:orderId/signal: WebRTC signalling (offer, answer, ICE candidate, hang-up) relayed
 * through the API to the other participant's stream, on whichever API instance it is. The call itself
 * is peer to peer; nothing of the media passes here. Only the customer and the expert, only while the
 * session is open.
 */
import { AppError, ROOM_LIMITS, type RoomSignalRequest } from '@lumira/shared';
import { insertRoomSignal, pruneRoomSignals } from '../../data/room-repository';
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Viewer } from '../orders/order';
import { assertCanWrite } from './assert-can-write';
import type { RoomContext } from './room-context';

/** Signals are relayed live; older ones are of no use to anybody. */
const SIGNAL_TTL_SECONDS = 120;

export async function sendRoomSignal(
  ctx: RoomContext,
  input: { orderId: string; viewers: readonly Viewer[]; signal: RoomSignalRequest },
): Promise<void> {
  const { order, role } = await getOrderForViewer(ctx.db, input.orderId, input.viewers);
  assertCanWrite(order, role);
  if (Buffer.byteLength(JSON.stringify(input.signal)) > ROOM_LIMITS.signalMaxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'Signalling message too large');
  }
  const id = await insertRoomSignal(ctx.db, { orderId: order.id, fromRole: role, payload: input.signal });
  await ctx.notifier.publishRoom(ctx.db, { orderId: order.id, event: 'signal', role, id });
  await pruneRoomSignals(ctx.db, order.id, SIGNAL_TTL_SECONDS);
}
