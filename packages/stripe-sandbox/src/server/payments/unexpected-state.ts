import { StripeError } from '../http/stripe-error';
import type { PaymentIntent } from '../state/objects';

/** 400 `payment_intent_unexpected_state`, naming the statuses that allow the action. */
export function unexpectedState(pi: PaymentIntent, action: string, allowed: Set<string>): StripeError {
  return new StripeError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message: `You cannot ${action} this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action === 'confirm' ? 'confirmed' : action === 'cancel' ? 'canceled' : action === 'capture' ? 'captured' : 'updated'}: ${[...allowed].join(', ')}.`,
    payment_intent: pi,
  });
}
