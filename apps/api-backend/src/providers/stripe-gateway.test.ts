import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { PaymentGatewayError } from './payment-gateway';
import {
  parseApiBase,
  paymentStatusOf,
  refundStatusOf,
  StripeGateway,
  translateError,
} from './stripe-gateway';

const secret = 'whsec_unit_test_secret';
const gateway = new StripeGateway({
  secretKey: 'sk_test_unit',
  webhookSecret: secret,
  apiBase: 'http://127.0.0.1:1',
});
const signer = new Stripe('sk_test_unit');

function signedEvent(event: object, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? secret,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { payload, header };
}

describe('parseApiBase', () => {
  it.each([
    ['http://127.0.0.1:12111', { host: '127.0.0.1', port: 12111, protocol: 'http' }],
    ['https://stripe.example.com', { host: 'stripe.example.com', port: 443, protocol: 'https' }],
    ['http://sandbox', { host: 'sandbox', port: 80, protocol: 'http' }],
  ])('%s', (base, expected) => {
    expect(parseApiBase(base)).toEqual(expected);
  });
});

describe("paymentStatusOf: Stripe's PaymentIntent statuses in the port's words", () => {
  const declined = {
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  };
  it.each([
    ['succeeded', null, 'succeeded'],
    ['succeeded', declined, 'succeeded'],
    ['requires_action', null, 'requires_action'],
    ['requires_payment_method', null, 'pending'],
    ['requires_payment_method', declined, 'failed'],
    ['requires_confirmation', null, 'pending'],
    ['processing', null, 'processing'],
    ['requires_capture', null, 'authorized'],
    ['canceled', null, 'canceled'],
    ['some_future_status', null, 'pending'],
  ] as const)('%s (error: %o) -> %s', (status, lastPaymentError, expected) => {
    expect(paymentStatusOf({ status: status as never, last_payment_error: lastPaymentError })).toBe(expected);
  });
});

describe("refundStatusOf: Stripe's Refund statuses in the port's words", () => {
  it.each([
    ['succeeded', null, { status: 'succeeded', failureReason: null }],
    ['pending', null, { status: 'pending', failureReason: null }],
    ['requires_action', null, { status: 'pending', failureReason: null }],
    ['failed', 'expired_or_canceled_card', { status: 'failed', failureReason: 'expired_or_canceled_card' }],
    ['failed', null, { status: 'failed', failureReason: 'failed' }],
    ['canceled', null, { status: 'failed', failureReason: 'canceled' }],
  ] as const)('%s (reason %s) -> %o', (status, reason, expected) => {
    expect(refundStatusOf({ status, failure_reason: reason as never })).toEqual(expected);
  });
});

describe('translateError: provider errors become a few typed kinds', () => {
  const card = (extra: object) =>
    new Stripe.errors.StripeCardError({ message: 'declined', type: 'card_error', ...extra } as never);
  const invalid = (extra: object) =>
    new Stripe.errors.StripeInvalidRequestError({
      message: 'invalid',
      type: 'invalid_request_error',
      ...extra,
    } as never);
  it.each([
    [card({ code: 'card_declined', decline_code: 'generic_decline', statusCode: 402 }), 'card_declined'],
    [new Stripe.errors.StripeRateLimitError({ message: 'slow down' }), 'rate_limited'],
    [new Stripe.errors.StripeConnectionError({ message: 'ECONNREFUSED' }), 'unavailable'],
    [new Stripe.errors.StripeAPIError({ message: 'boom' }), 'unavailable'],
    [new Stripe.errors.StripeAuthenticationError({ message: 'bad key' }), 'unavailable'],
    [invalid({ code: 'resource_missing', statusCode: 404 }), 'not_found'],
    [invalid({ code: 'parameter_invalid_integer', statusCode: 400 }), 'invalid_request'],
    [new Error('socket hang up'), 'unavailable'],
  ])('%s -> %s', (error, kind) => {
    const translated = translateError(error);
    expect(translated).toBeInstanceOf(PaymentGatewayError);
    expect(translated.kind).toBe(kind);
  });

  it('keeps the decline code of a card error', () => {
    const error = card({ code: 'card_declined', decline_code: 'insufficient_funds', statusCode: 402 });
    expect(translateError(error).providerCode).toBe('insufficient_funds');
  });
});

