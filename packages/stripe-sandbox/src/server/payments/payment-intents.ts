import { paymentFailureOf } from '../cards/test-cards';
import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds, randomString } from '../state/ids';
import type { LastPaymentError, PaymentIntent, PaymentMethod } from '../state/objects';
import { createCharge } from './charges';
import {
  createCardPaymentMethod,
  getPaymentMethod,
  resolvePaymentMethod,
  testCardOf,
} from './payment-methods';
import { render } from './render';

export const CURRENCIES = new Set([
  'eur',
  'usd',
  'gbp',
  'chf',
  'cad',
  'aud',
  'jpy',
  'sek',
  'nok',
  'dkk',
  'pln',
]);
const ZERO_DECIMAL = new Set(['jpy']);
const MINIMUM_AMOUNT = 50;
const MAXIMUM_AMOUNT = 99_999_999;

const CANCELABLE = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
]);
const CONFIRMABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);
const UPDATABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);

export function getPaymentIntent(sandbox: Sandbox, id: string, param = 'intent'): PaymentIntent {
  const pi = sandbox.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing(param, id, 'payment_intent');
  return pi;
}

/** Publishable-key access: the client secret must match (as Stripe.js calls it). */
export function assertClientSecret(pi: PaymentIntent, clientSecret: string | undefined): void {
  if (clientSecret === undefined) {
    throw invalidRequest(
      'This API call cannot be made with a publishable API key without the client_secret of the PaymentIntent.',
      'client_secret',
    );
  }
  if (clientSecret !== pi.client_secret) {
    throw invalidRequest(
      'The client_secret provided does not match the client_secret associated with the PaymentIntent.',
      'client_secret',
    );
  }
}

function unexpectedState(pi: PaymentIntent, action: string, allowed: Set<string>): StripeError {
  return new StripeError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message: `You cannot ${action} this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action === 'confirm' ? 'confirmed' : action === 'cancel' ? 'canceled' : action === 'capture' ? 'captured' : 'updated'}: ${[...allowed].join(', ')}.`,
    payment_intent: pi,
  });
}

function assertAmount(amount: number, currency: string): void {
  if (amount < 0)
    throw invalidRequest(
      'This value must be greater than or equal to 1.',
      'amount',
      'parameter_invalid_integer',
    );
  const minimum = ZERO_DECIMAL.has(currency) ? 50 : MINIMUM_AMOUNT;
  if (amount < minimum) {
    throw invalidRequest(
      `Amount must be at least ${ZERO_DECIMAL.has(currency) ? '50' : '0.50'} ${currency}`,
      'amount',
      'amount_too_small',
    );
  }
  if (amount > MAXIMUM_AMOUNT)
    throw invalidRequest('Amount must be no more than 999,999.99', 'amount', 'amount_too_large');
}

function assertCurrency(currency: string): string {
  const c = currency.toLowerCase();
  if (!CURRENCIES.has(c)) {
    throw invalidRequest(
      `Invalid currency: ${currency}. This sandbox supports: ${[...CURRENCIES].join(', ')}.`,
      'currency',
      'parameter_invalid_string',
    );
  }
  return c;
}

function assertCustomer(sandbox: Sandbox, id: string | undefined | null): string | null {
  if (id === undefined || id === null || id === '') return null;
  if (!sandbox.store.customers.has(id)) throw resourceMissing('customer', id, 'customer', 400);
  return id;
}

function paymentMethodTypes(params: Params): string[] {
  const types = params.payment_method_types as string[] | undefined;
  if (types === undefined) return ['card'];
  for (const t of types) {
    if (t !== 'card') {
      throw invalidRequest(
        `The payment method type provided: ${t} is invalid. This sandbox supports: card.`,
        'payment_method_types',
        'payment_intent_invalid_parameter',
      );
    }
  }
  return types;
}

