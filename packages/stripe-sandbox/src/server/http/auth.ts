import { authenticationError, StripeError } from './stripe-error';

export type KeyMode = 'secret' | 'publishable';

const TEST_KEY = /^(sk|rk|pk)_test_[A-Za-z0-9_]+$/;

function mask(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 8)}****` : `${key.slice(0, 8)}${'*'.repeat(4)}${key.slice(-4)}`;
}

const MISSING =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/**
 * Reads the API key from `Authorization: Bearer|Basic` (or a `key` parameter, as Stripe.js sends it).
 * The sandbox is one account without Connect: a `Stripe-Account` header names an account the key
 * cannot reach, which Stripe answers with 403 `account_invalid`.
 */
export function authenticate(
  header: string | undefined,
  keyParam: string | undefined,
  stripeAccount?: string | undefined,
): KeyMode {
  let key: string | undefined;
  if (header) {
    const space = header.indexOf(' ');
    const scheme = space === -1 ? header : header.slice(0, space);
    const value = space === -1 ? '' : header.slice(space + 1).trim();
    if (/^bearer$/i.test(scheme)) key = value;
    else if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      key = decoded.split(':')[0];
    } else {
      throw authenticationError(
        `Invalid authorization header. Use Bearer or Basic authentication with your API key. See https://stripe.com/docs/api#authentication for details.`,
      );
    }
  } else {
    key = keyParam;
  }
  if (!key) throw authenticationError(MISSING);
  if (!TEST_KEY.test(key)) {
    if (/^(sk|rk|pk)_live_/.test(key)) {
      throw authenticationError(
        `This sandbox only accepts test mode keys (sk_test_..., pk_test_...); you provided ${mask(key)}.`,
      );
    }
    throw authenticationError(`Invalid API Key provided: ${mask(key)}`);
  }
  if (stripeAccount !== undefined) {
    throw new StripeError(403, {
      type: 'invalid_request_error',
      code: 'account_invalid',
      message: `The provided key '${mask(key)}' does not have access to account '${stripeAccount}' (or that account does not exist). Application access may have been revoked.`,
    });
  }
  return key.startsWith('pk_') ? 'publishable' : 'secret';
}

export function publishableKeyForbidden(): StripeError {
  return authenticationError(
    'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  );
}
