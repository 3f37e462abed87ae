import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms } from './support/conforms';
import { rejection } from './support/rejection';
import { sdkFor, startWebhookReceiver, type WebhookReceiver, waitFor } from './support/webhook-receiver';

/** SetupIntents through the official SDK: lifecycle, 3-D Secure, declines, events, the browser's view. */
const SECRET = 'whsec_setup_intents_suite';
let sandbox: SandboxHandle;
let receiver: WebhookReceiver;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startWebhookReceiver(SECRET);
  sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookSecret: SECRET });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
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

/** Posts to the SetupIntent API with a publishable key, as Stripe.js does. */
async function browser(path: string, body: Record<string, string>, method = 'POST') {
  const url = `${sandbox.url}${path}${method === 'GET' ? `?${new URLSearchParams(body)}` : ''}`;
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: 'Bearer pk_test_setup_suite',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: method === 'GET' ? undefined : new URLSearchParams(body).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('SetupIntent lifecycle', () => {
  it('creates, retrieves, updates, lists and confirms a SetupIntent that saves a card to the customer', async () => {
    const customer = await stripe.customers.create({ email: 'setup@example.com' });
    const si = await stripe.setupIntents.create({ customer: customer.id, metadata: { order: 'o1' } });
    conforms(si);
    expect(si.status).toBe('requires_payment_method');
    expect(si.usage).toBe('off_session');
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    expect(si.automatic_payment_methods).toEqual({ allow_redirects: 'always', enabled: true });

    const updated = await stripe.setupIntents.update(si.id, {
      description: 'Carte enregistrée',
      metadata: { b: '2' },
    });
    conforms(updated);
    expect(updated.metadata).toEqual({ order: 'o1', b: '2' });
    expect((await stripe.setupIntents.retrieve(si.id)).description).toBe('Carte enregistrée');

    const confirmed = await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' });
    conforms(confirmed);
    expect(confirmed.status).toBe('succeeded');
    const pm = await stripe.paymentMethods.retrieve(confirmed.payment_method as string);
    expect(pm.customer).toBe(customer.id);

    const list = await stripe.setupIntents.list({ customer: customer.id });
    for (const item of list.data) conforms(item);
    expect(list.url).toBe('/v1/setup_intents');
    expect(list.data.map((s) => s.id)).toEqual([si.id]);
    const expanded = await stripe.setupIntents.retrieve(si.id, { expand: ['payment_method', 'customer'] });
    conforms(expanded.payment_method);
    conforms(expanded.customer);

    const types = ['setup_intent.created', 'setup_intent.succeeded'];
    expect(await eventsReceived(si.id, types)).toEqual(types);
    for (const r of receiver.received.filter((x) => x.event.type.startsWith('setup_intent.'))) {
      conforms(r.event.data.object);
    }

    // The saved card pays off-session later.
    const later = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'eur',
      customer: customer.id,
      payment_method: pm.id,
      off_session: true,
      confirm: true,
    });
    expect(later.status).toBe('succeeded');
  });

  it('creates and confirms in one call (confirm=true) and cancels another one', async () => {
    const done = await stripe.setupIntents.create({
      payment_method: 'pm_card_mastercard',
      confirm: true,
      usage: 'on_session',
      // In the 2023-08-16 OpenAPI description (the SDK's newer version types it as allowed_payment_method_types).
      ...({ payment_method_types: ['card'] } as object),
    });
    conforms(done);
    expect(done.status).toBe('succeeded');
    expect(done.usage).toBe('on_session');
    expect(done.automatic_payment_methods).toBeNull();

    const other = await stripe.setupIntents.create({});
    const canceled = await stripe.setupIntents.cancel(other.id, { cancellation_reason: 'abandoned' });
    conforms(canceled);
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('abandoned');
    const again = await rejection(stripe.setupIntents.cancel(other.id));
    expect(again.statusCode).toBe(400);
    expect(again.code).toBe('setup_intent_unexpected_state');
    const confirmSucceeded = await rejection(
      stripe.setupIntents.confirm(done.id, { payment_method: 'pm_card_visa' }),
    );
    expect(confirmSucceeded.code).toBe('setup_intent_unexpected_state');
    const missing = await rejection(stripe.setupIntents.retrieve('seti_missing'));
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
    const noPm = await rejection(stripe.setupIntents.confirm((await stripe.setupIntents.create({})).id));
    expect(noPm.statusCode).toBe(400);
    expect(noPm.code).toBe('setup_intent_unexpected_state');
    await waitFor(() => eventsFor(other.id).includes('setup_intent.canceled'), 'setup_intent.canceled');
  });

  it('a declining card fails the setup with its card error, last_setup_error and setup_intent.setup_failed', async () => {
    const si = await stripe.setupIntents.create({});
    const e = (await rejection(
      stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds' }),
    )) as Stripe.errors.StripeCardError;
    expect(e.statusCode).toBe(402);
    expect(e.type).toBe('StripeCardError');
    expect(e.code).toBe('card_declined');
    expect(e.decline_code).toBe('insufficient_funds');
    const raw = e.raw as { setup_intent?: Stripe.SetupIntent };
    expect(raw.setup_intent?.id).toBe(si.id);
    conforms(raw.setup_intent);
    const after = await stripe.setupIntents.retrieve(si.id);
    conforms(after);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_setup_error?.code).toBe('card_declined');
    await waitFor(() => eventsFor(si.id).includes('setup_intent.setup_failed'), 'setup_failed');
    // A card whose failure applies to charges only is saved.
    const chargeFail = await stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_chargeCustomerFail',
    });
    expect(chargeFail.status).toBe('succeeded');
  });
});

