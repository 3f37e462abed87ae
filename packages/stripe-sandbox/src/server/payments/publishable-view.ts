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

export function publishableView(pi: PaymentIntent | Record<string, unknown>): Record<string, unknown> {
  const source = pi as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of PUBLISHABLE_FIELDS) if (k in source) out[k] = source[k];
  return out;
}
