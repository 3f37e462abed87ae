import { paymentFailureOf } from '../cards/test-cards';
import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, resourceMissing, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds, randomString } from '../state/ids';
import type { PaymentMethod, SetupIntent } from '../state/objects';
import { cardErrorFields, lastErrorOf } from './card-errors';
import { assertReturnUrl, challengeUrl, threeDSNextAction } from './confirm-payment-intent';
import { mergeMetadata } from './merge-metadata';
import {
  assignPaymentMethod,
  paymentMethodForConfirm,
  resolvePaymentMethod,
  testCardOf,
} from './payment-methods';
import { render } from './render';
import { recordSetup } from './saved-payment-methods';
import { resolveChallenge } from './three-ds-outcome';

const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);
const CANCELABLE = CONFIRMABLE;

export function getSetupIntent(sandbox: Sandbox, id: string, param = 'intent'): SetupIntent {
  const si = sandbox.store.setupIntents.get(id);
  if (!si) throw resourceMissing(param, id, 'setupintent');
  return si;
}

function unexpectedState(
  si: SetupIntent,
  action: 'confirm' | 'cancel' | 'update',
  allowed: Set<string>,
): StripeError {
  const past = action === 'confirm' ? 'confirmed' : action === 'cancel' ? 'canceled' : 'updated';
  return new StripeError(400, {
    type: 'invalid_request_error',
    code: 'setup_intent_unexpected_state',
    message: `You cannot ${action} this SetupIntent because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be ${past}: ${[...allowed].join(', ')}.`,
  });
}

function assertCustomer(sandbox: Sandbox, id: unknown): string | null {
  if (typeof id !== 'string' || id === '') return null;
  if (!sandbox.store.customers.has(id)) throw resourceMissing('customer', id, 'customer', 400);
  return id;
}

function paymentMethodTypes(types: string[] | undefined): string[] {
  for (const t of types ?? []) {
    if (t !== 'card') {
      throw invalidRequest(
        `The payment method type provided: ${t} is invalid. This sandbox supports: card.`,
        'payment_method_types',
      );
    }
  }
  return types ?? ['card'];
}

function requestThreeDSecure(input: Params | null | undefined, current = 'automatic'): string {
  const card = input?.card as Params | undefined;
  return (card?.request_three_d_secure as string | undefined) ?? current;
}

/** `payment_method_options` given to an update or a confirm. */
function applyOptions(si: SetupIntent, params: Params): void {
  if (params.payment_method_options === undefined) return;
  si.payment_method_options.card.request_three_d_secure = requestThreeDSecure(
    params.payment_method_options as Params | null,
    si.payment_method_options.card.request_three_d_secure,
  );
}

