/**
 * Stripe adapter for the PaymentGateway port, over the official `stripe` SDK.
 *
 * - Secrets arrive as constructor options (config is parsed elsewhere, once).
 * - `apiBase` (e.g. the offline sandbox `http://127.0.0.1:12111`) only changes host/port/protocol.
 * - Provider errors are translated HERE, once, into `PaymentGatewayError`; nothing else imports `stripe`.
 * - Stripe's statuses are mapped HERE, once, onto the port's own words (`paymentStatusOf`,
 *   `refundStatusOf`), as Medusa's Stripe provider maps them onto its payment session statuses.
 */
import Stripe from 'stripe';
import type { Config } from '../config';
import {
  type CancelPaymentIntentOptions,
  type CreatePaymentIntentOptions,
  type CreateRefundOptions,
  type GatewayEvent,
  type GatewayEventObject,
  type GatewayPaymentIntent,
  type GatewayRefund,
  type GatewayRefundStatus,
  type PaymentGateway,
  PaymentGatewayError,
  type PaymentStatus,
  type ProviderAmount,
} from './payment-gateway';

export type StripeGatewayOptions = {
  secretKey: string;
  webhookSecret: string;
  /** Base URL of a Stripe-compatible API (the sandbox); omit for api.stripe.com. */
  apiBase?: string;
  /** Signature tolerance in seconds (Stripe's default: 300). */
  webhookToleranceSeconds?: number;
  timeoutMs?: number;
  maxNetworkRetries?: number;
};

export function parseApiBase(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  const port = url.port ? Number(url.port) : protocol === 'http' ? 80 : 443;
  return { host: url.hostname, port, protocol };
}

/** The gateway's options from the parsed configuration (timeouts, retries and tolerance included). */
export function stripeGatewayOptions(stripe: Config['stripe']): StripeGatewayOptions {
  return {
    secretKey: stripe.secretKey,
    webhookSecret: stripe.webhookSecret,
    ...(stripe.apiBase ? { apiBase: stripe.apiBase } : {}),
    timeoutMs: stripe.timeoutMs,
    maxNetworkRetries: stripe.maxNetworkRetries,
    webhookToleranceSeconds: stripe.webhookToleranceSeconds,
  };
}

/** The `t=` of a Stripe-Signature header (seconds), null when absent or not a number. */
export function signatureTimestamp(header: string): number | null {
  const part = header.split(',').find((p) => p.trim().startsWith('t='));
  const value = part ? Number(part.trim().slice(2)) : Number.NaN;
  return Number.isSafeInteger(value) ? value : null;
}

export class StripeGateway implements PaymentGateway {
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;
  private readonly tolerance: number;

  constructor(options: StripeGatewayOptions) {
    this.webhookSecret = options.webhookSecret;
    this.tolerance = options.webhookToleranceSeconds ?? 300;
    this.stripe = new Stripe(options.secretKey, {
      ...(options.apiBase ? parseApiBase(options.apiBase) : {}),
      timeout: options.timeoutMs ?? 15_000,
      // Safe: every POST we send carries our own idempotency key, so SDK retries replay, never duplicate.
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      appInfo: { name: 'lumira-oracle' },
    });
  }

  async createPaymentIntent(options: CreatePaymentIntentOptions): Promise<GatewayPaymentIntent> {
    return translate(async () => {
      const pi = await this.stripe.paymentIntents.create(
        {
          amount: options.amount.amount,
          currency: options.amount.currency.toLowerCase(),
          metadata: { orderId: options.orderId },
          ...(options.description ? { description: options.description } : {}),
        },
        { idempotencyKey: options.idempotencyKey },
      );
      return toPaymentIntent(pi);
    });
  }

  async retrievePaymentIntent(paymentIntentId: string): Promise<GatewayPaymentIntent> {
    return translate(async () => toPaymentIntent(await this.stripe.paymentIntents.retrieve(paymentIntentId)));
  }

