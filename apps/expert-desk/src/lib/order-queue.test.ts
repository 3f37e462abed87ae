import { describe, expect, it } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { applyOrderUpdate, mergeSnapshot, sortQueue } from './order-queue';

const paidAt = (minute: number) => new Date(Date.UTC(2026, 10, 26, 10, minute)).toISOString();
const a = orderFixture({ id: 'a'.repeat(24), paidAt: paidAt(5) });
const b = orderFixture({ id: 'b'.repeat(24), paidAt: paidAt(1) });
const c = orderFixture({ id: 'c'.repeat(24), paidAt: paidAt(9) });

describe('sortQueue', () => {
  it('puts the running session first, then paid orders oldest first', () => {
    const running = { ...c, status: 'in_session' as const };
    expect(sortQueue([a, running, b]).map((o) => o.id)).toEqual([running.id, b.id, a.id]);
  });
});

describe('applyOrderUpdate', () => {
  it('a newly paid order enters at its place and is announced', () => {
    const update = applyOrderUpdate([b, c], a);
    expect(update.queue.map((o) => o.id)).toEqual([b.id, a.id, c.id]);
    expect(update.arrived).toBe(true);
  });

  it('an update of an order already in the queue replaces it without a new announcement', () => {
    const started = { ...a, status: 'in_session' as const };
    const update = applyOrderUpdate([b, a], started);
    expect(update.queue.map((o) => [o.id, o.status])).toEqual([
      [a.id, 'in_session'],
      [b.id, 'paid'],
    ]);
    expect(update.arrived).toBe(false);
  });

  it('an order that leaves the queue statuses is removed', () => {
    const update = applyOrderUpdate([a, b], { ...a, status: 'interrupted' });
    expect(update.queue.map((o) => o.id)).toEqual([b.id]);
    expect(update.arrived).toBe(false);
  });

  it('an unpaid order never enters the queue', () => {
    const update = applyOrderUpdate([], { ...a, status: 'pending_payment', paidAt: null });
    expect(update).toEqual({ queue: [], arrived: false });
  });
});

describe('mergeSnapshot', () => {
  const h = (n: number) =>
    Array.from(
      { length: n },
      () => ({ from: null, to: 'paid', cause: 'provider_event', note: null, at: paidAt(0) }) as never,
    );

  it('keeps an order paid while the queue was being fetched', () => {
    const late = { ...c, history: h(2) };
    expect(mergeSnapshot([a, b], [late]).map((o) => o.id)).toEqual([b.id, a.id, c.id]);
  });

  it('ignores a live update older than the snapshot (never moves an order back)', () => {
    const startedInSnapshot = { ...a, status: 'in_session' as const, history: h(3) };
    const stalePaidEvent = { ...a, status: 'paid' as const, history: h(2) };
    expect(mergeSnapshot([startedInSnapshot], [stalePaidEvent])).toEqual([startedInSnapshot]);
  });

  it('applies a live update newer than the snapshot', () => {
    const inSnapshot = { ...a, history: h(2) };
    const completed = { ...a, status: 'completed' as const, history: h(4) };
    expect(mergeSnapshot([inSnapshot, b], [completed]).map((o) => o.id)).toEqual([b.id]);
  });
});
