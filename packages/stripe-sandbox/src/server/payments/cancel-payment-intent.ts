import type { EventRequest } from '../events/event-builder';
import type { Params } from '../http/param-spec';
import type { Sandbox } from '../sandbox';
import { nowSeconds } from '../state/ids';
import type { PaymentIntent } from '../state/objects';
import { render } from './render';
import { unexpectedState } from './unexpected-state';

const CANCELABLE = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'requires_capture',
  'processing',
]);

export function cancelPaymentIntent(
  sandbox: Sandbox,
  pi: PaymentIntent,
  params: Params,
  request: EventRequest,
  expand: string[],
): object {
  if (!CANCELABLE.has(pi.status)) throw unexpectedState(pi, 'cancel', CANCELABLE);
  if (pi.status === 'requires_capture' && pi.latest_charge) {
    const charge = sandbox.store.charges.get(pi.latest_charge);
    if (charge) {
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
    }
  }
  pi.status = 'canceled';
  pi.canceled_at = nowSeconds();
  pi.cancellation_reason = (params.cancellation_reason as string | undefined) ?? null;
  pi.amount_capturable = 0;
  pi.next_action = null;
  sandbox.store.changed();
  sandbox.emit('payment_intent.canceled', pi, request);
  return render(sandbox, pi, expand);
}
