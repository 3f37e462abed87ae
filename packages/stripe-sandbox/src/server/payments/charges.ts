import type { CardFailure } from '../cards/test-cards';
import { resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { Charge, PaymentIntent, PaymentMethod } from '../state/objects';
import { chargeTransaction } from './balance-transactions';
import { calculatedDescriptor } from './descriptors';
import { capturesManually } from './payment-method-options';

const APPROVED_OUTCOME = {
  advice_code: null,
  network_advice_code: null,
  network_decline_code: null,
  network_status: 'approved_by_network',
  reason: null,
  risk_level: 'normal',
  risk_score: 32,
  seller_message: 'Payment complete.',
  type: 'authorized',
};

/** What a charge is made for: a PaymentIntent, or a legacy `POST /v1/charges` (`id: null`). */
export type ChargeFor = Pick<
  PaymentIntent,
  | 'amount'
  | 'currency'
  | 'customer'
  | 'description'
  | 'metadata'
  | 'receipt_email'
  | 'shipping'
  | 'statement_descriptor'
  | 'statement_descriptor_suffix'
  | 'capture_method'
  | 'payment_method_options'
> & { id: string | null };

/** The charge a confirm (or a legacy charge) makes: succeeded (captured or not) or failed with the card's failure. */
export function createCharge(
  sandbox: Sandbox,
  pi: ChargeFor,
  pm: PaymentMethod,
  failure: CardFailure | undefined,
  threeDSecure: boolean,
): Charge {
  const captured = !failure && !capturesManually(pi);
  const id = newId('ch');
  const charge: Charge = {
    id,
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: calculatedDescriptor(
      pi.statement_descriptor,
      pi.statement_descriptor_suffix,
    ),
    captured,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure ? failure.code : null,
    failure_message: failure ? failure.message : null,
    fraud_details: {},
    invoice: null,
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: failure
      ? {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          ...failure.outcome,
          risk_score: failure.outcome.risk_level === 'highest' ? 95 : 32,
        }
      : APPROVED_OUTCOME,
    paid: !failure,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      card: {
        amount_authorized: failure ? null : pi.amount,
        authorization_code: failure ? null : '123456',
        brand: pm.card.brand,
        checks: pm.card.checks,
        country: pm.card.country,
        exp_month: pm.card.exp_month,
        exp_year: pm.card.exp_year,
        extended_authorization: { status: 'disabled' },
        fingerprint: pm.card.fingerprint,
        funding: pm.card.funding,
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: pm.card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: pm.card.brand,
        network_token: { used: false },
        network_transaction_id: failure ? null : `${Date.now()}`,
        overcapture: { maximum_amount_capturable: pi.amount, status: 'unavailable' },
        regulated_status: 'unregulated',
        three_d_secure: threeDSecure
          ? {
              authentication_flow: 'challenge',
              electronic_commerce_indicator: '05',
              result: 'authenticated',
              result_reason: null,
              transaction_id: newId('3ds'),
              version: '2.2.0',
            }
          : null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: pi.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: failure ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  // Stripe gives paid charges a receipt page; the sandbox serves its own (control/receipt-page.ts).
  if (!failure) charge.receipt_url = `${sandbox.baseUrl}/_sandbox/receipts/${charge.id}`;
  if (captured) charge.balance_transaction = chargeTransaction(sandbox, charge);
  sandbox.store.charges.set(charge.id, charge);
  sandbox.store.changed();
  return charge;
}

export function getCharge(sandbox: Sandbox, id: string, param = 'id'): Charge {
  const c = sandbox.store.charges.get(id);
  if (!c) throw resourceMissing(param, id, 'charge');
  return c;
}
