import type { AdminOrdersQuery } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listAdminOrders } from '../../../domain/orders/admin-orders';

export async function getAdminOrders(req: Request, res: Response): Promise<void> {
  res.json(await listAdminOrders(req.ctx, req.valid.query as AdminOrdersQuery));
}
