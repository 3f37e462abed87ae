import type { Request, Response } from 'express';
import { getOrderViewForViewer } from '../../../domain/orders/get-order-for-viewer';
import { viewersOf } from './viewers';

export async function getOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  res.json((await getOrderViewForViewer(req.ctx.db, orderId, viewersOf(req))).view);
}
