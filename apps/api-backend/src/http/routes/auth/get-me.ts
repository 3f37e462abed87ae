import type { Request, Response } from 'express';
import { getCurrentUser } from '../../../domain/auth/get-current-user';

export async function getMe(req: Request, res: Response): Promise<void> {
  res.json(await getCurrentUser(req.ctx, req.auth!));
}
