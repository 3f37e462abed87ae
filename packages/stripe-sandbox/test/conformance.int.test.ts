import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { rejectedWith } from './support/rejection';
import { stripeSchemas } from './support/stripe-schemas';
import { sdkFor, startWebhookReceiver, type WebhookReceiver, waitFor } from './support/webhook-receiver';

const expectCardError = (promise: Promise<unknown>) =>
  rejectedWith<Stripe.errors.StripeCardError>(promise, 402, 'StripeCardError');

/**
 * Drives the sandbox only through the official SDK (plus the challenge page a browser would use) and
 * validates every returned object and every webhook payload against Stripe's OpenAPI schemas.
 */
const SECRET = 'whsec_conformance_suite_secret';
let sandbox: SandboxHandle;
let receiver: WebhookReceiver;
let stripe: Stripe;
const schemas = stripeSchemas();

function conforms(object: unknown): void {
  const o = object as Record<string, unknown>;
  expect(schemas.errors(o), `${String(o.object)} ${String(o.id)} schema errors`).toEqual([]);
  expect(schemas.missingKeys(o), `${String(o.object)} ${String(o.id)} missing keys`).toEqual([]);
  expect(schemas.fixtureKeyGaps(o), `${String(o.object)} key set against Stripe's fixture`).toEqual({
    missing: [],
    invented: [],
  });
}

async function cardPaymentMethod(
  number: string,
  overrides: { exp_month?: number; exp_year?: number; cvc?: string } = {},
) {
  const pm = await stripe.paymentMethods.create({
    type: 'card',
    card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123', ...overrides },
  });
  conforms(pm);
  return pm;
}

async function newIntent(params: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  const pi = await stripe.paymentIntents.create({ amount: 7900, currency: 'eur', ...params });
  conforms(pi);
  return pi;
}

