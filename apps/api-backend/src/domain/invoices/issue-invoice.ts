/**
 * Issues the facture of a paid order and the avoir of a succeeded refund, on the caller's transaction
 * (the one that moves the order to paid / records the refund): the document exists if and only if the
 * state change committed, and its number is allocated in that transaction (no gap, no duplicate).
 * Issuing twice is a no-op (one facture per order, one avoir per refund: unique indexes).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import { findExpertById } from '../../data/experts-repository';
import { newId } from '../../data/ids';
import {
  allocateInvoiceNumber,
  findInvoiceOfRefund,
  insertInvoice,
  listInvoicesOfOrder,
  type StoredInvoice,
} from '../../data/invoices-repository';
import type { Database } from '../../data/schema';
import type { Order, Refund } from '../orders/order';
import { refundReasonCopy } from '../orders/refund-reason-copy';
import {
  buildCreditNoteDocument,
  buildInvoiceDocument,
  formatReference,
  type InvoiceDocument,
  parisYear,
} from './invoice-document';

export async function issueInvoice(
  trx: Kysely<Database>,
  seller: Config['seller'],
  order: Order,
): Promise<StoredInvoice> {
  const existing = (await listInvoicesOfOrder(trx, order.id)).find((i) => i.kind === 'invoice');
  if (existing) return existing;
  const issuedAt = new Date();
  const year = parisYear(issuedAt);
  const number = await allocateInvoiceNumber(trx, 'F', year);
  const reference = formatReference('F', year, number);
  const expert = await findExpertById(trx, order.expertId);
  const document = buildInvoiceDocument(
    seller,
    {
      id: order.id,
      tierName: order.tierName,
      durationMinutes: order.durationMinutes,
      expertName: expert?.name ?? 'votre expert',
      amount: order.amount.amount,
      currency: order.amount.currency,
      customerName: order.customerName,
      customerEmail: order.customerEmail,
      paidAt: order.paidAt ?? issuedAt,
    },
    reference,
    issuedAt,
  );
  return insertInvoice(trx, {
    id: newId(issuedAt),
    kind: 'invoice',
    series: 'F',
    year,
    number,
    reference,
    orderId: order.id,
    refundId: null,
    correctsId: null,
    total: order.amount.amount,
    currency: order.amount.currency,
    issuedAt,
    document,
  });
}

/** The avoir of a succeeded refund; null when the order has no facture (paid before invoicing existed). */
export async function issueCreditNote(
  trx: Kysely<Database>,
  seller: Config['seller'],
  order: Order,
  refund: Refund,
): Promise<StoredInvoice | null> {
  const existing = await findInvoiceOfRefund(trx, refund.id);
  if (existing) return existing;
  const invoice = (await listInvoicesOfOrder(trx, order.id)).find((i) => i.kind === 'invoice');
  if (!invoice) return null;
  const issuedAt = new Date();
  const year = parisYear(issuedAt);
  const number = await allocateInvoiceNumber(trx, 'AV', year);
  const reference = formatReference('AV', year, number);
  const document = buildCreditNoteDocument(
    seller,
    invoice.document as InvoiceDocument,
    { amount: refund.amount.amount, reason: refundReasonCopy(refund.reason), succeededAt: issuedAt },
    reference,
    issuedAt,
  );
  return insertInvoice(trx, {
    id: newId(issuedAt),
    kind: 'credit_note',
    series: 'AV',
    year,
    number,
    reference,
    orderId: order.id,
    refundId: refund.id,
    correctsId: invoice.id,
    total: refund.amount.amount,
    currency: refund.amount.currency,
    issuedAt,
    document,
  });
}
