import type { EndSessionRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { endSession } from '../../../domain/sessions/end-session';
import { expertIdOf } from './expert-id';

export async function postEndSession(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const order = await endSession(req.ctx, {
    orderId,
    expertId: expertIdOf(req),
    ...(req.valid.body as EndSessionRequest),
  });
  res.json({ order: await loadOrderView(req.ctx.db, order, 'expert') });
}
