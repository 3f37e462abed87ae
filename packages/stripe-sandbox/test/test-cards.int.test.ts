import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../src/index';
import { TEST_CARDS } from '../src/server/cards/test-cards';
import { stripeSchemas } from './support/stripe-schemas';
import { sdkFor } from './support/webhook-receiver';

/**
 * Every card of Stripe's public test-card page, through the official SDK: by number (a card
 * PaymentMethod) and by each of its `pm_card_*` aliases, confirmed on a PaymentIntent.
 */
let sandbox: SandboxHandle;
let stripe: Stripe;
const schemas = stripeSchemas();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  stripe = sdkFor(sandbox.port);
});

afterAll(async () => {
  await sandbox?.close();
});

function conforms(object: unknown): void {
  const o = object as Record<string, unknown>;
  expect(schemas.errors(o), `${String(o.object)} schema errors`).toEqual([]);
  expect(schemas.missingKeys(o), `${String(o.object)} missing keys`).toEqual([]);
  expect(schemas.fixtureKeyGaps(o), `${String(o.object)} key set against Stripe's fixture`).toEqual({
    missing: [],
    invented: [],
  });
}

async function confirmWith(paymentMethod: string) {
  try {
    const pi = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'eur',
      payment_method: paymentMethod,
      confirm: true,
      expand: ['payment_method'],
    });
    return { pi, error: undefined };
  } catch (e) {
    return { pi: undefined, error: e as Stripe.errors.StripeError };
  }
}

// Written out from Stripe's testing page, independently of the sandbox's table.
const BRAND_CARDS: [
  number: string,
  alias: string | null,
  brand: string,
  funding: string,
  cvcLength: number,
][] = [
  ['4242424242424242', 'pm_card_visa', 'visa', 'credit', 3],
  ['4000056655665556', 'pm_card_visa_debit', 'visa', 'debit', 3],
  ['5555555555554444', 'pm_card_mastercard', 'mastercard', 'credit', 3],
  ['2223003122003222', null, 'mastercard', 'credit', 3],
  ['5200828282828210', 'pm_card_mastercard_debit', 'mastercard', 'debit', 3],
  ['5105105105105100', 'pm_card_mastercard_prepaid', 'mastercard', 'prepaid', 3],
  ['378282246310005', 'pm_card_amex', 'amex', 'credit', 4],
  ['371449635398431', null, 'amex', 'credit', 4],
  ['6011111111111117', 'pm_card_discover', 'discover', 'credit', 3],
  ['6011000990139424', null, 'discover', 'credit', 3],
  ['6011981111111113', null, 'discover', 'debit', 3],
  ['3056930009020004', 'pm_card_diners', 'diners', 'credit', 3],
  ['36227206271667', null, 'diners', 'credit', 3],
  ['6555900000604105', null, 'discover', 'credit', 3],
  ['3566002020360505', 'pm_card_jcb', 'jcb', 'credit', 3],
  ['6200000000000005', 'pm_card_unionpay', 'unionpay', 'credit', 3],
  ['6200000000000047', null, 'unionpay', 'debit', 3],
  ['6205500000000000004', null, 'unionpay', 'credit', 3],
];

describe('cards by brand', () => {
  it.each(BRAND_CARDS)('%s (%s) pays as %s %s', async (number, alias, brand, funding, cvcLength) => {
    const pm = await stripe.paymentMethods.create({
      type: 'card',
      card: {
        number,
        exp_month: 12,
        exp_year: new Date().getFullYear() + 3,
        cvc: '1234'.slice(0, cvcLength),
      },
    });
    conforms(pm);
    expect(pm.card?.brand).toBe(brand);
    expect(pm.card?.funding).toBe(funding);
    expect(pm.card?.last4).toBe(number.slice(-4));
    for (const input of alias ? [pm.id, alias] : [pm.id]) {
      const { pi, error } = await confirmWith(input);
      expect(error?.message).toBeUndefined();
      conforms(pi);
      expect(pi?.status).toBe('succeeded');
      expect((pi!.payment_method as Stripe.PaymentMethod).card?.brand).toBe(brand);
    }
  });

  it('refuses a 3-digit CVC on an Amex card and a 4-digit one on a Visa card', async () => {
    for (const [number, cvc] of [
      ['378282246310005', '123'],
      ['4242424242424242', '1234'],
    ]) {
      const error = await stripe.paymentMethods
        .create({ type: 'card', card: { number, exp_month: 12, exp_year: 2040, cvc } })
        .catch((e: Stripe.errors.StripeError) => e);
      expect((error as Stripe.errors.StripeError).code).toBe('invalid_cvc');
    }
  });
});

