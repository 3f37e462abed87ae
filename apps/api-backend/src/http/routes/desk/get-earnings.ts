import type { Request, Response } from 'express';
import { getEarnings as getExpertEarnings } from '../../../domain/sessions/get-earnings';
import { expertIdOf } from './expert-id';

export async function getEarnings(req: Request, res: Response): Promise<void> {
  const { days } = req.valid.query as { days?: number };
  res.json(await getExpertEarnings(req.ctx, { expertId: expertIdOf(req), ...(days ? { days } : {}) }));
}
