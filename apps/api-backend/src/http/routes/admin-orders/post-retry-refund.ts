import type { Request, Response } from 'express';
import { loadOrderView } from '../../../domain/orders/order-view';
import { toRefundView } from '../../../domain/orders/refund-view';
import { retryRefund } from '../../../domain/refunds/retry-refund';

export async function postRetryRefund(req: Request, res: Response): Promise<void> {
  const { refundId } = req.valid.params as { refundId: string };
  const result = await retryRefund(req.ctx, { refundId, adminUserId: req.auth!.userId });
  res.status(201).json({
    order: await loadOrderView(req.ctx.db, result.order, 'admin'),
    refund: result.refund ? toRefundView(result.refund) : null,
  });
}
