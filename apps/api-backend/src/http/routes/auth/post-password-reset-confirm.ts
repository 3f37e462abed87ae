import type { PasswordResetConfirm } from '@lumira/shared';
import type { Request, Response } from 'express';
import { resetPassword } from '../../../domain/auth/reset-password';

export async function postPasswordResetConfirm(req: Request, res: Response): Promise<void> {
  await resetPassword(req.ctx, req.body as PasswordResetConfirm);
  res.json({ reset: true });
}
