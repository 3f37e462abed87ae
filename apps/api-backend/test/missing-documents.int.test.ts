/**
 * Orders paid, and refunds made, before invoicing existed get their facture and avoir when an instance
 * starts (`issueMissingDocuments`): numbered in sequence, the avoir referring to the facture, served with
 * the order; a second run issues nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueMissingDocuments } from '../src/domain/invoices/issue-missing-documents';
import { startTestStack, type TestStack } from './harness';
import { api, eventually, paidOrder } from './payments-helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ sandbox: { refundSettleMs: 100 } });
});
afterAll(async () => {
  await stack?.stop();
});

const documentsOf = (orderId: string, token: string) =>
  api(stack, 'GET', `/api/payments/order/${orderId}/documents`, { headers: { 'X-Order-Token': token } });

describe('missing factures and avoirs', () => {
  it('issues the facture of a paid order and the avoir of its refund when they are missing, once', async () => {
    const order = await paidOrder(stack, 'pm_card_visa', {
      level: 'basic',
      service: 'basic',
      customerEmail: 'before-invoices@example.com',
    });
    const cancelled = await api(stack, 'POST', `/api/payments/order/${order.orderId}/cancel`, {
      headers: { 'X-Order-Token': order.orderAccessToken },
    });
    expect(cancelled.status).toBe(200);
    const refundAmount = cancelled.body.refund.amount as number;
    await eventually(
      () => documentsOf(order.orderId, order.orderAccessToken),
      (r) => r.status === 200 && r.body.documents.length === 2,
    );
    // As if the order had been paid and refunded before invoicing existed.
    await stack.db.transaction().execute(async (trx) => {
      await sql`alter table invoices disable trigger invoices_no_update_delete`.execute(trx);
      await sql`delete from invoices where order_id = ${order.orderId} and kind = 'credit_note'`.execute(trx);
      await sql`delete from invoices where order_id = ${order.orderId}`.execute(trx);
      await sql`alter table invoices enable trigger invoices_no_update_delete`.execute(trx);
    });
    expect((await documentsOf(order.orderId, order.orderAccessToken)).body.documents).toEqual([]);

    expect(await issueMissingDocuments(stack.ctx)).toEqual({ invoices: 1, creditNotes: 1 });
    const documents = (await documentsOf(order.orderId, order.orderAccessToken)).body.documents as {
      reference: string;
      kind: string;
      total: { amount: number };
      corrects: string | null;
    }[];
    const invoice = documents.find((d) => d.kind === 'invoice')!;
    const creditNote = documents.find((d) => d.kind === 'credit_note')!;
    expect(invoice.reference).toMatch(/^F-\d{4}-\d{6}$/);
    expect(creditNote).toMatchObject({ corrects: invoice.reference, total: { amount: refundAmount } });
    const pdf = await fetch(
      `${stack.apiUrl}/api/payments/order/${order.orderId}/documents/${invoice.reference}?token=${order.orderAccessToken}`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');

    expect(await issueMissingDocuments(stack.ctx)).toEqual({ invoices: 0, creditNotes: 0 });
    expect((await documentsOf(order.orderId, order.orderAccessToken)).body.documents).toHaveLength(2);
  });
});
