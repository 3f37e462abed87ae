import { AUTHENTICATION_REQUIRED, type CardFailure, paymentFailureOf } from '../cards/test-cards';
import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId } from '../state/ids';
import type { PaymentIntent, PaymentMethod } from '../state/objects';
import { cardErrorFields, lastErrorOf } from './card-errors';
import { createCharge } from './charges';
import { assertEmail } from './descriptors';
import { openDispute } from './open-dispute';
import { capturesManually, cardOptions } from './payment-method-options';
import { paymentMethodForConfirm, testCardOf } from './payment-methods';
import { render } from './render';
import { isSetUp, recordPaymentUse } from './saved-payment-methods';
import { shippingOf } from './shipping';
import { unexpectedState } from './unexpected-state';

const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);

export function assertReturnUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw invalidRequest(
      `Invalid URL: ${url}. The return_url must be an absolute http(s) URL.`,
      'return_url',
      'url_invalid',
    );
  }
}

/** The challenge page of a PaymentIntent or SetupIntent. */
export function challengeUrl(
  sandbox: Sandbox,
  intent: { id: string; client_secret: string },
  returnUrl: string | null,
): string {
  const q = new URLSearchParams({ client_secret: intent.client_secret });
  if (returnUrl) q.set('return_url', returnUrl);
  return `${sandbox.baseUrl}/_sandbox/3ds/${intent.id}?${q.toString()}`;
}

/** `next_action` of an intent awaiting 3-D Secure: a redirect when the confirm gave a return_url. */
export function threeDSNextAction(url: string, returnUrl: string | null): Record<string, unknown> {
  return returnUrl
    ? { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url } }
    : {
        type: 'use_stripe_sdk',
        use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: newId('src') },
      };
}

export function confirmPaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CONFIRMABLE.has(pi.status)) throw unexpectedState(pi, 'confirm', CONFIRMABLE);
  assertEmail(params.receipt_email, 'receipt_email');
  if (params.receipt_email !== undefined) pi.receipt_email = (params.receipt_email as string) || null;
  if (params.shipping !== undefined) pi.shipping = shippingOf(params.shipping as Params | null);
  if (params.capture_method !== undefined)
    pi.capture_method = params.capture_method as PaymentIntent['capture_method'];
  if (params.setup_future_usage !== undefined)
    pi.setup_future_usage = (params.setup_future_usage as string) || null;
  if (params.payment_method_options !== undefined) {
    pi.payment_method_options = cardOptions(
      params.payment_method_options as Params | null,
      pi.payment_method_options,
    );
  }

  let pm: PaymentMethod | undefined;
  try {
    pm = paymentMethodForConfirm(sandbox, params, pi.payment_method);
  } catch (e) {
    if (e instanceof StripeError && e.fields.type === 'card_error') {
      e.fields.payment_intent = render(sandbox, pi, []);
    }
    throw e;
  }
  if (!pm) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'payment_intent_unexpected_state',
      message:
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      payment_intent: render(sandbox, pi, []),
    });
  }
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  const card = testCardOf(sandbox, pm);
  const returnUrl = (params.return_url as string | undefined) || null;
  if (returnUrl !== null) assertReturnUrl(returnUrl);

  const requested = (pi.payment_method_options.card as { request_three_d_secure?: string } | undefined)
    ?.request_three_d_secure;
  const offSession = params.off_session === true;
  const savedForOffSession = offSession && card?.offSession === 'after_setup' && isSetUp(sandbox, pm);
  const challenge =
    (card?.threeDSecure === 'required' && !savedForOffSession) ||
    ((requested === 'any' || requested === 'challenge') && card?.threeDSecure !== 'not_supported');
  if (challenge) {
    if (offSession || params.error_on_requires_action === true) {
      return decline(sandbox, pi, pm, AUTHENTICATION_REQUIRED, false, request);
    }
    const url = challengeUrl(sandbox, pi, returnUrl);
    pi.status = 'requires_action';
    pi.next_action = threeDSNextAction(url, returnUrl);
    sandbox.store.changed();
    sandbox.emit('payment_intent.requires_action', pi, request);
    return render(sandbox, pi, expand);
  }
  return authorize(sandbox, pi, pm, false, request, expand);
}

/** The card network's answer after (optional) authentication: success, manual-capture hold, or decline. */
export function authorize(
  sandbox: Sandbox,
  pi: PaymentIntent,
  pm: PaymentMethod,
  threeDSecure: boolean,
  request: EventRequest,
  expand: string[],
): object {
  const card = testCardOf(sandbox, pm);
  const failure = paymentFailureOf(card);
  if (failure) return decline(sandbox, pi, pm, failure, threeDSecure, request);
  const charge = createCharge(sandbox, pi, pm, undefined, threeDSecure);
  recordPaymentUse(sandbox, pi, pm, true, request);
  pi.latest_charge = charge.id;
  pi.next_action = null;
  if (capturesManually(pi)) {
    pi.status = 'requires_capture';
    pi.amount_capturable = pi.amount;
    sandbox.store.changed();
    sandbox.emit('charge.succeeded', charge, request);
    sandbox.emit('payment_intent.amount_capturable_updated', pi, request);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    sandbox.store.changed();
    sandbox.emit('charge.succeeded', charge, request);
    sandbox.emit('payment_intent.succeeded', pi, request);
    if (card?.dispute) openDispute(sandbox, charge.id);
  }
  return render(sandbox, pi, expand);
}

function decline(
  sandbox: Sandbox,
  pi: PaymentIntent,
  pm: PaymentMethod,
  failure: CardFailure,
  threeDSecure: boolean,
  request: EventRequest,
): never {
  const charge = createCharge(sandbox, pi, pm, failure, threeDSecure);
  recordPaymentUse(sandbox, pi, pm, false, request);
  pi.status = 'requires_payment_method';
  pi.last_payment_error = lastErrorOf(failure, pm, charge.id);
  pi.latest_charge = charge.id;
  pi.payment_method = null;
  pi.next_action = null;
  sandbox.store.changed();
  sandbox.emit('charge.failed', charge, request);
  sandbox.emit('payment_intent.payment_failed', pi, request);
  throw new StripeError(
    402,
    cardErrorFields(failure, { charge: charge.id, payment_intent: pi, payment_method: pm }),
  );
}
