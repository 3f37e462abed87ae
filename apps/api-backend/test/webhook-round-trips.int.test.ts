/**
 * What a signed `payment_intent.succeeded` costs the database (decision 0086), counted on every pg
 * query of this process (the API runs in-process, background jobs off, the sandbox's own webhooks
 * dropped while counting):
 * - a first delivery: at most WEBHOOK_STATEMENTS statements, one provider re-read;
 * - a redelivery: one statement (the inbox pre-check) and no provider call;
 * and the one-statement writes it relies on, on their own: `lockOrderRecordingEvent` and
 * `updateOrderWithHistory` write nothing for an order that does not exist.
 */
import { signatureHeader } from '@lumira/stripe-sandbox';
import { sql } from 'kysely';
import pg from 'pg';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/data/ids';
import { updateOrderWithHistory } from '../src/data/order-events-repository';
import { orderChangeNotice } from '../src/data/order-notifier';
import { lockOrderRecordingEvent } from '../src/data/payment-events-repository';
import type { PaymentGateway } from '../src/providers/payment-gateway';
import { startTestStack, type TestStack } from './harness';
import { confirmCard, createOrder, listenToOrderChanges, paymentIntentIdOf } from './payments-helpers';

/** Pre-check, BEGIN, lock + inbox, order + history + notify, facture (4), e-mails, COMMIT. */
const WEBHOOK_STATEMENTS = 10;

let stack: TestStack;
const retrievals: string[] = [];
let counting: string[] | null = null;
const originalQuery = pg.Client.prototype.query;

function countingGateway(inner: PaymentGateway): PaymentGateway {
  return {
    createPaymentIntent: (o) => inner.createPaymentIntent(o),
    retrievePaymentIntent: (id) => {
      retrievals.push(id);
      return inner.retrievePaymentIntent(id);
    },
    cancelPaymentIntent: (o) => inner.cancelPaymentIntent(o),
    createRefund: (o) => inner.createRefund(o),
    retrieveRefund: (id) => inner.retrieveRefund(id),
    verifyWebhook: (body, header) => inner.verifyWebhook(body, header),
    ping: () => inner.ping(),
  };
}

beforeAll(async () => {
  stack = await startTestStack({ wrapGateway: countingGateway });
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    if (counting && !/^\s*(UN)?LISTEN/i.test(text)) counting.push(text.replace(/\s+/g, ' ').trim());
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await stack?.stop();
});

