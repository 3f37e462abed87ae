/**
 * Provider calls and money under duplicates:
 * - no payment-provider call is made while an order or refund row is locked by an open transaction
 *   (refund issued, refund events, charge.refunded, reconciliation, cancellation): every call of the
 *   gateway looks at pg_locks first and records what it saw;
 * - parallel duplicate cancellations all answer the first cancellation's outcome, with one refund and
 *   one provider refund call;
 * - a guest's Idempotency-Key is scoped to its client: the same key and body from another address
 *   creates another order and never returns the first client's order or access token;
 * - a customer holds a bounded number of unpaid orders.
 */
import pg from 'pg';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReconciliation } from '../src/domain/reconciliation/run-reconciliation';
import type { PaymentGateway } from '../src/providers/payment-gateway';
import { startTestStack, type TestStack } from './harness';
import { api, confirmCard, createOrder, eventually, paymentIntentIdOf } from './payments-helpers';

let stack: TestStack;
let probe: pg.Pool | null = null;
let probing = false;
const callsUnderLock: string[] = [];
const calls: string[] = [];

/** Row locks (FOR UPDATE / writes) on orders or refunds held by any open transaction right now. */
async function rowLocksHeld(): Promise<number> {
  if (!probe) return 0;
  const { rows } = await probe.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
      WHERE c.relname IN ('orders', 'refunds') AND l.granted
        AND l.mode IN ('RowShareLock', 'RowExclusiveLock') AND l.pid <> pg_backend_pid()`,
  );
  return Number(rows[0]!.n);
}

function watchedGateway(inner: PaymentGateway): PaymentGateway {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls.push(name);
      if (probing && (await rowLocksHeld()) > 0) callsUnderLock.push(name);
      return fn(...args);
    };
  return {
    createPaymentIntent: wrap('createPaymentIntent', (o) => inner.createPaymentIntent(o)),
    retrievePaymentIntent: wrap('retrievePaymentIntent', (id) => inner.retrievePaymentIntent(id)),
    cancelPaymentIntent: wrap('cancelPaymentIntent', (o) => inner.cancelPaymentIntent(o)),
    createRefund: wrap('createRefund', (o) => inner.createRefund(o)),
    retrieveRefund: wrap('retrieveRefund', (id) => inner.retrieveRefund(id)),
    verifyWebhook: (body, header) => inner.verifyWebhook(body, header),
    ping: () => inner.ping(),
  };
}

beforeAll(async () => {
  stack = await startTestStack({
    wrapGateway: watchedGateway,
    sandbox: { refundSettleMs: 5000 },
    env: { TRUST_PROXY: '1', PENDING_ORDERS_MAX_PER_CUSTOMER: '3' },
  });
  probe = new pg.Pool({ connectionString: stack.databaseUrl, max: 1 });
});
afterAll(async () => {
  await probe?.end();
  await stack?.stop();
});

const signer = new Stripe('sk_test_signer');

/** Delivers one of the sandbox's events to the webhook ourselves (webhooks are dropped in this test). */
async function deliver(type: string, objectId: string): Promise<number> {
  const events = await stack.stripe.events.list({ type, limit: 100 });
  const event = events.data.find((e) => {
    const object = e.data.object as { id: string; payment_intent?: string };
    return object.id === objectId || object.payment_intent === objectId;
  });
  if (!event) throw new Error(`no ${type} event for ${objectId}`);
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: stack.config.stripe.webhookSecret,
  });
  const res = await fetch(`${stack.apiUrl}/api/payments/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
  return res.status;
}

async function paidWithoutWebhooks(card: string, email: string) {
  const order = await createOrder(stack, { level: 'premium', customerEmail: email });
  await confirmCard(stack, order.clientSecret, card);
  const confirmed = await api(stack, 'POST', '/api/payments/confirm-payment', {
    body: { paymentIntentId: paymentIntentIdOf(order.clientSecret) },
  });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.status).toBe('paid');
  return { ...order, paymentIntentId: paymentIntentIdOf(order.clientSecret) };
}

describe('no provider call while a row lock is held', () => {
  it('cancellation with its refund, refund events, charge.refunded and reconciliation call the provider with no lock held', async () => {
    stack.sandbox.setFaults({ dropAll: true });
    const order = await paidWithoutWebhooks('pm_card_pendingRefund', 'locks@example.test');
    probing = true;
    callsUnderLock.length = 0;
    calls.length = 0;

    const refund = await api(
      stack,
      'POST',
      `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`,
    );
    expect(refund.status).toBe(200);
    const row = await stack.db
      .selectFrom('refunds')
      .select('stripe_refund_id')
      .where('order_id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    const providerRefundId = row.stripe_refund_id as string;
    expect(providerRefundId).toBeTruthy();
    expect(refund.body.refund.status).toBe('pending');

    expect(await deliver('refund.created', providerRefundId)).toBe(200);
    expect(await deliver('charge.refunded', order.paymentIntentId)).toBe(200);
    // The sandbox settles the pending refund a moment later; its webhooks are dropped, so
    // reconciliation finds it.
    const [stillPending] = await stack.db
      .selectFrom('refunds')
      .select('status')
      .where('stripe_refund_id', '=', providerRefundId)
      .execute();
    expect(stillPending!.status).toBe('pending');
    await eventually(
      () => stack.stripe.refunds.retrieve(providerRefundId),
      (r) => r.status === 'succeeded',
      30_000,
    );
    const findings = await runReconciliation(stack.ctx, { minAgeSeconds: 0 });
    expect(findings.errors).toBe(0);
    expect(findings.refundsSettled).toBe(1);
    expect(await deliver('refund.updated', providerRefundId)).toBe(200);
    probing = false;

    expect(calls).toEqual(expect.arrayContaining(['createRefund', 'retrieveRefund']));
    expect(calls.filter((c) => c === 'retrieveRefund').length).toBeGreaterThanOrEqual(2);
    expect(callsUnderLock).toEqual([]);
    const stored = await stack.db
      .selectFrom('orders')
      .select(['status', 'refunded_amount'])
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'refunded', refunded_amount: 7900 });
    stack.sandbox.setFaults({});
  });
});

