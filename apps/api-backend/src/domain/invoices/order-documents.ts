/**
 * An order's factures and avoirs, for whoever may read the order (its customer, by JWT, access token or
 * e-mail link; its expert; an admin): same rule and same 404 as the order itself.
 */
import { AppError, type OrderDocument } from '@lumira/shared';
import type { Kysely } from 'kysely';
import { listInvoicesOfOrder } from '../../data/invoices-repository';
import type { Database } from '../../data/schema';
import { getOrderForViewer } from '../orders/get-order-for-viewer';
import type { Viewer } from '../orders/order';
import type { InvoiceDocument } from './invoice-document';
import { renderInvoicePdf } from './render-invoice-pdf';

export async function listOrderDocuments(
  db: Kysely<Database>,
  orderId: string,
  viewers: readonly Viewer[],
): Promise<OrderDocument[]> {
  await getOrderForViewer(db, orderId, viewers);
  const documents = await listInvoicesOfOrder(db, orderId);
  return documents.map((d) => ({
    reference: d.reference,
    kind: d.kind,
    total: { amount: d.total, currency: d.currency },
    issuedAt: d.issuedAt.toISOString(),
    corrects: (d.document as InvoiceDocument).corrects?.reference ?? null,
    fileName: `${d.kind === 'invoice' ? 'facture' : 'avoir'}-${d.reference}.pdf`,
  }));
}

export async function getOrderDocumentPdf(
  db: Kysely<Database>,
  orderId: string,
  reference: string,
  viewers: readonly Viewer[],
): Promise<{ fileName: string; pdf: Buffer }> {
  await getOrderForViewer(db, orderId, viewers);
  const document = (await listInvoicesOfOrder(db, orderId)).find((d) => d.reference === reference);
  if (!document) throw new AppError('NOT_FOUND', 'Document not found');
  return {
    fileName: `${document.kind === 'invoice' ? 'facture' : 'avoir'}-${document.reference}.pdf`,
    pdf: await renderInvoicePdf(document.document as InvoiceDocument),
  };
}
