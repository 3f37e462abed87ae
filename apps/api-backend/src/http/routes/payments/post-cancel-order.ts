import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { toRefundView } from '../../../domain/orders/refund-view';
import { cancelOrder } from '../../../domain/payments/cancel-order';
import { viewersOf } from './viewers';

export async function postCancelOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const result = await cancelOrder(req.ctx, { orderId, viewers: viewersOf(req) });
  res.json({
    order: await loadOrderView(req.ctx.db, result.order, 'customer'),
    refund: result.refund ? toRefundView(result.refund) : null,
  });
}
