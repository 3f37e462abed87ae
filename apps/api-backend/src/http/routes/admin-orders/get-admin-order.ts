import type { Request, Response } from 'express';
import { getAdminOrder as getAdminOrderView } from '../../../domain/orders/admin-orders';

export async function getAdminOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  res.json(await getAdminOrderView(req.ctx, orderId));
}
