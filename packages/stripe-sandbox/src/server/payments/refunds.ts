import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing, StripeError } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { Charge, Refund } from '../state/objects';
import { refundTransaction } from './balance-transactions';
import { getCharge } from './charges';
import { getPaymentIntent } from './payment-intents';
import { findPaymentMethodCard } from './payment-methods';
import { render } from './render';

const NO_REQUEST: EventRequest = { id: null, idempotency_key: null };

export function getRefund(sandbox: Sandbox, id: string): Refund {
  const r = sandbox.store.refunds.get(id);
  if (!r) throw resourceMissing('refund', id, 'refund');
  return r;
}

function formatAmount(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

/** Money still refundable: captured minus refunds that are pending or succeeded (the cumulative cap). */
export function refundableAmount(charge: Charge): number {
  return charge.amount_captured - charge.amount_refunded;
}

/**
 * POST /v1/refunds: full or partial, capped cumulatively. The card decides the lifecycle:
 * immediate success, pending then success (`refund.updated`), or pending then failure (`refund.failed`).
 */
export function createRefund(
  sandbox: Sandbox,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const piId = params.payment_intent as string | undefined;
  const chargeId = params.charge as string | undefined;
  if (!piId && !chargeId) throw missingParameter('charge');
  if (piId && chargeId) {
    throw invalidRequest(
      'You can only specify one of these parameters: charge, payment_intent.',
      'payment_intent',
    );
  }
  if (piId && !sandbox.store.paymentIntents.has(piId)) {
    throw resourceMissing('payment_intent', piId, 'payment_intent', 400);
  }
  if (chargeId && !sandbox.store.charges.has(chargeId))
    throw resourceMissing('charge', chargeId, 'charge', 400);
  let charge: Charge;
  if (piId) {
    const pi = getPaymentIntent(sandbox, piId, 'payment_intent');
    if (pi.status !== 'succeeded' || !pi.latest_charge) {
      throw new StripeError(400, {
        type: 'invalid_request_error',
        code: 'charge_not_refundable',
        message: `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
        param: 'payment_intent',
      });
    }
    charge = getCharge(sandbox, pi.latest_charge, 'payment_intent');
  } else {
    charge = getCharge(sandbox, chargeId!, 'charge');
  }
  if (charge.status !== 'succeeded' || !charge.captured) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'charge_not_refundable',
      message: `Charge ${charge.id} cannot be refunded because it has not been captured successfully.`,
      param: piId ? 'payment_intent' : 'charge',
    });
  }
  const remaining = refundableAmount(charge);
  if (remaining <= 0) {
    throw new StripeError(400, {
      type: 'invalid_request_error',
      code: 'charge_already_refunded',
      message: `Charge ${charge.id} has already been refunded.`,
      param: piId ? 'payment_intent' : 'charge',
    });
  }
  const amount = (params.amount as number | undefined) ?? remaining;
  if (amount < 1) {
    throw invalidRequest('Invalid positive integer', 'amount', 'parameter_invalid_integer');
  }
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const card = findPaymentMethodCard(sandbox, charge.payment_method);
  const behaviour = card?.refunds ?? 'succeed';
  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount,
    balance_transaction: null,
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    destination_details: {
      card: {
        reference: null,
        reference_status: 'pending',
        reference_type: 'acquirer_reference_number',
        type: 'refund',
      },
      type: 'card',
    },
    metadata: (params.metadata as Record<string, string> | undefined) ?? {},
    payment_intent: charge.payment_intent,
    reason: (params.reason as string | undefined) ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: behaviour === 'succeed' ? 'succeeded' : 'pending',
    transfer_reversal: null,
  };
  refund.balance_transaction = refundTransaction(sandbox, refund);
  sandbox.store.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;
  sandbox.store.changed();
  sandbox.emit('refund.created', refund, request);
  sandbox.emit('charge.refunded', charge, request);
  if (behaviour !== 'succeed') {
    sandbox.later(sandbox.options.refundSettleMs, () =>
      settleRefund(sandbox, refund.id, behaviour === 'fail' ? 'failed' : 'succeeded'),
    );
  }
  return render(sandbox, refund, expand);
}

/** The asynchronous end of a pending refund. */
export function settleRefund(sandbox: Sandbox, refundId: string, outcome: 'succeeded' | 'failed'): void {
  const refund = sandbox.store.refunds.get(refundId);
  if (refund?.status !== 'pending') return;
  const charge = sandbox.store.charges.get(refund.charge);
  if (outcome === 'succeeded') {
    refund.status = 'succeeded';
    sandbox.store.changed();
    sandbox.emit('refund.updated', refund, NO_REQUEST, { status: 'pending' });
    if (charge) sandbox.emit('charge.refund.updated', refund, NO_REQUEST, { status: 'pending' });
    return;
  }
  refund.status = 'failed';
  refund.failure_reason = 'expired_or_canceled_card';
  refund.failure_balance_transaction = refundTransaction(sandbox, refund, true);
  giveBack(sandbox, refund, NO_REQUEST, 'refund.failed');
}

/** A failed or canceled refund: the amount becomes refundable again, and the events say so. */
function giveBack(sandbox: Sandbox, refund: Refund, request: EventRequest, first?: 'refund.failed'): void {
  const charge = sandbox.store.charges.get(refund.charge);
  if (charge) {
    charge.amount_refunded -= refund.amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured && charge.amount_captured > 0;
  }
  sandbox.store.changed();
  if (first) sandbox.emit(first, refund, request, { status: 'pending' });
  sandbox.emit('refund.updated', refund, request, { status: 'pending' });
  if (charge) sandbox.emit('charge.refund.updated', refund, request, { status: 'pending' });
}

/** POST /v1/refunds/:id/cancel: only a refund that has not settled (`pending`) can be canceled. */
export function cancelRefund(sandbox: Sandbox, id: string, request: EventRequest, expand: string[]): object {
  const refund = getRefund(sandbox, id);
  if (refund.status !== 'pending') {
    throw invalidRequest(
      `Refund ${refund.id} cannot be canceled because it has a status of ${refund.status}. Only a refund with a status of pending can be canceled.`,
    );
  }
  refund.status = 'canceled';
  // The amount comes back to the balance, as for a failed refund.
  refundTransaction(sandbox, refund, true);
  giveBack(sandbox, refund, request);
  return render(sandbox, refund, expand);
}

/** After loading a persisted state: pending refunds continue towards their card's outcome. */
export function resumePendingRefunds(sandbox: Sandbox): void {
  for (const refund of sandbox.store.refunds.values()) {
    if (refund.status !== 'pending') continue;
    const charge = sandbox.store.charges.get(refund.charge);
    const card = charge ? findPaymentMethodCard(sandbox, charge.payment_method) : undefined;
    const outcome = card?.refunds === 'fail' ? 'failed' : 'succeeded';
    sandbox.later(sandbox.options.refundSettleMs, () => settleRefund(sandbox, refund.id, outcome));
  }
}
