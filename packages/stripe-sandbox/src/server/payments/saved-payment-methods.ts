import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import type { PaymentIntent, PaymentMethod } from '../state/objects';
import { cardErrorFields } from './card-errors';
import { mergeMetadata } from './merge-metadata';
import { assertReusable, testCardOf } from './payment-methods';
import { addressOf } from './shipping';

/** True when the card was saved for later (SetupIntent, setup_future_usage) or is attached to a customer. */
export function isSetUp(sandbox: Sandbox, pm: PaymentMethod): boolean {
  return sandbox.store.paymentMethodUse.get(pm.id) === 'set_up';
}

/** `setup_future_usage` of a PaymentIntent, from the top level or `payment_method_options[card]`. */
function setupFutureUsage(pi: PaymentIntent): string | null {
  const card = pi.payment_method_options.card as { setup_future_usage?: string } | undefined;
  const sfu = card?.setup_future_usage ?? pi.setup_future_usage;
  return sfu && sfu !== 'none' ? sfu : null;
}

/**
 * After a payment attempt with `pm`: with `setup_future_usage` a successful payment saves the card (attached to
 * the PaymentIntent's customer when it has one); otherwise an unattached PaymentMethod is used up.
 */
export function recordPaymentUse(
  sandbox: Sandbox,
  pi: PaymentIntent,
  pm: PaymentMethod,
  succeeded: boolean,
  request: EventRequest,
): void {
  if (succeeded && setupFutureUsage(pi)) {
    sandbox.store.paymentMethodUse.set(pm.id, 'set_up');
    if (pi.customer && pm.customer === null) attach(sandbox, pm, pi.customer, request);
    sandbox.store.changed();
    return;
  }
  if (pm.customer === null && sandbox.store.paymentMethodUse.get(pm.id) !== 'set_up') {
    sandbox.store.paymentMethodUse.set(pm.id, 'consumed');
    sandbox.store.changed();
  }
}

function attach(sandbox: Sandbox, pm: PaymentMethod, customer: string, request: EventRequest): void {
  pm.customer = customer;
  sandbox.store.changed();
  sandbox.emit('payment_method.attached', pm, request);
}

/** Saves a card for a SetupIntent: reusable from now on, attached to the intent's customer if any. */
export function recordSetup(
  sandbox: Sandbox,
  pm: PaymentMethod,
  customer: string | null,
  request: EventRequest,
): void {
  sandbox.store.paymentMethodUse.set(pm.id, 'set_up');
  if (customer && pm.customer === null) attach(sandbox, pm, customer, request);
  sandbox.store.changed();
}

/**
 * POST /v1/payment_methods/:id/attach. The card is checked as Stripe does when saving it: a declining test card
 * is refused with its 402 card_error (except cards whose failure applies to charges only).
 */
export function attachPaymentMethod(
  sandbox: Sandbox,
  pm: PaymentMethod,
  customerId: string | undefined,
  request: EventRequest,
): PaymentMethod {
  if (!customerId) throw missingParameter('customer');
  if (!sandbox.store.customers.has(customerId))
    throw resourceMissing('customer', customerId, 'customer', 400);
  if (pm.customer === customerId) return pm;
  if (pm.customer !== null) {
    throw invalidRequest('The payment method you provided has already been attached to a customer.');
  }
  assertReusable(sandbox, pm);
  const card = testCardOf(sandbox, pm);
  const failure = card ? (card.failsOnChargeOnly ? undefined : card.failure) : undefined;
  if (failure) throw new StripeError(402, cardErrorFields(failure));
  attach(sandbox, pm, customerId, request);
  return pm;
}

/** POST /v1/payment_methods/:id/detach: the card leaves its customer and cannot be used again. */
export function detachPaymentMethod(
  sandbox: Sandbox,
  pm: PaymentMethod,
  request: EventRequest,
): PaymentMethod {
  const customerId = pm.customer;
  if (customerId === null) {
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
    );
  }
  pm.customer = null;
  sandbox.store.paymentMethodUse.set(pm.id, 'consumed');
  const customer = sandbox.store.customers.get(customerId);
  if (customer?.invoice_settings.default_payment_method === pm.id) {
    customer.invoice_settings.default_payment_method = null;
  }
  sandbox.store.changed();
  sandbox.emit('payment_method.detached', pm, request, { customer: customerId });
  return pm;
}

/** POST /v1/payment_methods/:id: billing details, metadata, expiry and allow_redisplay of a saved card. */
export function updatePaymentMethod(
  sandbox: Sandbox,
  pm: PaymentMethod,
  params: Params,
  request: EventRequest,
): PaymentMethod {
  if (pm.customer === null) {
    throw invalidRequest('You must save this PaymentMethod to a customer before you can update it.');
  }
  const previous: Record<string, unknown> = {};
  const billing = params.billing_details as Params | null | undefined;
  if (billing !== undefined) {
    previous.billing_details = structuredClone(pm.billing_details);
    const b = billing ?? {};
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
    if (b.address !== undefined) pm.billing_details.address = addressOf(b.address as Params | null);
    for (const k of ['email', 'name', 'phone'] as const) {
      if (b[k] !== undefined) pm.billing_details[k] = str(b[k]);
    }
  }
  const card = params.card as Params | null | undefined;
  if (card) {
    previous.card = { exp_month: pm.card.exp_month, exp_year: pm.card.exp_year };
    const month = card.exp_month === undefined ? pm.card.exp_month : Number(card.exp_month);
    let year = card.exp_year === undefined ? pm.card.exp_year : Number(card.exp_year);
    if (year < 100) year += 2000;
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw invalidRequest(
        "Your card's expiration month is invalid.",
        'card[exp_month]',
        'invalid_expiry_month',
      );
    }
    const now = new Date();
    if (
      !Number.isInteger(year) ||
      year < now.getUTCFullYear() ||
      (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)
    ) {
      throw invalidRequest(
        "Your card's expiration year is invalid.",
        'card[exp_year]',
        'invalid_expiry_year',
      );
    }
    pm.card.exp_month = month;
    pm.card.exp_year = year;
  }
  if (params.metadata !== undefined) {
    previous.metadata = { ...pm.metadata };
    pm.metadata = mergeMetadata(pm.metadata, params.metadata as Record<string, string>);
  }
  if (params.allow_redisplay !== undefined) {
    previous.allow_redisplay = pm.allow_redisplay;
    pm.allow_redisplay = params.allow_redisplay as string;
  }
  sandbox.store.changed();
  sandbox.emit('payment_method.updated', pm, request, previous);
  return pm;
}
