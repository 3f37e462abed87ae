/**
 * The confirmation page's address for an order. Used as Stripe's `return_url` (3-D Secure redirects
 * come back here with `payment_intent`, `payment_intent_client_secret` and `redirect_status` added)
 * and for in-app navigation after a payment that needed no redirect.
 */
export function confirmationPath(orderId: string, accessToken: string, paymentIntentId?: string): string {
  const search = new URLSearchParams({ order_id: orderId, token: accessToken });
  if (paymentIntentId) search.set('payment_intent', paymentIntentId);
  return `/confirmation?${search.toString()}`;
}

export function confirmationUrl(origin: string, orderId: string, accessToken: string): string {
  return `${origin.replace(/\/+$/, '')}${confirmationPath(orderId, accessToken)}`;
}

/** Back to the order page to pay an existing order again (after a refusal). */
export function retryPaymentPath(orderId: string, accessToken: string): string {
  return `/commande?${new URLSearchParams({ order_id: orderId, token: accessToken }).toString()}`;
}
