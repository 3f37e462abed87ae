import '../../testing/in-memory-repositories';
import { beforeEach, describe, expect, it } from 'vitest';
import { memory } from '../../testing/in-memory-data';
import {
  paidOrder,
  placeOrder,
  seedCatalog,
  type UnitContext,
  unitContext,
} from '../../testing/unit-context';
import type { Viewer } from '../orders/order';
import { cancelOrder } from './cancel-order';

let ctx: UnitContext;
beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

const customer = (token: string): Viewer[] => [{ kind: 'token', token }];

describe('cancelOrder', () => {
  it('an unpaid order: cancels its payment with our key, then the order', async () => {
    const { orderId, paymentIntentId, orderAccessToken } = await placeOrder(ctx);
    const result = await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(result).toMatchObject({ order: { status: 'cancelled' }, refund: null });
    expect(ctx.gateway.payment(paymentIntentId)?.status).toBe('canceled');
    expect(ctx.gateway.callsOf('cancelPaymentIntent')).toEqual([
      { method: 'cancelPaymentIntent', idempotencyKey: `order:${orderId}:pi:cancel`, id: paymentIntentId },
    ]);
    expect(memory.historyOf(orderId).at(-1)).toMatchObject({ to: 'cancelled', cause: 'customer' });
  });

  it('an order without a payment yet is cancelled without calling the provider', async () => {
    const { orderId, orderAccessToken } = await placeOrder(ctx);
    memory.patchOrder(orderId, { paymentIntentId: null });
    await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(memory.order(orderId).status).toBe('cancelled');
    expect(ctx.gateway.callsOf('cancelPaymentIntent')).toEqual([]);
  });

  it('paid meanwhile at the provider: settles it as paid, then cancels it with a full refund', async () => {
    const { orderId, paymentIntentId, orderAccessToken } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    const result = await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(result.refund).toMatchObject({ amount: { amount: 7900 }, status: 'succeeded' });
    expect(memory.historyOf(orderId).map((e) => e.to)).toEqual([
      'pending_payment',
      'paid',
      'cancelled',
      'refunded',
    ]);
  });

  it('a paid order before its session: cancelled and refunded in full; a retry answers the same outcome', async () => {
    const { orderId, orderAccessToken, paymentIntentId } = await paidOrder(ctx);
    const first = await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(first).toMatchObject({
      order: { status: 'refunded' },
      refund: { amount: { amount: 7900 }, status: 'succeeded' },
    });
    expect(ctx.gateway.callsOf('createRefund')).toEqual([
      { method: 'createRefund', idempotencyKey: `refund:${first.refund!.id}`, id: paymentIntentId },
    ]);
    const again = await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(again).toEqual(first);
    expect(ctx.gateway.callsOf('createRefund')).toHaveLength(1);
  });

  it('a session already started, or an order closed otherwise, cannot be cancelled', async () => {
    const { orderId, orderAccessToken } = await paidOrder(ctx);
    memory.patchOrder(orderId, { sessionStartedAt: new Date() });
    await expect(cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) })).rejects.toMatchObject({
      code: 'ORDER_NOT_CANCELLABLE',
    });
    memory.patchOrder(orderId, { sessionStartedAt: null, status: 'completed' });
    await expect(cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) })).rejects.toMatchObject({
      code: 'ORDER_NOT_CANCELLABLE',
    });
    expect(memory.refundsOf(orderId)).toEqual([]);
  });

  it("only the order's customer may cancel: an admin is refused, a stranger does not see it", async () => {
    const { orderId } = await placeOrder(ctx);
    const admin: Viewer = { kind: 'user', userId: 'a00000000000000000000001', role: 'admin' };
    await expect(cancelOrder(ctx, { orderId, viewers: [admin] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(cancelOrder(ctx, { orderId, viewers: customer('wrong-token') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(memory.order(orderId).status).toBe('pending_payment');
  });

  it('a provider outage while cancelling the payment answers 503 and leaves the order as it was', async () => {
    const { orderId, orderAccessToken } = await placeOrder(ctx);
    ctx.gateway.failNext('cancelPaymentIntent', 'unavailable');
    await expect(cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) })).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    expect(memory.order(orderId).status).toBe('pending_payment');
  });

  it('a refund the provider cannot confirm yet stays pending (the order is cancelled)', async () => {
    const { orderId, orderAccessToken } = await paidOrder(ctx);
    ctx.gateway.failNext('createRefund', 'unavailable');
    const result = await cancelOrder(ctx, { orderId, viewers: customer(orderAccessToken) });
    expect(result).toMatchObject({
      order: { status: 'cancelled' },
      refund: { status: 'pending', providerRefundId: null },
    });
  });
});