  async cancelPaymentIntent(options: CancelPaymentIntentOptions): Promise<GatewayPaymentIntent> {
    try {
      return await translate(async () =>
        toPaymentIntent(
          await this.stripe.paymentIntents.cancel(
            options.paymentIntentId,
            {},
            { idempotencyKey: options.idempotencyKey },
          ),
        ),
      );
    } catch (error) {
      // Already canceled / succeeded: not an error for us, answer the current truth.
      if (error instanceof PaymentGatewayError && error.kind === 'invalid_request') {
        return this.retrievePaymentIntent(options.paymentIntentId);
      }
      throw error;
    }
  }

  async createRefund(options: CreateRefundOptions): Promise<GatewayRefund> {
    return translate(async () =>
      toRefund(
        await this.stripe.refunds.create(
          {
            payment_intent: options.paymentIntentId,
            amount: options.amount.amount,
            metadata: { orderId: options.orderId, refundId: options.refundId },
          },
          { idempotencyKey: options.idempotencyKey },
        ),
      ),
    );
  }

  async retrieveRefund(providerRefundId: string): Promise<GatewayRefund> {
    return translate(async () => toRefund(await this.stripe.refunds.retrieve(providerRefundId)));
  }

  verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): GatewayEvent {
    if (!signatureHeader) throw new PaymentGatewayError('bad_signature', 'Missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signatureHeader,
        this.webhookSecret,
        this.tolerance,
      );
    } catch {
      throw new PaymentGatewayError('bad_signature', 'Webhook signature verification failed');
    }
    // The SDK bounds the timestamp in the past only: one signed for the future is refused too.
    const signedAt = signatureTimestamp(signatureHeader);
    if (signedAt === null || signedAt > Math.floor(Date.now() / 1000) + this.tolerance) {
      throw new PaymentGatewayError('bad_signature', 'Webhook signature timestamp outside the tolerance');
    }
    return toEvent(event);
  }

  async ping(): Promise<void> {
    try {
      await translate(() => this.stripe.balance.retrieve());
    } catch (error) {
      // A Stripe-compatible server that answers "unknown resource" is reachable and accepted our key.
      if (
        error instanceof PaymentGatewayError &&
        (error.kind === 'not_found' || error.kind === 'invalid_request')
      ) {
        return;
      }
      throw error;
    }
  }
}

// ---- translation -----------------------------------------------------------------------------------

async function translate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error);
  }
}

export function translateError(error: unknown): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PaymentGatewayError('unavailable', 'Payment provider call failed');
  }
  const code = error.code ?? null;
  const piId = error.payment_intent?.id ?? null;
  if (error instanceof Stripe.errors.StripeCardError) {
    return new PaymentGatewayError('card_declined', error.message, error.decline_code ?? code, piId);
  }
  if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 429) {
    return new PaymentGatewayError('rate_limited', 'Payment provider rate limit reached', code);
  }
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    return new PaymentGatewayError('bad_signature', 'Webhook signature verification failed');
  }
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError ||
    (error.statusCode ?? 0) >= 500
  ) {
    return new PaymentGatewayError('unavailable', 'Payment provider unavailable', code);
  }
  if (code === 'resource_missing' || error.statusCode === 404) {
    return new PaymentGatewayError('not_found', 'Payment provider object not found', code);
  }
  return new PaymentGatewayError('invalid_request', error.message, code, piId);
}

/** Stripe's amount and lower-case currency as the port's ProviderAmount (any currency: see its comment). */
function providerAmount(amount: number, currency: string): ProviderAmount {
  return { amount, currency: currency.toUpperCase() };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === 'string' ? value : value.id;
}

/**
 * Stripe's PaymentIntent status in the port's words. A fresh PaymentIntent and one whose attempt failed
 * both sit in `requires_payment_method`: only the presence of `last_payment_error` tells them apart.
 */
export function paymentStatusOf(
  pi: Pick<Stripe.PaymentIntent, 'status'> & { last_payment_error?: unknown },
): PaymentStatus {
  switch (pi.status) {
    case 'succeeded':
      return 'succeeded';
    case 'requires_action':
      return 'requires_action';
    case 'requires_payment_method':
      return pi.last_payment_error ? 'failed' : 'pending';
    case 'requires_confirmation':
      return 'pending';
    case 'processing':
      return 'processing';
    case 'requires_capture':
      return 'authorized';
    case 'canceled':
      return 'canceled';
    default:
      // A status this SDK version does not know yet: nothing is decided, reconciliation looks again later.
      return 'pending';
  }
}

