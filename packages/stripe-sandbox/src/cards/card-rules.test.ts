import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '../server/cards/test-cards';
import {
  brandOf,
  cvcFitsBrand,
  formatNumber,
  luhnValid,
  numberIsValid,
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
