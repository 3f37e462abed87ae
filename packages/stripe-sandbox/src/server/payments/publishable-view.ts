import type { KeyMode } from '../http/auth';
import { invalidRequest, StripeError } from '../http/stripe-error';
import type { PaymentIntent } from '../state/objects';

/** The PaymentIntent fields Stripe returns to a publishable key (Stripe.js); the rest stays server-side. */
const PUBLISHABLE_FIELDS = [
  'id',
  'object',
  'amount',
  'amount_details',
  'automatic_payment_methods',
  'canceled_at',
  'cancellation_reason',
  'capture_method',
  'client_secret',
  'confirmation_method',
  'created',
  'currency',
  'description',
  'last_payment_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_configuration_details',
  'payment_method_types',
  'processing',
  'receipt_email',
  'setup_future_usage',
  'shipping',
  'status',
] as const;

/** The SetupIntent fields Stripe returns to a publishable key. */
const SETUP_PUBLISHABLE_FIELDS = [
  'id',
  'object',
  'automatic_payment_methods',
  'cancellation_reason',
  'client_secret',
  'created',
  'description',
  'last_setup_error',
  'livemode',
  'next_action',
  'payment_method',
  'payment_method_configuration_details',
  'payment_method_types',
  'status',
  'usage',
] as const;

/** What a publishable key sees of a PaymentIntent or SetupIntent (chosen by its `object`). */
export function publishableView(
  intent: PaymentIntent | Record<string, unknown> | unknown,
): Record<string, unknown> {
  const source = intent as Record<string, unknown>;
  const fields = source.object === 'setup_intent' ? SETUP_PUBLISHABLE_FIELDS : PUBLISHABLE_FIELDS;
  const out: Record<string, unknown> = {};
  for (const k of fields) if (k in source) out[k] = source[k];
  return out;
}

/**
 * Runs a confirm for the key that called: a publishable key (Stripe.js) may send only `allowed` parameters and
 * sees the publishable view of the intent, also inside a decline's error.
 */
export function confirmAs(
  keyMode: KeyMode,
  params: object,
  allowed: ReadonlySet<string>,
  run: () => object,
): object {
  if (keyMode !== 'publishable') return run();
  assertBrowserParams(params, allowed);
  try {
    return publishableView(run());
  } catch (e) {
    if (e instanceof StripeError) {
      if (e.fields.payment_intent) e.fields.payment_intent = publishableView(e.fields.payment_intent);
      if (e.fields.setup_intent) e.fields.setup_intent = publishableView(e.fields.setup_intent);
    }
    throw e;
  }
}

/** A publishable key may send only the parameters a browser sends (`allowed`); others are a 400 naming them. */
export function assertBrowserParams(params: object, allowed: ReadonlySet<string>): void {
  const k = Object.keys(params).find((p) => !allowed.has(p));
  if (k !== undefined) {
    throw invalidRequest(
      `This parameter cannot be used with a publishable API key: ${k}. Use your secret key on your server.`,
      k,
    );
  }
}
