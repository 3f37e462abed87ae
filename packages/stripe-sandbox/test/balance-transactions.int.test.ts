import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { conforms } from './support/conforms';
import { sdkFor } from './support/webhook-receiver';

/** Balance transactions of captures and refunds: Stripe's EEA card pricing, expansion, list, balance. */
let sandbox: SandboxHandle;
let stripe: Stripe;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, refundSettleMs: 30 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

async function pay(
  paymentMethod: string,
  amount: number,
  extra: Partial<Stripe.PaymentIntentCreateParams> = {},
) {
  return stripe.paymentIntents.create({
    amount,
    currency: 'eur',
    payment_method: paymentMethod,
    confirm: true,
    expand: ['latest_charge.balance_transaction'],
    ...extra,
  });
}

describe('fees and net', () => {
  it.each([
    // card, country, amount, fee: percent of the amount (rounded) + 25
    ['pm_card_fr', 'FR', 7900, Math.round(7900 * 0.015) + 25],
    ['pm_card_de', 'DE', 10_000, 150 + 25],
    ['pm_card_gb', 'GB', 7900, Math.round(7900 * 0.025) + 25],
    ['pm_card_visa', 'US', 7900, Math.round(7900 * 0.0325) + 25],
    ['pm_card_jp', 'JP', 2000, 65 + 25],
  ])('%s (%s): %i captured, fee %i', async (alias, country, amount, fee) => {
    const pi = await pay(alias, amount);
    const charge = pi.latest_charge as Stripe.Charge;
    expect(charge.payment_method_details?.card?.country).toBe(country);
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    conforms(txn);
    expect(txn).toMatchObject({
      object: 'balance_transaction',
      amount,
      fee,
      net: amount - fee,
      currency: 'eur',
      type: 'charge',
      reporting_category: 'charge',
      source: charge.id,
      status: 'pending',
    });
    expect(txn.fee_details).toEqual([
      expect.objectContaining({ amount: fee, currency: 'eur', type: 'stripe_fee', application: null }),
    ]);
    expect(txn.available_on).toBe(txn.created + 7 * 86_400);
    const again = await stripe.balanceTransactions.retrieve(txn.id, { expand: ['source'] });
    conforms(again);
    expect((again.source as Stripe.Charge).id).toBe(charge.id);
  });

  it('a manual capture gets its transaction at capture time, on the captured amount', async () => {
    const pi = await pay('pm_card_fr', 5000, { capture_method: 'manual' });
    expect((pi.latest_charge as Stripe.Charge).balance_transaction).toBeNull();
    const captured = await stripe.paymentIntents.capture(pi.id, {
      amount_to_capture: 4000,
      expand: ['latest_charge.balance_transaction'],
    });
    const txn = (captured.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect(txn).toMatchObject({ amount: 4000, fee: 60 + 25, net: 4000 - 85 });
  });

  it('bypassPending cards are available at once; a failed payment has no transaction', async () => {
    const pi = await pay('pm_card_bypassPending', 3000);
    const txn = (pi.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect(txn.status).toBe('available');
    expect(txn.available_on).toBe(txn.created);
    const declined = await pay('pm_card_chargeDeclined', 3000).catch(
      (e: Stripe.errors.StripeCardError) => e.payment_intent!,
    );
    const charge = await stripe.charges.retrieve(declined.latest_charge as string);
    expect(charge.balance_transaction).toBeNull();
  });
});

describe('refunds', () => {
  it('a refund has a negative transaction without fee; a failed one is given back', async () => {
    const pi = await pay('pm_card_fr', 6000);
    const refund = await stripe.refunds.create({
      payment_intent: pi.id,
      amount: 2000,
      expand: ['balance_transaction'],
    });
    const txn = refund.balance_transaction as Stripe.BalanceTransaction;
    conforms(txn);
    expect(txn).toMatchObject({
      amount: -2000,
      fee: 0,
      net: -2000,
      type: 'refund',
      reporting_category: 'refund',
      source: refund.id,
      status: 'available',
    });

    const failing = await pay('pm_card_refundFail', 4000);
    const pending = await stripe.refunds.create({ payment_intent: failing.id });
    let settled = await stripe.refunds.retrieve(pending.id);
    for (let i = 0; i < 200 && settled.status === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      settled = await stripe.refunds.retrieve(pending.id);
    }
    expect(settled.status).toBe('failed');
    const back = await stripe.balanceTransactions.retrieve(settled.failure_balance_transaction as string);
    conforms(back);
    expect(back).toMatchObject({
      amount: 4000,
      net: 4000,
      type: 'payment_failure_refund',
      reporting_category: 'refund_failure',
    });
  });

  it('lists by type and source, newest first, and reports the balance from the transactions', async () => {
    const own = await startSandbox({ port: 0 });
    try {
      const sdk = sdkFor(own.port);
      expect((await sdk.balance.retrieve()).available).toEqual([
        { amount: 0, currency: 'eur', source_types: { card: 0 } },
      ]);
      const pi = await sdk.paymentIntents.create({
        amount: 10_000,
        currency: 'eur',
        payment_method: 'pm_card_fr',
        confirm: true,
      });
      await sdk.paymentIntents.create({
        amount: 2000,
        currency: 'eur',
        payment_method: 'pm_card_bypassPending',
        confirm: true,
      });
      await sdk.refunds.create({ payment_intent: pi.id, amount: 1000 });
      const all = await sdk.balanceTransactions.list();
      expect(all.url).toBe('/v1/balance_transactions');
      expect(all.data.map((t) => t.type)).toEqual(['refund', 'charge', 'charge']);
      for (const t of all.data) conforms(t);
      const charges = await sdk.balanceTransactions.list({ type: 'charge', limit: 1 });
      expect(charges.data).toHaveLength(1);
      expect(charges.has_more).toBe(true);
      const charge = await sdk.charges.retrieve(pi.latest_charge as string);
      const bySource = await sdk.balanceTransactions.list({ source: charge.id });
      expect(bySource.data.map((t) => t.id)).toEqual([charge.balance_transaction]);
      const balance = await sdk.balance.retrieve();
      // pending: 100.00 - (1.50 + 0.25); available: the bypassPending charge (20.00 - 3.25 % - 0.25) and the refund.
      expect(balance.pending).toEqual([
        { amount: 10_000 - 175, currency: 'eur', source_types: { card: 10_000 - 175 } },
      ]);
      const bypassNet = 2000 - (65 + 25);
      expect(balance.available).toEqual([
        { amount: bypassNet - 1000, currency: 'eur', source_types: { card: bypassNet - 1000 } },
      ]);
      const missing = await sdk.balanceTransactions
        .retrieve('txn_missing')
        .catch((e: Stripe.errors.StripeError) => e);
      expect((missing as Stripe.errors.StripeError).statusCode).toBe(404);
      expect((missing as Stripe.errors.StripeError).code).toBe('resource_missing');
    } finally {
      await own.close();
    }
  });
});
