import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import { invalidRequest, resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import type { PaymentIntent } from '../state/objects';
import { chargeTransaction } from './balance-transactions';
import { mergeMetadata } from './merge-metadata';
import { render } from './render';
import { unexpectedState } from './unexpected-state';

export function capturePaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  const capturable = new Set(['requires_capture']);
  if (pi.status !== 'requires_capture') throw unexpectedState(pi, 'capture', capturable);
  const amount = (params.amount_to_capture as number | undefined) ?? pi.amount_capturable;
  if (amount < 1 || amount > pi.amount_capturable) {
    throw invalidRequest(
      `The amount to capture (${amount}) must be between 1 and the capturable amount (${pi.amount_capturable}).`,
      'amount_to_capture',
      'amount_too_large',
    );
  }
  const charge = sandbox.store.charges.get(pi.latest_charge!);
  if (!charge) throw resourceMissing('intent', pi.id, 'charge for payment_intent');
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = chargeTransaction(sandbox, charge);
  if (amount < charge.amount) charge.amount_refunded = charge.amount - amount;
  if (params.metadata !== undefined)
    pi.metadata = mergeMetadata(pi.metadata, params.metadata as Record<string, string>);
  pi.status = 'succeeded';
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  sandbox.store.changed();
  sandbox.emit('charge.captured', charge, request);
  sandbox.emit('payment_intent.succeeded', pi, request);
  return render(sandbox, pi, expand);
}
