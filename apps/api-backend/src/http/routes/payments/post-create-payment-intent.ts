import type { CreatePaymentIntentRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { createPaymentIntent } from '../../../domain/payments/create-payment-intent';

export async function postCreatePaymentIntent(req: Request, res: Response): Promise<void> {
  const result = await createPaymentIntent(req.ctx, {
    body: req.valid.body as CreatePaymentIntentRequest,
    userId: req.auth?.userId ?? null,
    idempotencyKey: req.get('idempotency-key') ?? null,
    clientIp: req.ip ?? '',
  });
  res.status(201).json(result);
}
