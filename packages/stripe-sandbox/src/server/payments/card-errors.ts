import type { CardFailure } from '../cards/test-cards';
import type { StripeErrorFields } from '../http/stripe-error';
import type { LastPaymentError, PaymentMethod } from '../state/objects';

/** `last_payment_error` / `last_setup_error` for a card's failure. */
export function lastErrorOf(failure: CardFailure, pm: PaymentMethod, charge?: string): LastPaymentError {
  const error: LastPaymentError = {
    type: 'card_error',
    code: failure.code,
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll('_', '-')}`,
    message: failure.message,
    payment_method: pm,
  };
  if (charge !== undefined) error.charge = charge;
  if (failure.decline_code) error.decline_code = failure.decline_code;
  if (failure.param) error.param = failure.param;
  return error;
}

/** The body of the 402 `card_error` for a card's failure, with the objects Stripe embeds in it. */
export function cardErrorFields(
  failure: CardFailure,
  embedded: Omit<Partial<StripeErrorFields>, 'type' | 'code' | 'message'> = {},
): StripeErrorFields {
  const fields: StripeErrorFields = {
    type: 'card_error',
    code: failure.code,
    message: failure.message,
    ...embedded,
  };
  if (failure.decline_code) fields.decline_code = failure.decline_code;
  if (failure.param) fields.param = failure.param;
  return fields;
}
