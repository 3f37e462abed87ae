/** Who may write in a room, and when: the customer and the expert, while the session is open. */
import { AppError, type RoomRole } from '@lumira/shared';
import type { Order } from '../orders/order';
import { roomStateName } from './room-state';

export function assertCanWrite(order: Order, role: RoomRole): asserts role is 'customer' | 'expert' {
  if (role === 'admin') throw new AppError('ROOM_READ_ONLY', 'Admins read the room; they do not write in it');
  const state = roomStateName(order.status);
  if (state === 'waiting') throw new AppError('ROOM_NOT_OPEN', 'The expert has not started the session yet');
  if (state === 'closed') throw new AppError('ROOM_CLOSED', 'The session has ended');
}
