import { brandOf, brandRuleByName } from '../../cards/card-rules';
import { cardFingerprint, validateCardParams } from '../cards/card-validation';
import { findTestCardByNumber } from '../cards/test-cards';
import type { Params } from '../http/param-spec';
import { invalidRequest, resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { Token } from '../state/objects';

/** `card[...]` of `POST /v1/tokens` (what `stripe.createToken(cardElement, data)` sends). */
export const TOKEN_CARD_SPEC = {
  object: {
    number: 'string',
    exp_month: 'string',
    exp_year: 'string',
    cvc: 'string',
    name: 'string',
    address_line1: 'string',
    address_line2: 'string',
    address_city: 'string',
    address_state: 'string',
    address_zip: 'string',
    address_country: 'string',
  },
} as const;

const NO_TOKEN_DATA =
  'You must supply either a card, customer, PII data, bank account, or account legal entity to create a token.';

/**
 * Creates a single-use card token from `card[...]` (validated exactly as a card PaymentMethod:
 * 402 card_error `incorrect_number`, `invalid_expiry_*`, `invalid_cvc`).
 */
export function createCardToken(
  sandbox: Sandbox,
  cardInput: Params | null | undefined,
  clientIp: string | null,
): Token {
  if (!cardInput) throw invalidRequest(NO_TOKEN_DATA);
  const valid = validateCardParams(cardInput, 'card');
  const testCard = findTestCardByNumber(valid.number);
  const brand = testCard?.brand ?? brandOf(valid.number);
  const text = (key: string) => {
    const v = cardInput[key];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const token: Token = {
    id: newId('tok'),
    object: 'token',
    card: {
      id: newId('card'),
      object: 'card',
      address_city: text('address_city'),
      address_country: text('address_country'),
      address_line1: text('address_line1'),
      address_line1_check: text('address_line1') === null ? null : 'unchecked',
      address_line2: text('address_line2'),
      address_state: text('address_state'),
      address_zip: text('address_zip'),
      address_zip_check: text('address_zip') === null ? null : 'unchecked',
      brand: brandRuleByName(brand).displayName,
      country: testCard?.country ?? 'US',
      cvc_check: valid.cvc === undefined ? null : 'unchecked',
      dynamic_last4: null,
      exp_month: valid.exp_month,
      exp_year: valid.exp_year,
      fingerprint: cardFingerprint(valid.number),
      funding: testCard?.funding ?? 'credit',
      last4: valid.number.slice(-4),
      metadata: {},
      name: text('name'),
      regulated_status: 'unregulated',
      tokenization_method: null,
      wallet: null,
    },
    client_ip: clientIp,
    created: nowSeconds(),
    livemode: false,
    type: 'card',
    used: false,
  };
  sandbox.store.tokens.set(token.id, token);
  sandbox.store.tokenCards.set(token.id, valid.number);
  sandbox.store.changed();
  return token;
}

export function getToken(sandbox: Sandbox, id: string): Token {
  const token = sandbox.store.tokens.get(id);
  if (!token) throw resourceMissing('token', id, 'token');
  return token;
}

/** The card behind a token, for building a PaymentMethod from it. */
export interface TokenCardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvcProvided: boolean;
  /** `billing_details` built from the token's name and address. */
  billing: Params;
}

/**
 * Marks a stored card token used and returns its card (a token is single-use:
 * 400 `token_already_used` the second time; 400 `resource_missing` for an unknown id).
 */
export function consumeCardToken(sandbox: Sandbox, id: string, param: string): TokenCardData {
  const token = sandbox.store.tokens.get(id);
  const number = sandbox.store.tokenCards.get(id);
  if (!token || number === undefined) throw resourceMissing(param, id, 'token', 400);
  if (token.used) {
    throw invalidRequest(`You cannot use a Stripe token more than once: ${id}.`, param, 'token_already_used');
  }
  token.used = true;
  sandbox.store.changed();
  const c = token.card;
  const billing: Params = {
    address: {
      city: c.address_city ?? '',
      country: c.address_country ?? '',
      line1: c.address_line1 ?? '',
      line2: c.address_line2 ?? '',
      postal_code: c.address_zip ?? '',
      state: c.address_state ?? '',
    },
  };
  if (c.name !== null) billing.name = c.name;
  return {
    number,
    exp_month: c.exp_month,
    exp_year: c.exp_year,
    cvcProvided: c.cvc_check !== null,
    billing,
  };
}
