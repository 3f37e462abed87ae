/**
 * The payment gateway PORT: the only view the domain has of the payment provider.
 *
 * The Stripe adapter (`stripe-gateway.ts`) implements it over the official SDK; the offline sandbox is
 * selected by base URL only, never by a code branch. Domain code never sees SDK types or SDK error
 * classes: provider failures arrive as `PaymentGatewayError` with a small closed set of kinds.
 *
 * Rules every implementation follows:
 * - every call that moves money (create, cancel, refund) takes an `idempotencyKey` derived from OUR ids
 *   (see `idempotencyKeys` below), so a retry after a timeout can never charge or refund twice;
 * - metadata carries only opaque ids (order id, refund id), never personal data;
 * - amounts are `Money` (integer minor units + ISO currency).
 */
import type { Money } from '@lumira/shared';

/**
 * Where a payment (a PaymentIntent, in the API contract's words) stands at the provider, in the domain's
 * own words:
 * - `pending`: nothing attempted yet, or waiting for the customer to submit a payment method;
 * - `requires_action`: the customer must complete a step (3-D Secure);
 * - `processing`: submitted, the provider has not decided yet;
 * - `authorized`: authorized and waiting for a capture (we never ask for a separate capture);
 * - `failed`: the last attempt failed (`lastPaymentError` says why); the customer may try again;
 * - `succeeded`: the money is taken;
 * - `canceled`: no payment can happen on it any more.
 */
export const PAYMENT_STATUSES = [
  'pending',
  'requires_action',
  'processing',
  'authorized',
  'failed',
  'succeeded',
  'canceled',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Where a refund stands at the provider: `pending` until the provider says it succeeded or failed. */
export type GatewayRefundStatus = 'pending' | 'succeeded' | 'failed';

export type GatewayPaymentError = {
  /** Provider error code, e.g. `card_declined`, `payment_intent_authentication_failure`. */
  code: string | null;
  declineCode: string | null;
  message: string | null;
};

/**
 * An amount as the provider holds it: integer minor units and an ISO currency (upper case), which may be one
 * we do not sell in (a PaymentIntent made elsewhere on the account that names one of our orders). Compare it
 * with an order's `Money`; never treat it as one.
 */
export type ProviderAmount = { amount: number; currency: string };

export type GatewayPaymentIntent = {
  id: string;
  status: PaymentStatus;
  amount: ProviderAmount;
  /** Only handed to the browser once, at creation. Never stored, never logged. */
  clientSecret: string | null;
  /** `metadata.orderId` as set at creation (opaque id). */
  orderId: string | null;
  lastPaymentError: GatewayPaymentError | null;
  canceledAt: Date | null;
};

export type GatewayRefund = {
  id: string;
  paymentIntentId: string | null;
  amount: ProviderAmount;
  status: GatewayRefundStatus;
  /** Why a `failed` refund failed, in the provider's words (e.g. `expired_or_canceled_card`, `canceled`). */
  failureReason: string | null;
  /** `metadata.orderId` / `metadata.refundId` as set at creation (opaque ids). */
  orderId: string | null;
  refundId: string | null;
};

/** What a verified webhook tells us. The payload is only a hint: handlers re-read the object. */
export type GatewayEventObject =
  | { kind: 'payment_intent'; paymentIntentId: string; orderId: string | null }
  | {
      kind: 'refund';
      providerRefundId: string;
      paymentIntentId: string | null;
      orderId: string | null;
      refundId: string | null;
    }
  | { kind: 'charge'; chargeId: string; paymentIntentId: string | null }
  | { kind: 'other'; objectType: string | null };

export type GatewayEvent = {
  id: string;
  type: string;
  createdAt: Date;
  object: GatewayEventObject;
};

export type CreatePaymentIntentOptions = {
  orderId: string;
  amount: Money;
  idempotencyKey: string;
  /** Free text shown in the provider dashboard; must not contain personal data. */
  description?: string;
};

export type CancelPaymentIntentOptions = { paymentIntentId: string; idempotencyKey: string };

export type CreateRefundOptions = {
  paymentIntentId: string;
  /** Our refunds are in the order's `Money`; an anomaly's refund gives back what the PaymentIntent holds. */
  amount: ProviderAmount;
  orderId: string;
  refundId: string;
  idempotencyKey: string;
};

export interface PaymentGateway {
  createPaymentIntent(options: CreatePaymentIntentOptions): Promise<GatewayPaymentIntent>;
  retrievePaymentIntent(paymentIntentId: string): Promise<GatewayPaymentIntent>;
  /**
   * Cancels a payment. If it can no longer be cancelled (already canceled or succeeded), answers its
   * current state instead of throwing: the caller decides from `status`.
   */
  cancelPaymentIntent(options: CancelPaymentIntentOptions): Promise<GatewayPaymentIntent>;
  createRefund(options: CreateRefundOptions): Promise<GatewayRefund>;
  retrieveRefund(providerRefundId: string): Promise<GatewayRefund>;
  /** Verifies the signature over the RAW body first; throws `PaymentGatewayError('bad_signature')`. */
  verifyWebhook(rawBody: Buffer | string, signatureHeader: string | undefined): GatewayEvent;
  /** Resolves when the provider is reachable with our credentials (used by /api/ready). */
  ping(): Promise<void>;
}

export const PAYMENT_GATEWAY_ERROR_KINDS = [
  'card_declined',
  'rate_limited',
  'unavailable',
  'bad_signature',
  'invalid_request',
  'not_found',
] as const;
export type PaymentGatewayErrorKind = (typeof PAYMENT_GATEWAY_ERROR_KINDS)[number];

/** The one error type the domain sees from the provider. Messages never include secrets. */
export class PaymentGatewayError extends Error {
  override readonly name = 'PaymentGatewayError';
  constructor(
    readonly kind: PaymentGatewayErrorKind,
    message: string,
    readonly providerCode: string | null = null,
    /** For `card_declined`: the PaymentIntent as it stands after the decline, when the provider sent it. */
    readonly paymentIntentId: string | null = null,
  ) {
    super(message);
  }
}

export function isPaymentGatewayError(
  error: unknown,
  kind?: PaymentGatewayErrorKind,
): error is PaymentGatewayError {
  return error instanceof PaymentGatewayError && (kind === undefined || error.kind === kind);
}

/** Idempotency keys for every money-moving provider call, derived from our own ids (stable across retries). */
export const idempotencyKeys = {
  createPaymentIntent: (orderId: string) => `order:${orderId}:pi`,
  cancelPaymentIntent: (orderId: string) => `order:${orderId}:pi:cancel`,
  createRefund: (refundId: string) => `refund:${refundId}`,
  /** Sends back the money of a PaymentIntent that named an order but could not pay it. */
  refundPaymentAnomaly: (paymentIntentId: string) => `anomaly:${paymentIntentId}:refund`,
};
