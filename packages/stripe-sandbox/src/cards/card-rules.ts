/**
 * Card rules shared by the server (`server/cards/card-validation.ts`) and the browser Stripe.js
 * replacement (`stripe-js/`): brand ranges, number lengths, grouping, CVC lengths, Luhn, and the
 * field-by-field validation the card inputs show while typing. No DOM and no Node APIs here, so
 * the same module is bundled into /v3/stripe.js and imported by the server.
 */

export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'diners'
  | 'jcb'
  | 'unionpay'
  | 'unknown';

export interface BrandRule {
  brand: CardBrand;
  /** Issuer identification prefixes (first digits). */
  pattern: RegExp;
  /** Valid number lengths. */
  lengths: readonly number[];
  /** Digit positions before which a space is shown (`4242 4242 ...`, Amex `3782 822463 10005`). */
  gaps: readonly number[];
  /** CVC length. */
  cvc: number;
  /** Short label shown in the card field. */
  label: string;
  /** The legacy Cards API spelling (`card.brand` of a Token). */
  displayName: string;
  /** `payment_method.card.display_brand`. */
  displayBrand: string;
}

/**
 * Ordered: the first matching pattern wins. Ranges as Stripe.js detects them: Mastercard 51-55 and
 * 2221-2720; Discover 6011, 644-649, 65 (which includes the DinaCard/BCcard test range 6555);
 * Diners 300-305, 309, 36, 38-39; JCB 3528-3589; UnionPay 62 and 81.
 */
