import type { Request, Response } from 'express';
import { getOrderDocumentPdf } from '../../../domain/invoices/order-documents';
import { viewersOf } from './viewers';

/** GET /api/payments/order/:orderId/documents/:reference: the PDF (same access as the order). */
export async function getOrderDocumentPdfHandler(req: Request, res: Response): Promise<void> {
  const { orderId, reference } = req.valid.params as { orderId: string; reference: string };
  const { fileName, pdf } = await getOrderDocumentPdf(req.ctx.db, orderId, reference, viewersOf(req));
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'private, no-store',
  });
  res.send(pdf);
}
