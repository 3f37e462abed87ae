import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../cards/card-rules';
import type { StripeError } from '../http/stripe-error';
import { validateCard } from './card-validation';
import { findTestCardByAlias, findTestCardByNumber, TEST_CARDS } from './test-cards';

const NOW = new Date('2026-11-26T12:00:00Z');

function codeOf(input: Parameters<typeof validateCard>[0]): string | undefined {
  try {
    validateCard(input, NOW);
  } catch (e) {
    return (e as StripeError).fields.code;
  }
  return undefined;
}

describe('card validation', () => {
  it('checks the Luhn sum', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
  });

  it.each([
    [{ number: '4242424242424241', exp_month: 12, exp_year: 2030, cvc: '123' }, 'incorrect_number'],
    [{ number: '42424242', exp_month: 12, exp_year: 2030, cvc: '123' }, 'incorrect_number'],
    [{ number: '4242424242424242', exp_month: 13, exp_year: 2030, cvc: '123' }, 'invalid_expiry_month'],
    [{ number: '4242424242424242', exp_month: 0, exp_year: 2030, cvc: '123' }, 'invalid_expiry_month'],
    [{ number: '4242424242424242', exp_month: 12, exp_year: 2025, cvc: '123' }, 'invalid_expiry_year'],
    [{ number: '4242424242424242', exp_month: 10, exp_year: 2026, cvc: '123' }, 'invalid_expiry_month'],
    [{ number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: '12' }, 'invalid_cvc'],
    [{ number: '4242424242424242', exp_month: 12, exp_year: 2030, cvc: 'abc' }, 'invalid_cvc'],
    [{ number: '4242 4242 4242 4242', exp_month: 11, exp_year: 26, cvc: '123' }, undefined],
    [{ number: '4242424242424242', exp_month: '12', exp_year: '2030', cvc: undefined }, undefined],
  ])('%o -> %s', (input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('normalises two-digit years', () => {
    expect(validateCard({ number: '4242424242424242', exp_month: 1, exp_year: 34 }, NOW).exp_year).toBe(2034);
  });
});

describe('test card table', () => {
  it('has unique, Luhn-valid numbers and unique aliases', () => {
    const numbers = TEST_CARDS.map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(luhnValid(n)).toBe(true);
    const aliases = TEST_CARDS.flatMap((c) => c.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('finds cards by number and alias', () => {
    expect(findTestCardByAlias('pm_card_visa')?.number).toBe('4242424242424242');
    expect(findTestCardByNumber('4000000000009995')?.failure?.decline_code).toBe('insufficient_funds');
    expect(findTestCardByAlias('pm_card_unknown')).toBeUndefined();
  });
});
