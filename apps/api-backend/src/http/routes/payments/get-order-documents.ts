import type { Request, Response } from 'express';
import { listOrderDocuments } from '../../../domain/invoices/order-documents';
import { viewersOf } from './viewers';

/** GET /api/payments/order/:orderId/documents: the order's facture and avoirs (same access as the order). */
export async function getOrderDocuments(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  res.set('Cache-Control', 'private, no-store');
  res.json({ documents: await listOrderDocuments(req.ctx.db, orderId, viewersOf(req)) });
}
