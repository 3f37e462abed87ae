import type { ExpertsResponse } from '@lumira/shared';
import type { Request, Response } from 'express';
import { listPublicExperts } from '../../../domain/experts/list-public-experts';

export async function getExperts(req: Request, res: Response): Promise<void> {
  const body: ExpertsResponse = { experts: await listPublicExperts(req.ctx) };
  res.json(body);
}
