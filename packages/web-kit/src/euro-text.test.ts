import { describe, expect, it } from 'vitest';
import { formatCentsAsEuroText, parseEuroText } from './euro-text';

describe('parseEuroText', () => {
  it.each([
    ['79,00', 7900],
    ['79', 7900],
    ['79,5', 7950],
    ['79,05', 7905],
    ['79.99', 7999],
    ['0,01', 1],
    ['0', 0],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['149,00 €', 14900],
    ['29€', 2900],
    ['  29,90  ', 2990],
    ['007,10', 710],
    ['79,', 7900],
    ['0,29', 29],
    ['999999,99', 99999999],
  ])('"%s" -> %i cents', (input, cents) => {
    expect(parseEuroText(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'Saisissez un montant.'],
    ['   ', 'Saisissez un montant.'],
    ['-5,00', 'Le montant ne peut pas être négatif.'],
    ['79,001', 'Deux décimales au maximum (ex. 79,00).'],
    ['abc', 'Montant invalide : utilisez le format 79,00.'],
    ['7e3', 'Montant invalide : utilisez le format 79,00.'],
    ['1.234,56', 'Montant invalide : utilisez le format 79,00.'],
    [',50', 'Montant invalide : utilisez le format 79,00.'],
    ['1000000', 'Montant trop élevé.'],
  ])('"%s" is rejected with "%s"', (input, error) => {
    expect(parseEuroText(input)).toEqual({ ok: false, error });
  });

  it('never produces the float artefacts of parseFloat * 100', () => {
    // parseFloat('0,29'.replace(',', '.')) * 100 === 28.999999999999996
    for (let cents = 0; cents < 20_000; cents += 1) {
      expect(parseEuroText(formatCentsAsEuroText(cents))).toEqual({ ok: true, cents });
    }
  });
});

describe('formatCentsAsEuroText', () => {
  it.each([
    [7900, '79,00'],
    [5, '0,05'],
    [14999, '149,99'],
    [0, '0,00'],
  ])('%i -> "%s"', (cents, text) => {
    expect(formatCentsAsEuroText(cents)).toBe(text);
  });

  it('refuses fractional cents', () => {
    expect(() => formatCentsAsEuroText(10.5)).toThrow(RangeError);
  });
});
