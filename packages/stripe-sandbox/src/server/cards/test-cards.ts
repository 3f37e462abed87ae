import type { CardBrand } from '../../cards/card-rules';
import countryRows from './country-cards.json' with { type: 'json' };

/**
 * THE table of test-card behaviour (stripe-behaviour.md section 3). Everything the sandbox does
 * differently per card is read from here: confirm outcome, 3-D Secure, refund behaviour, disputes.
 */
export interface CardFailure {
  code: string;
  decline_code?: string;
  message: string;
  param?: string;
  /** charge.outcome for the failed charge. */
  outcome: {
    network_status: string;
    reason: string | null;
    risk_level: string;
    seller_message: string;
    type: string;
  };
}

export interface TestCard {
  number: string;
  aliases: readonly string[];
  brand: CardBrand;
  funding: 'credit' | 'debit' | 'prepaid';
  country: string;
  /** Card networks when co-branded (`['cartes_bancaires', 'visa']`); the brand alone otherwise. */
  networks?: readonly string[];
  /** What a confirm does: success, or a failure (402 card_error). */
  failure?: CardFailure;
  /** 'required': confirm stops in requires_action; the failure (if any) applies after a completed challenge. */
  threeDSecure: 'required' | 'optional' | 'not_supported';
  /**
   * 'after_setup': once saved by a SetupIntent (or a payment with setup_future_usage), off-session payments need
   * no authentication (4000002500003155); otherwise a 3-D Secure card declines off-session payments.
   */
  offSession?: 'after_setup';
  /** The charge's balance transaction is available at once instead of pending (the bypassPending cards). */
  fundsAvailableAtOnce?: boolean;
  /** True when the failure applies to charges only: saving the card (SetupIntent, attach) succeeds. */
  failsOnChargeOnly?: boolean;
  refunds: 'succeed' | 'pending_then_succeed' | 'fail';
  dispute: boolean;
  description: string;
}

const DECLINED_BY_NETWORK = (reason: string) => ({
  network_status: 'declined_by_network',
  reason,
  risk_level: 'normal',
  seller_message: 'The bank did not return any further details with this decline.',
  type: 'issuing_declined',
});

const declined = (decline_code: string, message = 'Your card was declined.'): CardFailure => ({
  code: 'card_declined',
  decline_code,
  message,
  outcome: DECLINED_BY_NETWORK(decline_code),
});

const INCORRECT_CVC: CardFailure = {
  code: 'incorrect_cvc',
  message: "Your card's security code is incorrect.",
  param: 'cvc',
  outcome: DECLINED_BY_NETWORK('incorrect_cvc'),
};

const RADAR_BLOCK: CardFailure = {
  code: 'card_declined',
  decline_code: 'fraudulent',
  message: 'Your card was declined.',
  outcome: {
    network_status: 'not_sent_to_network',
    reason: 'highest_risk_level',
    risk_level: 'highest',
    seller_message: 'Stripe blocked this payment as too risky.',
    type: 'blocked',
  },
};

const base = {
  brand: 'visa',
  funding: 'credit',
  country: 'US',
  threeDSecure: 'optional',
  refunds: 'succeed',
  dispute: false,
} as const;

type BrandRow = [
  number: string,
  aliases: string[],
  brand: CardBrand,
  funding: TestCard['funding'],
  label: string,
];

function brandCards(rows: BrandRow[]): TestCard[] {
  return rows.map(([number, aliases, brand, funding, label]) => ({
    ...base,
    number,
    aliases,
    brand,
    funding,
    threeDSecure: brand === 'amex' ? 'not_supported' : 'optional',
    description: `Succeeds (${label})`,
  }));
}

type PlainRow = [
  number: string,
  alias: string,
  description: string,
  country?: string,
  extra?: Pick<TestCard, 'fundsAvailableAtOnce'>,
];

/** Cards that succeed like 4242 (risk, balance and address-check cards); each alias has its `tok_` twin. */
function plainCards(rows: PlainRow[]): TestCard[] {
  return rows.map(([number, alias, description, country = 'US', extra = {}]) => ({
    ...base,
    ...extra,
    number,
    country,
    aliases: [alias, alias.replace(/^pm_card_/, 'tok_')],
    description,
  }));
}

type CountryRow = [
  number: string,
  country: string,
  brand: CardBrand,
  alias?: string,
  funding?: TestCard['funding'],
];

