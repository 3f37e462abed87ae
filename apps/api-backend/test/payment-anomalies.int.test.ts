/**
 * A PaymentIntent that names one of our orders never pays it unless it is the order's own, with the
 * order's exact money. The repro: PaymentIntent creation fails (the order stays pending_payment with no
 * PaymentIntent id), then someone with an API key on the account creates and confirms a 50-cent
 * PaymentIntent with `metadata[orderId]` set to the order. Neither the webhook nor confirm-payment may
 * move the 149 EUR order to paid; the anomaly is recorded, counted and refunded in full.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, createOrder, paymentIntentIdOf } from './payments-helpers';

let stack: TestStack;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startTestStack({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
});
afterAll(async () => {
  await stack?.stop();
});

async function orderRow(id: string) {
  return stack.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function waitForWebhooks() {
  await sleep(100);
  await stack.sandbox.webhooksIdle();
}

describe('settlement checks the money and the PaymentIntent', () => {
  it('an underpaying PaymentIntent naming an order with no PaymentIntent id never pays it and is refunded', async () => {
    stack.sandbox.setFaults({
      failNext: { method: 'POST', path: '/v1/payment_intents', status: 500, count: 3 },
    });
    const failed = await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: { level: 'vip', customerEmail: 'victim@example.test' },
      headers: { 'Idempotency-Key': 'anomaly-underpay' },
    });
    stack.sandbox.setFaults({});
    expect(failed.status).toBe(503);
    const order = await stack.db
      .selectFrom('orders')
      .selectAll()
      .where('customer_email', '=', 'victim@example.test')
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('pending_payment');
    expect(order.payment_intent_id).toBeNull();

    const cheap = await stack.stripe.paymentIntents.create({
      amount: 50,
      currency: 'eur',
      metadata: { orderId: order.id },
    });
    await stack.stripe.paymentIntents.confirm(cheap.id, { payment_method: 'pm_card_visa' });
    await waitForWebhooks();
    const confirm = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: cheap.id },
    });
    expect(confirm.status).toBeLessThan(500);

    const after = await orderRow(order.id);
    expect(after.status).toBe('pending_payment');
    expect(after.paid_at).toBeNull();
    expect(after.payment_intent_id).toBeNull();
    const anomalies = await stack.db
      .selectFrom('payment_anomalies')
      .selectAll()
      .where('order_id', '=', order.id)
      .execute();
    expect(anomalies).toHaveLength(1);
    expect(anomalies[0]).toMatchObject({
      payment_intent_id: cheap.id,
      reason: 'amount_mismatch',
      amount: 50,
    });
    expect(anomalies[0]!.refund_id).toBeTruthy();
    const refunds = await stack.stripe.refunds.list({ payment_intent: cheap.id });
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]!.amount).toBe(50);

    const metrics = await fetch(`${stack.apiUrl}/metrics`, {
      headers: { Authorization: 'Bearer metrics-token-0123456789' },
    });
    const text = await metrics.text();
    expect(text).toMatch(/lumira_payment_anomalies_total\{reason="amount_mismatch"[^}]*\} [1-9]/);
  });

  it('a PaymentIntent in a currency we do not sell in, naming an order, is recorded and refunded, not a 503', async () => {
    const created = await createOrder(stack, { level: 'vip', customerEmail: 'usd@example.test' });
    const orderId = created.orderId;
    const dollars = await stack.stripe.paymentIntents.create({
      amount: 14900,
      currency: 'usd',
      metadata: { orderId },
    });
    await stack.stripe.paymentIntents.confirm(dollars.id, { payment_method: 'pm_card_visa' });
    await waitForWebhooks();
    const confirm = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: dollars.id },
    });
    expect(confirm.status).toBeLessThan(500);

    const after = await orderRow(orderId);
    expect(after.status).toBe('pending_payment');
    expect(after.payment_intent_id).not.toBe(dollars.id);
    const anomaly = await stack.db
      .selectFrom('payment_anomalies')
      .selectAll()
      .where('payment_intent_id', '=', dollars.id)
      .executeTakeFirstOrThrow();
    expect(anomaly).toMatchObject({
      order_id: orderId,
      reason: 'amount_mismatch',
      amount: 14900,
      currency: 'USD',
    });
    expect(anomaly.refund_id).toBeTruthy();
    const refunds = await stack.stripe.refunds.list({ payment_intent: dollars.id });
    expect(refunds.data.map((r) => [r.amount, r.currency])).toEqual([[14900, 'usd']]);

    // Listed for admins with the currency it was made in.
    const admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const listed = await api(stack, 'GET', '/api/admin/payment-anomalies', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.anomalies[0]).toMatchObject({
      paymentIntentId: dollars.id,
      amount: { amount: 14900, currency: 'USD' },
      order: { amount: { amount: 14900, currency: 'EUR' } },
    });
  });

  it('a second PaymentIntent naming an order that has its own never pays it, even for the right amount', async () => {
    const created = await createOrder(stack, { level: 'basic', customerEmail: 'owner@example.test' });
    const other = await stack.stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      metadata: { orderId: created.orderId },
    });
    await stack.stripe.paymentIntents.confirm(other.id, { payment_method: 'pm_card_visa' });
    await waitForWebhooks();
    await api(stack, 'POST', '/api/payments/confirm-payment', { body: { paymentIntentId: other.id } });
    const row = await orderRow(created.orderId);
    expect(row.status).toBe('pending_payment');
    expect(row.payment_intent_id).toBe(paymentIntentIdOf(created.clientSecret));
    const anomaly = await stack.db
      .selectFrom('payment_anomalies')
      .selectAll()
      .where('payment_intent_id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(anomaly.reason).toBe('foreign_payment_intent');
    expect((await stack.stripe.refunds.list({ payment_intent: other.id })).data).toHaveLength(1);

    // Admins see it listed, newest first, with the automatic refund; nobody else does.
    const admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const listed = await api(stack, 'GET', '/api/admin/payment-anomalies', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.anomalies[0]).toMatchObject({
      paymentIntentId: other.id,
      orderId: created.orderId,
      reason: 'foreign_payment_intent',
      amount: { amount: 2900, currency: 'EUR' },
      order: { amount: { amount: 2900, currency: 'EUR' }, customerEmail: 'owner@example.test' },
    });
    expect(listed.body.anomalies[0].refundId).toMatch(/^re_/);
    expect(listed.body.anomalies.length).toBeGreaterThanOrEqual(2);
    const expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    expect((await api(stack, 'GET', '/api/admin/payment-anomalies', { token: expert })).status).toBe(403);
    expect((await api(stack, 'GET', '/api/admin/payment-anomalies')).status).toBe(401);

    // The order's own PaymentIntent still pays it.
    await stack.stripe.paymentIntents.confirm(paymentIntentIdOf(created.clientSecret), {
      payment_method: 'pm_card_visa',
    });
    await waitForWebhooks();
    expect((await orderRow(created.orderId)).status).toBe('paid');
  });

  it('a PaymentIntent with the exact amount is adopted by an order that lost its id (crash healing)', async () => {
    stack.sandbox.setFaults({
      failNext: { method: 'POST', path: '/v1/payment_intents', status: 500, count: 3 },
    });
    await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: { level: 'basic', customerEmail: 'adopt@example.test' },
      headers: { 'Idempotency-Key': 'anomaly-adopt' },
    });
    stack.sandbox.setFaults({});
    const order = await stack.db
      .selectFrom('orders')
      .selectAll()
      .where('customer_email', '=', 'adopt@example.test')
      .executeTakeFirstOrThrow();
    const exact = await stack.stripe.paymentIntents.create({
      amount: order.amount,
      currency: order.currency.toLowerCase(),
      metadata: { orderId: order.id },
    });
    await stack.stripe.paymentIntents.confirm(exact.id, { payment_method: 'pm_card_visa' });
    await waitForWebhooks();
    const after = await orderRow(order.id);
    expect(after.status).toBe('paid');
    expect(after.payment_intent_id).toBe(exact.id);
  });
});
