import { AppError, isTierId, type UpdateTierRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { updateTier } from '../../../domain/catalog/update-tier';

export async function putTier(req: Request, res: Response): Promise<void> {
  const { tier } = req.valid.params as { tier: string };
  if (!isTierId(tier)) throw new AppError('NOT_FOUND', `No tier ${tier}`);
  res.json({ tier: await updateTier(req.ctx, tier, req.body as UpdateTierRequest, req.auth!.userId) });
}