/** `pm_card_<country>` (and `tok_<country>`) unless the row names its alias. */
function countryCards(rows: CountryRow[]): TestCard[] {
  return rows.map(([number, country, brand, alias, funding = 'credit']) => {
    const name = alias ?? `pm_card_${country.toLowerCase()}`;
    return {
      ...base,
      number,
      aliases: [name, name.replace(/^pm_card_/, 'tok_')],
      brand,
      funding,
      country,
      description: `Succeeds (${country}, ${brand}${funding === 'debit' ? ' debit' : ''})`,
    };
  });
}

const COUNTRY_BRANDS: readonly string[] = ['visa', 'mastercard', 'jcb'];

/** The rows of country-cards.json, checked as they load: `[number, country, brand, alias?, funding?]`. */
const COUNTRY_ROWS: CountryRow[] = countryRows.map((row) => {
  const [number, country, brand, alias, funding] = row;
  if (
    !/^\d{16}$/.test(number ?? '') ||
    !/^[A-Z]{2}$/.test(country ?? '') ||
    !COUNTRY_BRANDS.includes(brand ?? '') ||
    (funding !== undefined && funding !== 'debit' && funding !== 'credit')
  )
    throw new Error(`country-cards.json: bad row ${JSON.stringify(row)}`);
  return [number!, country!, brand as CardBrand, alias, funding as TestCard['funding'] | undefined];
});

