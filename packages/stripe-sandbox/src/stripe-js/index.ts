/**
 * Entry of the Stripe.js replacement served at /v3/stripe.js (and /<release train>/stripe.js).
 * Bundled into one classic script; load it in <head> BEFORE the app bundle so that `loadStripe()`
 * from @stripe/stripe-js resolves with this `window.Stripe` instead of injecting js.stripe.com.
 * It talks to the sandbox API it was served from, renders real inputs in shadow roots (no
 * cross-origin iframes) and opens the sandbox's 3-D Secure page in a modal dialog.
 */
import { IntegrationError } from './messages';
import { scriptSource } from './script-source';
import { createStripe } from './stripe-instance';

declare global {
  interface Window {
    Stripe?: unknown;
  }
}

function install(): void {
  if (
    typeof window === 'undefined' ||
    (window.Stripe as { __lumiraSandbox?: unknown } | undefined)?.__lumiraSandbox
  )
    return;
  const script = document.currentScript as HTMLScriptElement | null;
  const source = scriptSource(script, window.location.href, window.location.origin);

  function Stripe(key: unknown, options?: unknown) {
    if (typeof key !== 'string' || !key) {
      throw new IntegrationError('Please call Stripe() with your publishable key. You used an empty string.');
    }
    if (/^(sk|rk)_/.test(key)) {
      throw new IntegrationError(
        'You should not use your secret key with Stripe.js. Please pass a publishable key instead.',
      );
    }
    if (!/^pk_(test|live)_/.test(key)) {
      throw new IntegrationError(`Invalid API Key provided: ${key.replace(/^(.{8}).*$/, '$1...')}`);
    }
    return createStripe(
      source,
      key,
      options && typeof options === 'object' ? (options as Record<string, unknown>) : {},
    );
  }
  // @stripe/stripe-js compares this with its release train and warns on a mismatch: the script's
  // URL names the train (`/clover/stripe.js` for @stripe/stripe-js 8.x; `/v3/` is the newest).
  Stripe.version = source.releaseTrain;
  Stripe.__lumiraSandbox = { apiBase: source.apiBase, releaseTrain: source.releaseTrain };
  window.Stripe = Stripe;
}

install();