function toPaymentIntent(pi: Stripe.PaymentIntent): GatewayPaymentIntent {
  const err = pi.last_payment_error;
  return {
    id: pi.id,
    status: paymentStatusOf(pi),
    amount: providerAmount(pi.amount, pi.currency),
    clientSecret: pi.client_secret ?? null,
    orderId: ourId(pi.metadata?.orderId),
    lastPaymentError: err
      ? { code: err.code ?? null, declineCode: err.decline_code ?? null, message: err.message ?? null }
      : null,
    canceledAt: pi.canceled_at ? new Date(pi.canceled_at * 1000) : null,
  };
}

/**
 * Stripe's Refund status in the port's words: `canceled` is a failure (its reason says `canceled` when
 * Stripe gives none); `requires_action` and anything unknown are still pending.
 */
export function refundStatusOf(refund: Pick<Stripe.Refund, 'status' | 'failure_reason'>): {
  status: GatewayRefundStatus;
  failureReason: string | null;
} {
  switch (refund.status) {
    case 'succeeded':
      return { status: 'succeeded', failureReason: null };
    case 'failed':
      return { status: 'failed', failureReason: refund.failure_reason ?? 'failed' };
    case 'canceled':
      return { status: 'failed', failureReason: refund.failure_reason ?? 'canceled' };
    default:
      return { status: 'pending', failureReason: refund.failure_reason ?? null };
  }
}

function toRefund(refund: Stripe.Refund): GatewayRefund {
  return {
    id: refund.id,
    paymentIntentId: idOf(refund.payment_intent as string | { id: string } | null),
    amount: providerAmount(refund.amount, refund.currency),
    ...refundStatusOf(refund),
    orderId: ourId(refund.metadata?.orderId),
    refundId: ourId(refund.metadata?.refundId),
  };
}

const PROVIDER_ID = /^[A-Za-z0-9_]{1,255}$/;
const OUR_ID = /^[0-9a-f]{24}$/;

function providerId(value: unknown): string | null {
  const id =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object'
        ? (value as { id?: unknown }).id
        : null;
  return typeof id === 'string' && PROVIDER_ID.test(id) ? id : null;
}

function ourId(value: unknown): string | null {
  return typeof value === 'string' && OUR_ID.test(value) ? value : null;
}

/**
 * The signed payload is still untrusted in shape: anything we cannot read is `invalid_request`, ids that do
 * not look like ids are dropped (so they never reach a query), and the object is re-read by id anyway.
 */
function toEvent(event: Stripe.Event): GatewayEvent {
  const raw = event as unknown as Record<string, unknown> | null;
  const id = providerId(raw?.id);
  const type = raw?.type;
  const created = raw?.created;
  if (
    !raw ||
    !id ||
    typeof type !== 'string' ||
    type.length > 255 ||
    typeof created !== 'number' ||
    !Number.isFinite(created)
  ) {
    throw new PaymentGatewayError('invalid_request', 'Malformed webhook event');
  }
  const data = raw.data as { object?: unknown } | null | undefined;
  const obj = (
    data && typeof data === 'object' && data.object && typeof data.object === 'object' ? data.object : {}
  ) as Record<string, unknown>;
  const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<
    string,
    unknown
  >;
  const objectId = providerId(obj.id);
  let object: GatewayEventObject;
  if (obj.object === 'payment_intent' && objectId) {
    object = { kind: 'payment_intent', paymentIntentId: objectId, orderId: ourId(metadata.orderId) };
  } else if (obj.object === 'refund' && objectId) {
    object = {
      kind: 'refund',
      providerRefundId: objectId,
      paymentIntentId: providerId(obj.payment_intent),
      orderId: ourId(metadata.orderId),
      refundId: ourId(metadata.refundId),
    };
  } else if (obj.object === 'charge' && objectId) {
    object = { kind: 'charge', chargeId: objectId, paymentIntentId: providerId(obj.payment_intent) };
  } else {
    object = { kind: 'other', objectType: typeof obj.object === 'string' ? obj.object.slice(0, 100) : null };
  }
  const createdAt = new Date(created * 1000);
  return { id, type, createdAt: Number.isNaN(createdAt.getTime()) ? new Date() : createdAt, object };
}
