import { cvcFitsBrand, luhnValid } from '../../cards/card-rules';
import type { Params } from '../http/param-spec';
import { missingParameter, StripeError } from '../http/stripe-error';

/** A stable per-number fingerprint (same card number, same fingerprint, as on Stripe). */
export function cardFingerprint(number: string): string {
  let h = 0;
  for (let i = 0; i < number.length; i++) h = (h * 31 + number.charCodeAt(i)) >>> 0;
  return `fp${h.toString(36)}${number.slice(-4)}`.padEnd(16, 'x').slice(0, 16);
}

function cardError(code: string, message: string, param: string): StripeError {
  return new StripeError(402, { type: 'card_error', code, message, param });
}

export interface RawCard {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string | undefined;
}

/**
 * Validates raw card data the way Stripe does when a card PaymentMethod is created:
 * 402 card_error `incorrect_number`, `invalid_expiry_month`, `invalid_expiry_year`, `invalid_cvc`.
 * Returns the normalised number and 4-digit year.
 */
export function validateCard(
  raw: { number: string; exp_month: string | number; exp_year: string | number; cvc?: string | undefined },
  now = new Date(),
): RawCard {
  const number = raw.number.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) {
    throw cardError('incorrect_number', 'Your card number is incorrect.', 'number');
  }
  const month = Number(raw.exp_month);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }
  let year = Number(raw.exp_year);
  if (!Number.isInteger(year) || year < 0) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  if (year < 100) year += 2000;
  const thisYear = now.getUTCFullYear();
  if (year < thisYear || year > thisYear + 50) {
    throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", 'exp_year');
  }
  if (year === thisYear && month < now.getUTCMonth() + 1) {
    throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", 'exp_month');
  }
  const cvc = raw.cvc;
  if (cvc !== undefined && cvc !== '') {
    if (!cvcFitsBrand(cvc, number)) {
      throw cardError('invalid_cvc', "Your card's security code is invalid.", 'cvc');
    }
  }
  return { number, exp_month: month, exp_year: year, cvc: cvc === '' ? undefined : cvc };
}

/**
 * Validates the `card[...]` parameters of a request (PaymentMethods, Tokens, `payment_method_data`):
 * 400 `parameter_missing` naming `<cardParam>[number|exp_month|exp_year]`, then {@link validateCard}.
 */
export function validateCardParams(cardInput: Params, cardParam: string, now = new Date()): RawCard {
  for (const k of ['number', 'exp_month', 'exp_year'] as const) {
    if (cardInput[k] === undefined || cardInput[k] === '') throw missingParameter(`${cardParam}[${k}]`);
  }
  return validateCard(
    {
      number: cardInput.number as string,
      exp_month: cardInput.exp_month as string,
      exp_year: cardInput.exp_year as string,
      cvc: cardInput.cvc as string | undefined,
    },
    now,
  );
}