export function createPaymentIntent(
  sandbox: Sandbox,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (params.amount === undefined) throw missingParameter('amount');
  if (params.currency === undefined || params.currency === '') throw missingParameter('currency');
  const currency = assertCurrency(params.currency as string);
  const amount = params.amount as number;
  assertAmount(amount, currency);
  const apm = params.automatic_payment_methods as Params | null | undefined;
  if (apm && params.payment_method_types !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: automatic_payment_methods, payment_method_types.',
      'automatic_payment_methods',
    );
  }
  const id = newId('pi');
  const pi: PaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: apm
      ? {
          allow_redirects: (apm.allow_redirects as string | undefined) ?? 'always',
          enabled: apm.enabled === true,
        }
      : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method:
      (params.capture_method as PaymentIntent['capture_method'] | undefined) ?? 'automatic_async',
    client_secret: `${id}_secret_${randomString(25)}`,
    confirmation_method:
      (params.confirmation_method as PaymentIntent['confirmation_method'] | undefined) ?? 'automatic',
    created: nowSeconds(),
    currency,
    customer: assertCustomer(sandbox, params.customer as string | undefined),
    description: (params.description as string | undefined) || null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: cardOptions(params.payment_method_options as Params | undefined, undefined),
    payment_method_types: apm?.enabled === true ? ['card'] : paymentMethodTypes(params),
    processing: null,
    receipt_email: (params.receipt_email as string | undefined) || null,
    review: null,
    setup_future_usage: (params.setup_future_usage as string | undefined) || null,
    shipping: null,
    source: null,
    statement_descriptor: (params.statement_descriptor as string | undefined) || null,
    statement_descriptor_suffix: (params.statement_descriptor_suffix as string | undefined) || null,
    status: 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
  if (pi.automatic_payment_methods === null && params.automatic_payment_methods === undefined) {
    // Newer API versions enable automatic payment methods by default when no types are given.
    if (params.payment_method_types === undefined)
      pi.automatic_payment_methods = { allow_redirects: 'always', enabled: true };
  }
  if (params.payment_method !== undefined && params.payment_method !== '') {
    pi.payment_method = resolvePaymentMethod(sandbox, params.payment_method as string).id;
    pi.status = 'requires_confirmation';
  }
  if (params.payment_method_data && params.confirm !== true) {
    const pmd = params.payment_method_data as Params;
    pi.payment_method = createCardPaymentMethod(
      sandbox,
      pmd.type as string,
      pmd.card as Params,
      pmd.billing_details as Params,
      {},
      'payment_method_data',
    ).id;
    pi.status = 'requires_confirmation';
  }
  sandbox.store.paymentIntents.set(pi.id, pi);
  sandbox.store.changed();
  sandbox.emit('payment_intent.created', pi, request);
  if (params.confirm === true) {
    return confirmPaymentIntent(sandbox, pi, params, request, expand);
  }
  return render(sandbox, pi, expand);
}

export function updatePaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  expand: string[],
): object {
  const restricted = Object.keys(params).filter(
    (k) =>
      !['metadata', 'description', 'receipt_email', 'expand', 'shipping', 'statement_descriptor'].includes(k),
  );
  if (restricted.length > 0 && !UPDATABLE.has(pi.status)) throw unexpectedState(pi, 'update', UPDATABLE);
  if (params.currency !== undefined) pi.currency = assertCurrency(params.currency as string);
  if (params.amount !== undefined) {
    assertAmount(params.amount as number, pi.currency);
    pi.amount = params.amount as number;
  }
  if (params.customer !== undefined) pi.customer = assertCustomer(sandbox, params.customer as string);
  if (params.description !== undefined) pi.description = (params.description as string) || null;
  if (params.receipt_email !== undefined) pi.receipt_email = (params.receipt_email as string) || null;
  if (params.capture_method !== undefined)
    pi.capture_method = params.capture_method as PaymentIntent['capture_method'];
  if (params.setup_future_usage !== undefined)
    pi.setup_future_usage = (params.setup_future_usage as string) || null;
  if (params.statement_descriptor !== undefined)
    pi.statement_descriptor = (params.statement_descriptor as string) || null;
  if (params.statement_descriptor_suffix !== undefined) {
    pi.statement_descriptor_suffix = (params.statement_descriptor_suffix as string) || null;
  }
  if (params.payment_method_types !== undefined) pi.payment_method_types = paymentMethodTypes(params);
  if (params.payment_method_options !== undefined) {
    pi.payment_method_options = cardOptions(
      params.payment_method_options as Params | null,
      pi.payment_method_options,
    );
  }
  if (params.metadata !== undefined)
    pi.metadata = mergeMetadata(pi.metadata, params.metadata as Record<string, string>);
  if (params.payment_method !== undefined) {
    if (params.payment_method === '') {
      pi.payment_method = null;
      pi.status = 'requires_payment_method';
    } else {
      pi.payment_method = resolvePaymentMethod(sandbox, params.payment_method as string).id;
      pi.status = 'requires_confirmation';
    }
    pi.next_action = null;
  }
  sandbox.store.changed();
  return render(sandbox, pi, expand);
}

