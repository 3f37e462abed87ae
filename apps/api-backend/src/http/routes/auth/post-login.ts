import type { LoginRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { logIn } from '../../../domain/auth/log-in';

export async function postLogin(req: Request, res: Response): Promise<void> {
  res.json(await logIn(req.ctx, req.body as LoginRequest));
}
