import type { AdminUpdateExpertRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { updateExpert } from '../../../domain/experts/update-expert';

export async function patchExpert(req: Request, res: Response): Promise<void> {
  const { id } = req.valid.params as { id: string };
  res.json({
    expert: await updateExpert(req.ctx, id, req.body as AdminUpdateExpertRequest, req.auth!.userId),
  });
}
