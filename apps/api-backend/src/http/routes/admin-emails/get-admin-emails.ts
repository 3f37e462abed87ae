import type { Request, Response } from 'express';
import type { MailStatus } from '../../../data/schema';
import { listAdminEmails } from '../../../domain/mail/admin-emails';

export async function getAdminEmails(req: Request, res: Response): Promise<void> {
  res.json(
    await listAdminEmails(
      req.ctx.db,
      req.valid.query as { status?: MailStatus; orderId?: string; limit?: number },
    ),
  );
}
