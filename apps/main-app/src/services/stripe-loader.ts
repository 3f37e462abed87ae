/**
 * Stripe.js, as index.html loaded it (real Stripe.js, or the sandbox's replacement when
 * VITE_STRIPE_JS_URL is set): `loadStripe` finds `window.Stripe` already defined.
 */
import type { Stripe } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { config } from '../config';

let stripePromise: Promise<Stripe | null> | null = null;

export function getStripe(): Promise<Stripe | null> {
  stripePromise ??= loadStripe(config.stripePublishableKey).catch(() => null);
  return stripePromise;
}
