/**
 * Webhooks and convergence: signature checks, exactly-once processing (concurrent duplicates, any order,
 * confirm-payment racing the webhook, two API instances), crash safety (a fault half-way leaves nothing
 * and redelivery succeeds), reconciliation healing orders whose webhooks were all dropped.
 */
import { signatureHeader } from '@lumira/stripe-sandbox';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/data/ids';
import { injectFault } from '../src/domain/payments/fault-hooks';
import { runReconciliation } from '../src/domain/reconciliation/run-reconciliation';
import { startTestStack, type TestStack } from './harness';
import {
  api,
  confirmCard,
  createOrder,
  eventually,
  listenToOrderChanges,
  paymentIntentIdOf,
  readOrder,
  waitForStatus,
} from './payments-helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ sandbox: { refundSettleMs: 200 } });
});
afterAll(async () => {
  await stack?.stop();
});

/** Webhooks off: the test delivers events itself. */
async function withWebhooksDropped<T>(run: () => Promise<T>): Promise<T> {
  stack.sandbox.setFaults({ dropAll: true });
  try {
    return await run();
  } finally {
    stack.sandbox.setFaults({});
  }
}

async function eventsOf(paymentIntentId: string, types: string[]): Promise<Stripe.Event[]> {
  const list = await stack.stripe.events.list({ types, limit: 100 });
  return list.data
    .filter((e) => (e.data.object as { id?: string }).id === paymentIntentId)
    .sort((a, b) => a.created - b.created);
}

function deliver(
  apiUrl: string,
  event: unknown,
  options: { secret?: string; timestamp?: number; body?: string } = {},
) {
  const payload = options.body ?? JSON.stringify(event);
  return fetch(`${apiUrl}/api/payments/webhook`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Stripe-Signature': signatureHeader(
        payload,
        options.secret ?? stack.config.stripe.webhookSecret,
        options.timestamp,
      ),
    },
    body: payload,
  });
}

async function historyOf(orderId: string) {
  const rows = await stack.db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.to_status);
}

async function paidSilently() {
  return withWebhooksDropped(async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_visa');
    const piId = paymentIntentIdOf(order.clientSecret);
    const [succeeded] = await eventsOf(piId, ['payment_intent.succeeded']);
    expect(succeeded).toBeDefined();
    return { order, piId, succeeded: succeeded! };
  });
}

