import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { startSession } from '../../../domain/sessions/start-session';
import { expertIdOf } from './expert-id';

export async function postStartSession(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const order = await startSession(req.ctx, { orderId, expertId: expertIdOf(req) });
  res.json({ order: await loadOrderView(req.ctx.db, order, 'expert') });
}