export function createSetupIntent(
  sandbox: Sandbox,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const apm = params.automatic_payment_methods as Params | null | undefined;
  if (apm && params.payment_method_types !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      'automatic_payment_methods',
    );
  }
  const id = newId('seti');
  const explicitTypes = params.payment_method_types !== undefined;
  const si: SetupIntent = {
    id,
    object: 'setup_intent',
    application: null,
    automatic_payment_methods:
      apm || !explicitTypes
        ? {
            allow_redirects: (apm?.allow_redirects as string | undefined) ?? 'always',
            enabled: apm ? apm.enabled === true : true,
          }
        : null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomString(25)}`,
    created: nowSeconds(),
    customer: assertCustomer(sandbox, params.customer),
    description: (params.description as string | undefined) || null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: {
        mandate_options: null,
        network: null,
        request_three_d_secure: requestThreeDSecure(params.payment_method_options as Params | undefined),
      },
    },
    payment_method_types: paymentMethodTypes(params.payment_method_types as string[] | undefined),
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: (params.usage as SetupIntent['usage'] | undefined) ?? 'off_session',
  };
  if (typeof params.payment_method === 'string' && params.payment_method !== '') {
    si.payment_method = resolvePaymentMethod(sandbox, params.payment_method).id;
    si.status = 'requires_confirmation';
  }
  sandbox.store.setupIntents.set(si.id, si);
  sandbox.store.changed();
  sandbox.emit('setup_intent.created', si, request);
  if (params.confirm === true) return confirmSetupIntent(sandbox, si, params, request, expand);
  return render(sandbox, si, expand);
}

export function updateSetupIntent(
  sandbox: Sandbox,
  si: SetupIntent,
  params: Params,
  expand: string[],
): object {
  const onlyCosmetic = Object.keys(params).every(
    (k) => k === 'metadata' || k === 'description' || k === 'expand',
  );
  if (!onlyCosmetic && !CONFIRMABLE.has(si.status)) throw unexpectedState(si, 'update', CONFIRMABLE);
  if (params.customer !== undefined) si.customer = assertCustomer(sandbox, params.customer);
  if (params.description !== undefined) si.description = (params.description as string) || null;
  if (params.metadata !== undefined)
    si.metadata = mergeMetadata(si.metadata, params.metadata as Record<string, string>);
  if (params.payment_method_types !== undefined) {
    si.payment_method_types = paymentMethodTypes(params.payment_method_types as string[]);
  }
  applyOptions(si, params);
  if (params.payment_method !== undefined) assignPaymentMethod(sandbox, si, params.payment_method as string);
  sandbox.store.changed();
  return render(sandbox, si, expand);
}

/**
 * Confirms a SetupIntent with a card: a 3-D Secure card (or `request_three_d_secure` any/challenge) stops in
 * requires_action with the same challenge as PaymentIntents; a declining card fails with its 402 card_error
 * (`last_setup_error`, `setup_intent.setup_failed`); otherwise the card is saved (attached to the customer).
 */
export function confirmSetupIntent(
  sandbox: Sandbox,
  si: SetupIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CONFIRMABLE.has(si.status)) throw unexpectedState(si, 'confirm', CONFIRMABLE);
  applyOptions(si, params);
  const pm = paymentMethodForConfirm(sandbox, params, si.payment_method);
  if (!pm) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'setup_intent_unexpected_state',
      message:
        "You cannot confirm this SetupIntent because it's missing a payment method. You can either update the SetupIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    });
  }
  if (pm.customer !== null && si.customer !== null && pm.customer !== si.customer) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer.',
      'payment_method',
    );
  }
  const returnUrl = (params.return_url as string | undefined) || null;
  if (returnUrl !== null) assertReturnUrl(returnUrl);
  si.payment_method = pm.id;
  si.last_setup_error = null;
  const card = testCardOf(sandbox, pm);
  const requested = si.payment_method_options.card.request_three_d_secure;
  const challenge =
    card?.threeDSecure === 'required' ||
    ((requested === 'any' || requested === 'challenge') && card?.threeDSecure !== 'not_supported');
  if (challenge) {
    si.status = 'requires_action';
    si.next_action = threeDSNextAction(challengeUrl(sandbox, si, returnUrl), returnUrl);
    sandbox.store.changed();
    sandbox.emit('setup_intent.requires_action', si, request);
    return render(sandbox, si, expand);
  }
  return finishSetup(sandbox, si, pm, request, expand);
}

/** The card network's answer to saving the card (after authentication when there was one). */
export function finishSetup(
  sandbox: Sandbox,
  si: SetupIntent,
  pm: PaymentMethod,
  request: EventRequest,
  expand: string[],
): object {
  const card = testCardOf(sandbox, pm);
  const failure = card?.failsOnChargeOnly ? undefined : paymentFailureOf(card);
  si.next_action = null;
  if (failure) {
    si.status = 'requires_payment_method';
    si.payment_method = null;
    si.last_setup_error = lastErrorOf(failure, pm);
    sandbox.store.paymentMethodUse.set(pm.id, 'consumed');
    sandbox.store.changed();
    sandbox.emit('setup_intent.setup_failed', si, request);
    throw new StripeError(
      402,
      cardErrorFields(failure, { payment_method: pm, setup_intent: render(sandbox, si, []) }),
    );
  }
  si.status = 'succeeded';
  recordSetup(sandbox, pm, si.customer, request);
  sandbox.store.changed();
  sandbox.emit('setup_intent.succeeded', si, request);
  return render(sandbox, si, expand);
}

/** Outcome of the 3-D Secure challenge of a SetupIntent. */
export function completeSetupThreeDS(
  sandbox: Sandbox,
  si: SetupIntent,
  outcome: 'completed' | 'failed',
): SetupIntent {
  const started = resolveChallenge(sandbox, si, outcome);
  if (!started) return si;
  const { pm, request } = started;
  try {
    finishSetup(sandbox, si, pm, request, []);
  } catch (e) {
    if (!(e instanceof StripeError)) throw e;
  }
  return si;
}

export function cancelSetupIntent(
  sandbox: Sandbox,
  si: SetupIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CANCELABLE.has(si.status)) throw unexpectedState(si, 'cancel', CANCELABLE);
  si.status = 'canceled';
  si.next_action = null;
  si.cancellation_reason = (params.cancellation_reason as string | undefined) ?? null;
  sandbox.store.changed();
  sandbox.emit('setup_intent.canceled', si, request);
  return render(sandbox, si, expand);
}
