import { ORDER_STATUSES, type OrderStatus } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import type { Order } from '../orders/order';
import { roomStateName, toRoomState } from './room-state';

const EXPECTED: Record<OrderStatus, 'waiting' | 'open' | 'closed'> = {
  pending_payment: 'waiting',
  requires_action: 'waiting',
  payment_failed: 'waiting',
  paid: 'waiting',
  in_session: 'open',
  completed: 'closed',
  interrupted: 'closed',
  no_show_customer: 'closed',
  no_show_expert: 'closed',
  cancelled: 'closed',
  expired: 'closed',
  partially_refunded: 'closed',
  refunded: 'closed',
};

describe('roomStateName', () => {
  it.each(ORDER_STATUSES.map((s) => [s, EXPECTED[s]] as const))('%s -> %s', (status, state) => {
    expect(roomStateName(status)).toBe(state);
  });
});

describe('toRoomState', () => {
  const order = {
    id: 'a'.repeat(24),
    status: 'in_session',
    tierName: 'Basic',
    durationMinutes: 30,
    customerName: '  Alice   Martin ',
    sessionStartedAt: new Date('2026-12-06T10:00:00.000Z'),
    sessionEndedAt: null,
  } as unknown as Order;
  const parts = { expertName: 'Expert Test', presentRoles: new Set(['expert']), iceServers: [] };

  it('gives the planned end, the first name only and who is present; only participants write', () => {
    const state = toRoomState(order, { ...parts, role: 'customer' });
    expect(state).toMatchObject({
      state: 'open',
      canWrite: true,
      plannedEndAt: '2026-12-06T10:30:00.000Z',
      customerFirstName: 'Alice',
      presence: { customer: false, expert: true },
    });
    expect(toRoomState(order, { ...parts, role: 'admin' }).canWrite).toBe(false);
    expect(toRoomState({ ...order, status: 'completed' }, { ...parts, role: 'expert' }).canWrite).toBe(false);
  });

  it('names the customer by the first word with a letter in it, as every other first name shown', () => {
    const named = (customerName: string | null) =>
      toRoomState({ ...order, customerName }, { ...parts, role: 'expert' }).customerFirstName;
    expect(named('🌙 Luna Martin')).toBe('Luna');
    expect(named('🌙')).toBeNull();
    expect(named(null)).toBeNull();
  });
});
