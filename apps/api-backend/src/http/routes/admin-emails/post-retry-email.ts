import type { Request, Response } from 'express';
import { retryEmail } from '../../../domain/mail/admin-emails';

/** 202 with `{queued, outcome}`: requeued now, already waiting, or already sent (nothing to do). */
export async function postRetryEmail(req: Request, res: Response): Promise<void> {
  const { emailId } = req.valid.params as { emailId: string };
  const { outcome } = await retryEmail(req.ctx.db, emailId, req.auth!.userId);
  req.log?.info(
    { requestId: req.requestId, mailId: emailId, outcome },
    'admin asked to send an e-mail again',
  );
  res.status(202).json({ queued: outcome !== 'already_sent', outcome });
}
