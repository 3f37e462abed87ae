/**
 * Checkout flows through the real API, PostgreSQL and the sandbox: success, decline then success on the
 * same order, 3-D Secure complete and fail, Idempotency-Key replays, catalog pricing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import {
  api,
  confirmCard,
  createOrder,
  DEMO_EXPERT_ID,
  paymentIntentIdOf,
  readOrder,
  waitForStatus,
} from './payments-helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('checkout', () => {
  it("the original design's request works verbatim and a card payment makes the order paid", async () => {
    const res = await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: {
        level: 'premium',
        service: 'premium',
        expertId: DEMO_EXPERT_ID,
        customerEmail: 'Alice@Example.com',
        customerName: 'Alice',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      amount: 7900,
      currency: 'EUR',
      expert: { id: DEMO_EXPERT_ID, name: 'Expert Test' },
      tier: { id: 'premium', durationMinutes: 60 },
    });
    expect(res.body.clientSecret).toMatch(/^pi_.+_secret_/);
    const { orderId, orderAccessToken, clientSecret } = res.body;

    // The PaymentIntent carries the catalog amount and only the opaque order id as metadata.
    const pi = await stack.stripe.paymentIntents.retrieve(paymentIntentIdOf(clientSecret));
    expect(pi.amount).toBe(7900);
    expect(pi.metadata).toEqual({ orderId });

    const pending = await readOrder(stack, orderId, { token: orderAccessToken });
    expect(pending.status).toBe(200);
    expect(pending.body.status).toBe('pending_payment');
    expect(pending.body.customerEmail).toBe('alice@example.com');
    expect(JSON.stringify(pending.body)).not.toContain('_secret_');
    expect(pending.body.paymentIntentId).toBeUndefined();

    await confirmCard(stack, clientSecret, 'pm_card_visa');
    const paid = await waitForStatus(stack, orderId, orderAccessToken, 'paid');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.history.map((h) => `${h.from}->${h.to}`)).toEqual([
      'null->pending_payment',
      'pending_payment->paid',
    ]);
    expect(paid.cancellation).toEqual({ allowed: true, refundAmount: 7900 });

    // The browser return path converges on the same state (no second history entry).
    const confirmed = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: paymentIntentIdOf(clientSecret) },
    });
    expect(confirmed.body).toEqual({ orderId, status: 'paid' });
    const again = await readOrder(stack, orderId, { token: orderAccessToken });
    expect(again.body.history).toHaveLength(2);
  });

  it('a declined card leaves the order payment_failed, and another card then pays the same order', async () => {
    const { orderId, orderAccessToken, clientSecret } = await createOrder(stack);
    const declined = await confirmCard(stack, clientSecret, 'pm_card_chargeDeclined');
    expect(declined.declined).toBe(true);
    const failed = await waitForStatus(stack, orderId, orderAccessToken, 'payment_failed');
    expect(failed.lastPaymentError?.code).toBe('card_declined');

    await confirmCard(stack, clientSecret, 'pm_card_visa');
    const paid = await waitForStatus(stack, orderId, orderAccessToken, 'paid');
    expect(paid.history.map((h) => h.to)).toEqual(['pending_payment', 'payment_failed', 'paid']);
  });

  it('3-D Secure: completed challenge pays, failed challenge fails the attempt', async () => {
    const ok = await createOrder(stack);
    const first = await confirmCard(stack, ok.clientSecret, 'pm_card_threeDSecure2Required');
    expect(first.status).toBe('requires_action');
    await waitForStatus(stack, ok.orderId, ok.orderAccessToken, 'requires_action');
    stack.sandbox.completeThreeDS(paymentIntentIdOf(ok.clientSecret), 'completed');
    await waitForStatus(stack, ok.orderId, ok.orderAccessToken, 'paid');

    const ko = await createOrder(stack);
    await confirmCard(stack, ko.clientSecret, 'pm_card_threeDSecure2Required');
    await waitForStatus(stack, ko.orderId, ko.orderAccessToken, 'requires_action');
    stack.sandbox.completeThreeDS(paymentIntentIdOf(ko.clientSecret), 'failed');
    const failed = await waitForStatus(stack, ko.orderId, ko.orderAccessToken, 'payment_failed');
    expect(failed.lastPaymentError?.code).toBe('payment_intent_authentication_failure');
  });

  it('level and service naming different tiers is refused with TIER_MISMATCH', async () => {
    const res = await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: { level: 'basic', service: 'vip', customerEmail: 'bob@example.com' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TIER_MISMATCH');
  });

  it.each([{ amount: 100 }, { price: 1 }, { amount: 100, currency: 'EUR' }])(
    'a price field in the body (%o) is rejected and no order is written',
    async (extra) => {
      const before = await stack.db
        .selectFrom('orders')
        .select(stack.db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const res = await api(stack, 'POST', '/api/payments/create-payment-intent', {
        body: { level: 'basic', customerEmail: 'eve@example.com', ...extra },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const after = await stack.db
        .selectFrom('orders')
        .select(stack.db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    },
  );

  it('an Idempotency-Key retry answers the same order, PaymentIntent and token; another body is a conflict', async () => {
    const headers = { 'Idempotency-Key': `checkout-${Date.now()}` };
    const body = { service: 'basic', customerEmail: 'carol@example.com' };
    const [a, b] = await Promise.all([
      createOrder(stack, body, { headers }),
      createOrder(stack, body, { headers }),
    ]);
    expect(b.orderId).toBe(a.orderId);
    expect(b.clientSecret).toBe(a.clientSecret);
    expect(b.orderAccessToken).toBe(a.orderAccessToken);
    const orders = await stack.db
      .selectFrom('orders')
      .select('id')
      .where('customer_email', '=', 'carol@example.com')
      .execute();
    expect(orders).toHaveLength(1);

    const conflict = await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: { service: 'vip', customerEmail: 'carol@example.com' },
      headers,
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('a new catalog price applies to new orders only', async () => {
    const before = await createOrder(stack, { level: 'vip', customerEmail: 'dan@example.com' });
    expect(before.amount).toBe(14900);
    await stack.db
      .updateTable('service_tiers')
      .set({ price_amount: 15900 })
      .where('id', '=', 'vip')
      .execute();
    try {
      const after = await createOrder(stack, { level: 'vip', customerEmail: 'dan@example.com' });
      expect(after.amount).toBe(15900);
      const old = await readOrder(stack, before.orderId, { token: before.orderAccessToken });
      expect(old.body.amount).toBe(14900);
    } finally {
      await stack.db
        .updateTable('service_tiers')
        .set({ price_amount: 14900 })
        .where('id', '=', 'vip')
        .execute();
    }
  });
});
