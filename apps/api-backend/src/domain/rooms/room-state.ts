/** The room's state as both participants see it: a pure function of the order (table-tested). */
import {
  firstNameOf,
  type IceServer,
  type OrderStatus,
  type RoomRole,
  type RoomState,
  type RoomStateName,
} from '@lumira/shared';
import type { Order } from '../orders/order';

/** How long a presence row counts without a heartbeat (streams refresh theirs every 15 s). */
export const PRESENCE_WINDOW_SECONDS = 45;

const WAITING: readonly OrderStatus[] = ['pending_payment', 'requires_action', 'payment_failed', 'paid'];

/** open while the session runs; waiting before the expert starts it; closed afterwards (and for any end). */
export function roomStateName(status: OrderStatus): RoomStateName {
  if (status === 'in_session') return 'open';
  return WAITING.includes(status) ? 'waiting' : 'closed';
}

export function toRoomState(
  order: Order,
  parts: {
    role: RoomRole;
    expertName: string;
    presentRoles: ReadonlySet<string>;
    iceServers: readonly IceServer[];
  },
): RoomState {
  const state = roomStateName(order.status);
  const plannedEndAt = order.sessionStartedAt
    ? new Date(order.sessionStartedAt.getTime() + order.durationMinutes * 60_000).toISOString()
    : null;
  return {
    orderId: order.id,
    role: parts.role,
    canWrite: parts.role !== 'admin' && state === 'open',
    state,
    status: order.status,
    tierName: order.tierName,
    durationMinutes: order.durationMinutes,
    expertName: parts.expertName,
    // Both sides address each other by first name (the expert never sees more, decision 0015).
    customerFirstName: firstNameOf(order.customerName),
    sessionStartedAt: order.sessionStartedAt?.toISOString() ?? null,
    sessionEndedAt: order.sessionEndedAt?.toISOString() ?? null,
    plannedEndAt,
    presence: { customer: parts.presentRoles.has('customer'), expert: parts.presentRoles.has('expert') },
    iceServers: [...parts.iceServers],
  };
}
