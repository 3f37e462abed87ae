import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms, listConforms } from './support/conforms';
import { rejection } from './support/rejection';
import { sdkFor, startWebhookReceiver, type WebhookReceiver, waitFor } from './support/webhook-receiver';

/** PaymentMethods saved for later: attach, detach, update, lists, setup_future_usage, off-session, reuse rule. */
const SECRET = 'whsec_saved_cards_suite';
let sandbox: SandboxHandle;
let receiver: WebhookReceiver;
let stripe: Stripe;

const REUSE_MESSAGE =
  'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.';

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookSecret: SECRET });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

const card = (number: string) =>
  stripe.paymentMethods.create({
    type: 'card',
    card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' },
  });

/**
 * Waits until every event type was received for the object, then gives the received types sorted (webhook retries
 * after a network hiccup may change the arrival order, which Stripe does not guarantee either).
 */
async function eventsReceived(id: string, types: string[]): Promise<string[]> {
  await waitFor(() => types.every((t) => eventsFor(id).includes(t)), `${types.join(', ')} for ${id}`);
  return eventsFor(id).sort();
}

/** Types of the distinct events received for an object (a retried delivery can arrive twice, as on Stripe). */
function eventsFor(id: string): string[] {
  const seen = new Map<string, string>();
  for (const r of receiver.received) {
    if ((r.event.data.object as { id?: string }).id === id) seen.set(r.event.id, r.event.type);
  }
  return [...seen.values()];
}

describe('attach, detach, update, list', () => {
  it('attaches a card, lists it both ways, updates it and detaches it', async () => {
    const customer = await stripe.customers.create({ email: 'saved@example.com' });
    const pm = await card('4242424242424242');
    const attached = await stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    conforms(attached);
    expect(attached.customer).toBe(customer.id);
    // Attaching again to the same customer answers the PaymentMethod unchanged.
    expect((await stripe.paymentMethods.attach(pm.id, { customer: customer.id })).customer).toBe(customer.id);

    const viaCustomer = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    listConforms('/v1/customers/{customer}/payment_methods', viaCustomer);
    expect(viaCustomer.data.map((p) => p.id)).toEqual([pm.id]);
    expect(viaCustomer.url).toBe(`/v1/customers/${customer.id}/payment_methods`);
    const viaList = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    listConforms('/v1/payment_methods', viaList);
    expect(viaList.data.map((p) => p.id)).toEqual([pm.id]);
    const one = await stripe.customers.retrievePaymentMethod(customer.id, pm.id);
    conforms(one);

    const updated = await stripe.paymentMethods.update(pm.id, {
      billing_details: { name: 'Jeanne Martin', address: { city: 'Lyon', country: 'FR' } },
      card: { exp_month: 3, exp_year: new Date().getFullYear() + 4 },
      metadata: { label: 'perso' },
    });
    conforms(updated);
    expect(updated.billing_details.name).toBe('Jeanne Martin');
    expect(updated.billing_details.address?.city).toBe('Lyon');
    expect(updated.card?.exp_month).toBe(3);
    expect(updated.metadata).toEqual({ label: 'perso' });

    const detached = await stripe.paymentMethods.detach(pm.id);
    conforms(detached);
    expect(detached.customer).toBeNull();
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toEqual([]);
    const types = ['payment_method.attached', 'payment_method.detached', 'payment_method.updated'];
    expect(await eventsReceived(pm.id, types)).toEqual(types);
    const detachedEvent = receiver.received.find((r) => r.event.type === 'payment_method.detached')!;
    expect(detachedEvent.event.data.previous_attributes).toEqual({ customer: customer.id });

    // A detached card cannot be used again.
    const reuse = await rejection(
      stripe.paymentIntents.create({ amount: 1000, currency: 'eur', payment_method: pm.id }),
    );
    expect(reuse.statusCode).toBe(400);
    expect(reuse.type).toBe('StripeInvalidRequestError');
    expect(reuse.message).toBe(REUSE_MESSAGE);
  });

  it("refuses what Stripe refuses, with Stripe's errors", async () => {
    const customer = await stripe.customers.create({});
    const other = await stripe.customers.create({});
    const loose = await card('4242424242424242');
    const notAttached = await rejection(stripe.paymentMethods.update(loose.id, { metadata: { a: 'b' } }));
    expect(notAttached.statusCode).toBe(400);
    expect(notAttached.message).toBe(
      'You must save this PaymentMethod to a customer before you can update it.',
    );
    const notDetachable = await rejection(stripe.paymentMethods.detach(loose.id));
    expect(notDetachable.message).toBe(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
    );
    const noCustomer = await rejection(stripe.paymentMethods.attach(loose.id, { customer: 'cus_missing' }));
    expect(noCustomer.statusCode).toBe(400);
    expect(noCustomer.code).toBe('resource_missing');
    expect(noCustomer.param).toBe('customer');

    await stripe.paymentMethods.attach(loose.id, { customer: customer.id });
    const taken = await rejection(stripe.paymentMethods.attach(loose.id, { customer: other.id }));
    expect(taken.message).toBe('The payment method you provided has already been attached to a customer.');
    const wrongOwner = await rejection(stripe.customers.retrievePaymentMethod(other.id, loose.id));
    expect(wrongOwner.statusCode).toBe(404);
    expect(wrongOwner.code).toBe('resource_missing');
    const unknownCustomer = await rejection(stripe.customers.listPaymentMethods('cus_nobody'));
    expect(unknownCustomer.statusCode).toBe(404);

    // Saving a declining card fails like a payment; 4000000000000341 saves and only its charges fail.
    const declined = await rejection(
      stripe.paymentMethods.attach((await card('4000000000000002')).id, { customer: customer.id }),
    );
    expect(declined.statusCode).toBe(402);
    expect(declined.type).toBe('StripeCardError');
    expect(declined.code).toBe('card_declined');
    const chargeFail = await stripe.paymentMethods.attach((await card('4000000000000341')).id, {
      customer: customer.id,
    });
    expect(chargeFail.customer).toBe(customer.id);
    const offSession = await rejection(
      stripe.paymentIntents.create({
        amount: 1500,
        currency: 'eur',
        customer: customer.id,
        payment_method: chargeFail.id,
        off_session: true,
        confirm: true,
      }),
    );
    expect(offSession.statusCode).toBe(402);
    expect((offSession as Stripe.errors.StripeCardError).decline_code).toBe('generic_decline');
  });
});

