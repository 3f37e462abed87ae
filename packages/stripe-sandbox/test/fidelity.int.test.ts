import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { stripeSchemas } from './support/stripe-schemas';
import { sdkFor } from './support/webhook-receiver';

/** Shapes and parameters integrations rely on, through the official SDK. */
let sandbox: SandboxHandle;
let stripe: Stripe;
const schemas = stripeSchemas();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

const SHIPPING = {
  name: 'Camille Martin',
  phone: '+33612345678',
  address: { line1: '12 rue des Lilas', city: 'Paris', postal_code: '75011', country: 'FR' },
};

describe('fidelity', () => {
  it('returns invoice: null on PaymentIntents and Charges, with the key set of Stripe’s fixtures', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 4200,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
      expand: ['latest_charge'],
    });
    const charge = pi.latest_charge as Stripe.Charge;
    for (const object of [pi, charge]) {
      const o = object as unknown as Record<string, unknown>;
      expect(o.invoice).toBeNull();
      expect(schemas.errors(o)).toEqual([]);
      expect(schemas.fixtureKeyGaps(o)).toEqual({ missing: [], invented: [] });
    }
  });

  it('points receipt_url of a paid charge at a receipt page the sandbox serves; failed charges have none', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 4200,
      currency: 'eur',
      description: 'Consultation Premium',
      payment_method: 'pm_card_mastercard',
      confirm: true,
    });
    const charge = await stripe.charges.retrieve(pi.latest_charge as string);
    expect(charge.receipt_url).toBe(`${sandbox.url}/_sandbox/receipts/${charge.id}`);
    const page = await fetch(charge.receipt_url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('42.00 EUR');
    expect(html).toContain('mastercard •••• 4444');
    expect(html).toContain('Consultation Premium');
    const declined = await stripe.paymentIntents
      .create({ amount: 4200, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true })
      .catch((e: Stripe.errors.StripeCardError) => e);
    const failed = await stripe.charges.retrieve((declined as Stripe.errors.StripeCardError).charge!);
    expect(failed.receipt_url).toBeNull();
    expect((await fetch(`${sandbox.url}/_sandbox/receipts/ch_missing`)).status).toBe(404);
  });

  it('answers a Stripe-Account header naming an unknown account with Stripe’s 403 account_invalid', async () => {
    const before = (await stripe.paymentIntents.list({ limit: 100 })).data.length;
    const error = await stripe.paymentIntents
      .create({ amount: 1000, currency: 'eur' }, { stripeAccount: 'acct_1NotConnected' })
      .catch((e: Stripe.errors.StripeError) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeError);
    const e = error as Stripe.errors.StripeError;
    expect(e.statusCode).toBe(403);
    expect(e.type).toBe('StripePermissionError');
    expect(e.rawType).toBe('invalid_request_error');
    expect(e.code).toBe('account_invalid');
    expect(e.message).toContain("does not have access to account 'acct_1NotConnected'");
    expect((await stripe.paymentIntents.list({ limit: 100 })).data.length).toBe(before);
  });

  it('accepts shipping, receipt_email, statement descriptors and card options on a PaymentIntent', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 5100,
      currency: 'eur',
      shipping: SHIPPING,
      receipt_email: 'camille@example.test',
      statement_descriptor_suffix: 'LUMIRA',
      payment_method_options: { card: { request_three_d_secure: 'any', setup_future_usage: 'off_session' } },
    });
    expect(schemas.errors(pi)).toEqual([]);
    expect(pi.shipping).toEqual({
      name: 'Camille Martin',
      phone: '+33612345678',
      carrier: null,
      tracking_number: null,
      address: {
        line1: '12 rue des Lilas',
        line2: null,
        city: 'Paris',
        postal_code: '75011',
        state: null,
        country: 'FR',
      },
    });
    expect(pi.receipt_email).toBe('camille@example.test');
    expect(pi.statement_descriptor_suffix).toBe('LUMIRA');
    expect(pi.payment_method_options?.card?.request_three_d_secure).toBe('any');
    const updated = await stripe.paymentIntents.update(pi.id, {
      shipping: { ...SHIPPING, carrier: 'La Poste', tracking_number: 'LP123' },
    });
    expect(updated.shipping?.carrier).toBe('La Poste');
    const cleared = await stripe.paymentIntents.update(pi.id, { shipping: '' as unknown as undefined });
    expect(cleared.shipping).toBeNull();
  });

  it('refuses a shipping address without a name with Stripe’s missing parameter error', async () => {
    const error = await stripe.paymentIntents
      .create({
        amount: 5100,
        currency: 'eur',
        shipping: { address: { line1: 'x' } } as Stripe.PaymentIntentCreateParams.Shipping,
      })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((error as Stripe.errors.StripeError).code).toBe('parameter_missing');
    expect((error as Stripe.errors.StripeError).param).toBe('shipping[name]');
  });

  it('lets the browser send shipping with the publishable key on confirm, and copies it to the charge', async () => {
    const pi = await stripe.paymentIntents.create({ amount: 2900, currency: 'eur' });
    const body = new URLSearchParams({
      client_secret: pi.client_secret!,
      payment_method: 'pm_card_visa',
      'shipping[name]': 'Camille Martin',
      'shipping[address][line1]': '12 rue des Lilas',
      'shipping[address][city]': 'Paris',
      'shipping[address][postal_code]': '75011',
      'shipping[address][country]': 'FR',
    });
    const response = await fetch(`${sandbox.url}/v1/payment_intents/${pi.id}/confirm`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer pk_test_fidelity',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body,
    });
    expect(response.status).toBe(200);
    const confirmed = (await response.json()) as { status: string; shipping: { name: string } };
    expect(confirmed.status).toBe('succeeded');
    expect(confirmed.shipping.name).toBe('Camille Martin');
    const charge = await stripe.charges.retrieve(
      (await stripe.paymentIntents.retrieve(pi.id)).latest_charge as string,
    );
    expect(charge.shipping?.address?.city).toBe('Paris');
  });
});

