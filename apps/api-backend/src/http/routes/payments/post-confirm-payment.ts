import type { ConfirmPaymentRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { confirmPayment } from '../../../domain/payments/confirm-payment';

export async function postConfirmPayment(req: Request, res: Response): Promise<void> {
  res.json(await confirmPayment(req.ctx, req.valid.body as ConfirmPaymentRequest));
}
