import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../server/cards/test-cards';
import {
  brandOf,
  brandRuleOf,
  cvcFitsBrand,
  digitsOnly,
  formatExpiry,
  formatNumber,
  luhnValid,
  numberIsValid,
  validateCvcField,
  validateExpiryField,
  validateNumberField,
} from './card-rules';

describe('shared card rules', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['2720990000000007', 'mastercard'],
    ['2721000000000004', 'unknown'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['6445644564456445', 'discover'],
    ['6555900000604105', 'discover'],
    ['3056930009020004', 'diners'],
    ['36227206271667', 'diners'],
    ['3566002020360505', 'jcb'],
    ['3530111333300000', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['6205500000000000004', 'unionpay'],
    ['9999', 'unknown'],
  ])('%s is %s', (number, brand) => {
    expect(brandOf(number)).toBe(brand);
  });

  it('agrees with the brand of every test card', () => {
    for (const card of TEST_CARDS) {
      expect(luhnValid(card.number), card.number).toBe(true);
      expect(numberIsValid(card.number), card.number).toBe(true);
      expect(brandOf(card.number), card.number).toBe(card.brand);
      expect(validateNumberField(formatNumber(card.number)).state, card.number).toBe('complete');
    }
  });

  it('groups 15-digit Amex, 14-digit Diners and 19-digit UnionPay numbers', () => {
    expect(formatNumber('378282246310005')).toBe('3782 822463 10005');
    expect(formatNumber('36227206271667')).toBe('3622 720627 1667');
    expect(formatNumber('6205500000000000004')).toBe('6205 5000 0000 0000004');
  });

  it('wants 4 CVC digits for Amex, 3 for the others', () => {
    expect(cvcFitsBrand('1234', '378282246310005')).toBe(true);
    expect(cvcFitsBrand('123', '378282246310005')).toBe(false);
    expect(cvcFitsBrand('123', '6011111111111117')).toBe(true);
    expect(cvcFitsBrand('12a', '4242424242424242')).toBe(false);
  });
});

describe('card field rules (typing in the browser)', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3056930009020004', 'diners'],
    ['3566002020360505', 'jcb'],
    ['6200000000000005', 'unionpay'],
    ['9', 'unknown'],
    ['', 'unknown'],
  ])('detects the brand of %s as %s', (digits, brand) => {
    expect(brandOf(digits)).toBe(brand);
  });

  it.each([
    ['4242424242424242', true],
    ['4000000000000002', true],
    ['4000002760003184', true],
    ['4000000000009995', true],
    ['378282246310005', true],
    ['4242424242424241', false],
    ['1234567812345678', false],
  ])('Luhn check of %s is %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });

  it.each([
    ['4242424242424242', '4242 4242 4242 4242'],
    ['42424', '4242 4'],
    ['378282246310005', '3782 822463 10005'],
    ['4242-4242 4242x4242', '4242 4242 4242 4242'],
  ])('groups %s as %s', (value, formatted) => {
    expect(formatNumber(digitsOnly(value))).toBe(formatted);
  });

  it.each([
    ['1', true, '1'],
    ['4', true, '04 / '],
    ['1/', true, '01 / '],
    ['12', true, '12 / '],
    ['12', false, '12'],
    ['12 / 3', true, '12 / 3'],
    ['1234', true, '12 / 34'],
    ['12 / 345', true, '12 / 34'],
  ])('formats the expiry %j (typing: %s) as %j', (raw, isAdding, formatted) => {
    expect(formatExpiry(raw, isAdding)).toBe(formatted);
  });

  it.each([
    ['', { state: 'empty', code: 'incomplete_number' }],
    ['4242 4242', { state: 'incomplete', code: 'incomplete_number' }],
    ['4242 4242 4242 4241', { state: 'invalid', code: 'invalid_number' }],
    ['4242 4242 4242 4242', { state: 'complete' }],
    ['3782 822463 10005', { state: 'complete' }],
  ])('validates the number %j', (value, result) => {
    expect(validateNumberField(value)).toEqual(result);
  });

  it.each([
    ['', { state: 'empty', code: 'incomplete_expiry' }],
    ['1', { state: 'incomplete', code: 'incomplete_expiry' }],
    ['13', { state: 'invalid', code: 'invalid_expiry_month' }],
    ['00 / 30', { state: 'invalid', code: 'invalid_expiry_month' }],
    ['12 / 2', { state: 'incomplete', code: 'incomplete_expiry' }],
    ['10 / 26', { state: 'invalid', code: 'invalid_expiry_month_past' }],
    ['11 / 26', { state: 'complete' }],
    ['01 / 25', { state: 'invalid', code: 'invalid_expiry_year_past' }],
    ['12 / 99', { state: 'invalid', code: 'invalid_expiry_year' }],
    ['12 / 34', { state: 'complete' }],
  ])('validates the expiry %j on 2026-11-26', (value, result) => {
    expect(validateExpiryField(value, new Date('2026-11-26T12:00:00Z'))).toEqual(result);
  });

  it.each([
    ['', '4242424242424242', { state: 'empty', code: 'incomplete_cvc' }],
    ['12', '4242424242424242', { state: 'incomplete', code: 'incomplete_cvc' }],
    ['123', '4242424242424242', { state: 'complete' }],
    ['123', '378282246310005', { state: 'incomplete', code: 'incomplete_cvc' }],
    ['1234', '378282246310005', { state: 'complete' }],
  ])('validates the CVC %j for card %s', (value, number, result) => {
    expect(validateCvcField(value, brandRuleOf(number))).toEqual(result);
  });
});
