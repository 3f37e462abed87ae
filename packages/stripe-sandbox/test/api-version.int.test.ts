import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { API_VERSION } from '../src/server/state/objects';
import { conforms } from './support/conforms';
import { sdkFor } from './support/webhook-receiver';

/** Stripe-Version: echoed, honoured for the 2022-11-15 change (PaymentIntent.charges, Charge.refunds), refused when invalid. */
let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

function get(path: string, version?: string) {
  const headers: Record<string, string> = { Authorization: 'Bearer sk_test_versions' };
  if (version !== undefined) headers['Stripe-Version'] = version;
  return fetch(`${sandbox.url}${path}`, { headers });
}

describe('Stripe-Version', () => {
  it("echoes the SDK's version and answers the account's version when none is sent", async () => {
    const customer = await stripe.customers.create({});
    expect(customer.lastResponse.apiVersion).toBe(API_VERSION);
    const none = await get('/v1/customers');
    expect(none.headers.get('stripe-version')).toBe(API_VERSION);
  });

  it('before 2022-11-15 a PaymentIntent carries its charges and a Charge its refunds (lists, retrieve, errors)', async () => {
    const old = sdkFor(sandbox.port, 'sk_test_versions', { apiVersion: '2020-08-27' as never });
    const pi = await old.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: true,
    });
    expect(pi.lastResponse.apiVersion).toBe('2020-08-27');
    const legacy = pi as unknown as {
      charges: { object: string; data: Stripe.Charge[]; url: string; total_count: number };
    };
    expect(legacy.charges.object).toBe('list');
    expect(legacy.charges.url).toBe(`/v1/charges?payment_intent=${pi.id}`);
    expect(legacy.charges.data.map((c) => c.id)).toEqual([pi.latest_charge]);
    conforms(legacy.charges.data[0]);
    await old.refunds.create({ payment_intent: pi.id, amount: 1000 });
    const charge = (await old.charges.retrieve(pi.latest_charge as string)) as unknown as Stripe.Charge & {
      refunds: { data: Stripe.Refund[]; total_count: number };
    };
    conforms(charge);
    expect(charge.refunds.total_count).toBe(1);
    expect(charge.refunds.data[0]!.amount).toBe(1000);
    const listed = await old.paymentIntents.list({ limit: 1 });
    expect((listed.data[0] as unknown as typeof legacy).charges.data).toHaveLength(1);
    const declined = (await old.paymentIntents
      .create({ amount: 5000, currency: 'eur', payment_method: 'pm_card_chargeDeclined', confirm: true })
      .catch((e: unknown) => e)) as Stripe.errors.StripeCardError;
    expect((declined.raw as { payment_intent: typeof legacy }).payment_intent.charges.data).toHaveLength(1);

    // The current version has neither.
    const now = await stripe.paymentIntents.retrieve(pi.id);
    expect('charges' in now).toBe(false);
    expect('refunds' in (await stripe.charges.retrieve(pi.latest_charge as string))).toBe(false);
    conforms(now);
  });

  it.each([
    '2019-2-19',
    '2031-01-01',
    '2020-08-27;link_beta=v1',
    'latest',
    '2020-08-27.acacia',
    '2010-12-31',
  ])("refuses %s with Stripe's 400", async (version) => {
    const res = await get('/v1/customers', version);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toBe(`Invalid Stripe API version: ${version}`);
  });

  it.each(['2023-08-16', '2024-06-20', '2025-03-31.basil'])('serves %s', async (version) => {
    const res = await get('/v1/customers', version);
    expect(res.status).toBe(200);
    expect(res.headers.get('stripe-version')).toBe(version);
  });
});