describe('customer parameters integrations send', () => {
  it('accepts address, shipping, invoice_settings and preferred_locales, on create and update', async () => {
    const pm = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    const customer = await stripe.customers.create({
      email: 'camille@example.test',
      name: 'Camille Martin',
      address: { line1: '12 rue des Lilas', city: 'Paris', postal_code: '75011', country: 'FR' },
      shipping: SHIPPING,
      preferred_locales: ['fr', 'en'],
      invoice_settings: {
        footer: 'Merci !',
        custom_fields: [{ name: 'SIRET', value: '12345678900011' }],
        default_payment_method: pm.id,
      },
    });
    expect(schemas.errors(customer)).toEqual([]);
    expect(schemas.fixtureKeyGaps(customer as unknown as Record<string, unknown>)).toEqual({
      missing: [],
      invented: [],
    });
    expect(customer.address).toEqual({
      line1: '12 rue des Lilas',
      line2: null,
      city: 'Paris',
      postal_code: '75011',
      state: null,
      country: 'FR',
    });
    expect(customer.shipping?.name).toBe('Camille Martin');
    expect(customer.preferred_locales).toEqual(['fr', 'en']);
    expect(customer.invoice_settings.footer).toBe('Merci !');
    expect(customer.invoice_settings.custom_fields).toEqual([{ name: 'SIRET', value: '12345678900011' }]);
    expect(customer.invoice_settings.default_payment_method).toBe(pm.id);
    const updated = await stripe.customers.update(customer.id, {
      address: { line1: '3 quai Saint-Vincent', city: 'Lyon', postal_code: '69001', country: 'FR' },
      invoice_settings: { footer: '' },
      shipping: '' as unknown as undefined,
    });
    expect(updated.address?.city).toBe('Lyon');
    expect(updated.invoice_settings.footer).toBeNull();
    expect(updated.invoice_settings.default_payment_method).toBe(pm.id);
    expect(updated.shipping).toBeNull();
  });

  it('refuses an unknown default payment method', async () => {
    const error = await stripe.customers
      .create({ invoice_settings: { default_payment_method: 'pm_missing' } })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).code).toBe('resource_missing');
  });
});

describe('refund cancel', () => {
  it('cancels a pending refund (the amount becomes refundable again) and refuses a settled one', async () => {
    const slow = await startSandbox({ port: 0, refundSettleMs: 60_000 });
    try {
      const sdk = sdkFor(slow.port);
      const pi = await sdk.paymentIntents.create({
        amount: 3000,
        currency: 'eur',
        payment_method: 'pm_card_pendingRefund',
        confirm: true,
      });
      const refund = await sdk.refunds.create({ payment_intent: pi.id, amount: 1000 });
      expect(refund.status).toBe('pending');
      const canceled = await sdk.refunds.cancel(refund.id);
      expect(canceled.status).toBe('canceled');
      expect(schemas.errors(canceled)).toEqual([]);
      const charge = await sdk.charges.retrieve(pi.latest_charge as string);
      expect(charge.amount_refunded).toBe(0);
      const again = await sdk.refunds.cancel(refund.id).catch((e: Stripe.errors.StripeError) => e);
      expect((again as Stripe.errors.StripeError).statusCode).toBe(400);
      expect((again as Stripe.errors.StripeError).message).toContain('has a status of canceled');
      const types = (await sdk.events.list({ limit: 20 })).data.map((e) => e.type);
      expect(types).toContain('charge.refund.updated');
    } finally {
      await slow.close();
    }
  });

  it('refuses to cancel a refund that already succeeded', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.status).toBe('succeeded');
    const error = await stripe.refunds.cancel(refund.id).catch((e: Stripe.errors.StripeError) => e);
    expect((error as Stripe.errors.StripeError).statusCode).toBe(400);
    expect((error as Stripe.errors.StripeError).type).toBe('StripeInvalidRequestError');
  });
});
