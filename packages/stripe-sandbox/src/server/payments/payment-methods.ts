import { brandOf, brandRuleByName } from '../../cards/card-rules';
import { cardFingerprint, validateCardParams } from '../cards/card-validation';
import { findTestCardByAlias, findTestCardByNumber, type TestCard } from '../cards/test-cards';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing } from '../http/stripe-error';
import type { Sandbox } from '../sandbox';
import { newId, nowSeconds } from '../state/ids';
import type { BillingDetails, PaymentMethod } from '../state/objects';
import { consumeCardToken } from './tokens';

export const BILLING_DETAILS_SPEC = {
  object: {
    address: {
      object: {
        city: 'string',
        country: 'string',
        line1: 'string',
        line2: 'string',
        postal_code: 'string',
        state: 'string',
      },
    },
    email: 'string',
    name: 'string',
    phone: 'string',
  },
} as const;

export const CARD_DATA_SPEC = {
  object: { number: 'string', exp_month: 'string', exp_year: 'string', cvc: 'string', token: 'string' },
} as const;

function billingDetails(input: Params | null | undefined): BillingDetails {
  const address = (input?.address ?? {}) as Record<string, string | undefined>;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    address: {
      city: str(address.city),
      country: str(address.country),
      line1: str(address.line1),
      line2: str(address.line2),
      postal_code: str(address.postal_code),
      state: str(address.state),
    },
    email: str(input?.email),
    name: str(input?.name),
    phone: str(input?.phone),
    tax_id: null,
  };
}

function buildPaymentMethod(
  sandbox: Sandbox,
  number: string,
  expMonth: number,
  expYear: number,
  cvcProvided: boolean,
  billing: Params | null | undefined,
  metadata: Record<string, string>,
  allowRedisplay = 'unspecified',
): PaymentMethod {
  const card = findTestCardByNumber(number);
  const brand = card?.brand ?? brandOf(number);
  const pm: PaymentMethod = {
    id: newId('pm'),
    object: 'payment_method',
    allow_redisplay: allowRedisplay,
    billing_details: billingDetails(billing),
    card: {
      brand,
      checks: {
        address_line1_check: null,
        address_postal_code_check: null,
        cvc_check: cvcProvided ? 'unchecked' : null,
      },
      country: card?.country ?? 'US',
      display_brand: brandRuleByName(brand).displayBrand,
      exp_month: expMonth,
      exp_year: expYear,
      fingerprint: cardFingerprint(number),
      funding: card?.funding ?? 'credit',
      generated_from: null,
      last4: number.slice(-4),
      networks: { available: [...(card?.networks ?? [brand])], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: nowSeconds(),
    customer: null,
    livemode: false,
    metadata,
    type: 'card',
  };
  sandbox.store.paymentMethods.set(pm.id, pm);
  sandbox.store.paymentMethodCards.set(pm.id, number);
  sandbox.store.changed();
  return pm;
}

/** Creates a card PaymentMethod from `card[...]` data (Luhn/expiry/CVC checked: 402 card_error). */
export function createCardPaymentMethod(
  sandbox: Sandbox,
  type: string | undefined,
  cardInput: Params | null | undefined,
  billing: Params | null | undefined,
  metadata: Record<string, string> = {},
  paramPrefix = '',
  allowRedisplay = 'unspecified',
): PaymentMethod {
  const param = (name: string) => (paramPrefix ? `${paramPrefix}[${name}]` : name);
  if (type === undefined) throw missingParameter(param('type'));
  if (type !== 'card') {
    throw invalidRequest(
      `The payment method type provided: ${type} is invalid. This sandbox supports: card.`,
      param('type'),
    );
  }
  if (!cardInput) throw missingParameter(param('card'));
  const token = cardInput.token as string | undefined;
  if (token !== undefined) {
    const aliasCard = findTestCardByAlias(token);
    if (!aliasCard) {
      const tokenCard = consumeCardToken(sandbox, token, `${param('card')}[token]`);
      return buildPaymentMethod(
        sandbox,
        tokenCard.number,
        tokenCard.exp_month,
        tokenCard.exp_year,
        tokenCard.cvcProvided,
        billing ?? tokenCard.billing,
        metadata,
        allowRedisplay,
      );
    }
    return buildPaymentMethod(
      sandbox,
      aliasCard.number,
      12,
      new Date().getUTCFullYear() + 3,
      true,
      billing,
      metadata,
      allowRedisplay,
    );
  }
  const valid = validateCardParams(cardInput, param('card'));
  return buildPaymentMethod(
    sandbox,
    valid.number,
    valid.exp_month,
    valid.exp_year,
    valid.cvc !== undefined,
    billing,
    metadata,
    allowRedisplay,
  );
}

/** `pm_...` id or a test alias such as `pm_card_visa` (each use of an alias makes a new PaymentMethod). */
export function resolvePaymentMethod(
  sandbox: Sandbox,
  idOrAlias: string,
  param = 'payment_method',
): PaymentMethod {
  const existing = sandbox.store.paymentMethods.get(idOrAlias);
  if (existing) return existing;
  const card = findTestCardByAlias(idOrAlias);
  if (card) {
    return buildPaymentMethod(sandbox, card.number, 12, new Date().getUTCFullYear() + 3, true, null, {});
  }
  throw resourceMissing(param, idOrAlias, 'PaymentMethod', 400);
}

export function getPaymentMethod(sandbox: Sandbox, id: string): PaymentMethod {
  const pm = sandbox.store.paymentMethods.get(id);
  if (!pm) throw resourceMissing('id', id, 'PaymentMethod');
  return pm;
}

/** The test-card row behind a payment method (undefined for a non-test card). */
export function testCardOf(sandbox: Sandbox, pm: PaymentMethod): TestCard | undefined {
  const number = sandbox.store.paymentMethodCards.get(pm.id);
  return number ? findTestCardByNumber(number) : undefined;
}

/** The test-card row behind a payment method id (undefined when unknown or not a test card). */
export function findPaymentMethodCard(sandbox: Sandbox, paymentMethodId: string): TestCard | undefined {
  const number = sandbox.store.paymentMethodCards.get(paymentMethodId);
  return number ? findTestCardByNumber(number) : undefined;
}
