import type { Request, Response } from 'express';
import { getDeskOrder as getDeskOrderView } from '../../../domain/sessions/list-desk-orders';
import { expertIdOf } from './expert-id';

export async function getDeskOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  res.json(await getDeskOrderView(req.ctx, { expertId: expertIdOf(req), orderId }));
}
