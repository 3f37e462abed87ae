import type { Request, Response } from 'express';
import { retryFailedEmail } from '../../../domain/mail/admin-emails';

export async function postRetryEmail(req: Request, res: Response): Promise<void> {
  const { emailId } = req.valid.params as { emailId: string };
  await retryFailedEmail(req.ctx.db, emailId);
  res.status(202).json({ queued: true });
}
