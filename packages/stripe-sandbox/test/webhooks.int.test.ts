import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { sdkFor, startWebhookReceiver, type WebhookReceiver, waitFor } from './support/webhook-receiver';

/** Webhook delivery observed by real local receivers that verify each request with constructEvent. */
const SECRET = 'whsec_webhook_suite';
let sandbox: SandboxHandle;
let receiver: WebhookReceiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  sandbox = await startSandbox({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    retrySchedule: [0.05, 0.1, 0.2],
  });
  stripe = sdkFor(sandbox.port);
});

afterEach(async () => {
  sandbox.setFaults({});
  receiver.setResponder(() => 200);
  await sandbox.webhooksIdle();
  receiver.clear();
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

async function pay(alias = 'pm_card_visa') {
  return stripe.paymentIntents.create({
    amount: 2900,
    currency: 'eur',
    payment_method: alias,
    confirm: true,
  });
}

function typesFor(piId: string): string[] {
  return receiver.received
    .filter((r) => {
      const o = r.event.data.object as { id?: string; payment_intent?: string };
      return o.id === piId || o.payment_intent === piId;
    })
    .map((r) => r.event.type);
}

describe('webhook delivery', () => {
  it('delivers signed events in order with the request that caused them', async () => {
    const pi = await pay();
    await waitFor(() => typesFor(pi.id).length === 3, 'three events');
    expect(typesFor(pi.id)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    const created = receiver.received.find((r) => r.event.type === 'payment_intent.created')!;
    expect(created.event.request?.id).toBe(pi.lastResponse.requestId);
    expect(created.event.request?.idempotency_key).toMatch(/^stripe-node-retry-/);
    expect(created.event.pending_webhooks).toBe(1);
    expect(created.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(receiver.rejected).toEqual([]);
    // A receiver using another secret rejects the same payload.
    expect(() =>
      new Stripe('sk_test_x').webhooks.constructEvent(created.rawBody, created.signature, 'whsec_other'),
    ).toThrow();
    // Once delivered, the event no longer counts as pending.
    await sandbox.webhooksIdle();
    const event = await stripe.events.retrieve(created.event.id);
    expect(event.pending_webhooks).toBe(0);
  });

  it('retries non-2xx answers following the schedule, signing each attempt', async () => {
    receiver.setResponder((_event, attempt) => (attempt < 3 ? 500 : 200));
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const got = await waitFor(
      () => receiver.received.find((r) => (r.event.data.object as { id: string }).id === pi.id),
      'delivery after retries',
    );
    expect(receiver.attempts.get(got.event.id)).toBe(3);
    await sandbox.webhooksIdle(); // the log entry is written once the receiver's answer is read
    const log = sandbox.deliveries().filter((d) => d.eventId === got.event.id);
    expect(log.map((d) => [d.attempt, d.outcome, d.httpStatus])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'succeeded', 200],
    ]);
    expect(log[0]!.nextAttemptAt).not.toBeNull();
  });

  it('gives up after the last retry and records it', async () => {
    receiver.setResponder(() => 503);
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const event = (await stripe.events.list({ type: 'payment_intent.created', limit: 1 })).data[0]!;
    expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    await waitFor(
      () => sandbox.deliveries().filter((d) => d.eventId === event.id).length === 4,
      'four attempts',
    );
    const log = sandbox.deliveries().filter((d) => d.eventId === event.id);
    expect(log.every((d) => d.outcome === 'failed')).toBe(true);
    expect(log.at(-1)!.nextAttemptAt).toBeNull();
    expect((await stripe.events.retrieve(event.id)).pending_webhooks).toBe(1);
  });

  it('delivers duplicates with the duplicate fault', async () => {
    sandbox.setFaults({ duplicate: 2 });
    const pi = await pay();
    await waitFor(() => typesFor(pi.id).length === 6, 'six deliveries');
    await sandbox.webhooksIdle();
    const ids = receiver.received.map((r) => r.event.id);
    expect(new Set(ids).size).toBe(3);
    expect(sandbox.deliveries().filter((d) => d.copy === 2)).toHaveLength(3);
  });

  it('shuffles the order with the shuffle fault', async () => {
    sandbox.setFaults({ shuffle: true, shuffleWindowMs: 200 });
    const pi = await pay();
    await waitFor(() => typesFor(pi.id).length === 3, 'three events');
    expect(typesFor(pi.id)).not.toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
    expect([...typesFor(pi.id)].sort()).toEqual([
      'charge.succeeded',
      'payment_intent.created',
      'payment_intent.succeeded',
    ]);
  });

  it('drops the first attempt with dropFirst, then delivers it on retry', async () => {
    sandbox.setFaults({ dropFirst: true });
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const got = await waitFor(
      () => receiver.received.find((r) => (r.event.data.object as { id: string }).id === pi.id),
      'delivery after the dropped attempt',
    );
    await sandbox.webhooksIdle();
    const log = sandbox.deliveries().filter((d) => d.eventId === got.event.id);
    expect(log.map((d) => d.outcome)).toEqual(['dropped', 'succeeded']);
    expect(receiver.attempts.get(got.event.id)).toBe(1);
  });

  it('never delivers with dropAll, and resend delivers an event again', async () => {
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dropAll: true }),
    });
    const pi = await pay();
    await sandbox.webhooksIdle();
    expect(typesFor(pi.id)).toEqual([]);
    const log = (await fetch(`${sandbox.url}/_sandbox/deliveries`).then((r) => r.json())) as {
      deliveries: { eventType: string; outcome: string }[];
    };
    expect(log.deliveries.filter((d) => d.outcome === 'dropped').length).toBeGreaterThanOrEqual(3);
    // The reconciliation path: the events are still listed by the API.
    const events = await stripe.events.list({ type: 'payment_intent.succeeded', limit: 5 });
    const succeeded = events.data.find((e) => (e.data.object as Stripe.PaymentIntent).id === pi.id)!;
    expect(succeeded).toBeDefined();
    const resent = await fetch(`${sandbox.url}/_sandbox/events/${succeeded.id}/resend`, { method: 'POST' });
    expect(resent.status).toBe(200);
    await waitFor(() => typesFor(pi.id).includes('payment_intent.succeeded'), 'resent event');
    expect(typesFor(pi.id)).toEqual(['payment_intent.succeeded']);
  });

  it('retries a receiver that times out', async () => {
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests += 1;
      if (requests === 1) return; // never answers the first attempt
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const slow = await startSandbox({
      port: 0,
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      retrySchedule: [0.05, 0.05, 0.05],
      webhookTimeoutMs: 1000,
    });
    try {
      await sdkFor(slow.port).paymentIntents.create({ amount: 2900, currency: 'eur' });
      await waitFor(() => slow.deliveries().find((d) => d.outcome === 'succeeded'), 'the retried delivery');
      const log = slow.deliveries();
      expect(log[0]).toMatchObject({ attempt: 1, outcome: 'failed', httpStatus: null });
      expect(log[0]!.error).toMatch(/timed out/);
      expect(log.at(-1)!.attempt).toBeGreaterThan(1);
    } finally {
      await slow.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('webhook endpoints created through the API', () => {
  it('creates an endpoint with a whsec_ secret, delivers matching events signed with it, lists and deletes', async () => {
    const own = await startWebhookReceiver('unused');
    try {
      const endpoint = await stripe.webhookEndpoints.create({
        url: own.url,
        enabled_events: ['payment_intent.succeeded', 'charge.succeeded'],
      });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect(endpoint.status).toBe('enabled');
      const second = await startWebhookReceiver(endpoint.secret!);
      await stripe.webhookEndpoints.update(endpoint.id, { url: second.url });
      const pi = await pay();
      await waitFor(() => second.received.length === 2, 'two subscribed events');
      expect(second.types()).toEqual(['charge.succeeded', 'payment_intent.succeeded']);
      expect(second.rejected).toEqual([]);
      expect((second.received[1]!.event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
      const bad = await stripe.webhookEndpoints
        .create({ url: own.url, enabled_events: ['not an event' as never] })
        .catch((e: Stripe.errors.StripeError) => e);
      expect((bad as Stripe.errors.StripeError).param).toBe('enabled_events');
      const list = await stripe.webhookEndpoints.list();
      expect(list.data.map((e) => e.id)).toContain(endpoint.id);
      expect(list.data[0]!.secret).toBeUndefined();
      const deleted = await stripe.webhookEndpoints.del(endpoint.id);
      expect(deleted.deleted).toBe(true);
      await pay();
      await sandbox.webhooksIdle();
      expect(second.received).toHaveLength(2);
      await second.close();
    } finally {
      await own.close();
    }
  });
});
