import type { OrderHistoryEntry, OrderStatus } from '@lumira/shared';
import { describe, expect, it } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { sessionFigures } from './session-figures';

const started = '2026-11-26T11:00:00.000Z';
const order = (
  status: OrderStatus,
  over: { started?: boolean; refunded?: number; path?: OrderStatus[] } = {},
) =>
  orderFixture({
    status,
    amount: 7900,
    refundedAmount: over.refunded ?? 0,
    sessionStartedAt: over.started ? started : null,
    history: (over.path ?? [status]).map(
      (to): OrderHistoryEntry => ({ from: null, to, cause: 'expert', note: null, at: started }),
    ),
  });

describe('sessionFigures ("Mes séances")', () => {
  it.each([
    ['a paid order waits; it is not a session held', [order('paid')], { waiting: [1, 7900], held: [0, 0] }],
    ['a completed session is held and earned', [order('completed', { started: true })], { held: [1, 7900] }],
    [
      'an interrupted session refunded in part earns the rest',
      [
        order('partially_refunded', {
          started: true,
          refunded: 1836,
          path: ['in_session', 'interrupted', 'partially_refunded'],
        }),
      ],
      { held: [1, 6064] },
    ],
    [
      'a running session is neither held nor waiting',
      [order('in_session', { started: true })],
      { running: [1, 7900], held: [0, 0], waiting: [0, 0] },
    ],
    [
      'a customer no-show keeps the payment, apart',
      [order('no_show_customer')],
      { absent: [1, 7900], held: [0, 0] },
    ],
    [
      'an expert no-show refunded in full is no session and no earning',
      [order('refunded', { refunded: 7900, path: ['paid', 'no_show_expert', 'refunded'] })],
      { held: [0, 0], without: 1 },
    ],
    [
      'the reported case: one session held, eight paid orders waiting',
      [order('completed', { started: true }), ...Array.from({ length: 8 }, () => order('paid'))],
      { held: [1, 7900], waiting: [8, 63200] },
    ],
  ])('%s', (_name, orders, expected) => {
    const f = sessionFigures(orders);
    if ('held' in expected) expect([f.held.count, f.held.net]).toEqual(expected.held);
    if ('waiting' in expected) expect([f.waiting.count, f.waiting.amount]).toEqual(expected.waiting);
    if ('running' in expected) expect([f.running.count, f.running.amount]).toEqual(expected.running);
    if ('absent' in expected) expect([f.customerAbsent.count, f.customerAbsent.net]).toEqual(expected.absent);
    if ('without' in expected) expect(f.withoutSession.count).toBe(expected.without);
  });

  it('ignores orders never paid', () => {
    const f = sessionFigures([orderFixture({ status: 'expired', paidAt: null })]);
    expect(f).toEqual(sessionFigures([]));
  });
});