export const TEST_CARDS: readonly TestCard[] = [
  {
    ...base,
    number: '4242424242424242',
    aliases: ['pm_card_visa', 'tok_visa', 'pm_card_us', 'tok_us'],
    description: 'Succeeds',
  },
  {
    ...base,
    number: '5555555555554444',
    aliases: ['pm_card_mastercard', 'tok_mastercard'],
    brand: 'mastercard',
    description: 'Succeeds (Mastercard)',
  },
  {
    ...base,
    number: '4000056655665556',
    aliases: ['pm_card_visa_debit', 'tok_visa_debit'],
    funding: 'debit',
    description: 'Succeeds (Visa debit)',
  },
  {
    ...base,
    number: '4000000000000002',
    aliases: ['pm_card_visa_chargeDeclined', 'pm_card_chargeDeclined', 'tok_chargeDeclined'],
    failure: declined('generic_decline'),
    description: 'Declined: generic_decline',
  },
  {
    ...base,
    number: '4000000000009995',
    aliases: ['pm_card_visa_chargeDeclinedInsufficientFunds', 'pm_card_chargeDeclinedInsufficientFunds'],
    failure: declined('insufficient_funds', 'Your card has insufficient funds.'),
    description: 'Declined: insufficient_funds',
  },
  {
    ...base,
    number: '4000000000009987',
    aliases: ['pm_card_visa_chargeDeclinedLostCard', 'pm_card_chargeDeclinedLostCard'],
    failure: declined('lost_card'),
    description: 'Declined: lost_card',
  },
  {
    ...base,
    number: '4000000000009979',
    aliases: ['pm_card_visa_chargeDeclinedStolenCard', 'pm_card_chargeDeclinedStolenCard'],
    failure: declined('stolen_card'),
    description: 'Declined: stolen_card',
  },
  {
    ...base,
    number: '4000000000000069',
    aliases: ['pm_card_chargeDeclinedExpiredCard', 'pm_card_visa_chargeDeclinedExpiredCard'],
    failure: {
      code: 'expired_card',
      message: 'Your card has expired.',
      param: 'exp_month',
      outcome: DECLINED_BY_NETWORK('expired_card'),
    },
    description: 'Declined: expired_card',
  },
  {
    ...base,
    number: '4000000000000127',
    aliases: ['pm_card_chargeDeclinedIncorrectCvc', 'pm_card_visa_chargeDeclinedIncorrectCvc'],
    failure: INCORRECT_CVC,
    description: 'Declined: incorrect_cvc',
  },
  {
    ...base,
    number: '4000000000000119',
    aliases: ['pm_card_chargeDeclinedProcessingError', 'pm_card_visa_chargeDeclinedProcessingError'],
    failure: {
      code: 'processing_error',
      message: 'An error occurred while processing your card. Try again in a little bit.',
      outcome: DECLINED_BY_NETWORK('processing_error'),
    },
    description: 'Declined: processing_error',
  },
  {
    ...base,
    number: '4000000000006975',
    aliases: [
      'pm_card_visa_chargeDeclinedVelocityLimitExceeded',
      'pm_card_chargeDeclinedVelocityLimitExceeded',
    ],
    failure: declined(
      'card_velocity_exceeded',
      'Your card was declined for making repeated attempts too frequently or exceeding its amount limit.',
    ),
    description: 'Declined: card_velocity_exceeded',
  },
  {
    ...base,
    number: '4100000000000019',
    aliases: ['pm_card_radarBlock', 'tok_radarBlock'],
    failure: RADAR_BLOCK,
    description: 'Blocked by Radar: fraudulent',
  },
  {
    ...base,
    number: '4000002760003184',
    aliases: ['pm_card_authenticationRequired'],
    threeDSecure: 'required',
    description: '3-D Secure always required',
  },
  {
    ...base,
    number: '4000002500003155',
    aliases: ['pm_card_authenticationRequiredOnSetup'],
    threeDSecure: 'required',
    offSession: 'after_setup',
    description: '3-D Secure required on-session',
  },
  {
    ...base,
    number: '4000000000003220',
    aliases: ['pm_card_threeDSecure2Required'],
    threeDSecure: 'required',
    description: '3-D Secure 2 required',
  },
  {
    ...base,
    number: '4000008400001629',
    aliases: ['pm_card_threeDSecureRequiredChargeDeclined'],
    threeDSecure: 'required',
    failure: declined('generic_decline'),
    description: '3-D Secure required, then declined (generic_decline)',
  },
  {
    ...base,
    number: '4000008260003178',
    aliases: ['pm_card_authenticationRequiredChargeDeclinedInsufficientFunds'],
    threeDSecure: 'required',
    failure: declined('insufficient_funds', 'Your card has insufficient funds.'),
    description: '3-D Secure required, then declined (insufficient_funds)',
  },
  {
    ...base,
    number: '4000000000003055',
    aliases: ['pm_card_threeDSecureOptional'],
    description: '3-D Secure supported but not required: succeeds without a challenge',
  },
  {
    ...base,
    number: '4000000000000259',
    aliases: ['pm_card_createDispute'],
    dispute: true,
    description: 'Succeeds, then a dispute is opened (charge.dispute.created)',
  },
  {
    ...base,
    number: '4000000000007726',
    aliases: ['pm_card_pendingRefund'],
    refunds: 'pending_then_succeed',
    description: 'Succeeds; refunds start pending, then succeed (refund.updated)',
  },
  {
    ...base,
    number: '4000000000005126',
    aliases: ['pm_card_refundFail'],
    refunds: 'fail',
    description: 'Succeeds; refunds start, then fail (refund.failed)',
  },

  // Cards by brand (all succeed).
  ...brandCards([
    ['2223003122003222', [], 'mastercard', 'credit', 'Mastercard (2-series)'],
    [
      '5200828282828210',
      ['pm_card_mastercard_debit', 'tok_mastercard_debit'],
      'mastercard',
      'debit',
      'Mastercard (debit)',
    ],
    [
      '5105105105105100',
      ['pm_card_mastercard_prepaid', 'tok_mastercard_prepaid'],
      'mastercard',
      'prepaid',
      'Mastercard (prepaid)',
    ],
    ['378282246310005', ['pm_card_amex', 'tok_amex'], 'amex', 'credit', 'American Express'],
    ['371449635398431', [], 'amex', 'credit', 'American Express'],
    ['6011111111111117', ['pm_card_discover', 'tok_discover'], 'discover', 'credit', 'Discover'],
    ['6011000990139424', [], 'discover', 'credit', 'Discover'],
    ['6011981111111113', [], 'discover', 'debit', 'Discover (debit)'],
    ['3056930009020004', ['pm_card_diners', 'tok_diners'], 'diners', 'credit', 'Diners Club'],
    ['36227206271667', [], 'diners', 'credit', 'Diners Club (14 digits)'],
    ['6555900000604105', [], 'discover', 'credit', 'BCcard and DinaCard'],
    ['3566002020360505', ['pm_card_jcb', 'tok_jcb'], 'jcb', 'credit', 'JCB'],
    ['6200000000000005', ['pm_card_unionpay', 'tok_unionpay'], 'unionpay', 'credit', 'UnionPay'],
    ['6200000000000047', [], 'unionpay', 'debit', 'UnionPay (debit)'],
    ['6205500000000000004', [], 'unionpay', 'credit', 'UnionPay (19 digits)'],
  ]),
  {
    ...base,
    number: '4000002500001001',
    aliases: ['pm_card_visa_cartesBancaires', 'tok_visa_cartesBancaires'],
    country: 'FR',
    networks: ['cartes_bancaires', 'visa'],
    description: 'Cartes Bancaires co-branded with Visa',
  },
  {
    ...base,
    number: '5555552500001001',
    aliases: ['pm_card_mastercard_cartesBancaires', 'tok_mastercard_cartesBancaires'],
    brand: 'mastercard',
    country: 'FR',
    networks: ['cartes_bancaires', 'mastercard'],
    description: 'Cartes Bancaires co-branded with Mastercard',
  },
  // Cards by country (all succeed; the issuing country is the card's `country`), listed in country-cards.json.
  ...countryCards(COUNTRY_ROWS),
  // Balance, risk and address checks.
  ...plainCards([
    [
      '4000000000000077',
      'pm_card_bypassPending',
      'Succeeds; funds go straight to the available balance',
      'US',
      { fundsAvailableAtOnce: true },
    ],
    [
      '4000003720000278',
      'pm_card_bypassPendingInternational',
      'Succeeds; funds go straight to the available balance (international)',
      'IE',
      { fundsAvailableAtOnce: true },
    ],
    ['4000000000000010', 'pm_card_avsFail', 'Succeeds; address line 1 and postal code checks fail'],
    ['4000000000000028', 'pm_card_avsLine1Fail', 'Succeeds; address line 1 check fails'],
    ['4000000000000036', 'pm_card_avsZipFail', 'Succeeds; postal code check fails'],
    ['4000000000000044', 'pm_card_avsUnchecked', 'Succeeds; address checks unavailable'],
    ['4000000000009235', 'pm_card_riskLevelElevated', 'Succeeds with an elevated risk level'],
  ]),
  {
    ...base,
    number: '4000000000004954',
    aliases: ['pm_card_riskLevelHighest', 'tok_riskLevelHighest'],
    failure: RADAR_BLOCK,
    description: 'Blocked by Radar: highest risk level',
  },
  {
    ...base,
    number: '4000000000000101',
    aliases: ['pm_card_cvcCheckFail', 'tok_cvcCheckFail'],
    failure: INCORRECT_CVC,
    description: 'Declined: the CVC check fails',
  },
  {
    ...base,
    number: '4000000000000341',
    aliases: ['pm_card_chargeCustomerFail', 'tok_chargeCustomerFail'],
    failure: declined('generic_decline'),
    failsOnChargeOnly: true,
    description: 'Attaches to a customer; every charge is declined (generic_decline)',
  },
  {
    ...base,
    number: '4000000000003063',
    aliases: ['pm_card_threeDSecureRequired', 'tok_threeDSecureRequired'],
    threeDSecure: 'required',
    description: '3-D Secure required',
  },
  {
    ...base,
    number: '4000000000002685',
    aliases: ['pm_card_createDisputeProductNotReceived'],
    dispute: true,
    description: 'Succeeds, then a dispute is opened (product not received)',
  },
  {
    ...base,
    number: '4000000000001976',
    aliases: ['pm_card_createDisputeInquiry'],
    dispute: true,
    description: 'Succeeds, then an inquiry is opened',
  },
];

