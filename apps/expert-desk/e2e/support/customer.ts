/**
 * The customer's side, driven the way a browser would through the API, with the payment confirmed by
 * the official Stripe SDK against the sandbox (pm_card_visa).
 */
import type { CreatePaymentIntentResponse, OrderView, TierId } from '@lumira/shared';
import type Stripe from 'stripe';

export type PaidOrder = CreatePaymentIntentResponse & { paymentIntentId: string };

export async function createOrder(
  apiUrl: string,
  body: { level: TierId; expertId?: string; customerEmail: string; customerName?: string },
): Promise<PaidOrder> {
  const res = await fetch(`${apiUrl}/api/payments/create-payment-intent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as CreatePaymentIntentResponse;
  if (!res.ok) throw new Error(`create-payment-intent ${res.status}: ${JSON.stringify(json)}`);
  const paymentIntentId = json.clientSecret.split('_secret_')[0]!;
  return { ...json, paymentIntentId };
}

/** Confirms with a sandbox test card (`pm_card_refundFail`: the payment succeeds, its refunds fail). */
export async function payWithVisa(
  stripe: Stripe,
  order: PaidOrder,
  paymentMethod = 'pm_card_visa',
): Promise<void> {
  const intent = await stripe.paymentIntents.confirm(order.paymentIntentId, {
    payment_method: paymentMethod,
  });
  if (intent.status !== 'succeeded') throw new Error(`PaymentIntent ${intent.id} is ${intent.status}`);
}

/** GET /api/payments/order/:id with the order's access token (what the confirmation page reads). */
export async function readOrderAsCustomer(
  apiUrl: string,
  order: Pick<PaidOrder, 'orderId' | 'orderAccessToken'>,
): Promise<OrderView> {
  const res = await fetch(
    `${apiUrl}/api/payments/order/${order.orderId}?token=${encodeURIComponent(order.orderAccessToken)}`,
  );
  const json = await res.json();
  if (!res.ok) throw new Error(`GET order ${res.status}: ${JSON.stringify(json)}`);
  return json as OrderView;
}

/** Polls until `check` holds (the webhook settles asynchronously). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in time; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  return last;
}
