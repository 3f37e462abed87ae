import type { Request, Response } from 'express';
import { getOrderForViewer } from '../../../domain/orders/get-order-for-viewer';
import { loadOrderView } from '../../../domain/orders/order-view';
import { viewersOf } from './viewers';

export async function getOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const { order, role } = await getOrderForViewer(req.ctx.db, orderId, viewersOf(req));
  res.json(await loadOrderView(req.ctx.db, order, role));
}
