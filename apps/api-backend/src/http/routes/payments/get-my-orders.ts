import type { OrdersQuery } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listMyOrders } from '../../../domain/orders/list-my-orders';

export async function getMyOrders(req: Request, res: Response): Promise<void> {
  res.json(await listMyOrders(req.ctx, { userId: req.auth!.userId, ...(req.valid.query as OrdersQuery) }));
}