describe('3-D Secure on SetupIntents', () => {
  it.each([
    'pm_card_authenticationRequiredOnSetup',
    'pm_card_authenticationRequired',
    'pm_card_threeDSecure2Required',
  ])('%s moves to requires_action; completing the challenge saves the card', async (alias) => {
    const customer = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({ customer: customer.id, payment_method: alias });
    expect(si.status).toBe('requires_confirmation');
    const pending = await stripe.setupIntents.confirm(si.id);
    conforms(pending);
    expect(pending.status).toBe('requires_action');
    expect(pending.next_action?.type).toBe('use_stripe_sdk');
    const url = (pending.next_action!.use_stripe_sdk as { stripe_js: string }).stripe_js;
    expect(url).toContain(`/_sandbox/3ds/${si.id}?client_secret=`);
    const page = await fetch(url).then((r) => r.text());
    expect(page).toContain('data-testid="threeds-complete"');
    expect(page).toContain('saving your card');
    const answer = await fetch(`${sandbox.url}/_sandbox/3ds/${si.id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_secret: si.client_secret!,
        outcome: 'completed',
        return_url: '',
      }).toString(),
    }).then((r) => r.text());
    expect(answer).toContain(`"intent":"${si.id}"`);
    const done = await stripe.setupIntents.retrieve(si.id);
    expect(done.status).toBe('succeeded');
    expect((await stripe.paymentMethods.retrieve(done.payment_method as string)).customer).toBe(customer.id);
    const types = ['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded'];
    expect(await eventsReceived(si.id, types)).toEqual(types);
  });

  it('a failed challenge leaves requires_payment_method with setup_intent_authentication_failure', async () => {
    const si = await stripe.setupIntents.create({
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
    });
    expect(si.status).toBe('requires_action');
    await fetch(`${sandbox.url}/_sandbox/3ds/${si.id}/fail`, { method: 'POST' });
    const failed = await stripe.setupIntents.retrieve(si.id);
    conforms(failed);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_setup_error?.code).toBe('setup_intent_authentication_failure');
  });

  it('with a return_url: redirect_to_url, and the challenge returns with setup_intent and redirect_status', async () => {
    const si = await stripe.setupIntents.create({
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: true,
      return_url: 'http://127.0.0.1:5999/saved',
    });
    expect(si.next_action?.type).toBe('redirect_to_url');
    const redirect = si.next_action?.redirect_to_url as { url: string; return_url: string };
    expect(redirect.return_url).toBe('http://127.0.0.1:5999/saved');
    const res = await fetch(`${sandbox.url}/_sandbox/3ds/${si.id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_secret: si.client_secret!,
        outcome: 'completed',
        return_url: redirect.return_url,
      }).toString(),
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('setup_intent')).toBe(si.id);
    expect(location.searchParams.get('setup_intent_client_secret')).toBe(si.client_secret);
    expect(location.searchParams.get('redirect_status')).toBe('succeeded');
  });

  it('request_three_d_secure=any asks for a challenge on a card that does not need one', async () => {
    const si = await stripe.setupIntents.create({
      payment_method: 'pm_card_visa',
      payment_method_options: { card: { request_three_d_secure: 'any' } },
      confirm: true,
    });
    conforms(si);
    expect(si.status).toBe('requires_action');
    expect(si.payment_method_options?.card?.request_three_d_secure).toBe('any');
  });
});

describe('publishable key (Stripe.js)', () => {
  it('retrieves and confirms with the client secret only, and sees the publishable subset', async () => {
    const customer = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({ customer: customer.id, metadata: { secret: 'x' } });
    const noSecret = await browser(`/v1/setup_intents/${si.id}`, {}, 'GET');
    expect(noSecret.status).toBe(400);
    const wrong = await browser(
      `/v1/setup_intents/${si.id}`,
      { client_secret: `${si.id}_secret_nope` },
      'GET',
    );
    expect(wrong.status).toBe(400);
    expect((wrong.body.error as { param: string }).param).toBe('client_secret');
    const seen = await browser(`/v1/setup_intents/${si.id}`, { client_secret: si.client_secret! }, 'GET');
    expect(seen.status).toBe(200);
    expect(seen.body.metadata).toBeUndefined();
    expect(seen.body.customer).toBeUndefined();
    expect(seen.body.status).toBe('requires_payment_method');
    const confirmed = await browser(`/v1/setup_intents/${si.id}/confirm`, {
      client_secret: si.client_secret!,
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': String(new Date().getFullYear() + 3),
      'payment_method_data[card][cvc]': '123',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('succeeded');
    expect(confirmed.body.customer).toBeUndefined();
    const listed = await stripe.customers.listPaymentMethods(customer.id);
    expect(listed.data).toHaveLength(1);
    const forbidden = await browser('/v1/setup_intents', {});
    expect(forbidden.status).toBe(401);
  });
});
