import { describe, expect, it } from 'vitest';
import { orderFixture } from '../test/order-fixture';
import { interruptionRefundPreview, noShowRefundPreview, proposeRefund, refundCap } from './refund-proposal';

const now = new Date('2026-11-26T12:00:00.000Z');
const at = (minute: number) =>
  new Date(Date.parse('2026-11-26T11:00:00.000Z') + minute * 60_000).toISOString();
const entry = (from: string | null, to: string) =>
  ({ from, to, cause: 'expert', note: null, at: at(0) }) as never;

describe('refundCap', () => {
  it('is paid minus refunded minus pending refunds', () => {
    const order = orderFixture({
      refundedAmount: 1000,
      refunds: [
        { id: 'r1', amount: 1000, status: 'succeeded', reason: 'x', createdAt: at(0) },
        { id: 'r2', amount: 500, status: 'pending', reason: 'x', createdAt: at(1) },
        { id: 'r3', amount: 700, status: 'failed', reason: 'x', createdAt: at(2) },
      ],
    });
    expect(refundCap(order)).toBe(7900 - 1000 - 500);
  });
  it('never goes below zero', () => {
    expect(refundCap(orderFixture({ refundedAmount: 7900 }))).toBe(0);
  });
});

describe('proposeRefund (policy refund-policy-2026-11-v1)', () => {
  it.each([
    ['interrupted after 20 of 60 minutes: 40/60 of 79 €', 'interrupted', 20, 5266],
    ['interrupted after 20 min 1 s counts 21 minutes', 'interrupted', 20 + 1 / 60, 5135],
    ['completed: nothing', 'completed', 60, 0],
  ] as const)('%s', (_label, status, minutes, amount) => {
    const order = orderFixture({
      status,
      sessionStartedAt: at(0),
      sessionEndedAt: new Date(Date.parse(at(0)) + Math.round(minutes * 60_000)).toISOString(),
      history: [entry('paid', 'in_session'), entry('in_session', status)],
    });
    expect(proposeRefund(order, now).amount).toBe(amount);
  });

  it('expert no-show: everything back', () => {
    const order = orderFixture({ status: 'no_show_expert', history: [entry('paid', 'no_show_expert')] });
    expect(proposeRefund(order, now)).toEqual({ amount: 7900, reason: 'expert_no_show', cap: 7900 });
  });

  it('customer no-show: nothing back', () => {
    const order = orderFixture({ status: 'no_show_customer' });
    expect(proposeRefund(order, now).amount).toBe(0);
  });

  it('after a partial refund of an interrupted session, proposes only what is left of the entitlement', () => {
    const order = orderFixture({
      status: 'partially_refunded',
      refundedAmount: 5000,
      sessionStartedAt: at(0),
      sessionEndedAt: at(20),
      history: [entry('in_session', 'interrupted'), entry('interrupted', 'partially_refunded')],
      refunds: [{ id: 'r1', amount: 5000, status: 'succeeded', reason: 'x', createdAt: at(30) }],
    });
    // entitlement 5266 (40/60 of 79 €) minus the 5000 already refunded
    expect(proposeRefund(order, now).amount).toBe(266);
  });

  it('once the pro-rata went back in full, proposes nothing more (never the whole remainder)', () => {
    const order = orderFixture({
      status: 'partially_refunded',
      refundedAmount: 5266,
      sessionStartedAt: at(0),
      sessionEndedAt: at(20),
      history: [entry('in_session', 'interrupted'), entry('interrupted', 'partially_refunded')],
    });
    expect(proposeRefund(order, now)).toEqual({ amount: 0, reason: null, cap: 2634 });
  });

  it('counts a pending refund as already on its way', () => {
    const order = orderFixture({
      status: 'no_show_expert',
      refunds: [{ id: 'r1', amount: 7900, status: 'pending', reason: 'expert_no_show', createdAt: at(1) }],
    });
    expect(proposeRefund(order, now)).toEqual({ amount: 0, reason: null, cap: 0 });
  });

  it("prefers the API's recorded proposal, capped by what is left", () => {
    const order = orderFixture({ status: 'interrupted', sessionStartedAt: at(0), sessionEndedAt: at(20) });
    expect(proposeRefund({ ...order, proposedRefundAmount: 5135 }, now).amount).toBe(5135);
    expect(proposeRefund({ ...order, proposedRefundAmount: 9999 }, now).amount).toBe(7900);
    expect(proposeRefund({ ...order, proposedRefundAmount: null }, now).amount).toBe(5266);
  });

  it('a running session proposes nothing (the policy refuses until it ends)', () => {
    const order = orderFixture({ status: 'in_session', sessionStartedAt: at(0) });
    expect(proposeRefund(order, now).amount).toBe(0);
  });
});

describe('previews shown before the expert confirms (policy refund-policy-2026-11-v1)', () => {
  it('an expert no-show refunds everything, a customer no-show nothing', () => {
    expect(noShowRefundPreview(orderFixture(), 'expert', now)).toBe(7900);
    expect(noShowRefundPreview(orderFixture(), 'customer', now)).toBe(0);
  });
  it('an interruption refunds the unused minutes', () => {
    const order = orderFixture({ status: 'in_session', sessionStartedAt: at(0) });
    expect(interruptionRefundPreview(order, new Date(Date.parse(at(20)) - 1000))).toBe(5266);
  });
});
