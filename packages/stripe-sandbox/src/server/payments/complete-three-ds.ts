import type { EventRequest } from '../events/event-builder';
import { invalidRequest, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import type { PaymentIntent, SetupIntent } from '../state/objects';
import { authorize } from './confirm-payment-intent';
import { getPaymentIntent } from './payment-intents';
import { getPaymentMethod } from './payment-methods';
import { completeSetupThreeDS, getSetupIntent } from './setup-intents';

/** Outcome of a 3-D Secure challenge (page buttons, control API, or auto mode). */
export function completeThreeDS(
  sandbox: Sandbox,
  pi: PaymentIntent,
  outcome: 'completed' | 'failed',
): PaymentIntent {
  if (pi.status !== 'requires_action' || !pi.payment_method) {
    throw invalidRequest(
      `This PaymentIntent is not awaiting 3-D Secure authentication (status ${pi.status}).`,
      'payment_intent',
      'payment_intent_unexpected_state',
    );
  }
  const request: EventRequest = { id: null, idempotency_key: null };
  const pm = getPaymentMethod(sandbox, pi.payment_method);
  if (outcome === 'failed') {
    pi.status = 'requires_payment_method';
    pi.next_action = null;
    pi.payment_method = null;
    pi.last_payment_error = {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: pm,
    };
    sandbox.store.changed();
    sandbox.emit('payment_intent.payment_failed', pi, request);
    return pi;
  }
  try {
    authorize(sandbox, pi, pm, true, request, []);
  } catch (e) {
    if (!(e instanceof StripeError)) throw e;
  }
  return pi;
}

/** A PaymentIntent or SetupIntent awaiting (or past) its 3-D Secure challenge, by id. */
export function intentForChallenge(sandbox: Sandbox, id: string): PaymentIntent | SetupIntent {
  if (id.startsWith('seti_')) return getSetupIntent(sandbox, id, 'setup_intent');
  return getPaymentIntent(sandbox, id, 'payment_intent');
}

/** Resolves the challenge of either kind of intent. */
export function completeIntentThreeDS(
  sandbox: Sandbox,
  id: string,
  outcome: 'completed' | 'failed',
): PaymentIntent | SetupIntent {
  const intent = intentForChallenge(sandbox, id);
  return intent.object === 'setup_intent'
    ? completeSetupThreeDS(sandbox, intent, outcome)
    : completeThreeDS(sandbox, intent, outcome);
}
