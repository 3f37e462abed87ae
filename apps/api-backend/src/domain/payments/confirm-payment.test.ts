import '../../testing/in-memory-repositories';
import { beforeEach, describe, expect, it } from 'vitest';
import { memory } from '../../testing/in-memory-data';
import { placeOrder, seedCatalog, type UnitContext, unitContext } from '../../testing/unit-context';
import { confirmPayment } from './confirm-payment';

let ctx: UnitContext;
beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

describe('confirmPayment (the browser return path)', () => {
  it("answers the order's status after applying the provider's truth", async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    expect(await confirmPayment(ctx, { paymentIntentId })).toEqual({ orderId, status: 'pending_payment' });
    ctx.gateway.pay(paymentIntentId);
    expect(await confirmPayment(ctx, { paymentIntentId })).toEqual({ orderId, status: 'paid' });
    ctx.gateway.decline(paymentIntentId);
    expect(await confirmPayment(ctx, { paymentIntentId })).toEqual({ orderId, status: 'paid' });
  });

  it("finds an order whose payment id was never stored through the payment's metadata", async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    memory.patchOrder(orderId, { paymentIntentId: null });
    ctx.gateway.pay(paymentIntentId);
    expect(await confirmPayment(ctx, { paymentIntentId })).toEqual({ orderId, status: 'paid' });
    expect(memory.order(orderId).paymentIntentId).toBe(paymentIntentId);
  });

  it('a payment the provider does not know, or one that names no order of ours, is 404', async () => {
    await expect(confirmPayment(ctx, { paymentIntentId: 'pi_unknown' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
    });
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    memory.patchOrder(orderId, { paymentIntentId: null });
    ctx.gateway.setPayment(paymentIntentId, { orderId: null });
    await expect(confirmPayment(ctx, { paymentIntentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    ctx.gateway.failNext('retrievePaymentIntent', 'invalid_request');
    await expect(confirmPayment(ctx, { paymentIntentId: 'pi_malformed' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a provider outage answers 503 and changes nothing', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    ctx.gateway.failNext('retrievePaymentIntent', 'unavailable');
    await expect(confirmPayment(ctx, { paymentIntentId })).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      status: 503,
    });
    expect(memory.order(orderId).status).toBe('pending_payment');
    ctx.gateway.failNext('retrievePaymentIntent', 'rate_limited');
    await expect(confirmPayment(ctx, { paymentIntentId })).rejects.toMatchObject({ status: 503 });
  });
});
