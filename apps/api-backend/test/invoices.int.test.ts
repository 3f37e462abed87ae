/**
 * Factures and avoirs: one facture per paid order, numbered without gap or duplicate under 50
 * concurrent payments settled by two API instances; the PDF says what the law asks (read back with a
 * PDF parser); a refund issues an avoir referring to the facture; documents follow the order's access
 * rules and re-render byte for byte.
 */
import { normalizeSpaces } from '@lumira/shared';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandle } from '../src/server';
import { startTestStack, type TestStack } from './harness';
import {
  api,
  confirmCard,
  createOrder,
  paidOrder,
  paymentIntentIdOf,
  waitForStatus,
} from './payments-helpers';

let stack: TestStack;
let second: ApiHandle;

const SELLER = {
  SELLER_NAME: 'Lumira Oracle SAS',
  SELLER_ADDRESS: '12 rue des Étoiles, 69002 Lyon',
  SELLER_SIREN: '123456789',
  SELLER_EMAIL: 'facturation@lumira.test',
};

beforeAll(async () => {
  stack = await startTestStack({ env: SELLER, sandbox: { refundSettleMs: 100 } });
  second = await stack.startApiInstance(SELLER);
});
afterAll(() => stack?.stop());

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return normalizeSpaces(text);
}

async function download(orderId: string, reference: string, token: string) {
  const res = await fetch(
    `${stack.apiUrl}/api/payments/order/${orderId}/documents/${reference}?token=${encodeURIComponent(token)}`,
  );
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

describe('invoices', () => {
  it('numbers 50 concurrent payments on two instances without gap or duplicate', async () => {
    const orders = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createOrder(stack, {
          level: 'basic',
          service: 'basic',
          customerEmail: `concurrent-${i}@example.com`,
        }),
      ),
    );
    await Promise.all(
      orders.map(async (order, i) => {
        await confirmCard(stack, order.clientSecret, 'pm_card_visa');
        // The browser return path, half on each instance, racing the webhooks.
        const settled = await api(
          { apiUrl: i % 2 === 0 ? second.url : stack.apiUrl },
          'POST',
          '/api/payments/confirm-payment',
          {
            body: { paymentIntentId: paymentIntentIdOf(order.clientSecret) },
          },
        );
        expect(settled.status).toBe(200);
      }),
    );
    await Promise.all(orders.map((o) => waitForStatus(stack, o.orderId, o.orderAccessToken, 'paid')));
    const invoices = await stack.db
      .selectFrom('invoices')
      .select(['number', 'year', 'reference', 'order_id'])
      .where('kind', '=', 'invoice')
      .execute();
    const ours = invoices.filter((i) => orders.some((o) => o.orderId === i.order_id));
    expect(ours).toHaveLength(50);
    const numbers = invoices.map((i) => i.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: invoices.length }, (_, i) => i + 1));
    expect(new Set(invoices.map((i) => i.reference)).size).toBe(invoices.length);
    const counter = await stack.db
      .selectFrom('invoice_counters')
      .selectAll()
      .where('series', '=', 'F')
      .execute();
    expect(counter.map((c) => c.last_number)).toEqual([invoices.length]);
  });

  it('the facture PDF carries its number, amounts and legal mentions; a refund issues an avoir referring to it', async () => {
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'premium',
      service: 'premium',
      customerEmail: 'facture@example.com',
      customerName: 'Jeanne Petit',
    });
    const list = await api(stack, 'GET', `/api/payments/order/${order.orderId}/documents`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(list.status).toBe(200);
    const [invoice] = list.body.documents;
    expect(invoice).toMatchObject({
      kind: 'invoice',
      total: { amount: 7900, currency: 'EUR' },
      corrects: null,
    });

    const file = await download(order.orderId, invoice.reference, order.orderAccessToken);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const text = await pdfText(file.body);
    for (const expected of [
      `FACTURE N° ${invoice.reference}`,
      'Lumira Oracle SAS',
      '12 rue des Étoiles, 69002 Lyon',
      'SIREN 123456789',
      'Jeanne Petit',
      'facture@example.com',
      'Consultation Premium (60 min) avec ',
      'Prix unitaire HT',
      '79,00 €',
      'Total TTC',
      'TVA non applicable, art. 293 B du CGI',
      'Carte bancaire (Stripe)',
      'Payée le',
    ]) {
      expect(text).toContain(expected);
    }
    // Stored once, rendered identically every time.
    expect(
      (await download(order.orderId, invoice.reference, order.orderAccessToken)).body.equals(file.body),
    ).toBe(true);

    // Same access rules as the order: another customer's token and nobody get 404.
    const stranger = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: 'x@example.com',
    });
    expect((await download(order.orderId, invoice.reference, stranger.orderAccessToken)).status).toBe(404);
    expect(
      (await fetch(`${stack.apiUrl}/api/payments/order/${order.orderId}/documents/${invoice.reference}`))
        .status,
    ).toBe(404);
    const adminJwt = await stack.login(stack.demo.adminEmail, stack.demo.adminPassword);
    const asAdmin = await fetch(
      `${stack.apiUrl}/api/payments/order/${order.orderId}/documents/${invoice.reference}`,
      {
        headers: { Authorization: `Bearer ${adminJwt}` },
      },
    );
    expect(asAdmin.status).toBe(200);

    const cancel = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(cancel.status).toBe(200);
    await waitForStatus(stack, order.orderId, order.orderAccessToken, 'refunded');
    const after = await api(
      stack,
      'GET',
      `/api/payments/order/${order.orderId}/documents?token=${encodeURIComponent(order.orderAccessToken)}`,
    );
    expect(after.body.documents).toHaveLength(2);
    const creditNote = after.body.documents[1];
    expect(creditNote).toMatchObject({
      kind: 'credit_note',
      corrects: invoice.reference,
      total: { amount: 7900 },
    });
    expect(creditNote.reference).toMatch(/^AV-\d{4}-\d{6}$/);
    const avoir = await pdfText(
      (await download(order.orderId, creditNote.reference, order.orderAccessToken)).body,
    );
    expect(avoir).toContain(`AVOIR N° ${creditNote.reference}`);
    expect(avoir).toContain(`se rapportant à la facture N° ${invoice.reference}`);
    expect(avoir).toContain('79,00 €');
    expect(avoir).toContain('annulation de votre commande avant la séance');
    expect(avoir).toContain('TVA non applicable, art. 293 B du CGI');
  });

  it('with a VAT rate, prints the VAT number and splits the price into HT and TVA', async () => {
    const vat = await stack.startApiInstance({
      ...SELLER,
      VAT_RATE_PERCENT: '20',
      SELLER_VAT_NUMBER: 'FR12123456789',
    });
    const created = await createOrder({ ...stack, apiUrl: vat.url } as TestStack, {
      level: 'vip',
      service: 'vip',
      customerEmail: 'tva@example.com',
    });
    // The invoice is issued by the instance that settles the payment: the sandbox's webhook goes to the
    // stack's own instance (no VAT), so it is held back and the VAT instance's return path settles.
    stack.sandbox.setFaults({ dropAll: true });
    try {
      await confirmCard(stack, created.clientSecret, 'pm_card_visa');
      await api({ apiUrl: vat.url }, 'POST', '/api/payments/confirm-payment', {
        body: { paymentIntentId: paymentIntentIdOf(created.clientSecret) },
      });
      await waitForStatus(stack, created.orderId, created.orderAccessToken, 'paid');
    } finally {
      stack.sandbox.setFaults({});
    }
    const list = await api(
      stack,
      'GET',
      `/api/payments/order/${created.orderId}/documents?token=${encodeURIComponent(created.orderAccessToken)}`,
    );
    const text = await pdfText(
      (await download(created.orderId, list.body.documents[0].reference, created.orderAccessToken)).body,
    );
    // 149,00 € TTC at 20 %: 124,17 € HT + 24,83 € TVA.
    expect(text).toContain('TVA intracommunautaire : FR12123456789');
    expect(text).toContain('124,17 €');
    expect(text).toContain('TVA 20 %');
    expect(text).toContain('24,83 €');
    expect(text).toContain('149,00 €');
    expect(text).not.toContain('293 B');
  });
});
