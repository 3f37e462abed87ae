import type { Params } from '../http/param-spec';
import type { PaymentIntent } from '../state/objects';

/** `payment_method_options[card]` as the API shows it (only the card options exist here). */
export function cardOptions(
  input: Params | null | undefined,
  current: PaymentIntent['payment_method_options'] | undefined,
): PaymentIntent['payment_method_options'] {
  const previous = (current?.card ?? {}) as Record<string, unknown>;
  const given = ((input?.card as Params | null | undefined) ?? {}) as Record<string, unknown>;
  const card: Record<string, unknown> = {
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: given.request_three_d_secure ?? previous.request_three_d_secure ?? 'automatic',
  };
  const captureMethod = given.capture_method ?? previous.capture_method;
  if (captureMethod) card.capture_method = captureMethod;
  const sfu = given.setup_future_usage ?? previous.setup_future_usage;
  if (sfu) card.setup_future_usage = sfu;
  return { card };
}

/** Manual capture, from the PaymentIntent or its `payment_method_options[card][capture_method]` (which wins). */
export function capturesManually(
  pi: Pick<PaymentIntent, 'capture_method' | 'payment_method_options'>,
): boolean {
  const card = pi.payment_method_options.card as { capture_method?: string } | undefined;
  return (card?.capture_method ?? pi.capture_method) === 'manual';
}
