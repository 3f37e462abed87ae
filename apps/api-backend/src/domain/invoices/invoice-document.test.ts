import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import {
  buildCreditNoteDocument,
  buildInvoiceDocument,
  formatReference,
  parisYear,
  splitVat,
  vatMention,
} from './invoice-document';
import { formatAmount } from './render-invoice-pdf';

describe('invoice documents', () => {
  it.each([
    [7900, 0, { exclTax: 7900, vat: 0 }],
    [14900, 2000, { exclTax: 12417, vat: 2483 }],
    [2900, 2000, { exclTax: 2417, vat: 483 }],
    [2900, 550, { exclTax: 2749, vat: 151 }],
    [1, 2000, { exclTax: 1, vat: 0 }],
  ])('splits %i cents at %i bp into HT + TVA that add up to the price', (incl, rate, expected) => {
    const split = splitVat(incl, rate);
    expect(split).toEqual({ ...expected, inclTax: incl });
    expect(split.exclTax + split.vat).toBe(incl);
  });

  it('refuses non-integer amounts and rates', () => {
    expect(() => splitVat(10.5, 0)).toThrow(RangeError);
    expect(() => splitVat(100, -1)).toThrow(RangeError);
  });

  it('formats references, years in Paris time, mentions and amounts', () => {
    expect(formatReference('F', 2026, 7)).toBe('F-2026-000007');
    expect(formatReference('AV', 2027, 123456)).toBe('AV-2027-123456');
    expect(parisYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(parisYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(vatMention(0)).toBe('TVA non applicable, art. 293 B du CGI');
    expect(vatMention(550)).toBe('TVA au taux de 5,5 % incluse dans les prix');
    expect(formatAmount(123456, 'EUR')).toBe('1\u00a0234,56\u00a0€');
    expect(formatAmount(5, 'EUR')).toBe('0,05\u00a0€');
  });

  it('builds a facture and an avoir that refers to it with the facture VAT rate', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      VAT_RATE_PERCENT: '20',
      SELLER_VAT_NUMBER: 'FR12123456789',
    });
    const invoice = buildInvoiceDocument(
      config.seller,
      {
        id: '65a1b2c3d4e5f60718293a4b',
        tierName: 'Consultation VIP',
        durationMinutes: 120,
        expertName: 'Expert Test',
        amount: 14900,
        currency: 'EUR',
        customerName: null,
        customerEmail: 'a@example.com',
        paidAt: new Date('2026-05-01T10:00:00Z'),
      },
      'F-2026-000001',
      new Date('2026-05-01T10:00:01Z'),
    );
    expect(invoice).toMatchObject({
      totalExclTax: 12417,
      vatAmount: 2483,
      totalInclTax: 14900,
      corrects: null,
    });
    expect(invoice.seller.vatNumber).toBe('FR12123456789');
    const zeroRate = { ...config.seller, vatRateBasisPoints: 0 };
    const avoir = buildCreditNoteDocument(
      zeroRate,
      invoice,
      { amount: 4900, reason: 'geste', succeededAt: new Date('2026-05-02T10:00:00Z') },
      'AV-2026-000001',
      new Date('2026-05-02T10:00:00Z'),
    );
    expect(avoir).toMatchObject({
      kind: 'credit_note',
      vatRateBasisPoints: 2000,
      totalInclTax: 4900,
      corrects: { reference: 'F-2026-000001' },
      reason: 'geste',
    });
    expect(avoir.totalExclTax + avoir.vatAmount).toBe(4900);
  });
});
