import type { ExpertsResponse } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listAllExperts } from '../../../domain/experts/list-public-experts';

export async function getAdminExperts(req: Request, res: Response): Promise<void> {
  const body: ExpertsResponse = { experts: await listAllExperts(req.ctx) };
  res.json(body);
}
