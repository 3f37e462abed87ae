import type { EventRequest } from '../events/event-builder';
import { invalidRequest } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import type { LastPaymentError, PaymentIntent, PaymentMethod, SetupIntent } from '../state/objects';
import { getPaymentMethod } from './payment-methods';

/** What each kind of intent records when its 3-D Secure challenge fails. */
const KINDS = {
  payment_intent: {
    label: 'PaymentIntent',
    failedEvent: 'payment_intent.payment_failed',
    failure: {
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    },
  },
  setup_intent: {
    label: 'SetupIntent',
    failedEvent: 'setup_intent.setup_failed',
    failure: {
      code: 'setup_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/setup-intent-authentication-failure',
      message: 'The latest attempt to set up the payment method has failed because authentication failed.',
    },
  },
} as const;

/**
 * The start of a 3-D Secure outcome, for either kind of intent: an intent not awaiting a challenge is refused;
 * a failed challenge is recorded (back to requires_payment_method, the intent's last error, the failure event)
 * and gives null; a completed one gives the PaymentMethod and the event request to finish with.
 */
export function resolveChallenge(
  sandbox: Sandbox,
  intent: PaymentIntent | SetupIntent,
  outcome: 'completed' | 'failed',
): { pm: PaymentMethod; request: EventRequest } | null {
  const kind = KINDS[intent.object];
  if (intent.status !== 'requires_action' || !intent.payment_method) {
    throw invalidRequest(
      `This ${kind.label} is not awaiting 3-D Secure authentication (status ${intent.status}).`,
      intent.object,
      `${intent.object}_unexpected_state`,
    );
  }
  const request: EventRequest = { id: null, idempotency_key: null };
  const pm = getPaymentMethod(sandbox, intent.payment_method);
  if (outcome === 'completed') return { pm, request };
  const error: LastPaymentError = { type: 'invalid_request_error', ...kind.failure, payment_method: pm };
  intent.status = 'requires_payment_method';
  intent.next_action = null;
  intent.payment_method = null;
  if (intent.object === 'setup_intent') intent.last_setup_error = error;
  else intent.last_payment_error = error;
  sandbox.store.changed();
  sandbox.emit(kind.failedEvent, intent, request);
  return null;
}
