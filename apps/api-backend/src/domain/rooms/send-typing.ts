/** POST /api/rooms/:orderId/typing: "the customer is typing", shown for a few seconds on the other side. */
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Viewer } from '../orders/order';
import { assertCanWrite } from './assert-can-write';
import type { RoomContext } from './room-context';

export async function sendTyping(
  ctx: RoomContext,
  input: { orderId: string; viewers: readonly Viewer[] },
): Promise<void> {
  const { order, role } = await getOrderForViewer(ctx.db, input.orderId, input.viewers);
  assertCanWrite(order, role);
  await ctx.notifier.publishRoom(ctx.db, { orderId: order.id, event: 'typing', role });
}
