import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signatureHeader } from './signature';

const stripe = new Stripe('sk_test_unit');

describe('webhook signatures', () => {
  it('produces headers the official SDK verifies', () => {
    const secret = newWebhookSecret();
    const payload = JSON.stringify(
      { id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' },
      null,
      2,
    );
    const event = stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret), secret);
    expect(event.id).toBe('evt_1');
  });

  it('is rejected with another secret, another payload or an old timestamp', () => {
    const secret = newWebhookSecret();
    const payload = '{"id":"evt_1"}';
    expect(() =>
      stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret), newWebhookSecret()),
    ).toThrow();
    expect(() =>
      stripe.webhooks.constructEvent('{"id":"evt_2"}', signatureHeader(payload, secret), secret),
    ).toThrow();
    const old = Math.floor(Date.now() / 1000) - 301;
    expect(() =>
      stripe.webhooks.constructEvent(payload, signatureHeader(payload, secret, old), secret),
    ).toThrow();
  });

  it('matches the SDK reference implementation byte for byte', () => {
    const secret = 'whsec_fixed';
    const t = 1_700_000_000;
    const expected = stripe.webhooks.generateTestHeaderString({ payload: 'x', secret, timestamp: t });
    expect(signatureHeader('x', secret, t)).toBe(expected);
  });

  it('generates whsec_ secrets', () => {
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