/** A card that needs 3-D Secure where none can happen (off-session, error_on_requires_action, legacy charges). */
export const AUTHENTICATION_REQUIRED: CardFailure = {
  code: 'authentication_required',
  decline_code: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
  outcome: {
    network_status: 'declined_by_network',
    reason: 'authentication_required',
    risk_level: 'normal',
    seller_message: 'The bank returned the decline code `authentication_required`.',
    type: 'issuing_declined',
  },
};

/** Any other Luhn-valid number: Stripe test mode refuses live cards. */
export const LIVE_CARD_FAILURE: CardFailure = {
  code: 'card_declined',
  decline_code: 'test_mode_live_card',
  message:
    'Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.',
  outcome: DECLINED_BY_NETWORK('test_mode_live_card'),
};

/** The card that fails the Luhn check (listed for documentation; any non-Luhn number does). */
export const LUHN_FAILURE_EXAMPLE = '4242424242424241';

const byNumber = new Map(TEST_CARDS.map((c) => [c.number, c]));
const byAlias = new Map(TEST_CARDS.flatMap((c) => c.aliases.map((a) => [a, c] as const)));

export function findTestCardByNumber(number: string): TestCard | undefined {
  return byNumber.get(number);
}

export function findTestCardByAlias(alias: string): TestCard | undefined {
  // Every `pm_card_*` alias has its `tok_*` twin (tok_visa_chargeDeclinedInsufficientFunds, ...).
  return (
    byAlias.get(alias) ?? (alias.startsWith('tok_') ? byAlias.get(`pm_card_${alias.slice(4)}`) : undefined)
  );
}

/** Failure when the card is used for a payment (undefined = approved). */
export function paymentFailureOf(card: TestCard | undefined): CardFailure | undefined {
  return card ? card.failure : LIVE_CARD_FAILURE;
}