/** Stripe's metadata update: keys merge, an empty value removes a key, `metadata=` clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string>,
): Record<string, string> {
  // `metadata=` (decoded as an empty hash) clears every key.
  if (Object.keys(update).length === 0) return {};
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  if (Object.keys(out).length > 50) {
    throw invalidRequest('Invalid metadata: metadata can have up to 50 keys.', 'metadata');
  }
  return out;
}

/** `payment_method_options[card]` as the API shows it (only the card options exist here). */
function cardOptions(
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

function assertReturnUrl(url: string): void {
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

function challengeUrl(sandbox: Sandbox, pi: PaymentIntent, returnUrl: string | null): string {
  const q = new URLSearchParams({ client_secret: pi.client_secret });
  if (returnUrl) q.set('return_url', returnUrl);
  return `${sandbox.baseUrl}/_sandbox/3ds/${pi.id}?${q.toString()}`;
}

export function confirmPaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CONFIRMABLE.has(pi.status)) throw unexpectedState(pi, 'confirm', CONFIRMABLE);
  if (params.receipt_email !== undefined) pi.receipt_email = (params.receipt_email as string) || null;
  if (params.capture_method !== undefined)
    pi.capture_method = params.capture_method as PaymentIntent['capture_method'];
  if (params.setup_future_usage !== undefined)
    pi.setup_future_usage = (params.setup_future_usage as string) || null;

  let pm: PaymentMethod | undefined;
  const pmd = params.payment_method_data as Params | undefined;
  if (pmd) {
    try {
      pm = createCardPaymentMethod(
        sandbox,
        pmd.type as string | undefined,
        pmd.card as Params | undefined,
        pmd.billing_details as Params | undefined,
        (pmd.metadata as Record<string, string> | undefined) ?? {},
        'payment_method_data',
      );
    } catch (e) {
      if (e instanceof StripeError && e.fields.type === 'card_error') {
        e.fields.payment_intent = render(sandbox, pi, []);
      }
      throw e;
    }
  } else if (params.payment_method !== undefined && params.payment_method !== '') {
    pm = resolvePaymentMethod(sandbox, params.payment_method as string);
  } else if (pi.payment_method) {
    pm = getPaymentMethod(sandbox, pi.payment_method);
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
  const challenge =
    card?.threeDSecure === 'required' ||
    ((requested === 'any' || requested === 'challenge') && card?.threeDSecure !== 'not_supported');
  if (challenge) {
    if (params.off_session === true || params.error_on_requires_action === true) {
      return decline(
        sandbox,
        pi,
        pm,
        {
          code: 'authentication_required',
          decline_code: 'authentication_required',
          message: 'Your card was declined. This transaction requires authentication.',
          outcome: {
            network_status: 'declined_by_network',
            reason: 'authentication_required',
            risk_level: 'normal',
            seller_message: 'The bank returned the decline code `authentication_required`.',
            type: 'issuing_declined',
          },
        },
        false,
        request,
      );
    }
    const url = challengeUrl(sandbox, pi, returnUrl);
    pi.status = 'requires_action';
    pi.next_action = returnUrl
      ? { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url } }
      : {
          type: 'use_stripe_sdk',
          use_stripe_sdk: {
            type: 'three_d_secure_redirect',
            stripe_js: url,
            source: newId('src'),
          },
        };
    sandbox.store.changed();
    sandbox.emit('payment_intent.requires_action', pi, request);
    return render(sandbox, pi, expand);
  }
  return authorize(sandbox, pi, pm, false, request, expand);
}