describe('webhook signatures', () => {
  it('forged, stale, missing and tampered signatures get 400 and change nothing', async () => {
    const { order, succeeded } = await paidSilently();
    const forged = await deliver(stack.apiUrl, succeeded, { secret: 'whsec_not_the_right_secret' });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe(
      'WEBHOOK_SIGNATURE_INVALID',
    );
    const stale = await deliver(stack.apiUrl, succeeded, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(400);
    const missing = await fetch(`${stack.apiUrl}/api/payments/webhook`, {
      method: 'POST',
      body: JSON.stringify(succeeded),
    });
    expect(missing.status).toBe(400);
    const header = signatureHeader(JSON.stringify(succeeded), stack.config.stripe.webhookSecret);
    const tampered = await fetch(`${stack.apiUrl}/api/payments/webhook`, {
      method: 'POST',
      headers: { 'Stripe-Signature': header, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...succeeded, id: 'evt_tampered' }),
    });
    expect(tampered.status).toBe(400);

    const rows = await stack.db
      .selectFrom('payment_events')
      .select('id')
      .where('id', '=', succeeded.id)
      .execute();
    expect(rows).toHaveLength(0);
    expect((await readOrder(stack, order.orderId, { token: order.orderAccessToken })).body.status).toBe(
      'pending_payment',
    );
  });

  it('unknown event types answer 200 with no effect', async () => {
    const res = await deliver(stack.apiUrl, {
      id: `evt_${newId()}`,
      object: 'event',
      type: 'customer.created',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: 'cus_123', object: 'customer' } },
    });
    expect(res.status).toBe(200);
  });

  it('an event for an order that is not visible answers 503 so that the provider retries', async () => {
    const pi = await stack.stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      metadata: { orderId: newId() },
    });
    const event = {
      id: `evt_${newId()}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: pi },
    };
    const res = await deliver(stack.apiUrl, event);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('WEBHOOK_ORDER_NOT_VISIBLE');
    expect(
      await stack.db.selectFrom('payment_events').select('id').where('id', '=', event.id).execute(),
    ).toHaveLength(0);
  });
});

describe('exactly once', () => {
  it('the same event delivered 5 times concurrently makes one transition, one history entry, one notice, one facture and its two e-mails', async () => {
    const { order, succeeded } = await paidSilently();
    const notices = await listenToOrderChanges(stack, order.orderId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(stack.apiUrl, succeeded)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const outcomes = (await Promise.all(answers.map((a) => a.json())))
      .map((b) => (b as { outcome: string }).outcome)
      .sort();
    expect(outcomes).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'processed']);
    expect(await historyOf(order.orderId)).toEqual(['pending_payment', 'paid']);
    expect(
      await stack.db.selectFrom('payment_events').select('id').where('id', '=', succeeded.id).execute(),
    ).toHaveLength(1);
    expect((await notices.collect()).map((n) => n.status)).toEqual(['paid']);
    const invoices = await stack.db
      .selectFrom('invoices')
      .select('kind')
      .where('order_id', '=', order.orderId)
      .execute();
    expect(invoices.map((i) => i.kind)).toEqual(['invoice']);
    const mails = await stack.db
      .selectFrom('mail_outbox')
      .select('kind')
      .where('order_id', '=', order.orderId)
      .orderBy('id')
      .execute();
    expect(mails.map((m) => m.kind)).toEqual(['order_confirmation', 'order_receipt']);
  });

  it('events applied in every order converge on the provider truth, moving forward only', async () => {
    const { order, piId } = await withWebhooksDropped(async () => {
      const created = await createOrder(stack);
      await confirmCard(stack, created.clientSecret, 'pm_card_chargeDeclined');
      await confirmCard(stack, created.clientSecret, 'pm_card_threeDSecure2Required');
      stack.sandbox.completeThreeDS(paymentIntentIdOf(created.clientSecret), 'completed');
      return { order: created, piId: paymentIntentIdOf(created.clientSecret) };
    });
    const events = await eventsOf(piId, [
      'payment_intent.payment_failed',
      'payment_intent.requires_action',
      'payment_intent.succeeded',
    ]);
    expect(events.map((e) => e.type).sort()).toEqual([
      'payment_intent.payment_failed',
      'payment_intent.requires_action',
      'payment_intent.succeeded',
    ]);
    // Reverse order, then everything again shuffled: the order ends paid, history never goes back.
    for (const e of [...events].reverse()) expect((await deliver(stack.apiUrl, e)).status).toBe(200);
    for (const e of [events[1], events[0], events[2]])
      expect((await deliver(stack.apiUrl, e)).status).toBe(200);
    expect(await historyOf(order.orderId)).toEqual(['pending_payment', 'paid']);
  });

  it('confirm-payment racing the webhook settles once', async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_visa');
    const piId = paymentIntentIdOf(order.clientSecret);
    const confirms = await Promise.all(
      Array.from({ length: 5 }, () =>
        api(stack, 'POST', '/api/payments/confirm-payment', { body: { paymentIntentId: piId } }),
      ),
    );
    for (const c of confirms) expect(c.body).toEqual({ orderId: order.orderId, status: 'paid' });
    await stack.sandbox.webhooksIdle();
    expect(await historyOf(order.orderId)).toEqual(['pending_payment', 'paid']);
  });

  it('two API instances on one database receiving the same events: one transition, one history entry', async () => {
    const second = await stack.startApiInstance();
    try {
      const { order, succeeded } = await paidSilently();
      const answers = await Promise.all([
        deliver(stack.apiUrl, succeeded),
        deliver(second.url, succeeded),
        deliver(stack.apiUrl, succeeded),
        deliver(second.url, succeeded),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(await historyOf(order.orderId)).toEqual(['pending_payment', 'paid']);
      // Either instance serves the same truth.
      const viaSecond = await readOrder({ ...stack, apiUrl: second.url }, order.orderId, {
        token: order.orderAccessToken,
      });
      expect(viaSecond.body.status).toBe('paid');
    } finally {
      await second.close();
    }
  });
});

describe('late payment on a closed order', () => {
  it('a payment that lands on an expired order is recorded and refunded in full automatically', async () => {
    const order = await createOrder(stack);
    // The order was expired locally while the customer was still paying (e.g. a slow 3-D Secure).
    await stack.db.updateTable('orders').set({ status: 'expired' }).where('id', '=', order.orderId).execute();
    await confirmCard(stack, order.clientSecret, 'pm_card_visa');
    const refunded = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(refunded.history.slice(-2).map((h) => h.to)).toEqual(['paid', 'refunded']);
    expect(refunded.refunds).toMatchObject([
      { amount: 7900, status: 'succeeded', reason: 'payment_after_order_closed' },
    ]);
  });
});

describe('crash safety and reconciliation', () => {
  it('an event whose processing throws half-way leaves no partial state and succeeds on redelivery', async () => {
    const { order, succeeded } = await paidSilently();
    injectFault(stack.ctx, 'settle-payment.before-commit', () => {
      throw new Error('injected crash after the transition, before commit');
    });
    try {
      const crashed = await deliver(stack.apiUrl, succeeded);
      expect(crashed.status).toBe(500);
      const body = await crashed.json();
      expect(JSON.stringify(body)).not.toContain('injected');
    } finally {
      injectFault(stack.ctx, 'settle-payment.before-commit', null);
    }
    expect(await historyOf(order.orderId)).toEqual(['pending_payment']);
    expect((await readOrder(stack, order.orderId, { token: order.orderAccessToken })).body.status).toBe(
      'pending_payment',
    );
    expect(
      await stack.db.selectFrom('payment_events').select('id').where('id', '=', succeeded.id).execute(),
    ).toHaveLength(0);

    const redelivered = await deliver(stack.apiUrl, succeeded);
    expect(redelivered.status).toBe(200);
    expect(await historyOf(order.orderId)).toEqual(['pending_payment', 'paid']);
  });

  it("a refund event whose processing crashes is rolled back, and the provider's retry applies it", async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_pendingRefund');
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'paid');
    let crashes = 0;
    injectFault(stack.ctx, 'settle-refund.before-commit', () => {
      crashes += 1;
      throw new Error('injected crash in refund settlement');
    });
    try {
      const res = await api(
        stack,
        'POST',
        `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
      );
      expect(res.body.refund.status).toBe('pending');
      // Wait until the refund's success event has been delivered and crashed at least once.
      await eventually(
        async () => stack.sandbox.deliveries(),
        (ds) =>
          ds.some((d) => d.eventType === 'refund.updated' && d.outcome === 'failed' && d.httpStatus === 500),
      );
      expect(crashes).toBeGreaterThan(0);
      const during = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
      expect(during.body.status).toBe('cancelled');
      expect(during.body.refunds).toMatchObject([{ status: 'pending' }]);
    } finally {
      injectFault(stack.ctx, 'settle-refund.before-commit', null);
    }
    // The sandbox retries failed deliveries (1 s, 2 s, ...): the next attempt succeeds.
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.refunds).toMatchObject([{ status: 'succeeded', amount: 7900 }]);
    expect(done.history.filter((h) => h.to === 'refunded')).toHaveLength(1);
  });

  it('reconciliation heals an order whose webhooks were all dropped, and expires abandoned orders', async () => {
    const { order } = await paidSilently();
    const abandoned = await withWebhooksDropped(() => createOrder(stack));
    await stack.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', abandoned.orderId)
      .execute();
    expect((await readOrder(stack, order.orderId, { token: order.orderAccessToken })).body.status).toBe(
      'pending_payment',
    );

    const findings = await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
    expect(findings.settled).toBeGreaterThanOrEqual(1);
    expect(findings.expired).toBeGreaterThanOrEqual(1);
    const healed = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(healed.body.status).toBe('paid');
    expect(healed.body.history.at(-1)).toMatchObject({ to: 'paid', cause: 'reconciliation' });
    const expired = await readOrder(stack, abandoned.orderId, { token: abandoned.orderAccessToken });
    expect(expired.body.status).toBe('expired');
    const pi = await stack.stripe.paymentIntents.retrieve(paymentIntentIdOf(abandoned.clientSecret));
    expect(pi.status).toBe('canceled');

    const metrics = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    expect(metrics).toMatch(/lumira_reconciliation_fixes_total\{[^}]*kind="settled"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/lumira_reconciliation_fixes_total\{[^}]*kind="expired"[^}]*\} [1-9]/);
  });

  it('a pending refund whose webhooks were all dropped is settled by reconciliation', async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_pendingRefund');
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'paid');
    const res = await withWebhooksDropped(async () => {
      const cancelled = await api(
        stack,
        'POST',
        `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
      );
      // The provider settles the refund a moment later; its events never arrive.
      const providerRefundId = (
        await stack.stripe.refunds.list({ payment_intent: paymentIntentIdOf(order.clientSecret) })
      ).data[0]!.id;
      await eventually(
        () => stack.stripe.refunds.retrieve(providerRefundId),
        (r) => r.status === 'succeeded',
      );
      return cancelled;
    });
    expect(res.body.refund.status).toBe('pending');
    expect((await readOrder(stack, order.orderId, { token: order.orderAccessToken })).body.status).toBe(
      'cancelled',
    );

    const findings = await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
    expect(findings.refundsSettled).toBe(1);
    const done = await readOrder(stack, order.orderId, { token: order.orderAccessToken });
    expect(done.body.status).toBe('refunded');
    expect(done.body.history.at(-1)).toMatchObject({ to: 'refunded', cause: 'reconciliation' });
  });

  it('a lost refund answer is replayed by the provider for the same idempotency key: one refund', async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_visa');
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'paid');
    // The provider executes the refund but the answer is lost; the SDK retries with OUR key.
    stack.sandbox.setFaults({
      failNext: { method: 'POST', path: '/v1/refunds', status: 500, phase: 'after', count: 1 },
    });
    try {
      const res = await api(
        stack,
        'POST',
        `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
      );
      expect(res.status).toBe(200);
    } finally {
      stack.sandbox.setFaults({});
    }
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.refunds).toHaveLength(1);
    const atProvider = await stack.stripe.refunds.list({
      payment_intent: paymentIntentIdOf(order.clientSecret),
    });
    expect(atProvider.data).toHaveLength(1);
  });

  it('a refund the provider never answered stays pending, and reconciliation sends it exactly once', async () => {
    const order = await createOrder(stack);
    await confirmCard(stack, order.clientSecret, 'pm_card_visa');
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'paid');
    stack.sandbox.setFaults({
      failNext: { method: 'POST', path: '/v1/refunds', status: 503, phase: 'before', count: 3 },
    });
    let res: Awaited<ReturnType<typeof api<{ refund: { status: string }; order: { status: string } }>>>;
    try {
      res = await api(
        stack,
        'POST',
        `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
      );
    } finally {
      stack.sandbox.setFaults({});
    }
    expect(res.status).toBe(200);
    expect(res.body.refund.status).toBe('pending');
    expect(res.body.order.status).toBe('cancelled');

    const findings = await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
    expect(findings.refundsResent).toBe(1);
    await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
    const done = await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    expect(done.refundedAmount).toBe(7900);
    const atProvider = await stack.stripe.refunds.list({
      payment_intent: paymentIntentIdOf(order.clientSecret),
    });
    expect(atProvider.data).toHaveLength(1);
  });
});
