import { PASSWORD_RESET_ACCEPTED_MESSAGE, type PasswordResetRequest } from '@lumira/shared';
import type { Request, Response } from 'express';
import { requestPasswordReset } from '../../../domain/auth/request-password-reset';

/** The same 202 for every address (no enumeration). */
export async function postPasswordResetRequest(req: Request, res: Response): Promise<void> {
  requestPasswordReset(req.ctx, (req.body as PasswordResetRequest).email);
  res.status(202).json({ accepted: true, message: PASSWORD_RESET_ACCEPTED_MESSAGE });
}
