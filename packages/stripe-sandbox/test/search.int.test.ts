import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms, listConforms } from './support/conforms';
import { sdkFor } from './support/webhook-receiver';

/** customers/search, payment_intents/search, charges/search through the SDK (its search and autoPagingEach). */
let sandbox: SandboxHandle;
let stripe: Stripe;
let alice: Stripe.Customer;
let bob: Stripe.Customer;
let paid: Stripe.PaymentIntent;
let open: Stripe.PaymentIntent;
let startedAt: number;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
  startedAt = Math.floor(Date.now() / 1000) - 1;
  alice = await stripe.customers.create({
    email: 'alice@example.test',
    name: 'Alice Martin',
    metadata: { userId: 'u-1', tier: 'gold' },
  });
  bob = await stripe.customers.create({
    email: 'bob@example.test',
    name: 'Bob Durand',
    metadata: { userId: 'u-2' },
  });
  for (let i = 0; i < 12; i++)
    await stripe.customers.create({ email: `bulk${i}@example.test`, metadata: { bulk: 'yes' } });
  paid = await stripe.paymentIntents.create({
    amount: 7900,
    currency: 'eur',
    customer: alice.id,
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { orderId: 'ord_1' },
  });
  open = await stripe.paymentIntents.create({
    amount: 2900,
    currency: 'eur',
    customer: bob.id,
    metadata: { orderId: 'ord_2' },
  });
  await stripe.paymentIntents
    .create({
      amount: 4900,
      currency: 'eur',
      customer: bob.id,
      payment_method: 'pm_card_chargeDeclined',
      confirm: true,
    })
    .catch(() => null);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('customers/search', () => {
  it.each([
    ["email:'alice@example.test'", ['alice']],
    ['email:"ALICE@example.test"', ['alice']],
    ["name~'Dur'", ['bob']],
    ["metadata['userId']:'u-2'", ['bob']],
    ["metadata['tier']:'gold' AND email:'alice@example.test'", ['alice']],
    ["email:'alice@example.test' OR email:'bob@example.test'", ['bob', 'alice']],
    ["-metadata['bulk']:'yes'", ['bob', 'alice']],
    ["metadata['tier']:null AND -metadata['bulk']:'yes'", ['bob']],
  ])('%s', async (query, expected) => {
    const result = await stripe.customers.search({ query });
    listConforms('/v1/customers/search', result);
    expect(result.object).toBe('search_result');
    expect(result.url).toBe('/v1/customers/search');
    const names = { [alice.id]: 'alice', [bob.id]: 'bob' };
    expect(result.data.map((c) => names[c.id] ?? c.id)).toEqual(expected);
  });

  it('pages with next_page (the SDK follows it), newest first', async () => {
    const first = await stripe.customers.search({ query: "metadata['bulk']:'yes'", limit: 5 });
    listConforms('/v1/customers/search', first);
    expect(first.data).toHaveLength(5);
    expect(first.has_more).toBe(true);
    expect(first.next_page).toEqual(expect.any(String));
    const second = await stripe.customers.search({
      query: "metadata['bulk']:'yes'",
      limit: 5,
      page: first.next_page!,
    });
    expect(second.data.map((c) => c.email)).toEqual([
      'bulk6@example.test',
      'bulk5@example.test',
      'bulk4@example.test',
      'bulk3@example.test',
      'bulk2@example.test',
    ]);
    const all: string[] = [];
    await stripe.customers.search({ query: "metadata['bulk']:'yes'", limit: 5 }).autoPagingEach((c) => {
      all.push(c.email!);
    });
    expect(all).toHaveLength(12);
    expect(all[0]).toBe('bulk11@example.test');
    const last = await stripe.customers.search({
      query: `created>=${startedAt} AND metadata['bulk']:'yes'`,
      limit: 100,
    });
    expect(last.has_more).toBe(false);
    expect(last.next_page).toBeNull();
    expect(last.data).toHaveLength(12);
  });
});

describe('payment_intents/search and charges/search', () => {
  it('searches PaymentIntents by status, amount, customer, metadata and created', async () => {
    const succeeded = await stripe.paymentIntents.search({
      query: `status:'succeeded' AND customer:'${alice.id}'`,
    });
    listConforms('/v1/payment_intents/search', succeeded);
    expect(succeeded.data.map((p) => p.id)).toEqual([paid.id]);
    const byOrder = await stripe.paymentIntents.search({ query: "metadata['orderId']:'ord_2'" });
    expect(byOrder.data.map((p) => p.id)).toEqual([open.id]);
    const big = await stripe.paymentIntents.search({ query: 'amount>3000 AND amount<=7900' });
    expect(big.data.map((p) => p.amount).sort()).toEqual([4900, 7900]);
    const recent = await stripe.paymentIntents.search({ query: `created>${startedAt} AND currency:'eur'` });
    expect(recent.data).toHaveLength(3);
    const expanded = await stripe.paymentIntents.search({
      query: `customer:'${alice.id}'`,
      expand: ['data.customer'],
    });
    conforms(expanded.data[0]!.customer as Stripe.Customer);
  });

  it('searches charges by status, refunded and card fields', async () => {
    const failed = await stripe.charges.search({ query: "status:'failed'" });
    listConforms('/v1/charges/search', failed);
    expect(failed.data).toHaveLength(1);
    expect(failed.data[0]!.amount).toBe(4900);
    const byCard = await stripe.charges.search({
      query: "payment_method_details.card.last4:'4242' AND refunded:'false'",
    });
    expect(byCard.data.map((c) => c.payment_intent)).toEqual([paid.id]);
    const byIntent = await stripe.charges.search({ query: `payment_intent:'${paid.id}'` });
    expect(byIntent.data).toHaveLength(1);
  });
});

describe("bad queries get Stripe's 400", () => {
  it.each([
    ['', /empty/],
    ["email:'a' AND name:'b' OR phone:'c'", /AND and OR cannot be combined/],
    ["nickname:'x'", /Field `nickname` is an unsupported search field for resource `customers`/],
    ['email:alice', /must be quoted/],
    ["email~'al'", /at least 3 characters/],
    ["email:'unterminated", /unterminated string/],
    ["created>'yesterday'", /compares numbers/],
  ])('customers %j', async (query, message) => {
    const e = (await stripe.customers
      .search({ query })
      .catch((x: unknown) => x)) as Stripe.errors.StripeError;
    expect(e.statusCode).toBe(400);
    expect(e.type).toBe('StripeInvalidRequestError');
    expect(e.param).toBe('query');
    expect(e.message).toMatch(message);
  });

  it('a missing query is parameter_missing; an unknown parameter is refused', async () => {
    const res = await fetch(`${sandbox.url}/v1/customers/search`, {
      headers: { Authorization: 'Bearer sk_test_search' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; param: string } };
    expect(body.error).toMatchObject({ code: 'parameter_missing', param: 'query' });
    const unknown = await fetch(`${sandbox.url}/v1/charges/search?query=status:'failed'&email=x`, {
      headers: { Authorization: 'Bearer sk_test_search' },
    });
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('parameter_unknown');
  });
});
