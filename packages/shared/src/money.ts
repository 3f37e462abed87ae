/**
 * Money: an integer number of minor units (cents) plus an ISO 4217 currency.
 * No floats anywhere: every operation checks its inputs are safe integers, and arithmetic
 * across currencies throws.
 */
import { isOneOf } from './one-of';

export const CURRENCIES = ['EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export type Money = {
  /** integer minor units (cents for EUR) */
  amount: number;
  currency: Currency;
};

/** Minor units per major unit, per currency (EUR: 2 decimals). */
export const CURRENCY_EXPONENT: Readonly<Record<Currency, number>> = { EUR: 2 };

/** Thrown on programming errors with money (non-integer amount, unknown or mixed currencies). */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

export const isCurrency = isOneOf(CURRENCIES);

function assertAmount(amount: unknown): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
    throw new MoneyError(`Money amount must be a safe integer number of minor units, got ${String(amount)}`);
  }
}

function assertCurrency(currency: unknown): asserts currency is Currency {
  if (!isCurrency(currency)) {
    throw new MoneyError(`Unsupported currency ${String(currency)}`);
  }
}

function assertMoney(m: Money): void {
  assertAmount(m.amount);
  assertCurrency(m.currency);
}

function assertSameCurrency(a: Money, b: Money): void {
  assertMoney(a);
  assertMoney(b);
  if (a.currency !== b.currency) {
    throw new MoneyError(`Currency mismatch: ${a.currency} vs ${b.currency}`);
  }
}

/** Builds a Money value; throws MoneyError on a non-integer amount or unknown currency. */
export function money(amount: number, currency: Currency): Money {
  assertAmount(amount);
  assertCurrency(currency);
  return { amount: amount === 0 ? 0 : amount, currency };
}

export function zeroMoney(currency: Currency): Money {
  return money(0, currency);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Sum of a non-empty list, or zero of `currency` for an empty list. */
export function sumMoney(items: readonly Money[], currency: Currency): Money {
  let total = zeroMoney(currency);
  for (const item of items) total = addMoney(total, item);
  return total;
}

/** -1, 0 or 1. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.amount < b.amount) return -1;
  if (a.amount > b.amount) return 1;
  return 0;
}

export function equalsMoney(a: Money, b: Money): boolean {
  return compareMoney(a, b) === 0;
}

export function minMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) <= 0 ? a : b;
}

export function maxMoney(a: Money, b: Money): Money {
  return compareMoney(a, b) >= 0 ? a : b;
}

export function isZero(m: Money): boolean {
  assertMoney(m);
  return m.amount === 0;
}

export function isPositive(m: Money): boolean {
  assertMoney(m);
  return m.amount > 0;
}

export function isNegative(m: Money): boolean {
  assertMoney(m);
  return m.amount < 0;
}

/**
 * `m * numerator / denominator`, rounded DOWN (towards negative infinity) to the minor unit.
 * Computed with BigInt so the intermediate product can never lose precision.
 */
export function prorateMoney(m: Money, numerator: number, denominator: number): Money {
  assertMoney(m);
  assertAmount(numerator);
  assertAmount(denominator);
  if (denominator <= 0) throw new MoneyError(`Denominator must be positive, got ${denominator}`);
  const product = BigInt(m.amount) * BigInt(numerator);
  const d = BigInt(denominator);
  let quotient = product / d; // BigInt division truncates towards zero
  if (product % d !== 0n && product < 0n) quotient -= 1n;
  return money(Number(quotient), m.currency);
}

/** `floor(m * percent / 100)`; percent is an integer 0..100. */
export function percentOfMoney(m: Money, percent: number): Money {
  assertAmount(percent);
  if (percent < 0 || percent > 100) throw new MoneyError(`Percent must be within 0..100, got ${percent}`);
  return prorateMoney(m, percent, 100);
}

/** U+00A0 NO-BREAK SPACE: between the amount and the currency sign (same as Intl fr-FR). */
export const NBSP = '\u00a0';
/** U+202F NARROW NO-BREAK SPACE: thousands separator (same as Intl fr-FR). */
export const NNBSP = '\u202f';

const CURRENCY_SYMBOL: Readonly<Record<Currency, string>> = { EUR: '€' };

/**
 * French formatting, e.g. `{amount: 7900, currency: 'EUR'}` -> "79,00 €".
 *
 * Built with integer arithmetic only (no float division) and produces exactly the characters
 * `Intl.NumberFormat('fr-FR', {style: 'currency'})` produces on Node 20 / Chromium: U+202F between
 * thousands groups and U+00A0 before the sign, so the amount never wraps away from its "€".
 * Use `normalizeSpaces` when comparing with a plain-space literal (tests, logs).
 */
export function formatMoney(m: Money): string {
  assertMoney(m);
  const exponent = CURRENCY_EXPONENT[m.currency];
  const negative = m.amount < 0;
  const digits = String(Math.abs(m.amount)).padStart(exponent + 1, '0');
  const integerPart = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  return `${negative ? '-' : ''}${grouped}${exponent > 0 ? `,${fraction}` : ''}${NBSP}${CURRENCY_SYMBOL[m.currency]}`;
}

/** Replaces U+00A0 and U+202F (and other Unicode spaces) with a plain space. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2000-\u200a]/g, ' ');
}
