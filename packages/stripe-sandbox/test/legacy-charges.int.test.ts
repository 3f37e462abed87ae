import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms } from './support/conforms';
import { rejectedWith } from './support/rejection';
import { sdkFor } from './support/webhook-receiver';

/** The Charges API of integrations older than PaymentIntents: POST /v1/charges with a token, capture. */
const cardError = (promise: Promise<unknown>) =>
  rejectedWith<Stripe.errors.StripeCardError>(promise, 402, 'StripeCardError');

let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

describe('POST /v1/charges', () => {
  it('charges tok_visa, with its balance transaction, and refunds it', async () => {
    const customer = await stripe.customers.create({ email: 'legacy@example.test' });
    const charge = await stripe.charges.create({
      amount: 2500,
      currency: 'eur',
      source: 'tok_visa',
      customer: customer.id,
      description: 'Consultation',
      metadata: { orderId: 'o-1' },
      expand: ['balance_transaction'],
    });
    conforms(charge);
    expect(charge).toMatchObject({
      status: 'succeeded',
      paid: true,
      captured: true,
      amount_captured: 2500,
      payment_intent: null,
      customer: customer.id,
      description: 'Consultation',
      metadata: { orderId: 'o-1' },
    });
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
    expect((charge.balance_transaction as Stripe.BalanceTransaction).net).toBe(2500 - (81 + 25));
    const refund = await stripe.refunds.create({ charge: charge.id });
    expect(refund.status).toBe('succeeded');
    expect(refund.payment_intent).toBeNull();
    expect((await stripe.charges.retrieve(charge.id)).refunded).toBe(true);
  });

  it('charges a token from /v1/tokens once', async () => {
    const token = await stripe.tokens.create({
      card: {
        number: '5555555555554444',
        exp_month: '12',
        exp_year: String(new Date().getFullYear() + 2),
        cvc: '123',
      },
    } as Stripe.TokenCreateParams);
    const charge = await stripe.charges.create({ amount: 1000, currency: 'eur', source: token.id });
    expect(charge.payment_method_details?.card?.brand).toBe('mastercard');
    const again = await stripe.charges
      .create({ amount: 1000, currency: 'eur', source: token.id })
      .catch((e: unknown) => e);
    expect((again as Stripe.errors.StripeError).code).toBe('token_already_used');
  });

  it('capture=false authorizes; capture takes all or part, once', async () => {
    const held = await stripe.charges.create({
      amount: 4000,
      currency: 'eur',
      source: 'tok_visa',
      capture: false,
    });
    conforms(held);
    expect(held.captured).toBe(false);
    expect(held.balance_transaction).toBeNull();
    const captured = await stripe.charges.capture(held.id, { amount: 3000 });
    conforms(captured);
    expect(captured.captured).toBe(true);
    expect(captured.amount_captured).toBe(3000);
    expect(captured.balance_transaction).toEqual(expect.stringMatching(/^txn_/));
    const twice = (await stripe.charges
      .capture(held.id)
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(twice.statusCode).toBe(400);
    expect(twice.code).toBe('charge_already_captured');
  });

  it('declines as the card says, with the failed charge in the error; 3-D Secure cards need authentication', async () => {
    const declined = await cardError(
      stripe.charges.create({ amount: 1000, currency: 'eur', source: 'tok_chargeDeclined' }),
    );
    expect(declined.code).toBe('card_declined');
    expect(declined.decline_code).toBe('generic_decline');
    const failed = await stripe.charges.retrieve((declined.raw as { charge: string }).charge);
    conforms(failed);
    expect(failed.status).toBe('failed');
    const insufficient = await cardError(
      stripe.charges.create({
        amount: 1000,
        currency: 'eur',
        source: 'tok_visa_chargeDeclinedInsufficientFunds',
      }),
    );
    expect(insufficient.decline_code).toBe('insufficient_funds');
    const threeDS = await cardError(
      stripe.charges.create({ amount: 1000, currency: 'eur', source: 'tok_authenticationRequired' }),
    );
    expect(threeDS.decline_code).toBe('authentication_required');
  });

  it('refuses a missing source, an unknown token and a bad amount', async () => {
    const noSource = (await stripe.charges
      .create({ amount: 1000, currency: 'eur' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(noSource.statusCode).toBe(400);
    expect(noSource.message).toBe('Must provide source or customer.');
    const unknown = (await stripe.charges
      .create({ amount: 1000, currency: 'eur', source: 'tok_nothing' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('resource_missing');
    const small = (await stripe.charges
      .create({ amount: 10, currency: 'eur', source: 'tok_visa' })
      .catch((e: unknown) => e)) as Stripe.errors.StripeError;
    expect(small.code).toBe('amount_too_small');
  });
});
