/**
 * Cancellation and refunds: customer cancel before and after payment, admin partial refunds, pending and
 * failed refunds (sandbox cards 4000000000007726 / 4000000000005126) and the admin retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';
import { api, createOrder, eventually, paidOrder, readOrder, waitForStatus } from './payments-helpers';

let stack: TestStack;
let admin: string;
beforeAll(async () => {
  stack = await startTestStack({ sandbox: { refundSettleMs: 200 } });
  admin = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
});
afterAll(async () => {
  await stack?.stop();
});

describe('customer cancellation', () => {
  it('an unpaid order is cancelled together with its PaymentIntent', async () => {
    const order = await createOrder(stack);
    const res = await api(
      stack,
      'POST',
      `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.order.status).toBe('cancelled');
    expect(res.body.refund).toBeNull();
    const pi = await stack.stripe.paymentIntents.retrieve(order.clientSecret.split('_secret_')[0]!);
    expect(pi.status).toBe('canceled');
  });

  it('a paid order is cancelled and refunded in full before the session', async () => {
    const order = await paidOrder(stack);
    const preview = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(preview.body.cancellation).toEqual({ allowed: true, refundAmount: 7900 });

    const res = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(res.status).toBe(200);
    expect(res.body.refund).toMatchObject({ amount: 7900 });
    const refunded = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(refunded.refundedAmount).toBe(7900);
    expect(refunded.refunds).toMatchObject([{ amount: 7900, status: 'succeeded' }]);
    expect(refunded.history.map((h) => h.to)).toEqual(['pending_payment', 'paid', 'cancelled', 'refunded']);
    expect(refunded.cancellation.allowed).toBe(false);

    const refunds = await stack.stripe.refunds.list({ payment_intent: order.paymentIntentId });
    expect(refunds.data).toHaveLength(1);
    expect(refunds.data[0]!.metadata).toEqual({ orderId: order.orderId, refundId: refunded.refunds[0]!.id });

    // A retry (lost answer, double click) gets the first cancellation's outcome and moves no money.
    const twice = await api(
      stack,
      'POST',
      `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
    );
    expect(twice.status).toBe(200);
    expect(twice.body.order.status).toBe('refunded');
    expect(twice.body.refund).toMatchObject({ id: refunded.refunds[0]!.id, amount: 7900 });
    const stillOne = await stack.stripe.refunds.list({ payment_intent: order.paymentIntentId });
    expect(stillOne.data).toHaveLength(1);
  });

  it('a cancelled paid order never moves back to paid when the payment is settled again', async () => {
    // The refund fails, so the order stays `cancelled` with its money still held: the case where a
    // re-settlement (browser return, late webhook, reconciliation) could wrongly move it back to paid.
    const order = await paidOrder(stack, 'pm_card_refundFail');
    const cancelled = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(cancelled.status).toBe(200);
    await eventually(
      () => readOrder(stack, order.orderId, { token: order.orderAccessToken }),
      (o) => o.body.refunds.some((r) => r.status === 'failed'),
    );
    const again = await api(stack, 'POST', '/api/payments/confirm-payment', {
      body: { paymentIntentId: order.paymentIntentId },
    });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    const after = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(after.body.status).toBe('cancelled');
    expect(after.body.history.map((h) => h.to)).toEqual(['pending_payment', 'paid', 'cancelled']);
    expect(after.body.refunds).toHaveLength(1);
  });

  it('without the token or as another customer, cancelling answers 404', async () => {
    const order = await createOrder(stack);
    const anonymous = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`);
    expect(anonymous.status).toBe(404);
    const other = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    const res = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`, { token: other });
    expect(res.status).toBe(404);
  });
});

describe('admin refunds', () => {
  it('a partial refund after the session makes the order partially_refunded, then refunded at the cap', async () => {
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'premium',
      expertId: stack.demo.expertId,
      customerEmail: 'partial@example.com',
    });
    const expert = await stack.login(stack.demo.expertEmail, stack.demo.expertPassword);
    expect(
      (await api(stack, 'POST', `/api/desk/orders/${order.orderId}/start`, { token: expert })).status,
    ).toBe(200);
    const end = await api(stack, 'POST', `/api/desk/orders/${order.orderId}/end`, {
      token: expert,
      body: { reason: 'completed' },
    });
    expect(end.body.order.status).toBe('completed');

    const partial = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { amount: 1000, reason: 'geste commercial' },
    });
    expect(partial.status).toBe(201);
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'partially_refunded');

    const tooMuch = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { amount: 7000, reason: 'trop' },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.code).toBe('REFUND_AMOUNT_EXCEEDS_CAP');

    await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { amount: 6900, reason: 'solde' },
    });
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.refundedAmount).toBe(7900);
    const detail = await api(stack, 'GET', `/api/admin/orders/${order.orderId}`, { token: admin });
    expect(detail.body.paymentIntentId).toBe(order.paymentIntentId);
    expect(detail.body.refunds.map((r: { amount: number }) => r.amount)).toEqual([1000, 6900]);
  });

  it('a refund that stays pending at first makes the order refunded only once it succeeds', async () => {
    const order = await paidOrder(stack, 'pm_card_pendingRefund');
    const res = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { reason: 'annulation admin' },
    });
    expect(res.status).toBe(201);
    expect(res.body.refund.status).toBe('pending');
    expect(res.body.order.status).toBe('paid');
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.refunds).toMatchObject([{ amount: 7900, status: 'succeeded' }]);
  });

  it('a failed refund stays visible, leaves the order paid and can be retried once', async () => {
    const order = await paidOrder(stack, 'pm_card_refundFail');
    const res = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { reason: 'essai' },
    });
    expect(res.status).toBe(201);
    const failed = await eventually(
      () => api(stack, 'GET', `/api/admin/orders/${order.orderId}`, { token: admin }),
      (r) => r.body.refunds?.[0]?.status === 'failed',
    );
    expect(failed.body.status).toBe('paid');
    expect(failed.body.refundedAmount).toBe(0);
    expect(failed.body.refunds[0]).toMatchObject({ status: 'failed', retryable: true });

    const refundId = failed.body.refunds[0].id;
    const retry = await api(stack, 'POST', `/api/admin/refunds/${refundId}/retry`, { token: admin });
    expect(retry.status).toBe(201);
    expect(retry.body.refund.id).not.toBe(refundId);
    const again = await api(stack, 'POST', `/api/admin/refunds/${refundId}/retry`, { token: admin });
    expect(again.status).toBe(409);
  });

  it('a partial refund of a paid order whose session has not happened is refused (cancel it instead)', async () => {
    const order = await paidOrder(stack);
    const res = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { amount: 100, reason: 'partiel' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REFUND_NOT_ALLOWED');
  });

  it('refunding an unpaid order is refused', async () => {
    const order = await createOrder(stack);
    const res = await api(stack, 'POST', `/api/admin/orders/${order.orderId}/refund`, {
      token: admin,
      body: { reason: 'rien' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REFUND_NOT_ALLOWED');
  });

  it('admin lists filter by status and search by email, and the overview counts payments and refunds', async () => {
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      customerEmail: 'zed.search@example.com',
    });
    const list = await api(stack, 'GET', '/api/admin/orders?q=zed.search&status=paid', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.orders.map((o: { id: string }) => o.id)).toEqual([order.orderId]);
    expect(list.body.nextCursor).toBeNull();
    const byId = await api(stack, 'GET', `/api/admin/orders?q=${order.orderId}`, { token: admin });
    expect(byId.body.orders.map((o: { id: string }) => o.id)).toEqual([order.orderId]);

    const overview = await api(stack, 'GET', '/api/admin/payments/overview', { token: admin });
    expect(overview.status).toBe(200);
    expect(overview.body.totals.succeededCount).toBeGreaterThan(0);
    expect(overview.body.totals.refundCount).toBeGreaterThan(0);

    const customer = await stack.login(stack.demo.customerEmail, stack.demo.customerPassword);
    const forbidden = await api(stack, 'GET', '/api/admin/orders', { token: customer });
    expect(forbidden.status).toBe(403);
  });
});
