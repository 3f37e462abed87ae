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
import { injectFault } from './fault-hooks';
import { settlePaymentIntent } from './settle-payment-intent';

let ctx: UnitContext;
beforeEach(() => {
  seedCatalog();
  ctx = unitContext();
});

const confirm = { kind: 'confirm' } as const;
const webhookEvent = (id: string) =>
  ({
    kind: 'webhook',
    event: {
      id,
      type: 'payment_intent.succeeded',
      createdAt: new Date(),
      object: { kind: 'other', objectType: null },
    },
  }) as const;

describe('settlePaymentIntent', () => {
  it('succeeded -> paid, once, with paidAt, a history entry, a notification and the metric', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    const result = await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(result).toMatchObject({
      kind: 'settled',
      from: 'pending_payment',
      changed: true,
      order: { status: 'paid' },
    });
    expect(memory.order(orderId).paidAt).toBeInstanceOf(Date);
    expect(memory.historyOf(orderId).at(-1)).toMatchObject({
      from: 'pending_payment',
      to: 'paid',
      cause: 'provider_event',
      note: 'PaymentIntent succeeded',
    });
    expect(memory.rows.notifications.at(-1)).toMatchObject({ orderId, status: 'paid' });
    expect((await ctx.metrics.paymentsSucceeded.get()).values).toEqual([
      expect.objectContaining({
        value: 1,
        labels: expect.objectContaining({ tier: 'premium', via: 'confirm' }),
      }),
    ]);
    const again = await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(again).toMatchObject({ kind: 'settled', changed: false });
    expect(memory.historyOf(orderId)).toHaveLength(2);
  });

  it('failed -> payment_failed with the decline kept; a later success still pays', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.decline(paymentIntentId, 'card_declined');
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(memory.order(orderId)).toMatchObject({
      status: 'payment_failed',
      lastPaymentError: { code: 'card_declined', message: 'Your card was declined.' },
    });
    expect(memory.historyOf(orderId).at(-1)?.note).toBe('payment failed: card_declined');
    expect((await ctx.metrics.paymentsFailed.get()).values[0]).toMatchObject({
      value: 1,
      labels: { reason: 'card_declined' },
    });
    ctx.gateway.pay(paymentIntentId);
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(memory.order(orderId)).toMatchObject({ status: 'paid', lastPaymentError: null });
  });

  it('requires_action -> requires_action; pending, processing and authorized change nothing', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    for (const status of ['pending', 'processing', 'authorized'] as const) {
      ctx.gateway.setPayment(paymentIntentId, { status });
      const result = await settlePaymentIntent(ctx, {
        paymentIntentId,
        orderIdHint: orderId,
        source: confirm,
      });
      expect(result).toMatchObject({ kind: 'settled', changed: false, order: { status: 'pending_payment' } });
    }
    ctx.gateway.requireAction(paymentIntentId);
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(memory.order(orderId).status).toBe('requires_action');
  });

  it('state only moves forward: a late failure after paid changes nothing', async () => {
    const { orderId, paymentIntentId } = await paidOrder(ctx);
    ctx.gateway.decline(paymentIntentId);
    const result = await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(result).toMatchObject({ changed: false, order: { status: 'paid' } });
  });

  it('a payment canceled at the provider changes nothing, unless reconciliation asks to expire it', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.setPayment(paymentIntentId, { status: 'canceled' });
    await settlePaymentIntent(ctx, {
      paymentIntentId,
      orderIdHint: orderId,
      source: { kind: 'reconciliation' },
    });
    expect(memory.order(orderId).status).toBe('pending_payment');
    await settlePaymentIntent(ctx, {
      paymentIntentId,
      orderIdHint: orderId,
      source: { kind: 'reconciliation', expireIfCanceled: true },
    });
    expect(memory.order(orderId).status).toBe('expired');
    expect(memory.historyOf(orderId).at(-1)).toMatchObject({ to: 'expired', cause: 'reconciliation' });
  });

  it('a payment that lands on an expired order pays it and refunds it in full at once', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    memory.patchOrder(orderId, { status: 'expired' });
    ctx.gateway.pay(paymentIntentId);
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(ctx.gateway.refundsOf(paymentIntentId)).toEqual([
      expect.objectContaining({ amount: { amount: 7900, currency: 'EUR' } }),
    ]);
    expect(memory.order(orderId)).toMatchObject({ status: 'refunded', refunded: { amount: 7900 } });
    expect(memory.refundsOf(orderId)).toEqual([
      expect.objectContaining({ status: 'succeeded', reason: 'payment_after_order_closed' }),
    ]);
  });

  it('a failed automatic refund of a late payment is logged; the order stays paid', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    memory.patchOrder(orderId, { status: 'cancelled' });
    ctx.gateway.pay(paymentIntentId);
    ctx.gateway.failNext('createRefund', 'invalid_request');
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(memory.order(orderId).status).toBe('paid');
    expect(memory.refundsOf(orderId)).toEqual([
      expect.objectContaining({ status: 'failed', failureReason: 'invalid_request' }),
    ]);
  });

  it('an order paid before never goes back to paid when the same payment is settled again', async () => {
    const { orderId, paymentIntentId } = await paidOrder(ctx);
    memory.patchOrder(orderId, { status: 'cancelled' });
    const result = await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(result).toMatchObject({ changed: false, order: { status: 'cancelled' } });
    expect(ctx.gateway.callsOf('createRefund')).toEqual([]);
  });

  it('webhook source: the event id is recorded with the effect; a duplicate stops with no effect', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    const first = await settlePaymentIntent(ctx, {
      paymentIntentId,
      orderIdHint: orderId,
      source: webhookEvent('evt_1'),
    });
    expect(first).toMatchObject({ kind: 'settled', changed: true });
    expect(memory.rows.paymentEvents.get('evt_1')).toEqual({
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      objectId: paymentIntentId,
      orderId,
    });
    const retrievals = ctx.gateway.callsOf('retrievePaymentIntent').length;
    expect(
      await settlePaymentIntent(ctx, {
        paymentIntentId,
        orderIdHint: orderId,
        source: webhookEvent('evt_1'),
      }),
    ).toEqual({ kind: 'duplicate' });
    expect(ctx.gateway.callsOf('retrievePaymentIntent')).toHaveLength(retrievals);
  });

  it('finds the order by the payment id when no hint is given', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    await settlePaymentIntent(ctx, { paymentIntentId, source: confirm });
    expect(memory.order(orderId).status).toBe('paid');
  });

  it('an order not visible yet: the webhook is told to retry later (nothing recorded), others get 404', async () => {
    const { paymentIntentId } = await placeOrder(ctx);
    const missing = 'f00000000000000000000000';
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: missing, source: webhookEvent('evt_2') }),
    ).rejects.toMatchObject({ code: 'WEBHOOK_ORDER_NOT_VISIBLE' });
    expect(memory.rows.paymentEvents.has('evt_2')).toBe(false);
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: missing, source: confirm }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a payment the provider does not know: no order -> retry later (webhook) or 404; an order -> the provider error', async () => {
    const unknown = 'pi_unknown_to_the_provider';
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId: unknown, source: webhookEvent('evt_5') }),
    ).rejects.toMatchObject({ code: 'WEBHOOK_ORDER_NOT_VISIBLE' });
    expect(memory.rows.paymentEvents.has('evt_5')).toBe(false);
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId: unknown, source: confirm }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { orderId } = await placeOrder(ctx);
    await expect(
      settlePaymentIntent(ctx, {
        paymentIntentId: unknown,
        orderIdHint: orderId,
        source: webhookEvent('evt_6'),
      }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect(memory.order(orderId).status).toBe('pending_payment');
  });

  it("a payment that is not the order's is refused (404), or recorded and ignored for a webhook", async () => {
    const a = await placeOrder(ctx);
    const b = await placeOrder(ctx);
    ctx.gateway.pay(b.paymentIntentId);
    await expect(
      settlePaymentIntent(ctx, {
        paymentIntentId: b.paymentIntentId,
        orderIdHint: a.orderId,
        source: confirm,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ignored = await settlePaymentIntent(ctx, {
      paymentIntentId: b.paymentIntentId,
      orderIdHint: a.orderId,
      source: webhookEvent('evt_3'),
    });
    expect(ignored).toMatchObject({ kind: 'settled', changed: false, order: { status: 'pending_payment' } });
    expect(memory.rows.paymentEvents.has('evt_3')).toBe(true);
    expect(memory.order(a.orderId).status).toBe('pending_payment');
    expect(ctx.logs.some((l) => l.msg === 'PaymentIntent does not belong to the order')).toBe(true);
  });

  it('heals an order whose payment id was never stored', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    memory.patchOrder(orderId, { paymentIntentId: null });
    ctx.gateway.pay(paymentIntentId);
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: confirm });
    expect(memory.order(orderId)).toMatchObject({ paymentIntentId, status: 'paid' });
  });

  it('a provider failure or a crash before commit rolls everything back, the inbox row included', async () => {
    const { orderId, paymentIntentId } = await placeOrder(ctx);
    ctx.gateway.pay(paymentIntentId);
    ctx.gateway.failNext('retrievePaymentIntent', 'unavailable');
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: webhookEvent('evt_4') }),
    ).rejects.toMatchObject({ kind: 'unavailable' });
    expect(memory.rows.paymentEvents.has('evt_4')).toBe(false);
    injectFault(ctx, 'settle-payment.before-commit', () => {
      throw new Error('crash');
    });
    await expect(
      settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: webhookEvent('evt_4') }),
    ).rejects.toThrow('crash');
    expect(memory.order(orderId).status).toBe('pending_payment');
    expect(memory.rows.paymentEvents.has('evt_4')).toBe(false);
    expect(memory.rows.notifications.filter((n) => n.status === 'paid')).toEqual([]);
    injectFault(ctx, 'settle-payment.before-commit', null);
    await settlePaymentIntent(ctx, { paymentIntentId, orderIdHint: orderId, source: webhookEvent('evt_4') });
    expect(memory.order(orderId).status).toBe('paid');
  });
});
