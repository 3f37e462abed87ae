import type { NoShowRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { toRefundView } from '../../../domain/orders/refund-view';
import { markNoShow } from '../../../domain/sessions/mark-no-show';
import { expertIdOf } from './expert-id';

export async function postNoShow(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const { who } = req.valid.body as NoShowRequest;
  const result = await markNoShow(req.ctx, { orderId, expertId: expertIdOf(req), who });
  res.json({
    order: await loadOrderView(req.ctx.db, result.order, 'expert'),
    refund: result.refund ? toRefundView(result.refund) : null,
  });
}