/** The card network's answer after (optional) authentication: success, manual-capture hold, or decline. */
function authorize(
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
  pi.latest_charge = charge.id;
  pi.next_action = null;
  if (pi.capture_method === 'manual') {
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
  failure: import('../cards/test-cards').CardFailure,
  threeDSecure: boolean,
  request: EventRequest,
): never {
  const charge = createCharge(sandbox, pi, pm, failure, threeDSecure);
  const error: LastPaymentError = {
    type: 'card_error',
    charge: charge.id,
    code: failure.code,
    doc_url: `https://stripe.com/docs/error-codes/${failure.code.replaceAll('_', '-')}`,
    message: failure.message,
    payment_method: pm,
  };
  if (failure.decline_code) error.decline_code = failure.decline_code;
  if (failure.param) error.param = failure.param;
  pi.status = 'requires_payment_method';
  pi.last_payment_error = error;
  pi.latest_charge = charge.id;
  pi.payment_method = null;
  pi.next_action = null;
  sandbox.store.changed();
  sandbox.emit('charge.failed', charge, request);
  sandbox.emit('payment_intent.payment_failed', pi, request);
  const fields: import('../http/stripe-error').StripeErrorFields = {
    type: 'card_error',
    code: failure.code,
    message: failure.message,
    charge: charge.id,
    payment_intent: pi,
    payment_method: pm,
  };
  if (failure.decline_code) fields.decline_code = failure.decline_code;
  if (failure.param) fields.param = failure.param;
  throw new StripeError(402, fields);
}

const DISPUTE_EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
];

function openDispute(sandbox: Sandbox, chargeId: string): void {
  const charge = sandbox.store.charges.get(chargeId);
  if (!charge) return;
  const now = nowSeconds();
  const dispute = {
    id: newId('dp'),
    object: 'dispute' as const,
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence: Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((k) => [k, null])),
    evidence_details: { due_by: now + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false as const,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: 'fraudulent',
    status: 'needs_response',
  };
  sandbox.store.disputes.set(dispute.id, dispute);
  charge.disputed = true;
  sandbox.store.changed();
  sandbox.emit('charge.dispute.created', dispute, { id: null, idempotency_key: null });
}

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

export function cancelPaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CANCELABLE.has(pi.status)) throw unexpectedState(pi, 'cancel', CANCELABLE);
  if (pi.status === 'requires_capture' && pi.latest_charge) {
    const charge = sandbox.store.charges.get(pi.latest_charge);
    if (charge) {
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
    }
  }
  pi.status = 'canceled';
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = (params.cancellation_reason as string | undefined) ?? null;
  pi.amount_capturable = 0;
  pi.next_action = null;
  sandbox.store.changed();
  sandbox.emit('payment_intent.canceled', pi, request);
  return render(sandbox, pi, expand);
}

export function capturePaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const capturable = new Set(['requires_capture']);
  if (pi.status !== 'requires_capture') throw unexpectedState(pi, 'capture', capturable);
  const amount = (params.amount_to_capture as number | undefined) ?? pi.amount_capturable;
  if (amount < 1 || amount > pi.amount_capturable) {
    throw invalidRequest(
      `The amount to capture (${amount}) must be between 1 and the capturable amount (${pi.amount_capturable}).`,
      'amount_to_capture',
      'amount_too_large',
    );
  }
  const charge = sandbox.store.charges.get(pi.latest_charge!);
  if (!charge) throw resourceMissing('intent', pi.id, 'charge for payment_intent');
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = newId('txn');
  if (amount < charge.amount) charge.amount_refunded = charge.amount - amount;
  if (params.metadata !== undefined)
    pi.metadata = mergeMetadata(pi.metadata, params.metadata as Record<string, string>);
  pi.status = 'succeeded';
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  sandbox.store.changed();
  sandbox.emit('charge.captured', charge, request);
  sandbox.emit('payment_intent.succeeded', pi, request);
  return render(sandbox, pi, expand);
}
