/**
 * GET /api/rooms/:orderId: the room's state and transcript for whoever may read the order (its owner or
 * access-token holder as customer, its expert, an admin read-only), through THE order access rules.
 */
import type { RoomView } from '@lumira/shared';
import { listRoomMessages } from '../../data/room-repository';
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Viewer } from '../orders/order';
import { loadRoomState } from './load-room-state';
import type { RoomContext } from './room-context';

export async function getRoom(
  ctx: RoomContext,
  input: { orderId: string; viewers: readonly Viewer[]; afterId?: string },
): Promise<RoomView> {
  const { order, role } = await getOrderForViewer(ctx.db, input.orderId, input.viewers);
  const [state, messages] = await Promise.all([
    loadRoomState(ctx, order, role),
    listRoomMessages(ctx.db, order.id, input.afterId ? { afterId: input.afterId } : {}),
  ]);
  return { ...state, messages };
}
