import type Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { sdkFor } from './support/webhook-receiver';

/** Idempotency-Key semantics (stripe-behaviour.md section 5), through raw HTTP and through the SDK. */
let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port, 'sk_test_idem', { maxNetworkRetries: 2 });
});

afterEach(() => {
  sandbox.setFaults({});
});

afterAll(async () => {
  await sandbox?.close();
});

function post(path: string, body: string, key?: string) {
  const headers: Record<string, string> = {
    Authorization: 'Bearer sk_test_idem',
    'Content-Type': 'application/x-www-form-urlencoded',
  };
  if (key !== undefined) headers['Idempotency-Key'] = key;
  return fetch(`${sandbox.url}${path}`, { method: 'POST', headers, body });
}

async function countIntents(filter: (pi: Stripe.PaymentIntent) => boolean): Promise<number> {
  let n = 0;
  for await (const pi of stripe.paymentIntents.list({ limit: 100 })) if (filter(pi)) n++;
  return n;
}

async function createdEventsFor(piId: string): Promise<number> {
  const events = await stripe.events.list({ type: 'payment_intent.created', limit: 100 });
  return events.data.filter((e) => (e.data.object as Stripe.PaymentIntent).id === piId).length;
}

describe('idempotency', () => {
  it('replays the first response for the same key and parameters', async () => {
    const key = `order-1-${Date.now()}`;
    const first = await post('/v1/payment_intents', 'amount=2900&currency=eur&metadata[orderId]=o1', key);
    const second = await post('/v1/payment_intents', 'currency=eur&metadata[orderId]=o1&amount=2900', key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as Stripe.PaymentIntent;
    const b = (await second.json()) as Stripe.PaymentIntent;
    expect(b).toEqual(a);
    expect(second.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(await countIntents((pi) => pi.metadata.orderId === 'o1')).toBe(1);

    const viaSdk1 = await stripe.paymentIntents.create(
      { amount: 2900, currency: 'eur' },
      { idempotencyKey: `${key}-sdk` },
    );
    const viaSdk2 = await stripe.paymentIntents.create(
      { amount: 2900, currency: 'eur' },
      { idempotencyKey: `${key}-sdk` },
    );
    expect(viaSdk2.id).toBe(viaSdk1.id);
    expect(viaSdk2.lastResponse.headers['idempotent-replayed']).toBe('true');
  });

  it('replays errors too: a decline is not charged twice', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const key = `confirm-${pi.id}`;
    const a = await post(
      `/v1/payment_intents/${pi.id}/confirm`,
      'payment_method=pm_card_chargeDeclined',
      key,
    );
    const b = await post(
      `/v1/payment_intents/${pi.id}/confirm`,
      'payment_method=pm_card_chargeDeclined',
      key,
    );
    expect(a.status).toBe(402);
    expect(b.status).toBe(402);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const charges = await stripe.charges.list({ payment_intent: pi.id });
    expect(charges.data).toHaveLength(1);
  });

  it('rejects the same key with other parameters or on another endpoint (400 idempotency_error)', async () => {
    const key = `mismatch-${Date.now()}`;
    await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' }, { idempotencyKey: key });
    const error = await stripe.paymentIntents
      .create({ amount: 7900, currency: 'eur' }, { idempotencyKey: key })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((error as Stripe.errors.StripeError).type).toBe('StripeIdempotencyError');
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).message).toMatch(/same parameters/);
    const other = await post('/v1/customers', 'email=a@b.c', key);
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { type: string } }).error.type).toBe('idempotency_error');
  });

  it('answers 409 while the first request with the key is still running', async () => {
    // The first request stays in progress for a second (generous margin on a busy machine).
    sandbox.setFaults({ latencyMs: 1000 });
    const key = `concurrent-${Date.now()}`;
    const [a, b] = await Promise.all([
      post('/v1/payment_intents', 'amount=2900&currency=eur&metadata[c]=1', key),
      new Promise((r) => setTimeout(r, 50)).then(() =>
        post('/v1/payment_intents', 'amount=2900&currency=eur&metadata[c]=1', key),
      ),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(((await b.json()) as { error: { type: string } }).error.type).toBe('idempotency_error');
    // The SDK retries a 409 by itself (after >= 0.5 s) and then receives the replay.
    sandbox.setFaults({ latencyMs: 300 });
    const sdkKey = `${key}-sdk`;
    const [x, y] = await Promise.all([
      stripe.paymentIntents.create({ amount: 2900, currency: 'eur' }, { idempotencyKey: sdkKey }),
      stripe.paymentIntents.create({ amount: 2900, currency: 'eur' }, { idempotencyKey: sdkKey }),
    ]);
    expect(x.id).toBe(y.id);
  });

  it('creates nothing twice when the SDK retries after an injected 500 (lost response)', async () => {
    const before = await countIntents(() => true);
    sandbox.setFaults({ failNext: { method: 'POST', path: '/v1/payment_intents', phase: 'after' } });
    const pi = await stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      metadata: { retry: 'after' },
    });
    // The first answer was the injected 500 (fault consumed); the SDK's retry got the stored result.
    expect(sandbox.faults().failNext).toBeNull();
    expect(pi.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await countIntents(() => true)).toBe(before + 1);
    expect(await createdEventsFor(pi.id)).toBe(1);
  });

  it('runs the request once when the injected 500 came before execution', async () => {
    const before = await countIntents(() => true);
    sandbox.setFaults({ failNext: { path: '/v1/payment_intents', phase: 'before' } });
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    expect(pi.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(await countIntents(() => true)).toBe(before + 1);
    const noRetry = sdkFor(sandbox.port, 'sk_test_idem', { maxNetworkRetries: 0 });
    sandbox.setFaults({ failNext: { path: '/v1/payment_intents' } });
    const error = await noRetry.paymentIntents.create({ amount: 2900, currency: 'eur' }).catch((e) => e);
    expect((error as Stripe.errors.StripeError).type).toBe('StripeAPIError');
    expect((error as Stripe.errors.StripeError).statusCode).toBe(500);
  });

  it('does not store requests that fail validation', async () => {
    const key = `invalid-first-${Date.now()}`;
    const bad = await post('/v1/payment_intents', 'amount=2900&currency=eur&colour=blue', key);
    expect(bad.status).toBe(400);
    const good = await post('/v1/payment_intents', 'amount=2900&currency=eur', key);
    expect(good.status).toBe(200);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
    // Rejections that change nothing (missing amount, amount too small) are not stored either.
    const key2 = `${key}-2`;
    expect((await post('/v1/payment_intents', 'currency=eur', key2)).status).toBe(400);
    expect((await post('/v1/payment_intents', 'amount=10&currency=eur', key2)).status).toBe(400);
    const fixed = await post('/v1/payment_intents', 'amount=2900&currency=eur', key2);
    expect(fixed.status).toBe(200);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('rejects keys longer than 255 characters', async () => {
    const res = await post('/v1/payment_intents', 'amount=2900&currency=eur', 'k'.repeat(256));
    expect(res.status).toBe(400);
  });
});