describe('parallel duplicate cancellations', () => {
  it('ten parallel cancels of a paid order all answer the first cancellation: one refund, one provider call', async () => {
    stack.sandbox.setFaults({ dropAll: true });
    const order = await paidWithoutWebhooks('pm_card_visa', 'cancel-race@example.test');
    calls.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`),
      ),
    );
    stack.sandbox.setFaults({});
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const refundIds = new Set(answers.map((a) => a.body.refund?.id));
    expect(refundIds.size).toBe(1);
    expect([...refundIds][0]).toBeTruthy();
    for (const a of answers) expect(['cancelled', 'refunded']).toContain(a.body.order.status);
    expect(calls.filter((c) => c === 'createRefund')).toHaveLength(1);
    const refunds = await stack.db
      .selectFrom('refunds')
      .selectAll()
      .where('order_id', '=', order.orderId)
      .execute();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.amount).toBe(7900);
  });

  it('parallel cancels of an unpaid order all answer the cancelled order', async () => {
    const order = await createOrder(stack, { level: 'premium', customerEmail: 'cancel-unpaid@example.test' });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel?token=${order.orderAccessToken}`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    for (const a of answers) expect(a.body.order.status).toBe('cancelled');
  });
});

describe('client-scoped idempotency and unpaid-order caps', () => {
  it("a guest Idempotency-Key replayed from another address never answers the first client's order", async () => {
    const body = { level: 'premium', customerEmail: 'idem-scope@example.test' };
    const key = 'shared-guest-key-0001';
    const first = await createOrder(stack, body, {
      headers: { 'Idempotency-Key': key, 'X-Forwarded-For': '203.0.113.10' },
    });
    const sameClient = await createOrder(stack, body, {
      headers: { 'Idempotency-Key': key, 'X-Forwarded-For': '203.0.113.10' },
    });
    expect(sameClient.orderId).toBe(first.orderId);
    const otherClient = await createOrder(stack, body, {
      headers: { 'Idempotency-Key': key, 'X-Forwarded-For': '198.51.100.20' },
    });
    expect(otherClient.orderId).not.toBe(first.orderId);
    expect(otherClient.orderAccessToken).not.toBe(first.orderAccessToken);
  });

  it('a customer holds at most PENDING_ORDERS_MAX_PER_CUSTOMER unpaid orders; paying or cancelling frees a slot', async () => {
    const body = { level: 'premium', customerEmail: 'hoarder@example.test' };
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await createOrder(stack, body));
    const refused = await api(stack, 'POST', '/api/payments/create-payment-intent', { body });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'pending_orders' } });
    const other = await api(stack, 'POST', '/api/payments/create-payment-intent', {
      body: { ...body, customerEmail: 'someone-else@example.test' },
    });
    expect(other.status).toBe(201);
    const cancel = await api(
      stack,
      'POST',
      `/api/payments/order/${held[0]!.orderId}/cancel?token=${held[0]!.orderAccessToken}`,
    );
    expect(cancel.status).toBe(200);
    const again = await api(stack, 'POST', '/api/payments/create-payment-intent', { body });
    expect(again.status).toBe(201);
  });

  it('twelve parallel checkouts of one customer write exactly the cap of unpaid orders, each with its history', async () => {
    const email = 'parallel-hoarder@example.test';
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api(stack, 'POST', '/api/payments/create-payment-intent', {
          body: { level: (['basic', 'premium', 'vip'] as const)[i % 3], customerEmail: email },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(3).fill(201), ...Array(9).fill(429)]);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.body.error).toMatchObject({
        code: 'RATE_LIMITED',
        details: { reason: 'pending_orders' },
      });
    }
    const orders = await stack.db
      .selectFrom('orders')
      .select('id')
      .where('customer_email', '=', email)
      .execute();
    expect(orders).toHaveLength(3);
    const history = await stack.db
      .selectFrom('order_events')
      .select(['order_id', 'from_status', 'to_status', 'cause'])
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .execute();
    expect(history).toHaveLength(3);
    expect(history.every((h) => h.from_status === null && h.to_status === 'pending_payment')).toBe(true);
  });
});
