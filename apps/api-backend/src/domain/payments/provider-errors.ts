/**
 * THE translation of payment provider failures into API errors.
 *
 * The adapter (`providers/stripe-gateway.ts`) already turned the SDK's errors into a `PaymentGatewayError`
 * of a few kinds; this table says what each kind means to the API's client, by what the call was doing.
 * Use cases wrap their provider calls with `callProvider` (or rethrow through `fromProviderError`);
 * `http/error-handler.ts` applies the `payment` row to a provider error that escaped, as a backstop only.
 */
import { AppError, type ErrorCode } from '@lumira/shared';
import {
  isPaymentGatewayError,
  type PaymentGatewayError,
  type PaymentGatewayErrorKind,
} from '../../providers/payment-gateway';

/**
 * - `payment`: a call on an object WE created or stored (create, cancel, refund, re-read by our id);
 * - `client_reference`: a call on an id the client sent (confirm's `paymentIntentId`): an id the provider
 *   does not know, or refuses as malformed, is simply not found;
 * - `webhook_verification`: checking a delivery's signature and shape: the sender's mistake, 400;
 * - `webhook_processing`: re-reading the object of a verified event: every failure answers 503 so the
 *   provider redelivers the event later.
 */
export type ProviderCallKind = 'payment' | 'client_reference' | 'webhook_verification' | 'webhook_processing';

const PAYMENT: Readonly<Record<PaymentGatewayErrorKind, ErrorCode>> = {
  card_declined: 'CARD_DECLINED',
  rate_limited: 'PAYMENT_PROVIDER_UNAVAILABLE',
  unavailable: 'PAYMENT_PROVIDER_UNAVAILABLE',
  bad_signature: 'WEBHOOK_SIGNATURE_INVALID',
  invalid_request: 'PAYMENT_PROVIDER_ERROR',
  not_found: 'PAYMENT_PROVIDER_ERROR',
};

const PROVIDER_ERROR_CODES: Readonly<
  Record<ProviderCallKind, Readonly<Record<PaymentGatewayErrorKind, ErrorCode>>>
> = {
  payment: PAYMENT,
  client_reference: { ...PAYMENT, invalid_request: 'NOT_FOUND', not_found: 'NOT_FOUND' },
  webhook_verification: { ...PAYMENT, invalid_request: 'VALIDATION_FAILED' },
  webhook_processing: {
    card_declined: 'PAYMENT_PROVIDER_UNAVAILABLE',
    rate_limited: 'PAYMENT_PROVIDER_UNAVAILABLE',
    unavailable: 'PAYMENT_PROVIDER_UNAVAILABLE',
    bad_signature: 'PAYMENT_PROVIDER_UNAVAILABLE',
    invalid_request: 'PAYMENT_PROVIDER_UNAVAILABLE',
    not_found: 'PAYMENT_PROVIDER_UNAVAILABLE',
  },
};

/** The message sent with each code above (never the provider's own message: it may say too much). */
const MESSAGES: Partial<Record<ErrorCode, string>> = {
  CARD_DECLINED: 'The card was declined',
  PAYMENT_PROVIDER_UNAVAILABLE: 'The payment service is unavailable; retry shortly',
  PAYMENT_PROVIDER_ERROR: 'The payment service refused the request',
  WEBHOOK_SIGNATURE_INVALID: 'Webhook signature verification failed',
  VALIDATION_FAILED: 'Malformed webhook event',
  NOT_FOUND: 'Payment not found',
};

/** The API error for a provider failure. */
export function toApiError(error: PaymentGatewayError, during: ProviderCallKind = 'payment'): AppError {
  const code = PROVIDER_ERROR_CODES[during][error.kind];
  return new AppError(code, MESSAGES[code], undefined, { cause: error });
}

/** `toApiError` for a provider failure; any other error is returned untouched (for `throw`). */
export function fromProviderError(error: unknown, during: ProviderCallKind = 'payment'): unknown {
  return isPaymentGatewayError(error) ? toApiError(error, during) : error;
}

/** Runs a provider call; a provider failure leaves as the API error the table above says. */
export async function callProvider<T>(during: ProviderCallKind, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromProviderError(error, during);
  }
}

/**
 * A failure that says nothing about the request (the provider is down or throttling us): the same call,
 * with the same idempotency key, may be sent again later.
 */
export function isTransientProviderError(error: unknown): boolean {
  return isPaymentGatewayError(error, 'unavailable') || isPaymentGatewayError(error, 'rate_limited');
}
