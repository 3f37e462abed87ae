/** Reads the order, its expert's name and who is present, and builds the room's state. */
import type { RoomRole, RoomState } from '@lumira/shared';
import { findExpertById } from '../../data/experts-repository';
import { findPresentRoles } from '../../data/room-repository';
import type { Order } from '../orders/order';
import type { RoomContext } from './room-context';
import { PRESENCE_WINDOW_SECONDS, toRoomState } from './room-state';

export async function loadRoomState(ctx: RoomContext, order: Order, role: RoomRole): Promise<RoomState> {
  const [expert, presentRoles] = await Promise.all([
    findExpertById(ctx.db, order.expertId),
    findPresentRoles(ctx.db, order.id, PRESENCE_WINDOW_SECONDS),
  ]);
  return toRoomState(order, {
    role,
    expertName: expert?.name ?? '',
    presentRoles,
    iceServers: ctx.config.webrtc.iceServers,
  });
}