describe('the reuse rule', () => {
  it('a PaymentMethod used without attachment or setup_future_usage cannot be used again', async () => {
    const pm = await card('4242424242424242');
    const paid = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'eur',
      payment_method: pm.id,
      confirm: true,
    });
    expect(paid.status).toBe('succeeded');
    for (const attempt of [
      () =>
        stripe.paymentIntents.create({ amount: 2000, currency: 'eur', payment_method: pm.id, confirm: true }),
      async () => {
        const customer = await stripe.customers.create({});
        return stripe.paymentMethods.attach(pm.id, { customer: customer.id });
      },
    ]) {
      const e = await rejection(attempt());
      expect(e.statusCode).toBe(400);
      expect(e.type).toBe('StripeInvalidRequestError');
      expect(e.message).toBe(REUSE_MESSAGE);
    }
  });

  it('a declined payment uses the PaymentMethod up as well', async () => {
    const pm = await card('4000000000000002');
    await rejection(
      stripe.paymentIntents.create({ amount: 2000, currency: 'eur', payment_method: pm.id, confirm: true }),
    );
    const again = await rejection(
      stripe.paymentIntents.create({ amount: 2000, currency: 'eur', payment_method: pm.id, confirm: true }),
    );
    expect(again.message).toBe(REUSE_MESSAGE);
  });
});

describe('setup_future_usage and off-session payments', () => {
  it.each([
    ['top level', { setup_future_usage: 'off_session' as const }],
    [
      'payment_method_options[card]',
      { payment_method_options: { card: { setup_future_usage: 'off_session' as const } } },
    ],
  ])(
    'setup_future_usage (%s) with a customer attaches the card; it then pays off-session',
    async (_, sfu) => {
      const customer = await stripe.customers.create({ email: 'offsession@example.com' });
      const pm = await card('4242424242424242');
      const first = await stripe.paymentIntents.create({
        amount: 4900,
        currency: 'eur',
        customer: customer.id,
        payment_method: pm.id,
        confirm: true,
        ...sfu,
      });
      conforms(first);
      expect(first.status).toBe('succeeded');
      const saved = await stripe.paymentMethods.retrieve(pm.id);
      expect(saved.customer).toBe(customer.id);
      const list = await stripe.customers.listPaymentMethods(customer.id);
      expect(list.data.map((p) => p.id)).toEqual([pm.id]);
      await waitFor(() => eventsFor(pm.id).includes('payment_method.attached'), 'attached webhook');

      for (let i = 0; i < 2; i++) {
        const later = await stripe.paymentIntents.create({
          amount: 2500,
          currency: 'eur',
          customer: customer.id,
          payment_method: pm.id,
          off_session: true,
          confirm: true,
        });
        conforms(later);
        expect(later.status).toBe('succeeded');
        expect(later.payment_method).toBe(pm.id);
      }
    },
  );

  it('off-session: 3155 after a payment with setup_future_usage needs no authentication; 3184 always does', async () => {
    const customer = await stripe.customers.create({});
    const outcomes: Record<string, string> = {};
    for (const number of ['4000002500003155', '4000002760003184']) {
      const pm = await card(number);
      const first = await stripe.paymentIntents.create({
        amount: 3000,
        currency: 'eur',
        customer: customer.id,
        payment_method: pm.id,
        setup_future_usage: 'off_session',
        confirm: true,
      });
      expect(first.status).toBe('requires_action');
      await fetch(`${sandbox.url}/_sandbox/3ds/${first.id}/complete`, { method: 'POST' });
      expect((await stripe.paymentIntents.retrieve(first.id)).status).toBe('succeeded');
      expect((await stripe.paymentMethods.retrieve(pm.id)).customer).toBe(customer.id);
      const later = await stripe.paymentIntents
        .create({
          amount: 3000,
          currency: 'eur',
          customer: customer.id,
          payment_method: pm.id,
          off_session: true,
          confirm: true,
        })
        .then(
          (pi) => pi.status,
          (e: Stripe.errors.StripeCardError) => `${e.code}/${e.decline_code}`,
        );
      outcomes[number] = later;
    }
    expect(outcomes).toEqual({
      '4000002500003155': 'succeeded',
      '4000002760003184': 'authentication_required/authentication_required',
    });
  });

  it('a card attached with /attach only (not set up) declines off-session when it needs 3-D Secure', async () => {
    const customer = await stripe.customers.create({});
    const pm = await card('4000002500003155');
    await stripe.paymentMethods.attach(pm.id, { customer: customer.id });
    const e = await rejection(
      stripe.paymentIntents.create({
        amount: 3000,
        currency: 'eur',
        customer: customer.id,
        payment_method: pm.id,
        off_session: true,
        confirm: true,
      }),
    );
    expect(e.statusCode).toBe(402);
    expect(e.code).toBe('authentication_required');
    const pi = (e as Stripe.errors.StripeCardError).payment_intent!;
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.last_payment_error?.code).toBe('authentication_required');
  });
});
