import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { BalanceTransaction, Charge, Refund } from '../state/objects';
import { findPaymentMethodCard } from './payment-methods';

/**
 * Stripe's published card pricing for an account in the European Economic Area (in force since 10 April 2023):
 * a percentage by where the card was issued plus a fixed 0.25 (in minor units of the charge's currency: the
 * sandbox account settles every currency as is, without conversion). Premium and commercial EEA cards
 * (1.9 %) are not told apart from standard ones.
 */
export const CARD_PRICING = {
  eea: { percent: 1.5, fixed: 25, label: 'standard EEA card' },
  uk: { percent: 2.5, fixed: 25, label: 'UK card' },
  international: { percent: 3.25, fixed: 25, label: 'international card' },
} as const;

/** The European Economic Area (Stripe's list: EU members, Iceland, Liechtenstein, Norway). */
const EEA = new Set(
  'AT BE BG HR CY CZ DK EE FI FR DE GR HU IS IE IT LV LI LT LU MT NL NO PL PT RO SK SI ES SE'.split(' '),
);

/** Days before a charge's funds become available (the payout delay of a new French account). */
export const AVAILABLE_AFTER_DAYS = 7;

export function pricingFor(cardCountry: string): (typeof CARD_PRICING)[keyof typeof CARD_PRICING] {
  if (EEA.has(cardCountry)) return CARD_PRICING.eea;
  if (cardCountry === 'GB') return CARD_PRICING.uk;
  return CARD_PRICING.international;
}

/** Stripe's fee on a captured amount, rounded to the nearest minor unit. */
export function cardFee(amount: number, cardCountry: string): number {
  const p = pricingFor(cardCountry);
  return Math.round((amount * p.percent) / 100) + p.fixed;
}

function save(sandbox: Sandbox, txn: BalanceTransaction): string {
  sandbox.store.balanceTransactions.set(txn.id, txn);
  sandbox.store.changed();
  return txn.id;
}

/** The balance transaction of a captured charge: the amount captured, Stripe's fee, pending for a week. */
export function chargeTransaction(sandbox: Sandbox, charge: Charge): string {
  const country = String(charge.payment_method_details.card.country ?? 'US');
  const fee = cardFee(charge.amount_captured, country);
  const created = nowSeconds();
  const atOnce = findPaymentMethodCard(sandbox, charge.payment_method)?.fundsAvailableAtOnce === true;
  return save(sandbox, {
    id: newId('txn'),
    object: 'balance_transaction',
    amount: charge.amount_captured,
    available_on: atOnce ? created : created + AVAILABLE_AFTER_DAYS * 86_400,
    created,
    currency: charge.currency,
    description: charge.description,
    exchange_rate: null,
    fee,
    fee_details: [
      {
        amount: fee,
        application: null,
        currency: charge.currency,
        description: `Stripe processing fees (${pricingFor(country).label})`,
        type: 'stripe_fee',
      },
    ],
    net: charge.amount_captured - fee,
    reporting_category: 'charge',
    source: charge.id,
    status: atOnce ? 'available' : 'pending',
    type: 'charge',
  });
}

/** A refund takes its amount out of the balance at once; Stripe keeps its fee. */
export function refundTransaction(sandbox: Sandbox, refund: Refund, failed = false): string {
  const created = nowSeconds();
  const amount = failed ? refund.amount : -refund.amount;
  return save(sandbox, {
    id: newId('txn'),
    object: 'balance_transaction',
    amount,
    available_on: created,
    created,
    currency: refund.currency,
    description: null,
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: amount,
    reporting_category: failed ? 'refund_failure' : 'refund',
    source: refund.id,
    status: 'available',
    type: failed ? 'payment_failure_refund' : 'refund',
  });
}

/** Pending transactions whose `available_on` has come become available (call before reading them). */
export function settleAvailable(sandbox: Sandbox): void {
  const now = nowSeconds();
  for (const txn of sandbox.store.balanceTransactions.values()) {
    if (txn.status === 'pending' && txn.available_on <= now) txn.status = 'available';
  }
}

/** GET /v1/balance: the net of every balance transaction, available or pending, per currency. */
export function balanceOf(sandbox: Sandbox) {
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  settleAvailable(sandbox);
  for (const txn of sandbox.store.balanceTransactions.values()) {
    const target = txn.status === 'available' ? available : pending;
    target.set(txn.currency, (target.get(txn.currency) ?? 0) + txn.net);
    const other = target === available ? pending : available;
    if (!other.has(txn.currency)) other.set(txn.currency, 0);
  }
  if (available.size === 0) {
    available.set('eur', 0);
    pending.set('eur', 0);
  }
  const entries = (m: Map<string, number>) =>
    [...m].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } }));
  return {
    object: 'balance',
    available: entries(available),
    connect_reserved: [...available.keys()].map((currency) => ({ amount: 0, currency })),
    livemode: false,
    pending: entries(pending),
  };
}