export const BRAND_RULES: readonly BrandRule[] = [
  {
    brand: 'amex',
    pattern: /^3[47]/,
    lengths: [15],
    gaps: [4, 10],
    cvc: 4,
    label: 'AMEX',
    displayName: 'American Express',
    displayBrand: 'american_express',
  },
  {
    brand: 'diners',
    pattern: /^3(0[0-59]|[689])/,
    lengths: [14, 16, 19],
    gaps: [4, 10],
    cvc: 3,
    label: 'DINERS',
    displayName: 'Diners Club',
    displayBrand: 'diners_club',
  },
  {
    brand: 'jcb',
    pattern: /^35(2[89]|[3-8])/,
    lengths: [16, 17, 18, 19],
    gaps: [4, 8, 12],
    cvc: 3,
    label: 'JCB',
    displayName: 'JCB',
    displayBrand: 'jcb',
  },
  {
    brand: 'mastercard',
    pattern: /^(5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/,
    lengths: [16],
    gaps: [4, 8, 12],
    cvc: 3,
    label: 'MC',
    displayName: 'MasterCard',
    displayBrand: 'mastercard',
  },
  {
    brand: 'unionpay',
    pattern: /^(62|81)/,
    lengths: [16, 17, 18, 19],
    gaps: [4, 8, 12],
    cvc: 3,
    label: 'UP',
    displayName: 'UnionPay',
    displayBrand: 'union_pay',
  },
  {
    brand: 'discover',
    pattern: /^(6011|64[4-9]|65)/,
    lengths: [16, 19],
    gaps: [4, 8, 12],
    cvc: 3,
    label: 'DISC',
    displayName: 'Discover',
    displayBrand: 'discover',
  },
  {
    brand: 'visa',
    pattern: /^4/,
    lengths: [16],
    gaps: [4, 8, 12],
    cvc: 3,
    label: 'VISA',
    displayName: 'Visa',
    displayBrand: 'visa',
  },
];

/** A number whose brand is not (yet) known: 16 digits, and a CVC of 3 or 4 digits. */
export const UNKNOWN_BRAND: BrandRule = {
  brand: 'unknown',
  pattern: /^$/,
  lengths: [16],
  gaps: [4, 8, 12],
  cvc: 3,
  label: '',
  displayName: 'Unknown',
  displayBrand: 'other',
};

export const digitsOnly = (value: unknown): string => String(value ?? '').replace(/\D/g, '');

export function brandRuleOf(digits: string): BrandRule {
  return BRAND_RULES.find((rule) => rule.pattern.test(digits)) ?? UNKNOWN_BRAND;
}

export function brandOf(number: string): CardBrand {
  return brandRuleOf(digitsOnly(number)).brand;
}

export function brandRuleByName(brand: CardBrand): BrandRule {
  return BRAND_RULES.find((rule) => rule.brand === brand) ?? UNKNOWN_BRAND;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const maxNumberLength = (rule: BrandRule): number => Math.max(...rule.lengths);

/** The CVC length to accept: the brand's, or up to 4 while the brand is unknown. */
export const cvcMaxLength = (rule: BrandRule): number => (rule === UNKNOWN_BRAND ? 4 : rule.cvc);

/** A complete, checkable number: a length the brand uses and a valid Luhn sum. */
export function numberIsValid(digits: string): boolean {
  const rule = brandRuleOf(digits);
  return (
    /^\d{12,19}$/.test(digits) &&
    luhnValid(digits) &&
    (rule === UNKNOWN_BRAND || rule.lengths.includes(digits.length))
  );
}

export function formatNumber(digits: string, rule: BrandRule = brandRuleOf(digits)): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (rule.gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

/** Formats the expiry field as the customer types (`4` -> `04 / `, `1234` -> `12 / 34`). */
export function formatExpiry(rawValue: string, isAdding: boolean): string {
  let digits = digitsOnly(rawValue);
  if (digits.length === 1 && (digits > '1' || (isAdding && rawValue.includes('/')))) digits = `0${digits}`;
  digits = digits.slice(0, 4);
  if (digits.length < 2) return digits;
  if (digits.length === 2) return isAdding ? `${digits} / ` : digits;
  return `${digits.slice(0, 2)} / ${digits.slice(2)}`;
}

export type FieldState = 'empty' | 'incomplete' | 'invalid' | 'complete';

/** The state of one card field while typing, with the code of the message to show. */
export interface FieldValidation {
  state: FieldState;
  code?: string;
}

export function validateNumberField(value: string): FieldValidation {
  const digits = digitsOnly(value);
  if (!digits) return { state: 'empty', code: 'incomplete_number' };
  const rule = brandRuleOf(digits);
  if (rule.lengths.includes(digits.length) && luhnValid(digits)) return { state: 'complete' };
  if (digits.length >= maxNumberLength(rule)) return { state: 'invalid', code: 'invalid_number' };
  return { state: 'incomplete', code: 'incomplete_number' };
}

export function validateExpiryField(value: string, now: Date = new Date()): FieldValidation {
  const digits = digitsOnly(value);
  if (!digits) return { state: 'empty', code: 'incomplete_expiry' };
  if (digits.length >= 2) {
    const month = Number(digits.slice(0, 2));
    if (month < 1 || month > 12) return { state: 'invalid', code: 'invalid_expiry_month' };
  }
  if (digits.length < 4) return { state: 'incomplete', code: 'incomplete_expiry' };
  const month = Number(digits.slice(0, 2));
  const year = 2000 + Number(digits.slice(2, 4));
  const thisYear = now.getFullYear();
  if (year < thisYear) return { state: 'invalid', code: 'invalid_expiry_year_past' };
  if (year === thisYear && month < now.getMonth() + 1)
    return { state: 'invalid', code: 'invalid_expiry_month_past' };
  if (year > thisYear + 50) return { state: 'invalid', code: 'invalid_expiry_year' };
  return { state: 'complete' };
}

export function validateCvcField(value: string, rule: BrandRule): FieldValidation {
  const digits = digitsOnly(value);
  if (!digits) return { state: 'empty', code: 'incomplete_cvc' };
  const min = rule === UNKNOWN_BRAND ? 3 : rule.cvc;
  if (digits.length < min) return { state: 'incomplete', code: 'incomplete_cvc' };
  return { state: 'complete' };
}

/** Whether a CVC has the length the card's brand uses (server side: 402 `invalid_cvc` otherwise). */
export function cvcFitsBrand(cvc: string, number: string): boolean {
  const rule = brandRuleOf(digitsOnly(number));
  const lengths = rule === UNKNOWN_BRAND ? [3, 4] : [rule.cvc];
  return /^\d+$/.test(cvc) && lengths.includes(cvc.length);
}
