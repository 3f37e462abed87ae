/**
 * TEST DOUBLE: an in-memory `PaymentGateway` for unit tests. Never wired into the server (`server.ts`
 * builds the Stripe adapter); the integration tests run against the offline sandbox instead.
 *
 * It keeps the port's promises the way the Stripe adapter does: idempotency keys replay the first answer
 * (and refuse different parameters), `cancelPaymentIntent` answers the current payment when it can no
 * longer be cancelled, refunds never exceed what was paid, webhooks are verified by signature before
 * anything is read. Tests drive the customer's side (`pay`, `decline`, `requireAction`, ...) and inject
 * provider failures (`failNext`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type CancelPaymentIntentOptions,
  type CreatePaymentIntentOptions,
  type CreateRefundOptions,
  type GatewayEvent,
  type GatewayPaymentError,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewayRefundStatus,
  type PaymentGateway,
  PaymentGatewayError,
  type PaymentGatewayErrorKind,
} from './payment-gateway';

export type FakeGatewayMethod =
  | 'createPaymentIntent'
  | 'retrievePaymentIntent'
  | 'cancelPaymentIntent'
  | 'createRefund'
  | 'retrieveRefund'
  | 'ping';

export type FakeGatewayCall = { method: FakeGatewayMethod; idempotencyKey: string | null; id: string | null };

const WEBHOOK_SECRET = 'fake_webhook_secret';

export class FakePaymentGateway implements PaymentGateway {
  /** Every call, in order (failed ones included), for assertions on idempotency keys and call counts. */
  readonly calls: FakeGatewayCall[] = [];
  private readonly payments = new Map<string, GatewayPaymentIntent>();
  private readonly refunds = new Map<string, GatewayRefund>();
  private readonly byKey = new Map<string, { fingerprint: string; id: string }>();
  private readonly failures: { method: FakeGatewayMethod; kind: PaymentGatewayErrorKind }[] = [];
  private sequence = 0;
  /** The status the provider gives the next refunds it accepts. */
  refundOutcome: GatewayRefundStatus = 'succeeded';

  // ---- the port ------------------------------------------------------------------------------------

  async createPaymentIntent(options: CreatePaymentIntentOptions): Promise<GatewayPaymentIntent> {
    this.record('createPaymentIntent', options.idempotencyKey, null);
    const replay = this.replay(options.idempotencyKey, { orderId: options.orderId, amount: options.amount });
    if (replay) return this.retrieveStored(replay);
    const id = this.nextId('pi');
    const pi: GatewayPaymentIntent = {
      id,
      status: 'pending',
      amount: options.amount,
      clientSecret: `${id}_secret_${this.sequence}`,
      orderId: options.orderId,
      lastPaymentError: null,
      canceledAt: null,
    };
    this.payments.set(id, pi);
    this.remember(options.idempotencyKey, { orderId: options.orderId, amount: options.amount }, id);
    return { ...pi };
  }

  async retrievePaymentIntent(paymentIntentId: string): Promise<GatewayPaymentIntent> {
    this.record('retrievePaymentIntent', null, paymentIntentId);
    // Like Stripe's answer to a secret-key request, it carries the client secret (replays need it).
    return { ...this.retrieveStored(paymentIntentId) };
  }

  async cancelPaymentIntent(options: CancelPaymentIntentOptions): Promise<GatewayPaymentIntent> {
    this.record('cancelPaymentIntent', options.idempotencyKey, options.paymentIntentId);
    const pi = this.retrieveStored(options.paymentIntentId);
    if (pi.status !== 'succeeded' && pi.status !== 'canceled') {
      this.payments.set(pi.id, { ...pi, status: 'canceled', canceledAt: new Date() });
    }
    return { ...this.retrieveStored(pi.id) };
  }

  async createRefund(options: CreateRefundOptions): Promise<GatewayRefund> {
    this.record('createRefund', options.idempotencyKey, options.paymentIntentId);
    const fingerprint = { paymentIntentId: options.paymentIntentId, amount: options.amount };
    const replay = this.replay(options.idempotencyKey, fingerprint);
    if (replay) return { ...this.refundStored(replay) };
    const pi = this.retrieveStored(options.paymentIntentId);
    if (pi.status !== 'succeeded') {
      throw new PaymentGatewayError(
        'invalid_request',
        'This payment has not succeeded',
        'charge_not_captured',
      );
    }
    const refunded = [...this.refunds.values()]
      .filter((r) => r.paymentIntentId === pi.id && r.status !== 'failed')
      .reduce((sum, r) => sum + r.amount.amount, 0);
    if (options.amount.amount > pi.amount.amount - refunded) {
      throw new PaymentGatewayError('invalid_request', 'Refund exceeds the charge', 'amount_too_large');
    }
    const refund: GatewayRefund = {
      id: this.nextId('re'),
      paymentIntentId: pi.id,
      amount: options.amount,
      status: this.refundOutcome,
      failureReason: this.refundOutcome === 'failed' ? 'expired_or_canceled_card' : null,
      orderId: options.orderId,
      refundId: options.refundId,
    };
    this.refunds.set(refund.id, refund);
    this.remember(options.idempotencyKey, fingerprint, refund.id);
    return { ...refund };
  }

  async retrieveRefund(providerRefundId: string): Promise<GatewayRefund> {
    this.record('retrieveRefund', null, providerRefundId);
    return { ...this.refundStored(providerRefundId) };
  }

  verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): GatewayEvent {
    const body = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    const expected = Buffer.from(sign(body));
    const given = Buffer.from(signatureHeader ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new PaymentGatewayError('bad_signature', 'Webhook signature verification failed');
    }
    let parsed: { id?: unknown; type?: unknown; createdAt?: unknown; object?: unknown };
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new PaymentGatewayError('invalid_request', 'Malformed webhook event');
    }
    if (typeof parsed.id !== 'string' || typeof parsed.type !== 'string' || !parsed.object) {
      throw new PaymentGatewayError('invalid_request', 'Malformed webhook event');
    }
    return {
      id: parsed.id,
      type: parsed.type,
      createdAt: new Date(String(parsed.createdAt)),
      object: parsed.object as GatewayEvent['object'],
    };
  }

  async ping(): Promise<void> {
    this.record('ping', null, null);
  }

  // ---- the test's controls --------------------------------------------------------------------------

  /** The next call of `method` fails with a provider error of `kind` (queued, one per call). */
  failNext(method: FakeGatewayMethod, kind: PaymentGatewayErrorKind): void {
    this.failures.push({ method, kind });
  }

  /** The customer paid: the payment succeeded. */
  pay(paymentIntentId: string): GatewayPaymentIntent {
    return this.setPayment(paymentIntentId, { status: 'succeeded', lastPaymentError: null });
  }

  /** The customer's attempt was declined (the payment may be tried again). */
  decline(paymentIntentId: string, code = 'card_declined'): GatewayPaymentIntent {
    const error: GatewayPaymentError = {
      code,
      declineCode: 'generic_decline',
      message: 'Your card was declined.',
    };
    return this.setPayment(paymentIntentId, { status: 'failed', lastPaymentError: error });
  }

  /** The payment waits on the customer (3-D Secure). */
  requireAction(paymentIntentId: string): GatewayPaymentIntent {
    return this.setPayment(paymentIntentId, { status: 'requires_action' });
  }

  /** Any other state change (processing, canceled by the provider, ...). */
  setPayment(
    paymentIntentId: string,
    patch: Partial<Omit<GatewayPaymentIntent, 'id'>>,
  ): GatewayPaymentIntent {
    const pi = { ...this.retrieveStored(paymentIntentId), ...patch };
    this.payments.set(pi.id, pi);
    return { ...pi };
  }

  /** The provider settles a pending refund. */
  setRefund(
    providerRefundId: string,
    status: GatewayRefundStatus,
    failureReason: string | null = null,
  ): void {
    this.refunds.set(providerRefundId, { ...this.refundStored(providerRefundId), status, failureReason });
  }

  payment(paymentIntentId: string): GatewayPaymentIntent | undefined {
    return this.payments.get(paymentIntentId);
  }

  refundsOf(paymentIntentId: string): GatewayRefund[] {
    return [...this.refunds.values()].filter((r) => r.paymentIntentId === paymentIntentId);
  }

  /** A delivery as the provider would send it: the raw body and its signature header. */
  webhook(event: Omit<GatewayEvent, 'createdAt'> & { createdAt?: Date }): {
    rawBody: string;
    signature: string;
  } {
    const rawBody = JSON.stringify({ ...event, createdAt: (event.createdAt ?? new Date()).toISOString() });
    return { rawBody, signature: sign(rawBody) };
  }

  /** The signature header the provider would send with this exact body. */
  sign(rawBody: string): string {
    return sign(rawBody);
  }

  callsOf(method: FakeGatewayMethod): FakeGatewayCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // ---- internals -----------------------------------------------------------------------------------

  private record(method: FakeGatewayMethod, idempotencyKey: string | null, id: string | null): void {
    this.calls.push({ method, idempotencyKey, id });
    const index = this.failures.findIndex((f) => f.method === method);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      throw new PaymentGatewayError(failure!.kind, `injected ${failure!.kind}`);
    }
  }

  private replay(idempotencyKey: string, params: unknown): string | null {
    const seen = this.byKey.get(idempotencyKey);
    if (!seen) return null;
    if (seen.fingerprint !== JSON.stringify(params)) {
      throw new PaymentGatewayError(
        'invalid_request',
        'Idempotency key reused with other parameters',
        'idempotency_error',
      );
    }
    return seen.id;
  }

  private remember(idempotencyKey: string, params: unknown, id: string): void {
    this.byKey.set(idempotencyKey, { fingerprint: JSON.stringify(params), id });
  }

  private retrieveStored(paymentIntentId: string): GatewayPaymentIntent {
    const pi = this.payments.get(paymentIntentId);
    if (!pi) throw new PaymentGatewayError('not_found', 'No such payment', 'resource_missing');
    return pi;
  }

  private refundStored(providerRefundId: string): GatewayRefund {
    const refund = this.refunds.get(providerRefundId);
    if (!refund) throw new PaymentGatewayError('not_found', 'No such refund', 'resource_missing');
    return refund;
  }

  private nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}_fake${String(this.sequence).padStart(6, '0')}`;
  }
}

function sign(body: string): string {
  return `fake=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
}
