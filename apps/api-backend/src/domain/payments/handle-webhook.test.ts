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
import { refundOrderByAdmin } from '../refunds/refund-order-by-admin';
import { handleWebhook } from './handle-webhook';

let ctx: UnitContext;
beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

function deliver(delivery: { rawBody: string; signature: string }) {
  return handleWebhook(ctx, delivery);
}

function paymentEvent(id: string, type: string, paymentIntentId: string, orderId: string | null) {
  return ctx.gateway.webhook({ id, type, object: { kind: 'payment_intent', paymentIntentId, orderId } });
}

describe('handleWebhook', () => {
  it('verifies the signature on the raw body first: forged, missing or altered -> 400, nothing read', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    const delivery = paymentEvent('evt_1', 'payment_intent.succeeded', paymentIntentId, orderId);
    const before = ctx.gateway.calls.length;
    for (const forged of [
      { ...delivery, signature: 'fake=00' },
      { rawBody: delivery.rawBody, signature: undefined },
      { ...delivery, rawBody: delivery.rawBody.replace('evt_1', 'evt_9') },
    ]) {
      await expect(handleWebhook(ctx, forged)).rejects.toMatchObject({
        code: 'WEBHOOK_SIGNATURE_INVALID',
        status: 400,
      });
    }
    expect(ctx.gateway.calls.length).toBe(before);
    expect(memory.order(orderId).status).toBe('pending_payment');
  });

  it('a validly signed but malformed event is 400; a well-formed one of another type is recorded', async () => {
    for (const malformed of ['{not json', JSON.stringify({ type: 'payment_intent.succeeded' })]) {
      await expect(
        deliver({ rawBody: malformed, signature: ctx.gateway.sign(malformed) }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        status: 400,
      });
    }
    const signed = ctx.gateway.webhook({
      id: 'evt_x',
      type: 'x',
      object: { kind: 'other', objectType: null },
    });
    expect(await deliver(signed)).toEqual({ received: true, outcome: 'ignored' });
  });

  it.each([
    ['payment_intent.succeeded', (c: UnitContext, pi: string) => c.gateway.pay(pi), 'paid'],
    [
      'payment_intent.payment_failed',
      (c: UnitContext, pi: string) => c.gateway.decline(pi),
      'payment_failed',
    ],
    [
      'payment_intent.requires_action',
      (c: UnitContext, pi: string) => c.gateway.requireAction(pi),
      'requires_action',
    ],
    [
      'payment_intent.processing',
      (c: UnitContext, pi: string) => c.gateway.setPayment(pi, { status: 'processing' }),
      'pending_payment',
    ],
  ])('%s settles from the re-read payment (order becomes %s), once', async (type, act, status) => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    act(ctx, paymentIntentId);
    const delivery = paymentEvent('evt_2', type, paymentIntentId, orderId);
    expect(await deliver(delivery)).toEqual({ received: true, outcome: 'processed' });
    expect(memory.order(orderId).status).toBe(status);
    expect(await deliver(delivery)).toEqual({ received: true, outcome: 'duplicate' });
    expect((await ctx.metrics.webhookDuplicates.get()).values[0]?.value).toBe(1);
  });

  it("the event payload is only a hint: a 'succeeded' event for a payment that failed fails the order", async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.decline(paymentIntentId);
    await deliver(paymentEvent('evt_3', 'payment_intent.succeeded', paymentIntentId, orderId));
    expect(memory.order(orderId).status).toBe('payment_failed');
  });

  it('payments that are not ours, unknown types and other objects are recorded and ignored', async () => {
    const { paymentIntentId } = await placeOrder(ctx);
    expect(
      await deliver(paymentEvent('evt_4', 'payment_intent.succeeded', paymentIntentId, null)),
    ).toMatchObject({ outcome: 'ignored' });
    expect(
      await deliver(paymentEvent('evt_5', 'payment_intent.created', paymentIntentId, null)),
    ).toMatchObject({ outcome: 'ignored' });
    const customer = ctx.gateway.webhook({
      id: 'evt_6',
      type: 'customer.created',
      object: { kind: 'other', objectType: 'customer' },
    });
    expect(await deliver(customer)).toMatchObject({ outcome: 'ignored' });
    expect(await deliver(customer)).toMatchObject({ outcome: 'duplicate' });
    expect([...memory.rows.paymentEvents.keys()]).toEqual(['evt_4', 'evt_5', 'evt_6']);
    expect(memory.rows.paymentEvents.get('evt_4')?.objectId).toBe(paymentIntentId);
  });

  it('an event for an order not visible yet answers 503 so the provider redelivers; nothing recorded', async () => {
    const { paymentIntentId } = await placeOrder(ctx);
    const delivery = paymentEvent(
      'evt_7',
      'payment_intent.succeeded',
      paymentIntentId,
      'f00000000000000000000000',
    );
    await expect(deliver(delivery)).rejects.toMatchObject({ code: 'WEBHOOK_ORDER_NOT_VISIBLE', status: 503 });
    expect(memory.rows.paymentEvents.has('evt_7')).toBe(false);
    expect(ctx.logs.some((l) => l.msg === 'webhook processing failed')).toBe(false);
  });

  it('a provider failure while re-reading answers 503 (redelivered), logged; the retry is processed', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    const delivery = paymentEvent('evt_8', 'payment_intent.succeeded', paymentIntentId, orderId);
    ctx.gateway.failNext('retrievePaymentIntent', 'not_found');
    await expect(deliver(delivery)).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      status: 503,
    });
    expect(ctx.logs.some((l) => l.msg === 'webhook processing failed')).toBe(true);
    expect(memory.rows.paymentEvents.has('evt_8')).toBe(false);
    expect(await deliver(delivery)).toMatchObject({ outcome: 'processed' });
    expect(memory.order(orderId).status).toBe('paid');
  });

  it('refund events settle our refunds; refunds without our id are ignored; charge.refunded re-reads pending ones', async () => {
    const { orderId, paymentIntentId } = await paidOrder(ctx);
    memory.patchOrder(orderId, {
      status: 'completed',
      sessionStartedAt: new Date(),
      sessionEndedAt: new Date(),
      sessionEndReason: 'completed',
    });
    ctx.gateway.refundOutcome = 'pending';
    const { refund } = await refundOrderByAdmin(ctx, {
      orderId,
      amount: 1000,
      reason: 'x',
      adminUserId: 'a00000000000000000000001',
    });
    const refundEvent = (id: string, refundId: string | null) =>
      ctx.gateway.webhook({
        id,
        type: 'refund.updated',
        object: {
          kind: 'refund',
          providerRefundId: refund!.providerRefundId!,
          paymentIntentId,
          orderId,
          refundId,
        },
      });
    expect(await deliver(refundEvent('evt_r0', null))).toMatchObject({ outcome: 'ignored' });
    expect(await deliver(refundEvent('evt_r1', refund!.id))).toMatchObject({ outcome: 'processed' });
    expect(memory.refundsOf(orderId)[0]?.status).toBe('pending');
    ctx.gateway.setRefund(refund!.providerRefundId!, 'succeeded');
    const charge = ctx.gateway.webhook({
      id: 'evt_c',
      type: 'charge.refunded',
      object: { kind: 'charge', chargeId: 'ch_1', paymentIntentId },
    });
    expect(await deliver(charge)).toMatchObject({ outcome: 'processed' });
    expect(memory.order(orderId)).toMatchObject({ status: 'partially_refunded', refunded: { amount: 1000 } });
  });
});
