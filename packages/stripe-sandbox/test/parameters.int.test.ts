import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms } from './support/conforms';
import { rejectedWith } from './support/rejection';
import { sdkFor } from './support/webhook-receiver';

const badRequest = (promise: Promise<unknown>) => rejectedWith(promise, 400, 'StripeInvalidRequestError');

/** Parameters integrations send: receipt_email, statement descriptors, payment_method_options[card], preferred_locales. */
let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('PaymentIntent parameters', () => {
  it('receipt_email and statement_descriptor_suffix reach the charge', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 4900,
      currency: 'eur',
      receipt_email: 'camille@example.test',
      statement_descriptor_suffix: 'CONSULT 42',
      payment_method: 'pm_card_visa',
      confirm: true,
      expand: ['latest_charge'],
    });
    conforms(pi);
    expect(pi.receipt_email).toBe('camille@example.test');
    expect(pi.statement_descriptor_suffix).toBe('CONSULT 42');
    const charge = pi.latest_charge as Stripe.Charge;
    conforms(charge);
    expect(charge.receipt_email).toBe('camille@example.test');
    expect(charge.statement_descriptor_suffix).toBe('CONSULT 42');
    expect(charge.calculated_statement_descriptor).toBe('LUMIRA* CONSULT 42');

    const updated = await stripe.paymentIntents.update(
      (await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' })).id,
      { receipt_email: 'other@example.test', statement_descriptor: 'LUMIRA ORACLE' },
    );
    expect(updated.receipt_email).toBe('other@example.test');
    expect(updated.statement_descriptor).toBe('LUMIRA ORACLE');
  });

  it.each([
    [{ receipt_email: 'not-an-email' }, 'receipt_email', 'email_invalid'],
    [{ statement_descriptor: 'ABC' }, 'statement_descriptor', 'parameter_invalid_string'],
    [
      { statement_descriptor: 'A VERY LONG DESCRIPTOR TEXT' },
      'statement_descriptor',
      'parameter_invalid_string',
    ],
    [{ statement_descriptor: "LUMIRA'S SHOP" }, 'statement_descriptor', 'parameter_invalid_string'],
    [{ statement_descriptor: '12345' }, 'statement_descriptor', 'parameter_invalid_string'],
    [
      { statement_descriptor_suffix: 'CONSULTATION ORACLE' },
      'statement_descriptor_suffix',
      'parameter_invalid_string',
    ],
    [{ statement_descriptor_suffix: 'A*B' }, 'statement_descriptor_suffix', 'parameter_invalid_string'],
  ])('refuses %j (param %s, %s)', async (extra, param, code) => {
    const e = await badRequest(stripe.paymentIntents.create({ amount: 1000, currency: 'eur', ...extra }));
    expect(e.param).toBe(param);
    expect(e.code).toBe(code);
  });

  it('payment_method_options[card][request_three_d_secure]=any asks 4242 for a challenge', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      payment_method_options: { card: { request_three_d_secure: 'any' } },
      confirm: true,
    });
    conforms(pi);
    expect(pi.status).toBe('requires_action');
    expect(pi.payment_method_options?.card?.request_three_d_secure).toBe('any');
  });

  it('payment_method_options[card][capture_method]=manual holds the funds; capture takes them', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      payment_method_options: { card: { capture_method: 'manual' } },
      confirm: true,
    });
    conforms(pi);
    expect(pi.status).toBe('requires_capture');
    expect(pi.amount_capturable).toBe(3000);
    expect(pi.payment_method_options?.card?.capture_method).toBe('manual');
    const captured = await stripe.paymentIntents.capture(pi.id);
    expect(captured.status).toBe('succeeded');
  });

  it('refuses an unknown card option and a bad enum value by name', async () => {
    const unknown = await badRequest(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'eur',
        payment_method_options: { card: { moto: true } as never },
      }),
    );
    expect(unknown.param).toBe('payment_method_options[card][moto]');
    const bad = await badRequest(
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'eur',
        payment_method_options: { card: { request_three_d_secure: 'always' as never } },
      }),
    );
    expect(bad.param).toBe('payment_method_options[card][request_three_d_secure]');
  });
});

describe('customer parameters', () => {
  it('keeps preferred_locales and refuses a malformed one or a malformed email', async () => {
    const c = await stripe.customers.create({
      email: 'loc@example.test',
      preferred_locales: ['fr-FR', 'en'],
    });
    conforms(c);
    expect(c.preferred_locales).toEqual(['fr-FR', 'en']);
    const u = await stripe.customers.update(c.id, { preferred_locales: ['de'] });
    expect(u.preferred_locales).toEqual(['de']);
    const bad = await badRequest(stripe.customers.create({ preferred_locales: ['french'] }));
    expect(bad.param).toBe('preferred_locales[0]');
    const email = await badRequest(stripe.customers.update(c.id, { email: 'nope' }));
    expect(email.code).toBe('email_invalid');
    expect(email.message).toBe('Invalid email address: nope');
  });
});
