import type { VerifyEmailRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { verifyEmail } from '../../../domain/auth/verify-email';

export async function postVerifyEmail(req: Request, res: Response): Promise<void> {
  res.json(await verifyEmail(req.ctx, (req.body as VerifyEmailRequest).token));
}
