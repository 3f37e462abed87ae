import { AUTHENTICATION_REQUIRED, paymentFailureOf } from '../cards/test-cards';
import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { chargeTransaction } from './balance-transactions';
import { cardErrorFields } from './card-errors';
import { type ChargeFor, createCharge, getCharge } from './charges';
import { assertDescriptors, assertEmail } from './descriptors';
import { mergeMetadata } from './merge-metadata';
import { assertAmount, assertCurrency } from './payment-intents';
import { createCardPaymentMethod, testCardOf } from './payment-methods';
import { render } from './render';
import { shippingOf } from './shipping';

/**
 * POST /v1/charges (the Charges API before PaymentIntents): a card token as `source` (`tok_visa`-style alias or a
 * `tok_...` from /v1/tokens), `capture=false` to authorize only. A 3-D Secure card cannot authenticate here and
 * declines with `authentication_required`.
 */
export function createLegacyCharge(
  sandbox: Sandbox,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (params.amount === undefined)
    throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
  if (params.currency === undefined) {
    throw invalidRequest('Missing required param: currency.', 'currency', 'parameter_missing');
  }
  const currency = assertCurrency(params.currency as string);
  assertAmount(params.amount as number, currency);
  assertDescriptors(params);
  assertEmail(params.receipt_email, 'receipt_email');
  const source = params.source as string | undefined;
  if (!source) {
    throw invalidRequest('Must provide source or customer.', 'source', 'parameter_missing');
  }
  const customer = params.customer as string | undefined;
  if (customer && !sandbox.store.customers.has(customer)) {
    throw invalidRequest(`No such customer: '${customer}'`, 'customer', 'resource_missing');
  }
  const pm = createCardPaymentMethod(sandbox, 'card', { token: source }, null, {}, '');
  const payment: ChargeFor = {
    id: null,
    amount: params.amount as number,
    currency,
    customer: customer ?? null,
    description: (params.description as string | undefined) || null,
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    receipt_email: (params.receipt_email as string | undefined) || null,
    shipping: shippingOf(params.shipping as Params | null | undefined),
    statement_descriptor: (params.statement_descriptor as string | undefined) || null,
    statement_descriptor_suffix: (params.statement_descriptor_suffix as string | undefined) || null,
    capture_method: params.capture === false ? 'manual' : 'automatic',
    payment_method_options: {},
  };
  const card = testCardOf(sandbox, pm);
  const failure = card?.threeDSecure === 'required' ? AUTHENTICATION_REQUIRED : paymentFailureOf(card);
  const charge = createCharge(sandbox, payment, pm, failure, false);
  sandbox.store.paymentMethodUse.set(pm.id, 'consumed');
  if (failure) {
    sandbox.emit('charge.failed', charge, request);
    throw new StripeError(402, cardErrorFields(failure, { charge: charge.id }));
  }
  sandbox.emit('charge.succeeded', charge, request);
  return render(sandbox, charge, expand);
}

/** POST /v1/charges/:id/capture: captures an uncaptured legacy charge (all of it, or `amount`). */
export function captureLegacyCharge(
  sandbox: Sandbox,
  id: string,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const charge = getCharge(sandbox, id, 'charge');
  if (charge.payment_intent !== null) {
    throw invalidRequest(
      `Charge ${charge.id} belongs to a PaymentIntent: capture the PaymentIntent (${charge.payment_intent}) instead.`,
      'charge',
    );
  }
  if (charge.captured) {
    throw invalidRequest(
      `Charge ${charge.id} has already been captured.`,
      undefined,
      'charge_already_captured',
    );
  }
  if (charge.status !== 'succeeded') {
    throw invalidRequest(
      `Charge ${charge.id} cannot be captured because it has failed.`,
      undefined,
      'charge_not_refundable',
    );
  }
  const amount = (params.amount as number | undefined) ?? charge.amount;
  if (amount < 1 || amount > charge.amount) {
    throw invalidRequest(
      `The amount to capture (${amount}) must be between 1 and the charge's amount (${charge.amount}).`,
      'amount',
      'amount_too_large',
    );
  }
  if (params.receipt_email !== undefined) {
    assertEmail(params.receipt_email, 'receipt_email');
    charge.receipt_email = (params.receipt_email as string) || null;
  }
  if (params.metadata !== undefined) {
    charge.metadata = mergeMetadata(charge.metadata, params.metadata as Record<string, string>);
  }
  charge.captured = true;
  charge.amount_captured = amount;
  if (amount < charge.amount) charge.amount_refunded = charge.amount - amount;
  charge.balance_transaction = chargeTransaction(sandbox, charge);
  sandbox.store.changed();
  sandbox.emit('charge.captured', charge, request);
  return render(sandbox, charge, expand);
}