/** The statements and provider re-reads one delivery of `event` costs, and its answer. */
async function deliverCounting(event: Stripe.Event) {
  const payload = JSON.stringify(event);
  const statements: string[] = [];
  const readsBefore = retrievals.length;
  counting = statements;
  try {
    const res = await fetch(`${stack.apiUrl}/api/payments/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Stripe-Signature': signatureHeader(payload, stack.config.stripe.webhookSecret),
      },
      body: payload,
    });
    return {
      status: res.status,
      body: (await res.json()) as { outcome: string },
      statements,
      providerReads: retrievals.length - readsBefore,
    };
  } finally {
    counting = null;
  }
}

describe('webhook round trips', () => {
  it('payment_intent.succeeded pays the order in at most 10 statements; its redelivery costs one', async () => {
    stack.sandbox.setFaults({ dropAll: true });
    const order = await createOrder(stack);
    const { orderId } = order;
    let succeeded: Stripe.Event | undefined;
    try {
      await confirmCard(stack, order.clientSecret, 'pm_card_visa');
      const piId = paymentIntentIdOf(order.clientSecret);
      const events = await stack.stripe.events.list({ type: 'payment_intent.succeeded', limit: 100 });
      succeeded = events.data.find((e) => (e.data.object as { id: string }).id === piId);
      expect(succeeded).toBeDefined();

      const first = await deliverCounting(succeeded!);
      expect(first.status).toBe(200);
      expect(first.body.outcome).toBe('processed');
      expect(first.providerReads).toBe(1);
      expect(first.statements.length, first.statements.join('\n')).toBeLessThanOrEqual(WEBHOOK_STATEMENTS);
      // Exactly one inbox pre-check, before the provider call.
      expect(first.statements.filter((s) => /^select "id" from "payment_events"/.test(s))).toHaveLength(1);

      const again = await deliverCounting(succeeded!);
      expect(again.body.outcome).toBe('duplicate');
      expect(again.providerReads).toBe(0);
      expect(again.statements, again.statements.join('\n')).toHaveLength(1);
    } finally {
      stack.sandbox.setFaults({});
    }

    // What the first delivery wrote, once.
    const history = await stack.db
      .selectFrom('order_events')
      .select('to_status')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.to_status)).toEqual(['pending_payment', 'paid']);
    const mails = await stack.db
      .selectFrom('mail_outbox')
      .select('kind')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
    expect(mails.map((m) => m.kind)).toEqual(['order_confirmation', 'order_receipt']);
  });

  it('lockOrderRecordingEvent: no order, nothing locked or recorded; then new once, a duplicate after', async () => {
    const missing = newId();
    const eventId = `evt_round_trips_${missing}`;
    const record = { id: eventId, type: 'payment_intent.succeeded', objectId: null, orderId: missing };
    const none = await stack.db.transaction().execute((trx) => lockOrderRecordingEvent(trx, missing, record));
    expect(none).toEqual({ order: null, isNewEvent: false });
    const recorded = () =>
      stack.db.selectFrom('payment_events').select('id').where('id', '=', eventId).execute();
    expect(await recorded()).toEqual([]);

    const { orderId } = await createOrder(stack);
    const first = await stack.db
      .transaction()
      .execute((trx) => lockOrderRecordingEvent(trx, orderId, { ...record, orderId }));
    expect(first).toMatchObject({ order: { id: orderId }, isNewEvent: true });
    const second = await stack.db
      .transaction()
      .execute((trx) => lockOrderRecordingEvent(trx, orderId, { ...record, orderId }));
    expect(second).toMatchObject({ order: { id: orderId }, isNewEvent: false });
    expect(await recorded()).toHaveLength(1);
  });

  it('updateOrderWithHistory: no order, no history entry and no notice; a rollback takes all three back', async () => {
    const missing = newId();
    const change = (orderId: string) => ({
      patch: { status: 'cancelled' as const },
      event: { from: 'pending_payment' as const, to: 'cancelled' as const, cause: 'customer' as const },
      notice: orderChangeNotice({ orderId, status: 'cancelled', expertId: null, customerUserId: null }),
    });
    const missingNotices = await listenToOrderChanges(stack, missing);
    await expect(updateOrderWithHistory(stack.db, missing, change(missing))).rejects.toThrow(missing);
    const historyOf = (id: string) =>
      stack.db.selectFrom('order_events').select('to_status').where('order_id', '=', id).execute();
    expect(await historyOf(missing)).toEqual([]);
    expect(await missingNotices.collect()).toEqual([]);

    const { orderId } = await createOrder(stack);
    const notices = await listenToOrderChanges(stack, orderId);
    const rolledBack = new Error('rolled back');
    await expect(
      stack.db.transaction().execute(async (trx) => {
        const updated = await updateOrderWithHistory(trx, orderId, change(orderId));
        expect(updated.status).toBe('cancelled');
        expect((await historyOf(orderId)).length).toBe(1); // another connection: not visible yet
        const inside = await sql<{ n: number }>`
          select count(*)::int as n from order_events where order_id = ${orderId}`.execute(trx);
        expect(inside.rows[0]?.n).toBe(2);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect((await historyOf(orderId)).map((h) => h.to_status)).toEqual(['pending_payment']);
    expect(await notices.collect()).toEqual([]);
    const status = () =>
      stack.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow();
    expect(await status()).toEqual({ status: 'pending_payment' });

    // Committed: the row, its history entry and exactly one notice.
    const committed = await listenToOrderChanges(stack, orderId);
    await stack.db.transaction().execute((trx) => updateOrderWithHistory(trx, orderId, change(orderId)));
    expect((await historyOf(orderId)).map((h) => h.to_status)).toEqual(['pending_payment', 'cancelled']);
    expect(await committed.collect()).toEqual([
      { kind: 'order', orderId, status: 'cancelled', expertId: null, customerUserId: null },
    ]);
    expect(await status()).toEqual({ status: 'cancelled' });
  });
});
