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

  it('answers a Stripe-Account header naming an unknown account with Stripe’s 403 account_invalid', async () => {
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
    expect(await stripe.paymentIntents.list({ limit: 100 }).then((l) => l.data.length)).toBe(1);
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
