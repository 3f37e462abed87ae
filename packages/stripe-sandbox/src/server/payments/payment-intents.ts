import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds, randomString } from '../state/ids';
import type { PaymentIntent } from '../state/objects';
import { confirmPaymentIntent } from './confirm-payment-intent';
import { assertDescriptors, assertEmail } from './descriptors';
import { mergeMetadata } from './merge-metadata';
import { cardOptions } from './payment-method-options';
import { assignPaymentMethod, createCardPaymentMethod, resolvePaymentMethod } from './payment-methods';
import { render } from './render';
import { shippingOf } from './shipping';
import { unexpectedState } from './unexpected-state';

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

const UPDATABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action']);

export function getPaymentIntent(sandbox: Sandbox, id: string, param = 'intent'): PaymentIntent {
  const pi = sandbox.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing(param, id, 'payment_intent');
  return pi;
}

/** Publishable-key access (Stripe.js): the intent's client secret must be given and match. */
export function assertClientSecret(
  intent: { client_secret: string },
  clientSecret: string | undefined,
  kind: 'PaymentIntent' | 'SetupIntent' = 'PaymentIntent',
): void {
  if (clientSecret === undefined) {
    throw invalidRequest(
      `This API call cannot be made with a publishable API key without the client_secret of the ${kind}.`,
      'client_secret',
    );
  }
  if (clientSecret !== intent.client_secret) {
    throw invalidRequest(
      `The client_secret provided does not match the client_secret associated with the ${kind}.`,
      'client_secret',
    );
  }
}

export function assertAmount(amount: number, currency: string): void {
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

export function assertCurrency(currency: string): string {
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
  assertDescriptors(params);
  assertEmail(params.receipt_email, 'receipt_email');
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
    invoice: null,
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
    shipping: shippingOf(params.shipping as Params | null | undefined),
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
  assertDescriptors(params);
  assertEmail(params.receipt_email, 'receipt_email');
  if (params.currency !== undefined) pi.currency = assertCurrency(params.currency as string);
  if (params.amount !== undefined) {
    assertAmount(params.amount as number, pi.currency);
    pi.amount = params.amount as number;
  }
  if (params.customer !== undefined) pi.customer = assertCustomer(sandbox, params.customer as string);
  if (params.description !== undefined) pi.description = (params.description as string) || null;
  if (params.receipt_email !== undefined) pi.receipt_email = (params.receipt_email as string) || null;
  if (params.shipping !== undefined) pi.shipping = shippingOf(params.shipping as Params | null);
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
  if (params.payment_method !== undefined) assignPaymentMethod(sandbox, pi, params.payment_method as string);
  sandbox.store.changed();
  return render(sandbox, pi, expand);
}
