import type { AdminRefundRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { toRefundView } from '../../../domain/orders/refund-view';
import { refundOrderByAdmin } from '../../../domain/refunds/refund-order-by-admin';

export async function postRefundOrder(req: Request, res: Response): Promise<void> {
  const { orderId } = req.valid.params as { orderId: string };
  const body = req.valid.body as AdminRefundRequest;
  const result = await refundOrderByAdmin(req.ctx, { orderId, ...body, adminUserId: req.auth!.userId });
  res.status(201).json({
    order: await loadOrderView(req.ctx.db, result.order, 'admin'),
    refund: result.refund ? toRefundView(result.refund) : null,
  });
}
