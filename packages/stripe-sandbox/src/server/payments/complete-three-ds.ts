import { StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import type { PaymentIntent, SetupIntent } from '../state/objects';
import { authorize } from './confirm-payment-intent';
import { getPaymentIntent } from './payment-intents';
import { completeSetupThreeDS, getSetupIntent } from './setup-intents';
import { resolveChallenge } from './three-ds-outcome';

/** Outcome of a 3-D Secure challenge (page buttons, control API, or auto mode). */
export function completeThreeDS(
  sandbox: Sandbox,
  pi: PaymentIntent,
  outcome: 'completed' | 'failed',
): PaymentIntent {
  const started = resolveChallenge(sandbox, pi, outcome);
  if (!started) return pi;
  const { pm, request } = started;
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