/** Posts the challenge page's form the way the browser does. */
async function answerChallenge(pi: Stripe.PaymentIntent, outcome: 'completed' | 'failed', returnUrl = '') {
  const page = await fetch(
    `${sandbox.url}/_sandbox/3ds/${pi.id}?client_secret=${encodeURIComponent(pi.client_secret!)}`,
  ).then((r) => r.text());
  expect(page).toContain('data-testid="threeds-complete"');
  expect(page).toContain('data-testid="threeds-fail"');
  return fetch(`${sandbox.url}/_sandbox/3ds/${pi.id}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_secret: pi.client_secret!,
      return_url: returnUrl,
      outcome,
    }).toString(),
  });
}

function webhookTypesFor(objectId: string): string[] {
  return receiver.received
    .filter((r) => {
      const o = r.event.data.object as { id?: string; payment_intent?: string };
      return o.id === objectId || o.payment_intent === objectId;
    })
    .map((r) => r.event.type);
}

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  sandbox = await startSandbox({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    refundSettleMs: 30,
  });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

describe('successful payments', () => {
  it.each([
    ['4242424242424242', 'pm_card_visa', 'visa'],
    ['5555555555554444', 'pm_card_mastercard', 'mastercard'],
    ['4000000000003055', 'pm_card_threeDSecureOptional', 'visa'],
    ['4000000000000259', 'pm_card_createDispute', 'visa'],
    ['4000000000007726', 'pm_card_pendingRefund', 'visa'],
    ['4000000000005126', 'pm_card_refundFail', 'visa'],
  ])('card %s (%s) succeeds with automatic capture', async (number, alias, brand) => {
    for (const pmInput of [number, alias]) {
      const paymentMethod = pmInput === alias ? alias : (await cardPaymentMethod(number)).id;
      const pi = await newIntent({ metadata: { orderId: 'ord_1' }, description: 'Consultation Premium' });
      expect(pi.status).toBe('requires_payment_method');
      const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: paymentMethod });
      conforms(confirmed);
      expect(confirmed.status).toBe('succeeded');
      expect(confirmed.amount_received).toBe(7900);
      const withCharge = await stripe.paymentIntents.retrieve(pi.id, {
        expand: ['latest_charge', 'payment_method'],
      });
      const charge = withCharge.latest_charge as Stripe.Charge;
      conforms(charge);
      conforms(withCharge.payment_method);
      expect(charge.status).toBe('succeeded');
      expect(charge.captured).toBe(true);
      expect(charge.payment_method_details?.card?.brand).toBe(brand);
      expect(charge.payment_method_details?.card?.last4).toBe(number.slice(-4));
      await waitFor(() => webhookTypesFor(pi.id).includes('payment_intent.succeeded'), 'succeeded webhook');
      expect(webhookTypesFor(pi.id).slice(0, 3)).toEqual([
        'payment_intent.created',
        'charge.succeeded',
        'payment_intent.succeeded',
      ]);
    }
  });

  it('creates and confirms in one call with confirm=true, and a receipt email and customer', async () => {
    const customer = await stripe.customers.create({
      email: 'client@lumira.test',
      name: 'Client',
      metadata: { userId: 'u1' },
    });
    conforms(customer);
    const pi = await stripe.paymentIntents.create({
      amount: 2900,
      currency: 'eur',
      customer: customer.id,
      receipt_email: 'client@lumira.test',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    conforms(pi);
    expect(pi.status).toBe('succeeded');
    expect(pi.customer).toBe(customer.id);
    expect(pi.receipt_email).toBe('client@lumira.test');
    expect(pi.automatic_payment_methods).toEqual({ enabled: true, allow_redirects: 'never' });
    const listed = await stripe.paymentIntents.list({ customer: customer.id });
    expect(schemas.listErrors('/v1/payment_intents', listed)).toEqual([]);
    expect(listed.data.map((p) => p.id)).toEqual([pi.id]);
    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['customer'] });
    expect((expanded.customer as Stripe.Customer).email).toBe('client@lumira.test');
  });

  it('opens a dispute after a payment with the dispute card', async () => {
    const pi = await newIntent({ payment_method: 'pm_card_createDispute', confirm: true });
    const dispute = await waitFor(
      () =>
        receiver.received.find(
          (r) =>
            r.event.type === 'charge.dispute.created' &&
            (r.event.data.object as Stripe.Dispute).payment_intent === pi.id,
        ),
      'charge.dispute.created',
    );
    expect(schemas.errors(dispute.event)).toEqual([]);
    const charge = await stripe.charges.retrieve(
      (dispute.event.data.object as Stripe.Dispute).charge as string,
    );
    expect(charge.disputed).toBe(true);
  });
});

/** Expected answers copied from stripe-behaviour.md section 3 (independent of the sandbox's own table). */
const DECLINES: [string, string, string | undefined, string, string | undefined][] = [
  ['4000000000000002', 'card_declined', 'generic_decline', 'Your card was declined.', undefined],
  ['4000000000009995', 'card_declined', 'insufficient_funds', 'Your card has insufficient funds.', undefined],
  ['4000000000009987', 'card_declined', 'lost_card', 'Your card was declined.', undefined],
  ['4000000000009979', 'card_declined', 'stolen_card', 'Your card was declined.', undefined],
  ['4000000000000069', 'expired_card', undefined, 'Your card has expired.', 'exp_month'],
  ['4000000000000127', 'incorrect_cvc', undefined, "Your card's security code is incorrect.", 'cvc'],
  [
    '4000000000000119',
    'processing_error',
    undefined,
    'An error occurred while processing your card. Try again in a little bit.',
    undefined,
  ],
  [
    '4000000000006975',
    'card_declined',
    'card_velocity_exceeded',
    'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    undefined,
  ],
  ['4100000000000019', 'card_declined', 'fraudulent', 'Your card was declined.', undefined],
];

const DECLINE_ALIASES: Record<string, string> = {
  '4000000000000002': 'pm_card_visa_chargeDeclined',
  '4000000000009995': 'pm_card_visa_chargeDeclinedInsufficientFunds',
  '4000000000009987': 'pm_card_visa_chargeDeclinedLostCard',
  '4000000000009979': 'pm_card_visa_chargeDeclinedStolenCard',
  '4000000000000069': 'pm_card_chargeDeclinedExpiredCard',
  '4000000000000127': 'pm_card_chargeDeclinedIncorrectCvc',
  '4000000000000119': 'pm_card_chargeDeclinedProcessingError',
  '4000000000006975': 'pm_card_visa_chargeDeclinedVelocityLimitExceeded',
  '4100000000000019': 'pm_card_radarBlock',
};

describe('declines', () => {
  it.each(DECLINES)('card %s declines with %s / %s', async (number, code, declineCode, message, param) => {
    for (const paymentMethod of [(await cardPaymentMethod(number)).id, DECLINE_ALIASES[number]!]) {
      const pi = await newIntent();
      const e = await expectCardError(
        stripe.paymentIntents.confirm(pi.id, { payment_method: paymentMethod }),
      );
      expect(e.code).toBe(code);
      // The SDK turns a missing decline_code into ''.
      expect(e.decline_code || undefined).toBe(declineCode);
      expect(e.message).toBe(message);
      expect(e.param).toBe(param);
      const embedded = e.payment_intent as Stripe.PaymentIntent;
      conforms(embedded);
      expect(embedded.id).toBe(pi.id);
      expect(embedded.status).toBe('requires_payment_method');
      expect(embedded.last_payment_error?.code).toBe(code);
      expect(embedded.last_payment_error?.decline_code).toBe(declineCode);
      expect(embedded.last_payment_error?.message).toBe(message);
      const after = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
      conforms(after);
      expect(after.last_payment_error?.code).toBe(code);
      const charge = after.latest_charge as Stripe.Charge;
      conforms(charge);
      expect(charge.status).toBe('failed');
      expect(charge.failure_code).toBe(code);
      await waitFor(
        () => webhookTypesFor(pi.id).includes('payment_intent.payment_failed'),
        'payment_failed webhook',
      );
      expect(webhookTypesFor(pi.id)).toEqual([
        'payment_intent.created',
        'charge.failed',
        'payment_intent.payment_failed',
      ]);
      // The customer can try again with another card.
      const retried = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
      expect(retried.status).toBe('succeeded');
    }
  });

  it('answers declines with a body matching Stripe’s error schema', async () => {
    const pi = await newIntent();
    const res = await fetch(`${sandbox.url}/v1/payment_intents/${pi.id}/confirm`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer sk_test_raw',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'payment_method=pm_card_chargeDeclined',
    });
    expect(res.status).toBe(402);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const body = (await res.json()) as { error: Record<string, unknown> };
    const validate = stripeSchemas();
    expect(validate.errors({ ...body, object: 'error' })).toEqual([]);
    expect(body.error.type).toBe('card_error');
    expect((body.error.payment_intent as { id: string }).id).toBe(pi.id);
  });

  it.each([
    [{ number: '4242424242424241' }, 'incorrect_number', 'number', 'Your card number is incorrect.'],
    [{ exp_month: 13 }, 'invalid_expiry_month', 'exp_month', "Your card's expiration month is invalid."],
    [{ exp_year: 2020 }, 'invalid_expiry_year', 'exp_year', "Your card's expiration year is invalid."],
    [{ cvc: '12' }, 'invalid_cvc', 'cvc', "Your card's security code is invalid."],
  ])('rejects invalid card data %o with %s', async (override, code, param, message) => {
    const { number = '4242424242424242', ...rest } = override as { number?: string };
    const e = await expectCardError(cardPaymentMethod(number, rest));
    expect(e.code).toBe(code);
    expect(e.param).toBe(param);
    expect(e.message).toBe(message);
  });
});

describe('3-D Secure', () => {
  const THREE_DS = [
    ['4000002760003184', 'pm_card_authenticationRequired'],
    ['4000002500003155', 'pm_card_authenticationRequiredOnSetup'],
    ['4000000000003220', 'pm_card_threeDSecure2Required'],
  ];

  it.each(THREE_DS)('card %s (%s) requires action, then succeeds when completed', async (number, alias) => {
    for (const paymentMethod of [(await cardPaymentMethod(number)).id, alias!]) {
      const pi = await newIntent();
      const pending = await stripe.paymentIntents.confirm(pi.id, { payment_method: paymentMethod });
      conforms(pending);
      expect(pending.status).toBe('requires_action');
      expect(pending.next_action?.type).toBe('use_stripe_sdk');
      const sdkAction = pending.next_action?.use_stripe_sdk as { type: string; stripe_js: string };
      expect(sdkAction.type).toBe('three_d_secure_redirect');
      expect(sdkAction.stripe_js).toContain(`/_sandbox/3ds/${pi.id}?client_secret=`);
      const res = await answerChallenge(pending, 'completed');
      const html = await res.text();
      expect(html).toContain('lumira-sandbox-3ds');
      const done = await stripe.paymentIntents.retrieve(pi.id);
      conforms(done);
      expect(done.status).toBe('succeeded');
      await waitFor(() => webhookTypesFor(pi.id).includes('payment_intent.succeeded'), 'succeeded webhook');
      expect(webhookTypesFor(pi.id)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
        'charge.succeeded',
        'payment_intent.succeeded',
      ]);
    }
  });

  it('fails authentication with payment_intent_authentication_failure', async () => {
    const pi = await newIntent();
    const pending = await stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_authenticationRequired',
    });
    await answerChallenge(pending, 'failed');
    const failed = await stripe.paymentIntents.retrieve(pi.id);
    conforms(failed);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure');
    await waitFor(
      () => webhookTypesFor(pi.id).includes('payment_intent.payment_failed'),
      'payment_failed webhook',
    );
    expect(webhookTypesFor(pi.id)).toEqual([
      'payment_intent.created',
      'payment_intent.requires_action',
      'payment_intent.payment_failed',
    ]);
  });

  it.each([
    ['pm_card_threeDSecureRequiredChargeDeclined', 'generic_decline'],
    ['pm_card_authenticationRequiredChargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('%s authenticates, then declines with %s', async (alias, declineCode) => {
    const pi = await newIntent();
    const pending = await stripe.paymentIntents.confirm(pi.id, { payment_method: alias });
    expect(pending.status).toBe('requires_action');
    await answerChallenge(pending, 'completed');
    const declined = await stripe.paymentIntents.retrieve(pi.id);
    conforms(declined);
    expect(declined.status).toBe('requires_payment_method');
    expect(declined.last_payment_error?.code).toBe('card_declined');
    expect(declined.last_payment_error?.decline_code).toBe(declineCode);
  });

  it('redirects to the return_url with the Stripe query parameters', async () => {
    const pi = await newIntent();
    const returnUrl = 'http://localhost:5173/commande/retour?x=1';
    const pending = await stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_threeDSecure2Required',
      return_url: returnUrl,
    });
    expect(pending.next_action?.type).toBe('redirect_to_url');
    expect(pending.next_action?.redirect_to_url?.return_url).toBe(returnUrl);
    const res = await answerChallenge(pending, 'completed', returnUrl);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('http://localhost:5173/commande/retour');
    expect(location.searchParams.get('x')).toBe('1');
    expect(location.searchParams.get('payment_intent')).toBe(pi.id);
    expect(location.searchParams.get('payment_intent_client_secret')).toBe(pi.client_secret);
    expect(location.searchParams.get('redirect_status')).toBe('succeeded');

    const other = await newIntent();
    const pending2 = await stripe.paymentIntents.confirm(other.id, {
      payment_method: 'pm_card_threeDSecure2Required',
      return_url: returnUrl,
    });
    const failed = await answerChallenge(pending2, 'failed', returnUrl);
    expect(new URL(failed.headers.get('location')!).searchParams.get('redirect_status')).toBe('failed');
  });

  it('challenges any card when request_three_d_secure=any, and fails instead with error_on_requires_action', async () => {
    const pi = await newIntent({ payment_method_options: { card: { request_three_d_secure: 'any' } } });
    const pending = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    conforms(pending);
    expect(pending.status).toBe('requires_action');
    expect(pending.payment_method_options?.card?.request_three_d_secure).toBe('any');
    // Options given at confirmation time count too.
    const atConfirm = await newIntent();
    const pending2 = await stripe.paymentIntents.confirm(atConfirm.id, {
      payment_method: 'pm_card_mastercard',
      payment_method_options: { card: { request_three_d_secure: 'any' } },
    });
    expect(pending2.status).toBe('requires_action');
    const other = await newIntent();
    const e = await expectCardError(
      stripe.paymentIntents.confirm(other.id, {
        payment_method: 'pm_card_threeDSecure2Required',
        error_on_requires_action: true,
      }),
    );
    expect(e.code).toBe('authentication_required');
  });

  it('declines 3-D Secure cards off-session with authentication_required', async () => {
    const pi = await newIntent();
    const e = await expectCardError(
      stripe.paymentIntents.confirm(pi.id, {
        payment_method: 'pm_card_authenticationRequired',
        off_session: true,
      }),
    );
    expect(e.code).toBe('authentication_required');
  });
});

describe('cancel and manual capture', () => {
  it('cancels from requires_payment_method, requires_action and requires_capture', async () => {
    const a = await newIntent();
    const canceled = await stripe.paymentIntents.cancel(a.id, {
      cancellation_reason: 'requested_by_customer',
    });
    conforms(canceled);
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('requested_by_customer');

    const b = await newIntent({ payment_method: 'pm_card_authenticationRequired', confirm: true });
    expect((await stripe.paymentIntents.cancel(b.id)).status).toBe('canceled');

    const c = await newIntent({ capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true });
    expect(c.status).toBe('requires_capture');
    expect((await stripe.paymentIntents.cancel(c.id)).status).toBe('canceled');
    await waitFor(() => webhookTypesFor(a.id).includes('payment_intent.canceled'), 'canceled webhook');

    const e = await stripe.paymentIntents.cancel(a.id).catch((err: Stripe.errors.StripeError) => err);
    expect((e as Stripe.errors.StripeError).code).toBe('payment_intent_unexpected_state');
  });

  it('holds with capture_method=manual, then captures all or part', async () => {
    const full = await newIntent({ capture_method: 'manual' });
    const held = await stripe.paymentIntents.confirm(full.id, { payment_method: 'pm_card_visa' });
    conforms(held);
    expect(held.status).toBe('requires_capture');
    expect(held.amount_capturable).toBe(7900);
    const heldCharge = await stripe.charges.retrieve(held.latest_charge as string);
    expect(heldCharge.captured).toBe(false);
    const captured = await stripe.paymentIntents.capture(full.id);
    conforms(captured);
    expect(captured.status).toBe('succeeded');
    expect(captured.amount_received).toBe(7900);
    await waitFor(() => webhookTypesFor(full.id).includes('payment_intent.succeeded'), 'capture webhooks');
    expect(webhookTypesFor(full.id)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.amount_capturable_updated',
      'charge.captured',
      'payment_intent.succeeded',
    ]);

    const partial = await newIntent({
      capture_method: 'manual',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const partly = await stripe.paymentIntents.capture(partial.id, { amount_to_capture: 5000 });
    expect(partly.amount_received).toBe(5000);
    const charge = await stripe.charges.retrieve(partly.latest_charge as string);
    conforms(charge);
    expect(charge.amount_captured).toBe(5000);
  });

  it('updates a PaymentIntent before confirmation', async () => {
    const pi = await newIntent({ metadata: { orderId: 'a', keep: 'yes' } });
    const updated = await stripe.paymentIntents.update(pi.id, {
      amount: 14900,
      description: 'VIP',
      metadata: { orderId: 'b', keep: '' },
    });
    conforms(updated);
    expect(updated.amount).toBe(14900);
    expect(updated.metadata).toEqual({ orderId: 'b' });
  });
});

describe('refunds', () => {
  async function paid(alias = 'pm_card_visa') {
    return newIntent({ payment_method: alias, confirm: true });
  }

  it('refunds in full', async () => {
    const pi = await paid();
    const refund = await stripe.refunds.create({ payment_intent: pi.id, reason: 'requested_by_customer' });
    conforms(refund);
    expect(refund.status).toBe('succeeded');
    expect(refund.amount).toBe(7900);
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.refunded).toBe(true);
    expect(charge.amount_refunded).toBe(7900);
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    const again = await stripe.refunds
      .create({ payment_intent: pi.id })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((again as Stripe.errors.StripeError).code).toBe('charge_already_refunded');
    await waitFor(() => webhookTypesFor(pi.id).includes('charge.refunded'), 'refund webhooks');
  });

  it('refunds partially up to a cumulative cap', async () => {
    const pi = await paid();
    const first = await stripe.refunds.create({ payment_intent: pi.id, amount: 3000 });
    conforms(first);
    let charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.refunded).toBe(false);
    expect(charge.amount_refunded).toBe(3000);
    const tooMuch = await stripe.refunds
      .create({ payment_intent: pi.id, amount: 5000 })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((tooMuch as Stripe.errors.StripeError).type).toBe('StripeInvalidRequestError');
    expect((tooMuch as Stripe.errors.StripeError).param).toBe('amount');
    const rest = await stripe.refunds.create({ charge: pi.latest_charge as string, amount: 4900 });
    expect(rest.amount).toBe(4900);
    charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.refunded).toBe(true);
    const withRefunds = await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['refunds'] });
    expect(withRefunds.refunds?.data.map((r) => r.amount)).toEqual([4900, 3000]);
    const list = await stripe.refunds.list({ payment_intent: pi.id });
    expect(schemas.listErrors('/v1/refunds', list)).toEqual([]);
    expect(list.data.map((r) => r.amount)).toEqual([4900, 3000]);
  });

  it('starts pending and then succeeds with the pending-refund card', async () => {
    const pi = await paid('pm_card_pendingRefund');
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
    expect(refund.status).toBe('pending');
    const updated = await waitFor(
      () =>
        receiver.received.find(
          (r) => r.event.type === 'refund.updated' && (r.event.data.object as Stripe.Refund).id === refund.id,
        ),
      'refund.updated',
    );
    expect((updated.event.data.object as Stripe.Refund).status).toBe('succeeded');
    const after = await stripe.refunds.retrieve(refund.id);
    conforms(after);
    expect(after.status).toBe('succeeded');
  });

  it('starts and then fails with the refund-fail card, giving the amount back', async () => {
    const pi = await paid('pm_card_refundFail');
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe('pending');
    const failed = await waitFor(
      () =>
        receiver.received.find(
          (r) => r.event.type === 'refund.failed' && (r.event.data.object as Stripe.Refund).id === refund.id,
        ),
      'refund.failed',
    );
    expect((failed.event.data.object as Stripe.Refund).status).toBe('failed');
    const after = await stripe.refunds.retrieve(refund.id);
    conforms(after);
    expect(after.failure_reason).toBeTruthy();
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.amount_refunded).toBe(0);
  });
});

describe('tokens', () => {
  const expYear = new Date().getFullYear() + 2;
  const card = (overrides: Partial<Stripe.TokenCreateParams.Card> = {}) => ({
    number: '4242424242424242',
    exp_month: '12',
    exp_year: String(expYear),
    cvc: '123',
    ...overrides,
  });

  // As Stripe.js sends it (the SDK types leave `card` out of payment_method_data).
  const tokenData = (id: string) =>
    ({ type: 'card', card: { token: id } }) as Stripe.PaymentIntentConfirmParams.PaymentMethodData;
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a Stripe error');
      },
      (e: unknown) => e as Stripe.errors.StripeError,
    );

  it('creates a card token (secret or publishable key) and retrieves it with the secret key', async () => {
    const token = await stripe.tokens.create({ card: card({ name: 'Jeanne Test', address_zip: '75001' }) });
    conforms(token);
    conforms(token.card);
    expect(token.id).toMatch(/^tok_/);
    expect(token).toMatchObject({ object: 'token', type: 'card', used: false, livemode: false });
    expect(token.client_ip).toBe('127.0.0.1');
    expect(token.card).toMatchObject({
      object: 'card',
      brand: 'Visa',
      last4: '4242',
      exp_month: 12,
      exp_year: expYear,
      funding: 'credit',
      country: 'US',
      cvc_check: 'unchecked',
      name: 'Jeanne Test',
      address_zip: '75001',
      address_zip_check: 'unchecked',
      address_line1_check: null,
    });
    expect(token.card?.id).toMatch(/^card_/);
    expect(await stripe.tokens.retrieve(token.id)).toEqual(token);

    const browser = sdkFor(sandbox.port, 'pk_test_conformance');
    const fromBrowser = await browser.tokens.create({
      card: card({ number: '5555555555554444', cvc: undefined }),
    });
    conforms(fromBrowser);
    expect(fromBrowser.card).toMatchObject({ brand: 'MasterCard', last4: '4444', cvc_check: null });
    const retrieveWithPk = await browser.tokens.retrieve(fromBrowser.id).catch((e: unknown) => e);
    expect((retrieveWithPk as Stripe.errors.StripeError).type).toBe('StripeAuthenticationError');
    const unknown = await stripe.tokens.retrieve('tok_doesnotexist').catch((e: unknown) => e);
    expect((unknown as Stripe.errors.StripeError).statusCode).toBe(404);
    expect((unknown as Stripe.errors.StripeError).code).toBe('resource_missing');
  });

  it('pays once with payment_method_data[card][token], then refuses the used token', async () => {
    const token = await stripe.tokens.create({ card: card({ name: 'Jeanne Test' }) });
    const pi = await newIntent();
    const confirmed = await stripe.paymentIntents.confirm(pi.id, {
      payment_method_data: tokenData(token.id),
      expand: ['payment_method'],
    });
    expect(confirmed.status).toBe('succeeded');
    const pm = confirmed.payment_method as Stripe.PaymentMethod;
    conforms(pm);
    expect(pm.card).toMatchObject({ brand: 'visa', last4: '4242', exp_year: expYear });
    expect(pm.card?.fingerprint).toBe(token.card?.fingerprint);
    expect(pm.billing_details.name).toBe('Jeanne Test');
    expect((await stripe.tokens.retrieve(token.id)).used).toBe(true);

    const again = await stripe.paymentIntents
      .confirm((await newIntent()).id, { payment_method_data: tokenData(token.id) })
      .catch((e: unknown) => e);
    expect((again as Stripe.errors.StripeError).type).toBe('StripeInvalidRequestError');
    expect((again as Stripe.errors.StripeError).code).toBe('token_already_used');
    expect((again as Stripe.errors.StripeError).param).toBe('payment_method_data[card][token]');
  });

  it('declines a token for a declining card at payment time, not at tokenization', async () => {
    const token = await stripe.tokens.create({ card: card({ number: '4000000000000002' }) });
    const e = await expectCardError(
      stripe.paymentIntents.confirm((await newIntent()).id, {
        payment_method_data: tokenData(token.id),
      }),
    );
    expect(e.code).toBe('card_declined');
    expect(e.decline_code).toBe('generic_decline');
  });

  it.each([
    [{ number: '4242424242424241' }, 'incorrect_number', 'number', 'Your card number is incorrect.'],
    [{ exp_month: '13' }, 'invalid_expiry_month', 'exp_month', "Your card's expiration month is invalid."],
    [{ exp_year: '2020' }, 'invalid_expiry_year', 'exp_year', "Your card's expiration year is invalid."],
    [{ cvc: '12' }, 'invalid_cvc', 'cvc', "Your card's security code is invalid."],
  ])('rejects invalid card data %o with %s, as PaymentMethods do', async (override, code, param, message) => {
    const e = await expectCardError(stripe.tokens.create({ card: card(override) }));
    expect(e.code).toBe(code);
    expect(e.param).toBe(param);
    expect(e.message).toBe(message);
  });

  it('names unknown and missing parameters', async () => {
    const nested = await failure(stripe.tokens.create({ card: { ...card(), colour: 'red' } as never }));
    expect(nested.type).toBe('StripeInvalidRequestError');
    expect(nested.code).toBe('parameter_unknown');
    expect(nested.param).toBe('card[colour]');
    expect(nested.message).toBe('Received unknown parameter: card[colour]');
    const top = await failure(stripe.tokens.create({ card: card(), pii: { id_number: '000000000' } }));
    expect(top.param).toBe('pii');
    const missing = await failure(
      stripe.tokens.create({ card: { exp_month: '12', exp_year: String(expYear) } as never }),
    );
    expect(missing.code).toBe('parameter_missing');
    expect(missing.param).toBe('card[number]');
  });
});

describe('lists, customers and events', () => {
  it('lists and filters events with pagination', async () => {
    const created = await newIntent();
    const firstPage = await stripe.events.list({ limit: 3 });
    expect(schemas.listErrors('/v1/events', firstPage)).toEqual([]);
    expect(firstPage.data).toHaveLength(3);
    expect(firstPage.has_more).toBe(true);
    const second = await stripe.events.list({ limit: 3, starting_after: firstPage.data[2]!.id });
    expect(second.data[0]!.created).toBeLessThanOrEqual(firstPage.data[2]!.created);
    expect(second.data.map((e) => e.id)).not.toContain(firstPage.data[0]!.id);
    const back = await stripe.events.list({ limit: 3, ending_before: second.data[0]!.id });
    expect(back.data.map((e) => e.id)).toEqual(firstPage.data.map((e) => e.id));
    const onlyCreated = await stripe.events.list({ type: 'payment_intent.created', limit: 100 });
    expect(onlyCreated.data.every((e) => e.type === 'payment_intent.created')).toBe(true);
    expect(onlyCreated.data.some((e) => (e.data.object as Stripe.PaymentIntent).id === created.id)).toBe(
      true,
    );
    const several = await stripe.events.list({ types: ['charge.failed', 'refund.failed'], limit: 100 });
    expect(new Set(several.data.map((e) => e.type))).toEqual(new Set(['charge.failed', 'refund.failed']));
    const future = await stripe.events.list({ created: { gt: Math.floor(Date.now() / 1000) + 60 } });
    expect(future.data).toEqual([]);
    const event = await stripe.events.retrieve(firstPage.data[0]!.id);
    conforms(event);
    conforms(event.data.object);
  });

  it('reports the balance: the net of captured charges (pending) minus refunds (available)', async () => {
    const own = await startSandbox({ port: 0 });
    try {
      const sdk = sdkFor(own.port);
      expect((await sdk.balance.retrieve()).available).toEqual([
        { amount: 0, currency: 'eur', source_types: { card: 0 } },
      ]);
      const pi = await sdk.paymentIntents.create({
        amount: 7900,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: true,
      });
      await sdk.paymentIntents
        .create({ amount: 2900, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true })
        .catch(() => null);
      await sdk.refunds.create({ payment_intent: pi.id, amount: 1000 });
      const balance = await sdk.balance.retrieve();
      expect(balance.object).toBe('balance');
      // 79.00 on a US card: 3.25 % + 0.25 fee, pending for 7 days; the refund is taken from the available balance.
      expect(balance.pending[0]).toMatchObject({ amount: 7900 - (257 + 25), currency: 'eur' });
      expect(balance.available[0]).toMatchObject({ amount: -1000, currency: 'eur' });
    } finally {
      await own.close();
    }
  });

  it('creates, updates and lists customers', async () => {
    const c = await stripe.customers.create({ email: 'list@lumira.test', name: 'A' });
    const u = await stripe.customers.update(c.id, { name: 'B', metadata: { userId: 'x' } });
    conforms(u);
    expect(u.name).toBe('B');
    const list = await stripe.customers.list({ email: 'list@lumira.test' });
    expect(schemas.listErrors('/v1/customers', list)).toEqual([]);
    expect(list.data.map((x) => x.id)).toEqual([c.id]);
    const charges = await stripe.charges.list({ limit: 5 });
    expect(schemas.listErrors('/v1/charges', charges)).toEqual([]);
    for (const ch of charges.data) conforms(ch);
  });

  it('delivered every webhook payload in a shape matching the schemas', async () => {
    await sandbox.webhooksIdle();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.length).toBeGreaterThan(50);
    for (const { event } of receiver.received) {
      conforms(event);
      expect(event.livemode).toBe(false);
      expect(event.api_version).toBe('2026-10-28.endive');
      conforms(event.data.object);
    }
  });
});
