import { brandOf, brandRuleByName } from '../../cards/card-rules';
import { cardFingerprint, validateCardParams } from '../cards/card-validation';
import { findTestCardByAlias, findTestCardByNumber, type TestCard } from '../cards/test-cards';
import type { Params } from '../http/param-spec';
import { invalidRequest, missingParameter, resourceMissing, type StripeError } from '../http/stripe-error';
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

/** `payment_method_data` of PaymentIntent and SetupIntent confirms. */
export const PAYMENT_METHOD_DATA_SPEC = {
  object: {
    type: 'string',
    card: CARD_DATA_SPEC,
    billing_details: BILLING_DETAILS_SPEC,
    metadata: 'metadata',
  },
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

/** Stripe's answer when a PaymentMethod that was used without attachment, or detached, is used again. */
export function paymentMethodNotReusable(): StripeError {
  return invalidRequest(
    'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.',
  );
}

/** Refuses a PaymentMethod that may not be used again (see `Store.paymentMethodUse`). */
export function assertReusable(sandbox: Sandbox, pm: PaymentMethod): void {
  if (sandbox.store.paymentMethodUse.get(pm.id) === 'consumed') throw paymentMethodNotReusable();
}

/** `pm_...` id or a test alias such as `pm_card_visa` (each use of an alias makes a new PaymentMethod). */
export function resolvePaymentMethod(
  sandbox: Sandbox,
  idOrAlias: string,
  param = 'payment_method',
): PaymentMethod {
  const existing = sandbox.store.paymentMethods.get(idOrAlias);
  if (existing) {
    assertReusable(sandbox, existing);
    return existing;
  }
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

/**
 * The PaymentMethod a confirm uses: new from `payment_method_data`, the `payment_method` parameter (id or alias),
 * or the one already on the intent (`currentId`); undefined when there is none. Used-up cards are refused.
 */
export function paymentMethodForConfirm(
  sandbox: Sandbox,
  params: Params,
  currentId: string | null,
): PaymentMethod | undefined {
  const pmd = params.payment_method_data as Params | undefined;
  if (pmd) {
    return createCardPaymentMethod(
      sandbox,
      pmd.type as string | undefined,
      pmd.card as Params | undefined,
      pmd.billing_details as Params | undefined,
      (pmd.metadata as Record<string, string> | undefined) ?? {},
      'payment_method_data',
    );
  }
  if (typeof params.payment_method === 'string' && params.payment_method !== '') {
    return resolvePaymentMethod(sandbox, params.payment_method);
  }
  if (!currentId) return undefined;
  const pm = getPaymentMethod(sandbox, currentId);
  assertReusable(sandbox, pm);
  return pm;
}

/** An update's `payment_method`: `''` removes it (requires_payment_method), an id or alias sets it. */
export function assignPaymentMethod(
  sandbox: Sandbox,
  intent: { payment_method: string | null; status: string; next_action: unknown },
  value: string,
): void {
  if (value === '') {
    intent.payment_method = null;
    intent.status = 'requires_payment_method';
  } else {
    intent.payment_method = resolvePaymentMethod(sandbox, value).id;
    intent.status = 'requires_confirmation';
  }
  intent.next_action = null;
}
