import type { Request, Response } from 'express';
import { handleWebhook } from '../../../domain/payments/handle-webhook';

/** Mounted BEFORE express.json(): `req.body` is the raw Buffer the signature was computed over. */
export async function postWebhook(req: Request, res: Response): Promise<void> {
  const result = await handleWebhook(req.ctx, {
    rawBody: Buffer.isBuffer(req.body) ? req.body : undefined,
    signature: req.get('stripe-signature'),
  });
  res.json(result);
}