describe('verifyWebhook', () => {
  const event = {
    id: 'evt_1',
    object: 'event',
    type: 'payment_intent.succeeded',
    created: 1_700_000_000,
    data: {
      object: { id: 'pi_1', object: 'payment_intent', metadata: { orderId: '674123456789abcdef012345' } },
    },
  };

  it('accepts a valid signature and exposes only what the domain needs', () => {
    const { payload, header } = signedEvent(event);
    expect(gateway.verifyWebhook(Buffer.from(payload), header)).toEqual({
      id: 'evt_1',
      type: 'payment_intent.succeeded',
      createdAt: new Date(1_700_000_000_000),
      object: { kind: 'payment_intent', paymentIntentId: 'pi_1', orderId: '674123456789abcdef012345' },
    });
  });

  it('reads refund events (metadata ids) and charges', () => {
    const refund = signedEvent({
      ...event,
      type: 'refund.updated',
      data: {
        object: {
          id: 're_1',
          object: 'refund',
          payment_intent: 'pi_1',
          metadata: { orderId: '674123456789abcdef000001', refundId: '674123456789abcdef000002' },
        },
      },
    });
    expect(gateway.verifyWebhook(refund.payload, refund.header).object).toEqual({
      kind: 'refund',
      providerRefundId: 're_1',
      paymentIntentId: 'pi_1',
      orderId: '674123456789abcdef000001',
      refundId: '674123456789abcdef000002',
    });
    const charge = signedEvent({
      ...event,
      type: 'charge.refunded',
      data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_1' } },
    });
    expect(gateway.verifyWebhook(charge.payload, charge.header).object).toEqual({
      kind: 'charge',
      chargeId: 'ch_1',
      paymentIntentId: 'pi_1',
    });
  });

  it.each([
    ['another secret', () => signedEvent(event, { secret: 'whsec_other' })],
    ['a stale timestamp', () => signedEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 301 })],
  ])('rejects %s as bad_signature', (_name, make) => {
    const { payload, header } = make();
    expect(() => gateway.verifyWebhook(payload, header)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
  });

  it('a validly signed but malformed event is invalid_request; hostile ids never reach the domain', () => {
    for (const bad of [
      { id: 'evt_1' },
      { ...event, id: 42 },
      { ...event, created: 'soon' },
      'not an event',
    ]) {
      const { payload, header } = signedEvent(bad as object);
      expect(() => gateway.verifyWebhook(payload, header)).toThrow(
        expect.objectContaining({ kind: 'invalid_request' }),
      );
    }
    const hostile = signedEvent({
      ...event,
      data: {
        object: { id: 'pi_1', object: 'payment_intent', metadata: { orderId: `${'a'.repeat(30)}' OR 1=1` } },
      },
    });
    expect(gateway.verifyWebhook(hostile.payload, hostile.header).object).toEqual({
      kind: 'payment_intent',
      paymentIntentId: 'pi_1',
      orderId: null,
    });
    const noData = signedEvent({ ...event, data: null });
    expect(gateway.verifyWebhook(noData.payload, noData.header).object).toEqual({
      kind: 'other',
      objectType: null,
    });
  });

  it('rejects a missing header and a modified body', () => {
    const { payload, header } = signedEvent(event);
    expect(() => gateway.verifyWebhook(payload, undefined)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
    expect(() => gateway.verifyWebhook(payload.replace('pi_1', 'pi_2'), header)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
  });

  it('bounds the signature timestamp in the future as well as in the past (tolerance 300 s)', () => {
    const now = Math.floor(Date.now() / 1000);
    const inAYear = signedEvent(event, { timestamp: now + 365 * 86_400 });
    expect(() => gateway.verifyWebhook(inAYear.payload, inAYear.header)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
    const tenMinutesAhead = signedEvent(event, { timestamp: now + 600 });
    expect(() => gateway.verifyWebhook(tenMinutesAhead.payload, tenMinutesAhead.header)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
    const tenMinutesAgo = signedEvent(event, { timestamp: now - 600 });
    expect(() => gateway.verifyWebhook(tenMinutesAgo.payload, tenMinutesAgo.header)).toThrow(
      expect.objectContaining({ kind: 'bad_signature' }),
    );
    const slightClockSkew = signedEvent(event, { timestamp: now + 30 });
    expect(gateway.verifyWebhook(slightClockSkew.payload, slightClockSkew.header).id).toBe('evt_1');
  });
});
