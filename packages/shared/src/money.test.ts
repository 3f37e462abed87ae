import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  equalsMoney,
  formatMoney,
  isNegative,
  isPositive,
  isZero,
  type Money,
  MoneyError,
  maxMoney,
  minMoney,
  money,
  normalizeSpaces,
  percentOfMoney,
  prorateMoney,
  subtractMoney,
  sumMoney,
} from './money';

const eur = (amount: number): Money => money(amount, 'EUR');
// A currency the type system does not know, to prove the runtime check (data from a DB or JSON).
const usd = (amount: number) => ({ amount, currency: 'USD' }) as unknown as Money;

describe('money()', () => {
  it.each([0, 1, 2900, 7900, 14900, -500, Number.MAX_SAFE_INTEGER])('accepts the integer %d', (amount) => {
    expect(money(amount, 'EUR')).toEqual({ amount, currency: 'EUR' });
  });

  it.each([
    0.5,
    79.0000001,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 1,
    '7900' as unknown as number,
  ])('rejects the non-integer amount %s', (amount) => {
    expect(() => money(amount, 'EUR')).toThrow(MoneyError);
  });

  it('rejects an unknown currency', () => {
    expect(() => money(100, 'USD' as never)).toThrow(/Unsupported currency USD/);
  });

  it('normalises -0 to 0', () => {
    expect(Object.is(money(-0, 'EUR').amount, 0)).toBe(true);
  });
});

describe('arithmetic within one currency', () => {
  it.each([
    [2900, 7900, 10800],
    [0, 0, 0],
    [14900, -100, 14800],
  ])('%d + %d = %d', (a, b, sum) => {
    expect(addMoney(eur(a), eur(b))).toEqual(eur(sum));
  });

  it.each([
    [7900, 2900, 5000],
    [2900, 7900, -5000],
    [100, 100, 0],
  ])('%d - %d = %d', (a, b, diff) => {
    expect(subtractMoney(eur(a), eur(b))).toEqual(eur(diff));
  });

  it('sums a list, and an empty list is zero', () => {
    expect(sumMoney([eur(2900), eur(7900), eur(14900)], 'EUR')).toEqual(eur(25700));
    expect(sumMoney([], 'EUR')).toEqual(eur(0));
  });

  it.each([
    [100, 200, -1],
    [200, 100, 1],
    [150, 150, 0],
  ])('compare(%d, %d) = %d', (a, b, expected) => {
    expect(compareMoney(eur(a), eur(b))).toBe(expected);
  });

  it('min, max, equals, isZero, isPositive, isNegative', () => {
    expect(minMoney(eur(5), eur(3))).toEqual(eur(3));
    expect(maxMoney(eur(5), eur(3))).toEqual(eur(5));
    expect(equalsMoney(eur(5), eur(5))).toBe(true);
    expect(equalsMoney(eur(5), eur(6))).toBe(false);
    expect(isZero(eur(0))).toBe(true);
    expect(isZero(eur(1))).toBe(false);
    expect(isPositive(eur(1))).toBe(true);
    expect(isPositive(eur(0))).toBe(false);
    expect(isNegative(eur(-1))).toBe(true);
  });

  it.each([
    ['add', () => addMoney(eur(1), usd(1))],
    ['subtract', () => subtractMoney(eur(1), usd(1))],
    ['compare', () => compareMoney(usd(1), eur(1))],
    ['min', () => minMoney(eur(1), usd(1))],
    ['sum', () => sumMoney([eur(1), usd(1)], 'EUR')],
  ])('%s throws on mixed or unknown currencies', (_name, operation) => {
    expect(operation).toThrow(MoneyError);
  });

  it('rejects a float hidden inside a Money value', () => {
    expect(() => addMoney(eur(100), { amount: 0.1, currency: 'EUR' })).toThrow(MoneyError);
    expect(() => isZero({ amount: 0.5, currency: 'EUR' })).toThrow(MoneyError);
  });
});

describe('prorateMoney / percentOfMoney round down to the cent', () => {
  it.each([
    [7900, 30, 60, 3950],
    [7900, 1, 60, 131], // 131.66 -> 131
    [2900, 29, 30, 2803], // 2803.33 -> 2803
    [14900, 119, 120, 14775], // 14775.83 -> 14775
    [14900, 0, 120, 0],
    [14900, 120, 120, 14900],
    [-7900, 1, 60, -132], // floor, not truncation
    [Number.MAX_SAFE_INTEGER, 3, 3, Number.MAX_SAFE_INTEGER], // product beyond 2^53 stays exact
  ])('%d * %d / %d = %d', (amount, num, den, expected) => {
    expect(prorateMoney(eur(amount), num, den)).toEqual(eur(expected));
  });

  it('rejects a zero or negative denominator and non-integer ratios', () => {
    expect(() => prorateMoney(eur(100), 1, 0)).toThrow(MoneyError);
    expect(() => prorateMoney(eur(100), 0.5, 2)).toThrow(MoneyError);
  });

  it.each([
    [7900, 100, 7900],
    [7900, 0, 0],
    [2999, 50, 1499],
  ])('%d at %d%% = %d', (amount, percent, expected) => {
    expect(percentOfMoney(eur(amount), percent)).toEqual(eur(expected));
  });

  it('rejects percentages outside 0..100', () => {
    expect(() => percentOfMoney(eur(100), 101)).toThrow(MoneyError);
    expect(() => percentOfMoney(eur(100), -1)).toThrow(MoneyError);
  });
});

describe('formatMoney (fr-FR)', () => {
  // formatMoney deliberately emits the same characters as Intl fr-FR: U+00A0 before "€" and U+202F
  // between thousands groups. Plain-space literals below are compared after normalizeSpaces.
  it.each([
    [7900, '79,00 €'],
    [2900, '29,00 €'],
    [14900, '149,00 €'],
    [0, '0,00 €'],
    [5, '0,05 €'],
    [99, '0,99 €'],
    [100000, '1 000,00 €'],
    [123456789, '1 234 567,89 €'],
    [-500, '-5,00 €'],
  ])('%d cents -> "%s"', (amount, expected) => {
    expect(normalizeSpaces(formatMoney(eur(amount)))).toBe(expected);
  });

  it('keeps the amount and its sign together with a no-break space', () => {
    expect(formatMoney(eur(7900))).toBe('79,00\u00a0€');
    expect(formatMoney(eur(123456789))).toBe('1\u202f234\u202f567,89\u00a0€');
  });

  it.each([0, 1, 99, 2900, 7900, 14900, 100000, 99999999, 123456789, -1, -7900])(
    'matches Intl.NumberFormat fr-FR exactly for %d cents',
    (amount) => {
      const sign = amount < 0 ? '-' : '';
      const abs = String(Math.abs(amount)).padStart(3, '0');
      const decimal = `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`; // exact decimal string, no float
      const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(
        decimal as unknown as number,
      );
      expect(formatMoney(eur(amount))).toBe(intl);
    },
  );
});