// ISO 3166 numeric codes sit at digits 7-9 of Stripe's Visa country cards (4000 00NN N...).
const NUMERIC: Record<string, string> = {
  AR: '032',
  AT: '040',
  AU: '036',
  BE: '056',
  BG: '100',
  BR: '076',
  BY: '112',
  CA: '124',
  CH: '756',
  CN: '156',
  CY: '196',
  CZ: '203',
  DE: '276',
  DK: '208',
  EE: '233',
  ES: '724',
  FI: '246',
  FR: '250',
  GB: '826',
  GI: '292',
  GR: '300',
  HK: '344',
  HR: '191',
  HU: '348',
  IE: '372',
  IN: '356',
  IT: '380',
  JP: '392',
  LI: '438',
  LT: '440',
  LU: '442',
  LV: '428',
  MT: '470',
  MX: '484',
  MY: '458',
  NL: '528',
  NO: '578',
  NZ: '554',
  PL: '616',
  PT: '620',
  RO: '642',
  SE: '752',
  SG: '702',
  SI: '705',
  SK: '703',
  TH: '764',
  TW: '158',
  AE: '784',
};

describe('cards by country', () => {
  const countryCards = TEST_CARDS.filter((c) => c.aliases.some((a) => /^pm_card_[a-z]{2}(_|$)/.test(a)));

  it('covers the countries of Stripe’s page, France among them', () => {
    const countries = new Set(countryCards.map((c) => c.country));
    for (const code of Object.keys(NUMERIC)) expect(countries.has(code), code).toBe(true);
    expect(countryCards.find((c) => c.aliases.includes('pm_card_fr'))?.number).toBe('4000002500000003');
  });

  it.each(countryCards.map((c) => [c.aliases[0]!, c.number, c.country] as const))(
    '%s (%s) pays and reports country %s',
    async (alias, number, country) => {
      if (number.startsWith('4000')) expect(number.slice(6, 9)).toBe(NUMERIC[country]);
      const { pi, error } = await confirmWith(alias);
      expect(error?.message).toBeUndefined();
      expect(pi?.status).toBe('succeeded');
      const charge = await stripe.charges.retrieve(pi!.latest_charge as string);
      conforms(charge);
      expect(charge.payment_method_details?.card?.country).toBe(country);
    },
  );

  it('reports both networks of the Cartes Bancaires co-branded cards', async () => {
    for (const [alias, brand] of [
      ['pm_card_visa_cartesBancaires', 'visa'],
      ['pm_card_mastercard_cartesBancaires', 'mastercard'],
    ] as const) {
      const { pi } = await confirmWith(alias);
      const card = (pi!.payment_method as Stripe.PaymentMethod).card!;
      expect(card.brand).toBe(brand);
      expect(card.country).toBe('FR');
      expect(card.networks?.available).toEqual(['cartes_bancaires', brand]);
    }
  });
});

describe('every card in the table behaves as listed, by every alias', () => {
  it.each(TEST_CARDS.map((c) => [c.number, c] as const))('%s', async (_number, card) => {
    for (const alias of card.aliases.filter((a) => a.startsWith('pm_card_'))) {
      const { pi, error } = await confirmWith(alias);
      if (card.threeDSecure === 'required') {
        expect(pi?.status, alias).toBe('requires_action');
      } else if (card.failure) {
        expect(error?.statusCode, alias).toBe(402);
        expect(error?.code, alias).toBe(card.failure.code);
        expect(error?.decline_code || undefined, alias).toBe(card.failure.decline_code);
      } else {
        expect(error?.message, alias).toBeUndefined();
        expect(pi?.status, alias).toBe('succeeded');
        const pm = pi?.payment_method as Stripe.PaymentMethod;
        expect(pm.card?.brand, alias).toBe(card.brand);
        expect(pm.card?.country, alias).toBe(card.country);
      }
    }
  });
});
