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
  brand: 'visa' | 'mastercard' | 'amex';
  funding: 'credit' | 'debit';
  country: string;
  /** What a confirm does: success, or a failure (402 card_error). */
  failure?: CardFailure;
  /** 'required': confirm stops in requires_action; the failure (if any) applies after a completed challenge. */
  threeDSecure: 'required' | 'optional' | 'not_supported';
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

const base = {
  brand: 'visa',
  funding: 'credit',
  country: 'US',
  threeDSecure: 'optional',
  refunds: 'succeed',
  dispute: false,
} as const;

export const TEST_CARDS: readonly TestCard[] = [
  { ...base, number: '4242424242424242', aliases: ['pm_card_visa', 'tok_visa'], description: 'Succeeds' },
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
    failure: {
      code: 'incorrect_cvc',
      message: "Your card's security code is incorrect.",
      param: 'cvc',
      outcome: DECLINED_BY_NETWORK('incorrect_cvc'),
    },
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
    failure: {
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
    },
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
    aliases: ['pm_card_createDispute', 'pm_card_createDisputeProductNotReceived'],
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
];

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
  return byAlias.get(alias);
}

/** Failure when the card is used for a payment (undefined = approved). */
export function paymentFailureOf(card: TestCard | undefined): CardFailure | undefined {
  return card ? card.failure : LIVE_CARD_FAILURE;
}
